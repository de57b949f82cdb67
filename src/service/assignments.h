#pragma once
// The use cases of assignments as the API runs them: the list for a query within the actor's units (one unit's list
// for today read from the resident model), one assignment with its report history as known at a date, and the changes
// to one — completion confirmed or reopened, a decision (continue, pause, cancel), conditional work triggered, the
// effective deadline moved — each in the caller's transaction, audited with the assignment as judged before and after.
// An assignment outside the actor's units is not found, as if it did not exist. The list's order and groups are
// assignment_list; the statuses are domain/assignment_status; the SQL is store/plan_store and store/report_store.
#include <boost/json.hpp>
#include <memory>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "domain/date.h"
#include "service/assignment_list.h"
#include "service/call.h"
#include "service/evaluation.h"
#include "store/db.h"

namespace tiendo::service {

class DashboardModel;

// The list's query: what the store filters (its scope and unit are the use case's to set from `unit_id`), then what
// is applied to the evaluated rows.
struct AssignmentQuery {
  store::AssignmentFilter f;
  std::optional<store::Id> unit_id;
  bool subtree = false;  // the unit's whole subtree, not its own work alone
  std::set<std::string> statuses;
  bool warnings_only = false;                   // R5, in the dashboard's warning order (issue 14)
  std::optional<std::string> due_from, due_to;  // YYYY-MM-DD
  std::optional<ListOrder> order;
};

// The rows a query lists, in the list's order, with what they point into: the resident model's share of the unit
// or the evaluator that read them.
struct MatchedAssignments {
  std::vector<EvaluatedAssignment> rows;
  std::shared_ptr<const void> held;
  std::unique_ptr<Evaluator> ev;
};

// One unit's list for today (the commune's overdue list, the page a focal point opens most), read from the resident
// model, current with the change feed, when the query filters nothing the model does not hold: no evaluation, and no
// SQL but the feed's check (issue 13). Nothing when the query is not such a list; forbidden outside the actor's units.
std::optional<MatchedAssignments> resident_assignments(store::Database& db, DashboardModel& model, const Actor& who,
                                                       const AssignmentQuery& q, domain::Date as_of,
                                                       domain::Instant now);
// The list evaluated at `as_of` within the actor's units; a unit filter outside them is forbidden, an unknown unit
// invalid. A past date reads the history of the unit or subtree listed, not the nation's.
MatchedAssignments matched_assignments(store::Connection& c, const Actor& who, const AssignmentQuery& q,
                                       domain::Date as_of, domain::Instant now);

// The assignment `id` as judged at `as_of`, with its task (its deadline words as they were, issue 12) and its report
// history: what the unit said each period when it last submitted it, newest first, with its evidence.
boost::json::object assignment_view(store::Connection& c, const Actor& who, store::Id id, domain::Date as_of,
                                    domain::Instant now);

// Each change answers the assignment as judged today.
// Completion confirmed on `done_on` (today when not given, never in the future), once, of work that can end.
boost::json::object confirm_completion(const Call& call, store::Id id, std::optional<domain::Date> done_on);
boost::json::object reopen_completion(const Call& call, store::Id id);
// `decision`: active (continue), paused or cancelled (domain::decision_from), from `on` (today when not given).
boost::json::object decide_assignment(const Call& call, store::Id id, const std::string& decision,
                                      std::optional<domain::Date> on);
// Conditional work ("khi có hướng dẫn") starts on `on` (today when not given), with its deadline when known.
boost::json::object trigger_assignment(const Call& call, store::Id id, std::optional<domain::Date> on,
                                       std::optional<domain::Date> due);
// The effective deadline moves (the original stays); why is kept in the audit entry, part of the record.
boost::json::object set_effective_due(const Call& call, store::Id id, domain::Date due, const std::string& reason);

}  // namespace tiendo::service
