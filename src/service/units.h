#pragma once
// The unit tree's use cases: units created, changed and closed into their successors (R16), unit groups with their
// members by hand or by rule (issues 12, 14) — each write in the caller's transaction, raising service::Error and
// auditing what it writes with the same entries the resident models follow. A group's members owe its live tasks
// from the instant they join until the one they leave; the dates before keep the members and the work they had.
// The rules are domain/units, domain/succession and domain/st_task; the SQL is store/plan_store and
// store/succession_store.
#include <boost/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "domain/date.h"
#include "service/call.h"
#include "service/errors.h"
#include "store/plan_store.h"

namespace tiendo::service {

struct UnitsPage {
  boost::json::array items;
  long long total = 0;
};

UnitsPage list_units(store::Connection& c, const store::UnitFilter& f, store::Page page);
// The unit a query narrows to (a list's or a page's `unit_id`), when it exists (else invalid) and lies within the
// actor's subtree (else forbidden, `outside` saying why).
store::Unit scoped_unit(store::Connection& c, const Actor& who, store::Id unit_id,
                        const char* outside = "Đơn vị này nằm ngoài phạm vi của bạn.");
// A unit with its successions (R16): `successors` when it closed into others, `predecessors` when it took over.
boost::json::object unit_view(store::Connection& c, store::Id id);

// The fields of a unit a person sent (nothing: kept; a day given as null clears it).
struct UnitChange {
  std::optional<std::string> name, short_name, kind, peer_group;
  std::optional<std::optional<domain::Date>> active_from, active_to;
};
// A new unit under `parent_id` (R12: a commune, ward or special zone is compared with communes unless a peer group
// is given); it joins the groups whose rule names its kind.
boost::json::object create_unit(const Call& call, const std::string& code, std::optional<store::Id> parent_id,
                                const UnitChange& change);
// The unit changed; a new kind moves it between the groups defined by rule.
boost::json::object update_unit(const Call& call, store::Id id, const UnitChange& change);

// R16: the unit closes the day before `closing`; its open work and follow-ups pass to its successors (the work a
// successor names is its own, the rest goes to the first), and the successors join its groups.
struct SuccessorChoice {
  store::Id unit_id = 0;
  std::vector<store::Id> assignment_ids;
};
boost::json::object close_unit(const Call& call, store::Id id, domain::Date closing, const std::string& reason,
                               const std::vector<SuccessorChoice>& successors);

UnitsPage list_unit_groups(store::Connection& c, const std::optional<std::string>& q, store::Page page);
// A group with its members and, for a group defined by rule, the unit kinds it holds.
boost::json::object unit_group_view(store::Connection& c, store::Id id);
// A new group, of the members named or, with `member_kinds`, of every unit of those kinds.
boost::json::object create_unit_group(const Call& call, const std::string& code, const std::string& name,
                                      const std::vector<store::Id>& member_ids,
                                      const std::vector<std::string>& member_kinds);
// Issue 14: the group defined by rule from now on (an empty list makes it hand-made again, keeping its members).
boost::json::object set_unit_group_rule(const Call& call, store::Id id, const std::vector<std::string>& member_kinds);
// Issue 12: a hand-made group's members from now on.
boost::json::object set_unit_group_members(const Call& call, store::Id id, const std::vector<store::Id>& member_ids);

}  // namespace tiendo::service
