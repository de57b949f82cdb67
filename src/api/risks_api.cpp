// Issue 17: early warning. The open work with a deadline that is at risk of finishing late at as_of — expected
// after its deadline from its reported progress (domain::forecast), or stalled — with the reason in words, and
// where that risk concentrates (directing leader, lead unit, field). Shown beside the rule-based statuses, which
// stay as they are; never part of the ranking. Computed on request, apart from the dashboard's figures.
#include <map>
#include <unordered_map>

#include "api/json_io.h"
#include "api/router.h"
#include "domain/bottleneck.h"
#include "domain/forecast.h"
#include "service/evaluation.h"
#include "store/forecast_store.h"
#include "store/plan_store.h"

namespace tiendo::api {

namespace json = boost::json;

namespace {

struct Risk {
  const store::Assignment* a = nullptr;
  domain::Date due;
  domain::AssignmentForecast f;
};

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
    store::AssignmentFilter f;
    f.directive_id = directive_id;
    // The whole plan, whoever asks: its typical pace, and so every forecast, is the same in every view.
    const auto rows = ev.assignments(f);
    std::unordered_map<store::Id, std::vector<std::pair<std::string, int>>> history;  // latest period first
    store::each_reported_progress(c, ev.known_before(), [&](store::Id id, std::string_view period, int progress) {
      history[id].emplace_back(std::string(period), progress);
    });
    std::unordered_map<store::Id, std::string> difficulties;  // of the latest report
    store::each_latest_difficulties(c, ev.known_before(),
                                    [&](store::Id id, std::string_view text) { difficulties[id] = std::string(text); });
    // Recurring difficulties: the obstacles that open work in scope names in its latest report, grouped by their
    // words (domain::group_texts), so one obstacle written by forty communes counts once, forty times.
    std::vector<std::string> obstacle_texts;
    std::vector<store::Id> obstacle_of;
    for (const auto& x : rows) {
      if (!x.counted || !x.e.open || (scope && !x.a->unit->path.starts_with(*scope))) continue;
      auto d = difficulties.find(x.a->id);
      if (d == difficulties.end()) continue;
      obstacle_texts.push_back(d->second);
      obstacle_of.push_back(x.a->id);
    }
    std::map<store::Id, std::optional<domain::Date>> issued;
    std::map<store::Id, std::vector<std::pair<const service::EvaluatedAssignment*, domain::ForecastInput>>> by_plan;
    for (const auto& x : rows) {
      const auto& a = *x.a;
      // Open work with a deadline: all of it gives the plan's pace (as in bench/backtest.cpp).
      if (!x.counted || !x.e.open || !x.e.due || a.decision != "active") continue;
      const auto kind = domain::deadline_kind_from(a.deadline_kind).value_or(domain::DeadlineKind::unspecified);
      if (!domain::has_fixed_due(kind) && kind != domain::DeadlineKind::roadmap) continue;
      auto it = issued.find(a.directive_id);
      if (it == issued.end()) {
        const auto d = store::find_directive(c, a.directive_id);
        it = issued.emplace(a.directive_id, d && d->issued_on ? domain::parse_iso_date(*d->issued_on) : std::nullopt)
                 .first;
      }
      domain::ForecastInput in;
      in.kind = kind;
      // Work counts from the plan's issue day, or from its own first day when it came later.
      const auto created = domain::parse_iso_instant(a.created_at);
      const auto first = created ? std::optional(domain::vietnam_date(*created)) : std::nullopt;
      in.start = it->second && (!first || *first < *it->second) ? *it->second : first.value_or(ev.as_of());
      in.due = x.e.due;
      in.as_of = ev.as_of();
      const auto& rule = ev.calendar(a.directive_id).rule;
      if (auto h = history.find(a.id); h != history.end())
        for (auto line = h->second.rbegin(); line != h->second.rend(); ++line)  // oldest first
          if (auto per = domain::parse_period(line->first)) {
            const int progress = line->second;
            const auto on = domain::data_window(rule, *per).last;
            if (on >= in.start && on <= in.as_of) in.points.push_back({on, progress});
          }
      by_plan[a.directive_id].emplace_back(&x, std::move(in));
    }
    const domain::ForecastRules rules;
    std::vector<Risk> risks;
    int forecast_count = 0;
    for (auto& [plan, list] : by_plan) {
      std::vector<double> paces;
      for (const auto& [x, in] : list)
        if (auto pace = domain::trend_pace(in.start, in.points, rules)) paces.push_back(*pace);
      const auto plan_pace = domain::typical_pace(paces);
      for (auto& [x, in] : list) {
        if (scope && !x->a->unit->path.starts_with(*scope)) continue;
        // Flagged before its deadline only: overdue work is on the warning list already (at risk, then overdue).
        if (*in.due < ev.as_of()) continue;
        in.plan_pace = plan_pace;
        auto fc = domain::forecast(in, rules);
        if (!fc) continue;
        ++forecast_count;
        if (fc->at_risk) risks.push_back({x->a, *in.due, std::move(*fc)});
      }
    }
    std::sort(risks.begin(), risks.end(),
              [](const Risk& x, const Risk& y) { return std::tie(x.due, x.a->id) < std::tie(y.due, y.a->id); });
    json::array items;
    std::map<std::string, std::vector<store::Id>> by_leader, by_unit, by_field;
    for (const auto& r : risks) {
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
    }
    json::array obstacles;
    for (const auto& g : domain::group_texts(obstacle_texts)) {
      if (g.members.size() < 2) break;  // largest first: said once is not yet a bottleneck
      json::array ids;
      for (size_t i : g.members) ids.push_back(obstacle_of[i]);
      obstacles.push_back(json::object{{"name", g.text},
                                       {"count", static_cast<std::int64_t>(g.members.size())},
                                       {"assignment_ids", std::move(ids)}});
    }
    return json_response(200, json::object{{"as_of", domain::iso(ev.as_of())},
                                           {"forecast_count", forecast_count},
                                           {"stalled_periods", rules.stalled_periods},
                                           {"items", std::move(items)},
                                           {"bottlenecks", json::object{{"directing_leader", ranked(by_leader)},
                                                                        {"lead_unit", ranked(by_unit)},
                                                                        {"field", ranked(by_field)},
                                                                        {"difficulties", std::move(obstacles)}}}});
  });
}

}  // namespace

void register_risks(Router& r) { r.add("GET", "/api/v1/risks", Permission::read_unit_data, list_risks); }

}  // namespace tiendo::api
