#pragma once
// Signed events for the city's platforms (issue 18): recording what happened, the daily scan for what time
// causes, and the sender that delivers each event to each subscriber over HTTPS, at least once, with a
// stable event id so a receiver that remembers ids sees it once.
#include <boost/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "domain/date.h"
#include "domain/exchange.h"
#include "store/db.h"

namespace tiendo::service {

// Where and how signed events may be sent (issue 18): only to the destinations listed here.
struct ExchangeConfig {
  std::vector<std::string> allowlist;  // "host" (port 443) or "host:port"
  std::string ca_file;                 // extra trusted CA (the city's own); the system's CAs are always trusted
  int timeout_ms = 10000;              // for one whole request: connect, TLS, send, answer
  int max_attempts = 10;               // then the delivery is failed until an admin replays it
};

// Records an event in the caller's transaction (once per key) and queues it for every subscriber to its
// type. `data` is the event's own content; the body adds the id, type and instant. False when the key was
// recorded before.
bool emit_event(store::Connection& c, const std::string& type, const std::string& key, boost::json::object data,
                domain::Instant at);

// Once per day (whatever restarts or instances): an event for every assignment overdue today that had none
// for its current deadline, and one for every indicator whose city-wide status (R9, the judged period) differs
// from the status its last such event carried. Returns how many were recorded.
int scan_time_events(store::Database& db, domain::Instant now);

// Sends the due deliveries (leased, so two instances never send one at once); returns how many succeeded.
int deliver_events(store::Database& db, const ExchangeConfig& cfg, domain::Instant now);

// Issue 18, item 3: an upstream system's column template, read from its stored row.
domain::OutboxTemplate outbox_template(const std::string& columns_json, const std::string& status_map_json);

struct OutboxPrepared {
  int items = 0;                              // prepared or found unchanged
  int changed = 0;                            // new, or changed since last prepared (back to prepared)
  int queued = 0;                             // handed to a system's HTTP connector
  std::vector<std::string> without_template;  // systems with linked work but no column template
};
// The outbox for the month `period` ("2026-11"), for one upstream system or, when none is given, for all: for
// every assignment whose task implements an upstream task of the system, its update as its unit reported it
// for that period (the last report submitted or beyond), laid out by the upstream system's template with the
// assignment's status now; and, for pakn.nq57.vn, the feedback initiatives and product orders received in that
// month. Counts are of this month and system only. Unchanged items stay as they are (marks kept); new and
// changed ones are queued for the system's connector if it has one. Safe to run again and from two instances.
OutboxPrepared prepare_outbox(store::Database& db, const std::string& period, const std::optional<std::string>& system,
                              domain::Instant now);

}  // namespace tiendo::service
