#pragma once
// The drill-down list of assignments as a leader reads it (issue 14, item 7): which rows are on the warning list,
// the list sorted by any of its columns, and the list grouped by unit, task, directing leader or field with the
// status counts of each group, worst first. The page, its .xlsx and the grouped table all come from here, so what
// is exported is what is shown.
#include <array>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "service/evaluation.h"
#include "store/db.h"

namespace tiendo::service {

// R5: on the warning list — counted (R1) and overdue, due soon or without its update for the judged period.
bool on_warning_list(const EvaluatedAssignment& x);

// A column to sort by, ascending or descending: "unit", "task", "directing_leader", "field", "due", "progress",
// "status" (the one needing attention most first), "overdue_days"; a leading '-' reverses it. Ties keep the
// list's own order, so a sorted warning list stays in warning order within equal keys.
struct ListOrder {
  enum class Key { unit, task, directing_leader, field, due, progress, status, overdue_days } key = Key::unit;
  bool descending = false;
};
std::optional<ListOrder> list_order_from(std::string_view text);
void sort_assignments(std::vector<EvaluatedAssignment>& rows, const ListOrder& order);

enum class GroupBy { unit, task, directing_leader, field };
std::optional<GroupBy> group_by_from(std::string_view text);
std::string_view to_string(GroupBy g);

// One group of the list: every row listed in it, and, of those counted (R1), the count per status and on the
// warning list. `filter` is the query parameter and value that list exactly this group's rows.
struct AssignmentGroup {
  std::string key, label;
  std::string filter_param, filter_value;
  long long listed = 0;
  long long counted = 0;
  long long warnings = 0;
  std::array<long long, domain::kAssignmentStatusCount> by_status{};
  long long overdue() const { return by_status[static_cast<size_t>(domain::AssignmentStatus::overdue)]; }
};
// The groups, worst first: most overdue, then most on the warning list, then most rows, then by label (folded).
// A row without a directing leader or field falls in the group whose label is empty.
std::vector<AssignmentGroup> group_assignments(const std::vector<EvaluatedAssignment>& rows, GroupBy by);

// What an exported list's title names its filters by (issue 14, item 10): the unit's name and the plan's number,
// each when the query names one that exists.
struct ListFilterNames {
  std::optional<std::string> unit_name, plan_number;
};
ListFilterNames list_filter_names(store::Connection& c, std::optional<store::Id> unit_id,
                                  std::optional<store::Id> directive_id);

}  // namespace tiendo::service
