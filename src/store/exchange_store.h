#pragma once
// Exchange with other systems: the named external systems and each item's code in them, the event
// subscriptions, the events themselves and their leased deliveries with the log of every attempt.
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "store/db.h"
#include "store/model.h"

namespace tiendo::store {

struct ExternalSystem {
  std::string code, name, note, created_at;
};
std::vector<ExternalSystem> list_external_systems(Connection& c);
std::optional<ExternalSystem> find_external_system(Connection& c, const std::string& code);
void insert_external_system(Connection& c, const ExternalSystem& s);

struct ExternalCode {
  Id id = 0;
  std::string entity;
  Id entity_id = 0;
  std::string system, system_name, code, note, valid_from;
};
// The codes an item carries now, by system.
std::vector<ExternalCode> external_codes_of(Connection& c, const std::string& entity, Id entity_id);
// The items that carry `code` in `system` now (several city items may share one upstream code).
std::vector<ExternalCode> find_by_external_code(Connection& c, const std::string& system, const std::string& code);
// Closes the item's current code in the system, if any, and opens `code` unless it is nothing; returns the
// code it replaced. The closed row stays: what an item was called upstream on a past day can be read.
std::optional<std::string> set_external_code(Connection& c, const std::string& entity, Id entity_id,
                                             const std::string& system, const std::optional<std::string>& code,
                                             const std::string& note, const std::string& at, std::optional<Id> by);

// Issue 18 exports: each item's code per system as known before `before` (now, when nothing), for one kind of
// item: entity_id -> system -> code.
std::map<Id, std::map<std::string, std::string>> external_codes_known(Connection& c, const std::string& entity,
                                                                      const std::optional<std::string>& before);
// Every unit's own code (the city's), by id.
std::map<Id, std::string> unit_codes(Connection& c);
// Indicator values counted now (the last submission of each indicator, unit and period), with the
// indicator's and unit's codes and names: indicator_id, indicator code, name, unit of measure, unit_id, unit
// code, unit name, period, numerator, denominator, value, estimated_full_year, updated_at.
Rows export_indicator_values(Connection& c, const std::optional<std::string>& period);

struct EventSubscription {
  Id id = 0;
  std::string name, url, secret, event_types;  // event_types: comma-separated
  bool active = true;
  std::string created_at;
};
Id insert_subscription(Connection& c, const EventSubscription& s, Id by);
std::vector<EventSubscription> list_subscriptions(Connection& c);
std::optional<EventSubscription> find_subscription(Connection& c, Id id);
void set_subscription_active(Connection& c, Id id, bool active);

// Records what happened once per key and queues one delivery for every active subscription to its type, in
// the caller's transaction; false when the key was recorded before (nothing queued again).
bool record_event(Connection& c, const std::string& event_id, const std::string& key, const std::string& type,
                  const std::string& occurred_at, const std::string& payload);

struct ClaimedDelivery {
  Id id = 0;
  int attempt = 0;  // this attempt's number, from 1
  std::string url, secret, event_id, type, payload;
};
// Leases up to `limit` due deliveries to the caller under `token` until `lease_until`. A delivery whose
// sender died stays leased until then, and is taken again after.
std::vector<ClaimedDelivery> claim_event_deliveries(Connection& c, const std::string& now,
                                                    const std::string& lease_until, const std::string& token,
                                                    int limit);

struct AttemptResult {
  bool sent = false;
  std::optional<int> http_status;
  std::string error;
  std::string started_at;
  long long duration_ms = 0;
};
// Records one attempt. Only the current lease holder moves the delivery (to sent, back to pending at
// `retry_at`, or to failed after `max_attempts`); an attempt whose lease was taken over is logged as
// superseded. Returns the outcome logged: "sent", "failed" or "superseded".
std::string finish_event_delivery(Connection& c, Id id, const std::string& token, const AttemptResult& r,
                                  const std::string& now, const std::string& retry_at, int max_attempts);

struct DeliveryFilter {
  std::optional<std::string> state;
  std::optional<Id> subscription_id;
};
// id, event_id, type, occurred_at, subscription_id, subscription name, state, attempts, next_attempt_at,
// last_error, sent_at — newest first.
Rows list_event_deliveries(Connection& c, const DeliveryFilter& f, Page page, long long* total);
std::optional<Row> find_event_delivery(Connection& c, Id id);  // the same columns, then payload
// attempt, started_at, outcome, http_status, error, duration_ms — in order.
Rows event_attempts(Connection& c, Id delivery_id);
// A failed delivery goes back to pending with its attempts counted from zero; false when it is not failed.
bool replay_event_delivery(Connection& c, Id id, const std::string& now);

// Whether the day's scan of time-caused events was done; taking the day for it, false when another run or
// instance took it.
bool event_scan_day_done(Connection& c, const std::string& day);
bool claim_event_scan_day(Connection& c, const std::string& day, const std::string& at);

}  // namespace tiendo::store
