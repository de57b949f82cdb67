// Issue 17: early warning. The open work with a deadline that is at risk of finishing late at as_of — expected
// after its deadline from its reported progress (domain::forecast), or stalled — with the reason in words, and
// where that risk concentrates (directing leader, lead unit, coordinating unit, unit group, field). Shown beside the
// rule-based statuses, which stay as they are; never part of the ranking. Today's come from the resident model
// (service/risk_model.h), an ended date's are kept once computed; apart from the dashboard's figures.
#include <algorithm>
#include <chrono>
#include <map>
#include <unordered_map>

#include "api/json_io.h"
#include "api/router.h"
#include "domain/bottleneck.h"
#include "service/dashboard_model.h"
#include "service/risks.h"

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

// The answer of GET /risks for a date, from the findings within a scope and a plan (or all), what ranks the
// bottlenecks, and the indicators' outlooks.
json::object risks_json(domain::Date as_of, const service::RiskFindings& found, const service::RiskContext& context,
                        const std::vector<service::IndicatorOutlook>& outlooks);

Response list_risks(Context& ctx) {
  const auto directive_id = query_id(ctx.req, "directive_id");
  const auto unit_id = query_id(ctx.req, "unit_id");
  const auto call = call_of(ctx);
  const auto scope = ctx.db.read([&](store::Connection& c) { return service::risks_scope(c, call.who, unit_id); });
  const auto answer = [&](store::Connection& c) {
    service::Evaluator ev(c, ctx.as_of(), ctx.now);
    const auto found = service::find_risks(c, ev, directive_id, scope);
    return risks_json(ev.as_of(), found, service::load_risk_context(c, ev),
                      service::indicator_outlooks(c, ev, directive_id, scope));
  };
  // R15: the risks of a date whose end has passed (and the ten minutes after it, as the dashboard waits) never
  // change: computed once per date, scope and plan (on the replica, as the dashboard's settled figures).
  if (ctx.now >= domain::end_of_vietnam_day(ctx.as_of()) + std::chrono::minutes(10)) {
    const std::string key = domain::iso(ctx.as_of()) + '|' + scope.value_or("") + '|' +
                            (directive_id ? std::to_string(*directive_id) : std::string());
    Response r;
    r.body = *ctx.dashboards->past_risks.get(key, [&] { return json_response(200, ctx.db.read_replica(answer)).body; });
    return r;
  }
  // Today's: from the resident model, kept current from the change feed (the same answer as computed fresh).
  if (ctx.as_of() == domain::vietnam_date(ctx.now)) {
    const auto kept = ctx.dashboards->today_risks.answer(
        ctx.db, ctx.now, directive_id, scope,
        [&](const service::RiskFindings& found, const service::RiskContext& context) {
          const auto outlooks = ctx.db.read([&](store::Connection& c) {
            service::Evaluator ev(c, ctx.as_of(), ctx.now);
            return service::indicator_outlooks(c, ev, directive_id, scope);
          });
          return json_response(200, risks_json(ctx.as_of(), found, context, outlooks)).body;
        });
    if (kept) {
      Response r;
      r.body = **kept;
      return r;
    }
  }
  return json_response(200, ctx.db.read(answer));
}

json::object risks_json(domain::Date as_of, const service::RiskFindings& found, const service::RiskContext& context,
                        const std::vector<service::IndicatorOutlook>& outlooks) {
  json::array items;
  std::map<std::string, std::vector<store::Id>> by_leader, by_unit, by_field, by_coordinator, by_group;
  // Work whose task has coordinating units waits on their part too; a lead unit counts in each group it was a
  // member of at the end of as_of (R15).
  const auto& coordinators = context.coordinators;
  const auto& groups_of = context.groups_of;
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
        {"unanswered_days", r.f.unanswered_days ? json::value(*r.f.unanswered_days) : json::value(nullptr)},
        {"repeated_difficulty_periods",
         r.f.repeated_difficulty_periods ? json::value(r.f.repeated_difficulty_periods) : json::value(nullptr)},
        {"repeated_difficulty",
         r.f.repeated_difficulty_periods ? json::value(r.f.repeated_difficulty) : json::value(nullptr)},
        {"reason", r.f.reason},
        {"reason_en", r.f.reason_en},
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
    obstacles.push_back(json::object{
        {"name", g.text}, {"count", static_cast<std::int64_t>(g.members.size())}, {"assignment_ids", std::move(ids)}});
  }
  json::array indicators;
  for (const auto& o : outlooks) {
    json::array series, pulling;
    for (const auto& m : o.series.months) series.push_back(m ? json::value(*m) : json::value(nullptr));
    for (const auto& u : o.pulling_down)
      pulling.push_back(json::object{{"unit_id", u.unit_id},
                                     {"unit_name", u.unit_name},
                                     {"value", u.part.value ? json::value(*u.part.value) : json::value(nullptr)},
                                     {"gap", u.part.gap}});
    const auto& i = o.indicator;
    indicators.push_back(json::object{
        {"indicator_id", i.id},
        {"directive_id", i.directive_id},
        {"code", i.code},
        {"name", i.name},
        {"target_text", i.target_text},
        {"unit_of_measure", i.unit_of_measure},
        {"aggregation", i.aggregation},
        {"period", o.period.key()},
        {"series", std::move(series)},
        {"forecast", o.forecast ? json::value(json::object{{"value", o.forecast->value},
                                                           {"low", o.forecast->low},
                                                           {"high", o.forecast->high},
                                                           {"months_known", o.forecast->months_known}})
                                : json::value(nullptr)},
        {"projection", o.projection ? json::value(*o.projection) : json::value(nullptr)},
        {"pulling_down", std::move(pulling)},
        {"pulling_down_count", o.pulling_down_count},
    });
  }
  return json::object{{"as_of", domain::iso(as_of)},
                      {"forecast_count", found.forecast_count},
                      {"stalled_periods", found.stalled_periods},
                      {"unanswered_days", found.unanswered_days},
                      {"items", std::move(items)},
                      {"indicators", std::move(indicators)},
                      {"bottlenecks", json::object{{"directing_leader", ranked(by_leader)},
                                                   {"lead_unit", ranked(by_unit)},
                                                   {"coordinating_unit", ranked(by_coordinator)},
                                                   {"unit_group", ranked(by_group)},
                                                   {"field", ranked(by_field)},
                                                   {"difficulties", std::move(obstacles)}}}};
}

}  // namespace

void register_risks(Router& r) { r.add("GET", "/api/v1/risks", Permission::read_unit_data, list_risks); }

}  // namespace tiendo::api
