// What leaders see at a glance: statuses, update compliance, reports received, indicators, the warning
// list, ranking and the trend — computed from the data at request time, for any date and unit subtree.
#include <algorithm>

#include "api/json_io.h"
#include "api/router.h"
#include "api/serialize.h"
#include "domain/text.h"
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
    auto root = c.query("SELECT id, name FROM units WHERE parent_id IS NULL ORDER BY id LIMIT 1");
    return Scope{std::nullopt, root.empty() ? 0 : root[0].i64(0), root.empty() ? "" : root[0].text(1)};
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
  return f;
}

std::vector<store::Assignment> load_all(Context& ctx, store::Connection& c, const Scope& s,
                                        const std::vector<store::Directive>& ds) {
  std::vector<store::Assignment> all;
  for (const auto& d : ds) {
    auto part = store::list_assignments(c, assignment_filter(ctx, s, d.id));
    all.insert(all.end(), std::make_move_iterator(part.begin()), std::make_move_iterator(part.end()));
  }
  return all;
}

std::vector<EvaluatedAssignment> evaluate_all(Evaluator& ev, const std::vector<store::Assignment>& raw) {
  std::vector<EvaluatedAssignment> out;
  out.reserve(raw.size());
  for (const auto& a : raw) out.push_back(ev.evaluate(a));
  return out;
}

json::value ratio_json(const domain::Ratio& r) {
  return json::object{{"numerator", r.numerator},
                      {"denominator", r.denominator},
                      {"share", r.share() ? json::value(*r.share()) : json::value(nullptr)}};
}

json::object ranking(const RankingData& data, const std::string& peer_group) {
  std::vector<domain::RankingInput> inputs;
  for (const auto& [id, u] : data.units) {
    if (u.peer_group == peer_group) inputs.push_back(u.input);
  }
  const auto& weights = data.weights;
  json::array items;
  for (const auto& r : domain::rank_units(inputs, weights)) {
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
                                                  {"values", r.input.indicator_values}}}}}});
  }
  return json::object{{"peer_group", peer_group},
                      {"formula", domain::ranking_formula(weights)},
                      {"weights", json::object{{"timeliness", weights.timeliness},
                                               {"updates", weights.updates},
                                               {"completion", weights.completion},
                                               {"indicators", weights.indicators}}},
                      {"items", std::move(items)}};
}

int warning_rank(const EvaluatedAssignment& x) {
  using S = domain::AssignmentStatus;
  if (x.e.status == S::overdue) return 0;
  if (x.e.status == S::recurring_not_updated || (x.e.open && !x.e.updated_in_period)) return 1;
  if (x.e.status == S::due_soon) return 2;
  return 3;
}

json::object warning_list(std::vector<EvaluatedAssignment> all, size_t limit) {
  std::erase_if(all, [](const auto& x) { return warning_rank(x) == 3; });
  // Exceptions first: the longest overdue, then work with no update, then what falls due soon.
  std::stable_sort(all.begin(), all.end(), [](const auto& a, const auto& b) {
    if (warning_rank(a) != warning_rank(b)) return warning_rank(a) < warning_rank(b);
    return a.e.overdue_days > b.e.overdue_days;
  });
  json::array items;
  for (size_t i = 0; i < all.size() && i < limit; ++i) {
    json::object o = to_json(all[i]);
    const int r = warning_rank(all[i]);
    o["reason"] = r == 0 ? "overdue" : r == 1 ? "not_updated" : "due_soon";
    items.push_back(std::move(o));
  }
  return json::object{{"total", static_cast<long long>(all.size())}, {"items", std::move(items)}};
}

