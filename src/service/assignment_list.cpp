#include "service/assignment_list.h"

#include <algorithm>
#include <map>

#include "domain/assignment_status.h"
#include "domain/text.h"
#include "store/plan_store.h"

namespace tiendo::service {

bool on_warning_list(const EvaluatedAssignment& x) {
  using S = domain::AssignmentStatus;
  const auto s = x.e.status;
  if (!x.counted) return false;                                       // R1: no warning outside a unit's active days
  return s == S::overdue || s == S::due_soon || x.e.missed_update();  // R5
}

std::optional<ListOrder> list_order_from(std::string_view text) {
  using K = ListOrder::Key;
  ListOrder o;
  if (text.starts_with('-')) {
    o.descending = true;
    text.remove_prefix(1);
  }
  static constexpr std::pair<std::string_view, K> kKeys[] = {{"unit", K::unit},
                                                             {"task", K::task},
                                                             {"directing_leader", K::directing_leader},
                                                             {"field", K::field},
                                                             {"due", K::due},
                                                             {"progress", K::progress},
                                                             {"status", K::status},
                                                             {"overdue_days", K::overdue_days}};
  for (const auto& [name, key] : kKeys) {
    if (name == text) {
      o.key = key;
      return o;
    }
  }
  return std::nullopt;
}

namespace {

// Negative, zero or positive as `a` comes before, with or after `b` in the ascending order of `key`. A row
// without a deadline comes after every dated one, whichever the direction: it is never the most urgent.
int compare(const EvaluatedAssignment& a, const EvaluatedAssignment& b, ListOrder::Key key,
            const std::map<const void*, std::string>& folded) {
  using K = ListOrder::Key;
  const auto text = [&](const void* x, const void* y) {
    const auto& fx = folded.at(x);
    const auto& fy = folded.at(y);
    return fx < fy ? -1 : fx > fy ? 1 : 0;
  };
  switch (key) {
    case K::unit:
      return text(a.a->unit.get(), b.a->unit.get());
    case K::task:
      if (a.a->directive_id != b.a->directive_id) return a.a->directive_id < b.a->directive_id ? -1 : 1;
      return a.a->task_id < b.a->task_id ? -1 : a.a->task_id > b.a->task_id ? 1 : 0;
    case K::directing_leader:
      return text(&a.a->task->directing_leader, &b.a->task->directing_leader);
    case K::field:
      return text(&a.a->task->field, &b.a->task->field);
    case K::due:
      return *a.e.due < *b.e.due ? -1 : *a.e.due > *b.e.due ? 1 : 0;
    case K::progress:
      return a.a->progress_percent - b.a->progress_percent;
    case K::status:
      return domain::attention_rank(a.e.status) - domain::attention_rank(b.e.status);
    case K::overdue_days:
      return a.e.overdue_days - b.e.overdue_days;
  }
  return 0;
}

}  // namespace

void sort_assignments(std::vector<EvaluatedAssignment>& rows, const ListOrder& order) {
  using K = ListOrder::Key;
  // Names folded once (no diacritics, lower case: "Lê Chân" sorts as Vietnamese readers expect beside "Le"),
  // keyed by the header or string they belong to, which many rows share.
  std::map<const void*, std::string> folded;
  for (const auto& x : rows) {
    folded.try_emplace(x.a->unit.get(), domain::fold(x.a->unit->name));
    folded.try_emplace(&x.a->task->directing_leader, domain::fold(x.a->task->directing_leader));
    folded.try_emplace(&x.a->task->field, domain::fold(x.a->task->field));
  }
  std::stable_sort(rows.begin(), rows.end(), [&](const EvaluatedAssignment& a, const EvaluatedAssignment& b) {
    if (order.key == K::due && (!a.e.due || !b.e.due)) return a.e.due.has_value() && !b.e.due.has_value();
    const int c = compare(a, b, order.key, folded);
    return order.descending ? c > 0 : c < 0;
  });
}

std::optional<GroupBy> group_by_from(std::string_view text) {
  for (GroupBy g : {GroupBy::unit, GroupBy::task, GroupBy::directing_leader, GroupBy::field})
    if (to_string(g) == text) return g;
  return std::nullopt;
}

std::string_view to_string(GroupBy g) {
  switch (g) {
    case GroupBy::unit:
      return "unit";
    case GroupBy::task:
      return "task";
    case GroupBy::directing_leader:
      return "directing_leader";
    case GroupBy::field:
      return "field";
  }
  return "unit";
}

std::vector<AssignmentGroup> group_assignments(const std::vector<EvaluatedAssignment>& rows, GroupBy by) {
  std::map<std::string, AssignmentGroup> groups;
  for (const auto& x : rows) {
    const auto& a = *x.a;
    AssignmentGroup g;
    switch (by) {
      case GroupBy::unit:
        g = {std::to_string(a.unit_id), a.unit->name, "unit_id", std::to_string(a.unit_id)};
        break;
      case GroupBy::task:
        g = {std::to_string(a.task_id), a.task->code + ". " + a.task->name, "task_id", std::to_string(a.task_id)};
        break;
      case GroupBy::directing_leader:
        g = {a.task->directing_leader, a.task->directing_leader, "directing_leader", a.task->directing_leader};
        break;
      case GroupBy::field:
        g = {a.task->field, a.task->field, "field", a.task->field};
        break;
    }
    auto& group = groups.try_emplace(g.key, std::move(g)).first->second;
    ++group.listed;
    if (!x.counted) continue;  // R1: listed, but neither counted nor warned
    ++group.counted;
    ++group.by_status[static_cast<size_t>(x.e.status)];
    if (on_warning_list(x)) ++group.warnings;
  }
  std::vector<AssignmentGroup> out;
  out.reserve(groups.size());
  for (auto& [key, g] : groups) out.push_back(std::move(g));
  std::vector<std::string> folded;
  folded.reserve(out.size());
  for (const auto& g : out) folded.push_back(domain::fold(g.label));
  std::vector<size_t> order(out.size());
  for (size_t i = 0; i < order.size(); ++i) order[i] = i;
  std::sort(order.begin(), order.end(), [&](size_t i, size_t j) {
    const auto& a = out[i];
    const auto& b = out[j];
    if (a.overdue() != b.overdue()) return a.overdue() > b.overdue();
    if (a.warnings != b.warnings) return a.warnings > b.warnings;
    if (a.listed != b.listed) return a.listed > b.listed;
    if (folded[i] != folded[j]) return folded[i] < folded[j];
    return a.key < b.key;
  });
  std::vector<AssignmentGroup> sorted;
  sorted.reserve(out.size());
  for (size_t i : order) sorted.push_back(std::move(out[i]));
  return sorted;
}

ListFilterNames list_filter_names(store::Connection& c, std::optional<store::Id> unit_id,
                                  std::optional<store::Id> directive_id) {
  ListFilterNames out;
  if (unit_id) {
    if (auto u = store::find_unit(c, *unit_id)) out.unit_name = u->name;
  }
  if (directive_id) {
    if (auto d = store::find_directive(c, *directive_id)) out.plan_number = d->number;
  }
  return out;
}

}  // namespace tiendo::service
