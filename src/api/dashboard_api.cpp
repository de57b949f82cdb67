// What leaders see at a glance: statuses, update compliance, reports received, indicators, the warning
// list, ranking and the trend, for any date and unit subtree. Today's unfiltered figures come from the
// resident model (dashboard_model.h); any other date or filter is computed from the data on the spot.
#include <algorithm>
#include <set>

#include "api/json_io.h"
#include "api/router.h"
#include "api/serialize.h"
#include "domain/text.h"
#include "service/dashboard_model.h"
#include "store/plan_store.h"
#include "store/report_store.h"

namespace tiendo::api {

namespace json = boost::json;

namespace {

struct Scope {
  std::optional<std::string> path;
  store::Id unit_id = 0;
  std::string unit_name;
};

Scope resolve_scope(Context& ctx, store::Connection& c) {
  const auto& p = ctx.user();
  const store::Id id = query_id(ctx.req, "unit_id").value_or(p.sees_all_units() ? 0 : p.unit_id);
  if (id == 0) {
    const auto root = store::root_unit(c);
    return Scope{std::nullopt, root ? root->id : 0, root ? root->name : ""};
  }
  auto u = store::find_unit(c, id);
  if (!u) throw bad_request("unit_id", "Không tìm thấy đơn vị.");
  if (!p.in_scope(u->path)) throw forbidden("Đơn vị này nằm ngoài phạm vi của bạn.");
  return Scope{u->parent_id ? std::optional(u->path) : std::nullopt, u->id, u->name};
}

std::vector<store::Directive> plans(Context& ctx, store::Connection& c) {
  if (auto id = query_id(ctx.req, "directive_id")) {
    auto d = store::find_directive(c, *id);
    if (!d || !d->has_plan) throw bad_request("directive_id", "Văn bản này không có kế hoạch.");
    return {*d};
  }
  store::DirectiveFilter f;
  f.has_plan = true;
  return store::list_directives(c, f, store::Page{1000, 0}, nullptr);
}

store::AssignmentFilter assignment_filter(Context& ctx, const Scope& s, std::optional<store::Id> directive) {
  store::AssignmentFilter f;
  f.directive_id = directive;
  f.scope_path = s.path;
  f.directing_leader = query_string(ctx.req, "directing_leader");
  f.field = query_string(ctx.req, "field");
  f.peer_group = query_string(ctx.req, "peer_group");
  f.known_before = service::known_before(ctx.as_of(), ctx.now);  // the plan as it was (issue 12)
  return f;
}

// `kept_from`: also the rows removed since (a trend's earliest date, see trend_kept_from).
std::vector<store::Assignment> load_all(Context& ctx, store::Connection& c, const Scope& s,
                                        const std::vector<store::Directive>& ds,
                                        const std::optional<std::string>& kept_from = std::nullopt) {
  std::vector<store::Assignment> all;
  for (const auto& d : ds) {
    auto f = assignment_filter(ctx, s, d.id);
    f.kept_from = kept_from;
    const auto group = f.peer_group;
    if (f.known_before) f.peer_group.reset();  // a past date's peer groups are those of its end (R12, issue 12)
    auto part = store::list_assignments(c, f);
    all.insert(all.end(), std::make_move_iterator(part.begin()), std::make_move_iterator(part.end()));
    if (f.known_before && group) {
      service::Evaluator ev(c, ctx.as_of(), ctx.now);
      std::erase_if(all,
                    [&](const store::Assignment& a) { return ev.peer_group(a.unit_id, a.unit->peer_group) != *group; });
    }
  }
  return all;
}

json::value ratio_json(const domain::Ratio& r) {
  return json::object{{"numerator", r.numerator},
                      {"denominator", r.denominator},
                      {"share", r.share() ? json::value(*r.share()) : json::value(nullptr)}};
}

json::array codes(const std::vector<std::string>& v) {
  json::array a;
  for (const auto& s : v) a.push_back(json::value(s));
  return a;
}

// `ends`: only the first and last so many (at a glance); 0: the whole table.
json::object ranking(const service::RankingData& data, const std::string& peer_group, size_t ends = 0) {
  std::vector<domain::RankingInput> inputs;
  std::set<std::string> counted;  // R11: the indicators the component counts, named in the formula
  for (const auto& [id, u] : data.units) {
    if (u.peer_group != peer_group) continue;
    inputs.push_back(u.input);
    counted.insert(u.indicators.begin(), u.indicators.end());
  }
  const auto& weights = data.weights;
  json::array items;
  const auto ranked = domain::rank_units(inputs, weights);
  for (size_t i = 0; i < ranked.size(); ++i) {
    if (ends > 0 && i == ends && ranked.size() > 2 * ends) i = ranked.size() - ends;
    const auto& r = ranked[i];
    const auto& u = data.units.at(r.input.unit_id);
    items.push_back(json::object{
        {"rank", r.rank},
        {"unit_id", r.input.unit_id},
        {"unit_name", u.name},
        {"score", r.score ? json::value(*r.score) : json::value(nullptr)},
        {"components",
         json::object{{"timeliness", ratio_json(r.input.timeliness)},
                      {"updates", ratio_json(r.input.updates)},
                      {"completion", ratio_json(r.input.completion)},
                      {"indicators", json::object{{"achievement", r.input.indicator_achievement
                                                                      ? json::value(*r.input.indicator_achievement)
                                                                      : json::value(nullptr)},
                                                  {"values", r.input.indicator_values},
                                                  {"codes", codes(u.indicators)}}}}}});
  }
  return json::object{{"peer_group", peer_group},
                      {"rule", "R11"},
                      {"formula", domain::ranking_formula(weights, {counted.begin(), counted.end()})},
                      {"weights", json::object{{"timeliness", weights.timeliness},
                                               {"updates", weights.updates},
                                               {"completion", weights.completion},
                                               {"indicators", weights.indicators}}},
                      {"items", std::move(items)}};
}

// Today's figures over every plan with no filter come from the resident model; anything else is computed.
bool resident(Context& ctx, std::initializer_list<const char*> filters) {
  for (const char* name : filters) {
    if (query_string(ctx.req, name)) return false;
  }
  return ctx.as_of() == domain::vietnam_date(ctx.now);
}

service::DashboardFigures computed_figures(Context& ctx, store::Connection& c, const Scope& s) {
  const auto ds = plans(ctx, c);
  service::Evaluator ev(c, ctx.as_of(), ctx.now);
  const service::FigureFrame frame = service::load_frame(c, ev, ds);
  const auto shares = service::compute_shares(
      c, ev, ctx.now, frame, load_all(ctx, c, s, ds, service::trend_kept_from(frame, ctx.now)), s.path, std::nullopt);
  std::vector<const service::UnitShare*> all;
  for (const auto& [id, share] : shares) all.push_back(&share);
  return service::sum_shares(frame, all);
}

json::object trend_point(const service::TrendFigures& t) {
  const service::Rollup& r = t.rollup;
  return json::object{
      {"period", t.period.key()},
      {"as_of", domain::iso(t.as_of)},
      {"overdue", r.overdue},
      {"done_on_time", r.done_on_time},
      {"done_late", r.done_late},
      {"update_compliance", r.open > 0 ? json::value(100.0 * r.open_updated / r.open) : json::value(nullptr)}};
}

json::object render(const service::DashboardFigures& f, const Scope& s) {
  const service::Rollup& rollup = f.rollup;
  json::array reports;
  json::array directive_ids;
  for (const auto& r : f.reports) {
    directive_ids.push_back(r.directive_id);
    json::object summary{{"expected", r.expected}};
    for (const auto& k : {"on_time", "late", "missing", "pending"}) {
      auto it = r.timeliness.find(k);
      summary[k] = it == r.timeliness.end() ? 0 : it->second;
    }
    json::object by_state;
    for (const auto& [k, v] : r.states) by_state[k] = v;
    reports.push_back(json::object{{"directive_id", r.directive_id},
                                   {"rule", "R4"},
                                   {"why",
                                    "R2: đơn vị chủ trì nhiệm vụ, hoạt động vào ngày hạn nộp; R3: kỳ gần nhất "
                                    "đã qua ngày hạn; R4: đúng hạn nếu gửi trước hết ngày hạn, chưa đến hạn là "
                                    "đang chờ"},
                                   {"number", r.number},
                                   {"period", r.judged.key()},
                                   {"due_date", domain::iso(r.due)},
                                   {"summary", std::move(summary)},
                                   {"by_state", std::move(by_state)}});
  }
  json::array trend;
  for (const auto& t : f.trend) trend.push_back(trend_point(t));

  json::array indicators;
  std::map<std::string, int> ind_summary;
  for (const auto& [ind, e] : f.indicators) {
    ++ind_summary[std::string(domain::to_string(e.status))];
    json::object o{{"id", ind.id},
                   {"directive_id", ind.directive_id},
                   {"code", ind.code},
                   {"name", ind.name},
                   {"target_text", ind.target_text}};
    o["evaluation"] = to_json(e);
    indicators.push_back(std::move(o));
  }
  json::object ind_counts;
  for (const auto& k : {"met", "on_track", "at_risk", "no_data"}) ind_counts[k] = ind_summary[k];

  json::array warnings;
  for (const auto& w : f.warnings) {
    json::object o = to_json(service::EvaluatedAssignment{w.a.get(), w.e, w.judged});
    o["reason"] = w.reason == 0 ? "overdue" : w.reason == 1 ? "not_updated" : "due_soon";
    o["rule"] = w.reason == 1 ? "R5" : "R6";
    warnings.push_back(std::move(o));
  }

  const double target = f.update_target;
  const double compliance = rollup.open > 0 ? 100.0 * rollup.open_updated / rollup.open : 0;
  json::object out{
      {"as_of", domain::iso(f.as_of)},
      {"scope", json::object{{"unit_id", s.unit_id}, {"unit_name", s.unit_name}}},
      {"directive_ids", std::move(directive_ids)},
      {"assignments", to_json(rollup)},
      {"update_compliance", json::object{{"updated", rollup.open_updated},
                                         {"open", rollup.open},
                                         {"rate", rollup.open > 0 ? json::value(compliance) : json::value(nullptr)},
                                         {"rate_text", domain::vn_percent(compliance)},
                                         {"target", target * 100},
                                         {"rule", "R5"},
                                         {"why",
                                          "R5: nhiệm vụ đang mở có trong báo cáo kỳ được xét đã gửi / "
                                          "nhiệm vụ đang mở"},
                                         {"met", rollup.open == 0 || compliance + 1e-9 >= target * 100}}},
      {"reports", std::move(reports)},
      {"indicators", json::object{{"summary", std::move(ind_counts)}, {"items", std::move(indicators)}}},
      {"warnings", json::object{{"total", f.warning_total}, {"items", std::move(warnings)}}},
      {"trend", std::move(trend)},
  };
  json::object rank;
  for (const auto& g : {"department", "commune"}) {
    // At a glance: the first and last five; the full table is at /ranking.
    rank[g] = ranking(f.ranking, g, 5);
  }
  out["ranking"] = std::move(rank);
  return out;
}

// R15: a date whose end has passed has figures that never change. The margin lets a write that began before
// midnight (and is dated then) commit before the date's figures are kept.
bool settled(const Context& ctx) {
  return ctx.now >= domain::end_of_vietnam_day(ctx.as_of()) + std::chrono::minutes(10);
}

// What a computed answer depends on: its date, its scope and its filters.
std::string settled_key(const Context& ctx, const Scope& s, std::initializer_list<const char*> filters) {
  std::string key = domain::iso(ctx.as_of()) + '|' + s.path.value_or("");
  for (const char* name : filters) key += '|' + query_string(ctx.req, name).value_or("");
  return key;
}

Response dashboard(Context& ctx) {
  const auto filters = {"directive_id", "directing_leader", "field", "peer_group"};
  const bool fast = resident(ctx, filters);
  const Scope s = ctx.db.read([&](store::Connection& c) { return resolve_scope(ctx, c); });
  const auto compute = [&] {
    return ctx.db.read_replica([&](store::Connection& c) { return computed_figures(ctx, c, s); });
  };
  if (fast) return json_response(200, render(ctx.dashboards->figures(ctx.db, ctx.now, s.path), s));
  if (settled(ctx))
    return json_response(200, render(*ctx.dashboards->past_figures.get(settled_key(ctx, s, filters), compute), s));
  return json_response(200, render(compute(), s));
}

Response ranking_route(Context& ctx) {
  const std::string group = query_string(ctx.req, "peer_group").value_or("commune");
  if (group != "department" && group != "commune" && group != "other")
    throw bad_request("peer_group", "Nhóm so sánh chỉ có thể là sở, ban, ngành; UBND cấp xã; hoặc đơn vị khác.");
  const Scope s = ctx.db.read([&](store::Connection& c) { return resolve_scope(ctx, c); });
  const auto filters = {"directive_id", "directing_leader", "field"};
  const auto compute = [&] {
    return ctx.db.read_replica([&](store::Connection& c) {
      const auto ds = plans(ctx, c);
      service::Evaluator ev(c, ctx.as_of(), ctx.now);
      return service::ranking_data(c, ev, ctx.now, s.path, ds, load_all(ctx, c, s, ds));
    });
  };
  const service::RankingData data =
      resident(ctx, filters) ? ctx.dashboards->ranking(ctx.db, ctx.now, s.path)
      : settled(ctx)
          ? *ctx.dashboards->past_rankings.get(
                settled_key(ctx, s,
                            {"directive_id", "directing_leader", "field", "peer_group"}),  // load_all filters by it
                compute)
          : compute();
  json::object r = ranking(data, group);
  r["as_of"] = domain::iso(ctx.as_of());
  r["total"] = static_cast<long long>(r["items"].as_array().size());
  return json_response(200, r);
}

}  // namespace

void register_dashboard(Router& r) {
  r.add("GET", "/api/v1/dashboard", Permission::read_unit_data, dashboard);
  r.add("GET", "/api/v1/ranking", Permission::read_unit_data, ranking_route);
}

}  // namespace tiendo::api
