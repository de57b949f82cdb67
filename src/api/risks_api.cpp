// Issue 17: early warning. The open work with a deadline that is at risk of finishing late at as_of — expected
// after its deadline from its reported progress (domain::forecast), or stalled — with the reason in words, and
// where that risk concentrates (directing leader, lead unit, coordinating unit, unit group, field). Shown beside the
// rule-based statuses, which stay as they are; never part of the ranking. Computed on request, apart from the
// dashboard's figures.
#include <algorithm>
#include <map>
#include <unordered_map>

#include "api/json_io.h"
#include "api/router.h"
#include "domain/bottleneck.h"
#include "service/risks.h"
#include "store/forecast_store.h"
#include "store/plan_store.h"

namespace tiendo::api {

namespace json = boost::json;

namespace {

json::array ranked(const std::map<std::string, std::vector<store::Id>>& groups) {
  std::vector<std::pair<std::string, std::vector<store::Id>>> list(groups.begin(), groups.end());
  // The most at-risk work first; equal counts by name, so the order is the same on every request.
  std::stable_sort(list.begin(), list.end(),
                   [](const auto& x, const auto& y) { return x.second.size() > y.second.size(); });
  json::array out;
  for (const auto& [name, ids] : list) {
    json::array assignment_ids;
    for (auto id : ids) assignment_ids.push_back(id);
    out.push_back(json::object{{"name", name},
                               {"count", static_cast<std::int64_t>(ids.size())},
                               {"assignment_ids", std::move(assignment_ids)}});
  }
  return out;
}

Response list_risks(Context& ctx) {
  const auto directive_id = query_id(ctx.req, "directive_id");
  const auto unit_id = query_id(ctx.req, "unit_id");
  return ctx.db.read([&](store::Connection& c) {
    const auto& p = ctx.user();
    std::optional<std::string> scope = p.scope_path();
    if (unit_id) {
      auto u = store::find_unit(c, *unit_id);
      if (!u) throw bad_request("unit_id", "Không tìm thấy đơn vị.");
      if (!p.in_scope(u->path)) throw forbidden("Đơn vị này nằm ngoài phạm vi của bạn.");
      scope = u->path;
    }
    service::Evaluator ev(c, ctx.as_of(), ctx.now);
    const auto found = service::find_risks(c, ev, directive_id, scope);
    json::array items;
    std::map<std::string, std::vector<store::Id>> by_leader, by_unit, by_field, by_coordinator, by_group;
    // Work whose task has coordinating units waits on their part too; a lead unit counts in each group it was a
    // member of at the end of as_of (R15).
    std::unordered_map<store::Id, std::vector<std::string>> coordinators;
    store::each_task_coordinator(
        c, [&](store::Id task, std::string_view name) { coordinators[task].emplace_back(std::string(name)); });
    std::unordered_map<store::Id, std::vector<std::string>> groups_of;
    {
      std::map<store::Id, std::string> group_name;
      for (const auto& g : store::list_unit_groups(c, std::nullopt, store::Page{100000, 0}, nullptr))
        group_name[g.id] = g.name;
      for (const auto& [group, members] : store::group_members_known_before(c, ev.known_before().value_or("9999")))
        for (auto unit : members) groups_of[unit].push_back(group_name[group]);
    }
    for (const auto& r : found.items) {
      const auto& a = *r.a;
      items.push_back(json::object{
          {"assignment_id", a.id},
          {"task_id", a.task_id},
          {"task_code", a.task->code},
          {"task_name", a.task->name},
          {"unit_id", a.unit_id},
          {"unit_name", a.unit->name},
          {"directing_leader", a.task->directing_leader},
          {"field", a.task->field},
          {"due", domain::iso(r.due)},
          {"progress_percent", r.f.progress},
          {"expected_done", r.f.expected_done ? json::value(domain::iso(*r.f.expected_done)) : json::value(nullptr)},
          {"method", std::string(domain::to_string(r.f.method))},
          {"stalled", r.f.stalled},
          {"unchanged_periods", r.f.unchanged_periods},
          {"reason", r.f.reason},
      });
      by_leader[a.task->directing_leader.empty() ? "(chưa ghi)" : a.task->directing_leader].push_back(a.id);
      by_unit[a.unit->name].push_back(a.id);
      by_field[a.task->field.empty() ? "(chưa ghi)" : a.task->field].push_back(a.id);
      if (auto it = coordinators.find(a.task_id); it != coordinators.end())
        for (const auto& name : it->second) by_coordinator[name].push_back(a.id);
      if (auto it = groups_of.find(a.unit_id); it != groups_of.end())
        for (const auto& name : it->second) by_group[name].push_back(a.id);
    }
    json::array obstacles;
    for (const auto& g : domain::group_texts(found.obstacle_texts)) {
      if (g.members.size() < 2) break;  // largest first: said once is not yet a bottleneck
      json::array ids;
      for (size_t i : g.members) ids.push_back(found.obstacle_of[i]);
      obstacles.push_back(json::object{{"name", g.text},
                                       {"count", static_cast<std::int64_t>(g.members.size())},
                                       {"assignment_ids", std::move(ids)}});
    }
    return json_response(200, json::object{{"as_of", domain::iso(ev.as_of())},
                                           {"forecast_count", found.forecast_count},
                                           {"stalled_periods", found.stalled_periods},
                                           {"items", std::move(items)},
                                           {"bottlenecks", json::object{{"directing_leader", ranked(by_leader)},
                                                                        {"lead_unit", ranked(by_unit)},
                                                                        {"coordinating_unit", ranked(by_coordinator)},
                                                                        {"unit_group", ranked(by_group)},
                                                                        {"field", ranked(by_field)},
                                                                        {"difficulties", std::move(obstacles)}}}});
  });
}

}  // namespace

void register_risks(Router& r) { r.add("GET", "/api/v1/risks", Permission::read_unit_data, list_risks); }

}  // namespace tiendo::api