Response dashboard(Context& ctx) {
  return ctx.db.read([&](store::Connection& c) {
    const Scope s = resolve_scope(ctx, c);
    const auto ds = plans(ctx, c);
    Evaluator ev(c, ctx.as_of());
    const auto raw = load_all(ctx, c, s, ds);
    const auto all = evaluate_all(ev, raw);
    const Rollup rollup = roll_up(all);

    double target = 0.9;
    json::array reports;
    json::array trend;
    for (const auto& d : ds) {
      const auto& cal = ev.calendar(d.id);
      target = cal.rule.update_target;
      const auto judged = ev.judged(d.id);
      std::map<std::string, int> t;
      std::map<std::string, int> states;
      const auto obligations = report_obligations(c, ev, d.id, judged, ctx.now, raw, s.path);
      for (const auto& o : obligations) {
        ++t[std::string(domain::to_string(o.timeliness))];
        ++states[o.report ? o.report->state : "not_created"];
      }
      json::object summary{{"expected", static_cast<long long>(obligations.size())}};
      for (const auto& k : {"on_time", "late", "missing", "pending"}) summary[k] = t[k];
      json::object by_state;
      for (const auto& [k, v] : states) by_state[k] = v;
      reports.push_back(json::object{{"directive_id", d.id},
                                     {"number", d.number},
                                     {"period", judged.key()},
                                     {"due_date", domain::iso(domain::report_due_date(cal.rule, cal.holidays, judged))},
                                     {"summary", std::move(summary)},
                                     {"by_state", std::move(by_state)}});
    }
    // Month over month: the same figures as they stood at each of the last six due dates.
    if (!ds.empty()) {
      const auto& cal = ev.calendar(ds.front().id);
      domain::Period p = domain::judged_period(cal.rule, cal.holidays, ev.as_of());
      std::vector<json::object> points;
      for (int i = 0; i < 6 && p.year == domain::year_of(ev.as_of()); ++i, p = domain::previous(p)) {
        Evaluator past(c, std::min(domain::report_due_date(cal.rule, cal.holidays, p), ev.as_of()));
        const Rollup r = roll_up(evaluate_all(past, raw));
        points.push_back(json::object{
            {"period", p.key()},
            {"as_of", domain::iso(past.as_of())},
            {"overdue", r.overdue},
            {"done_on_time", r.done_on_time},
            {"done_late", r.done_late},
            {"update_compliance", r.open > 0 ? json::value(100.0 * r.open_updated / r.open) : json::value(nullptr)}});
      }
      for (auto it = points.rbegin(); it != points.rend(); ++it) trend.push_back(std::move(*it));
    }

    json::array indicators;
    std::map<std::string, int> ind_summary;
    for (const auto& d : ds) {
      for (const auto& ind :
           store::list_indicators(c, store::IndicatorFilter{.directive_id = d.id}, {1000, 0}, nullptr)) {
        const auto e = evaluate_indicator(c, ev, ind, s.path);
        ++ind_summary[std::string(domain::to_string(e.status))];
        json::object o{{"id", ind.id},
                       {"directive_id", ind.directive_id},
                       {"code", ind.code},
                       {"name", ind.name},
                       {"target_text", ind.target_text}};
        o["evaluation"] = to_json(e);
        indicators.push_back(std::move(o));
      }
    }
    json::object ind_counts;
    for (const auto& k : {"met", "on_track", "at_risk", "no_data"}) ind_counts[k] = ind_summary[k];

    const double compliance = rollup.open > 0 ? 100.0 * rollup.open_updated / rollup.open : 0;
    json::object out{
        {"as_of", domain::iso(ev.as_of())},
        {"scope", json::object{{"unit_id", s.unit_id}, {"unit_name", s.unit_name}}},
        {"directive_ids",
         [&] {
           json::array a;
           for (const auto& d : ds) a.push_back(d.id);
           return a;
         }()},
        {"assignments", to_json(rollup)},
        {"update_compliance", json::object{{"updated", rollup.open_updated},
                                           {"open", rollup.open},
                                           {"rate", rollup.open > 0 ? json::value(compliance) : json::value(nullptr)},
                                           {"rate_text", domain::vn_percent(compliance)},
                                           {"target", target * 100},
                                           {"met", rollup.open == 0 || compliance + 1e-9 >= target * 100}}},
        {"reports", std::move(reports)},
        {"indicators", json::object{{"summary", std::move(ind_counts)}, {"items", std::move(indicators)}}},
        {"warnings", warning_list(all, 20)},
        {"trend", std::move(trend)},
    };
    json::object rank;
    const RankingData data = ranking_data(c, ev, ctx.now, s.path, ds, raw, all);
    for (const auto& g : {"department", "commune"}) {
      json::object r = ranking(data, g);
      auto& items = r["items"].as_array();
      // At a glance: the first and last five; the full table is at /ranking.
      if (items.size() > 10) items.erase(items.begin() + 5, items.end() - 5);
      rank[g] = std::move(r);
    }
    out["ranking"] = std::move(rank);
    return json_response(200, out);
  });
}

Response ranking_route(Context& ctx) {
  const std::string group = query_string(ctx.req, "peer_group").value_or("commune");
  if (group != "department" && group != "commune" && group != "other")
    throw bad_request("peer_group", "Nhóm so sánh phải là department, commune hoặc other.");
  return ctx.db.read([&](store::Connection& c) {
    const Scope s = resolve_scope(ctx, c);
    const auto ds = plans(ctx, c);
    Evaluator ev(c, ctx.as_of());
    const auto raw = load_all(ctx, c, s, ds);
    json::object r = ranking(ranking_data(c, ev, ctx.now, s.path, ds, raw, evaluate_all(ev, raw)), group);
    r["as_of"] = domain::iso(ev.as_of());
    r["total"] = static_cast<long long>(r["items"].as_array().size());
    return json_response(200, r);
  });
}

}  // namespace

void register_dashboard(Router& r) {
  r.add("GET", "/api/v1/dashboard", Permission::read_unit_data, dashboard);
  r.add("GET", "/api/v1/ranking", Permission::read_unit_data, ranking_route);
}

}  // namespace tiendo::api
