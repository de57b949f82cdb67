#pragma once
// Exchange with other systems (issue 18), the use cases of the plan's identities elsewhere: the external systems,
// each item's code in them and the items that carry one code, the programs from above with the links of the city's
// tasks to their tasks and the roll-up per upstream task — each in the caller's transaction, raising service::Error
// and auditing what it writes, answering as the API does. The rules are domain/exchange, the SQL
// store/exchange_store. The bulk exports are service/exchange_exports, the outbox service/outbox, the subscriptions
// and their deliveries service/event_subscriptions, the background sending service/exchange_job.
#include <boost/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "domain/date.h"
#include "service/call.h"
#include "service/errors.h"
#include "store/db.h"
#include "store/model.h"

namespace tiendo::service {

boost::json::array external_systems(store::Connection& c);
struct NewExternalSystem {
  std::string code, name, note;
};
// An admin's new system, under a code no other system has.
boost::json::object create_external_system(const Call& call, const NewExternalSystem& in);

// Whether the item exists and the actor may see it, as its own page decides: the plan is shared with the city's
// roles (not a host organisation's officers); an assignment is seen within the actor's unit subtree, a feedback item
// by those its inbox shows it to, an S&T task by those who host or manage it.
bool external_item_visible(store::Connection& c, const Actor& who, const std::string& entity, store::Id id);

// Refuses a kind of item that carries no external codes, naming the field `entity`.
void check_external_entity(const std::string& entity);

// The items carrying `code` in `system` that the actor may see (on the national S&T platform, the S&T tasks with
// that national code too).
boost::json::array items_with_code(const Call& call, const std::string& system, const std::string& code);
// The codes of one item the actor may see (an S&T task's national code among them); not found otherwise.
boost::json::array codes_of_item(const Call& call, const std::string& entity, store::Id id);

// Sets (or, with no code, removes) an item's code in one system; the old code's row is kept, closed. Answers the
// item's codes.
struct CodeChange {
  std::string entity;
  store::Id entity_id = 0;
  std::string system;
  std::optional<std::string> code;
  std::string note;
};
boost::json::array set_item_code(const Call& call, const CodeChange& in);

// Issue 18, item 2: the programs from above.
boost::json::array upstream_programs(store::Connection& c);
// The upstream tasks the city task `task_id` implements now.
boost::json::array upstream_links(store::Connection& c, store::Id task_id);
// Makes the listed upstream tasks the ones the city task implements (an empty list removes every link); answers
// upstream_links.
boost::json::array set_upstream_links(const Call& call, store::Id task_id, const std::vector<store::Id>& wanted);
// Per upstream task of the program at as_of (R15: links, tasks and assignments as known at the end of that day):
// the share of its linked city assignments done and the worst status among them.
boost::json::object program_rollup(store::Connection& c, store::Id program_id, domain::Date as_of, domain::Instant now);

}  // namespace tiendo::service
