#pragma once
// The outbox to upstream systems (issue 18, item 3), its use cases: each system's column template, preparing a
// month's items (service/exchange_job lays them out and queues them for a system's connector), the items listed,
// read and exported for a clerk to copy, and the clerk's marks — entered upstream by hand, acknowledged there. Each
// write in the caller's transaction, raising service::Error and auditing; the SQL is store/exchange_store.
#include <boost/json.hpp>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "service/call.h"
#include "service/errors.h"
#include "service/exchange_exports.h"
#include "store/exchange_store.h"

namespace tiendo::service {

// Every system's template, with the fields a column may take so the admin's form offers exactly those the check
// accepts.
boost::json::object outbox_templates(store::Connection& c);

// A system's template as the admin typed it: its columns in order (a field and a header, either empty when not
// given: the check names the column) and the city statuses in the system's words.
struct TemplateInput {
  std::vector<std::pair<std::string, std::string>> columns;     // field, header
  std::vector<std::pair<std::string, std::string>> status_map;  // city status code -> the system's word
  std::string note;
  bool assumed = false;  // not yet checked against the system's real entry screen
};
// Creates or replaces the template of a known system.
boost::json::object save_outbox_template(const Call& call, const std::string& system, const TemplateInput& in);

// Prepares the month `period` ("2026-11") for one system or, with none, for every system (service/exchange_job's
// prepare_outbox, in its own transactions), then audits what it did in one more. Answers the counts.
boost::json::object prepare_outbox_month(store::Database& db, const Actor& who, domain::Instant now, bool postgres,
                                         const std::optional<std::string>& period,
                                         const std::optional<std::string>& system);

// The items of a system, a state, a period or a kind; a state must be one an item goes through.
struct OutboxQuery {
  store::OutboxFilter filter;
  store::Page page;
};
struct OutboxPage {
  boost::json::array items;
  long long total = 0;
};
OutboxPage outbox_items(store::Connection& c, const OutboxQuery& q);
// One item with what its connector sends.
boost::json::object outbox_item(store::Connection& c, store::Id id);

// A clerk entered the item upstream by hand: on which day (not after today), under which reference there.
boost::json::object mark_outbox_entered(const Call& call, store::Id id, domain::Date day, const std::string& reference);
// Upstream acknowledged a sent or entered item.
boost::json::object mark_outbox_acknowledged(const Call& call, store::Id id, const std::string& reference);

// One system's items (of `filter`) laid out by its template, for a clerk to copy: the template's columns in order,
// then the item's number and state so the marks can be made against the right item.
ExportTable outbox_export(store::Connection& c, const store::OutboxFilter& filter);

}  // namespace tiendo::service
