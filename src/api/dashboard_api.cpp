// What leaders see at a glance: statuses, update compliance, reports received, indicators, the warning
// list, ranking and the trend, for any date and unit subtree. Today's unfiltered figures come from the
// resident model (dashboard_model.h); any other date or filter is computed from the data on the spot.
#include <algorithm>
#include <cmath>
#include <set>

#include "api/json_io.h"
#include "api/list_export.h"
#include "api/router.h"
#include "api/serialize.h"
#include "domain/labels.h"
#include "domain/text.h"
#include "domain/vocabulary.h"
#include "service/dashboard_model.h"
#include "store/plan_store.h"
#include "store/ranking_store.h"
#include "store/report_store.h"

namespace tiendo::api {

namespace json = boost::json;
using service::DashboardFigures;
using service::RankingData;
using service::Rollup;
using service::UnitFigures;

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
                                                  {"codes", codes(u.indicators)}}},
                      // R11: the items led, answered on time / judged; `counted` once at least the minimum
                      {"feedback", [&] {
                         json::object f = ratio_json(r.input.feedback).as_object();
                         f["counted"] =
                             weights.feedback > 0 && domain::feedback_component(r.input, weights).has_value();
                         return f;
                       }()}}}});
  }
  return json::object{{"peer_group", peer_group},
                      {"rule", "R11"},
                      {"formula", domain::ranking_formula(weights, {counted.begin(), counted.end()})},
                      {"weights", json::object{{"timeliness", weights.timeliness},
                                               {"updates", weights.updates},
                                               {"completion", weights.completion},
                                               {"indicators", weights.indicators},
                                               {"feedback", weights.feedback},
                                               {"feedback_min_items", weights.feedback_min_items}}},
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

// The dashboard's figures for the request: today's unfiltered from the resident model, a settled date's kept once.
constexpr std::initializer_list<const char*> kFigureFilters{"directive_id", "directing_leader", "field", "peer_group"};

std::shared_ptr<const DashboardFigures> figures_for(Context& ctx, const Scope& s) {
  const auto filters = kFigureFilters;
  const auto compute = [&] {
    return ctx.db.read_replica([&](store::Connection& c) { return computed_figures(ctx, c, s); });
  };
  if (resident(ctx, filters)) return ctx.dashboards->figures(ctx.db, ctx.now, s.path);
  if (settled(ctx)) return ctx.dashboards->past_figures.get(settled_key(ctx, s, filters), compute);
  return std::make_shared<const DashboardFigures>(compute());
}

Response dashboard(Context& ctx) {
  const Scope s = ctx.db.read([&](store::Connection& c) { return resolve_scope(ctx, c); });
  const auto f = figures_for(ctx, s);
  if (!resident(ctx, kFigureFilters)) return json_response(200, render(*f, s));
  // Today's figures of a scope are every reader's until the next write: so is their answer.
  const std::string key = s.path.value_or("") + '|' + std::to_string(s.unit_id);
  return kept_json(
      ctx.req,
      [&](const std::string& suffix, const std::function<std::string()>& make) {
        return ctx.dashboards->answer(f, key + suffix, make);
      },
      [&] { return serialize_finite(render(*f, s)); });
}

// Issue 14, item 7: who and where. Every unit's status counts, worst first (by `sort`, a status or "warnings",
// "assignments", "unit_name"); their sum is the dashboard's figures for the same query.
std::string breakdown_sort(Context& ctx) {
  const std::string sort = query_string(ctx.req, "sort").value_or("overdue");
  if (sort != "warnings" && sort != "assignments" && sort != "unit_name" && !domain::assignment_status_from(sort))
    throw bad_request("sort", "Chỉ sắp xếp được theo một trạng thái, số cảnh báo, số nhiệm vụ hoặc tên đơn vị.");
  return sort;
}

std::vector<const UnitFigures*> breakdown(const DashboardFigures& f, const std::string& sort) {
  std::vector<const UnitFigures*> rows;
  for (const auto& u : f.units) rows.push_back(&u);
  const auto key = [&](const UnitFigures& u) {
    if (sort == "warnings") return u.warning_total;
    if (sort == "assignments") return u.rollup.total;
    return u.rollup.by_status[static_cast<size_t>(*domain::assignment_status_from(sort))];
  };
  const auto over = static_cast<size_t>(domain::AssignmentStatus::overdue);
  std::stable_sort(rows.begin(), rows.end(), [&](const UnitFigures* a, const UnitFigures* b) {
    if (sort == "unit_name") return domain::fold(a->name) < domain::fold(b->name);
    if (key(*a) != key(*b)) return key(*a) > key(*b);
    if (a->rollup.by_status[over] != b->rollup.by_status[over])
      return a->rollup.by_status[over] > b->rollup.by_status[over];
    if (a->warning_total != b->warning_total) return a->warning_total > b->warning_total;
    return domain::fold(a->name) < domain::fold(b->name);
  });
  return rows;
}

json::object all_statuses(const Rollup& r) {
  json::object by;
  for (size_t i = 0; i < r.by_status.size(); ++i)
    by[domain::to_string(static_cast<domain::AssignmentStatus>(i))] = r.by_status[i];
  return by;
}

Response unit_breakdown(Context& ctx) {
  const std::string sort = breakdown_sort(ctx);
  const Scope s = ctx.db.read([&](store::Connection& c) { return resolve_scope(ctx, c); });
  const auto f = figures_for(ctx, s);
  json::array items;
  for (const UnitFigures* u : breakdown(*f, sort)) {
    const Rollup& r = u->rollup;
    items.push_back(
        json::object{{"unit_id", u->unit_id},
                     {"unit_name", u->name},
                     {"peer_group", u->peer_group},
                     {"assignments", r.total},
                     {"warnings", u->warning_total},
                     {"overdue_share",
                      r.with_deadline > 0 ? json::value(100.0 * r.overdue / r.with_deadline) : json::value(nullptr)},
                     {"by_status", all_statuses(r)}});
  }
  const auto total = static_cast<long long>(items.size());
  return json_response(200, json::object{{"as_of", domain::iso(f->as_of)},
                                         {"scope", json::object{{"unit_id", s.unit_id}, {"unit_name", s.unit_name}}},
                                         {"sort", sort},
                                         {"sum", json::object{{"assignments", f->rollup.total},
                                                              {"warnings", f->warning_total},
                                                              {"by_status", all_statuses(f->rollup)}}},
                                         {"items", std::move(items)},
                                         {"total", total}});
}

// The statuses as the breakdown's columns read them, worst first.
constexpr domain::AssignmentStatus kBreakdownColumns[] = {
    domain::AssignmentStatus::overdue,           domain::AssignmentStatus::due_soon,
    domain::AssignmentStatus::in_progress,       domain::AssignmentStatus::not_started,
    domain::AssignmentStatus::done_on_time,      domain::AssignmentStatus::done_late,
    domain::AssignmentStatus::recurring_updated, domain::AssignmentStatus::recurring_not_updated,
    domain::AssignmentStatus::waiting,           domain::AssignmentStatus::no_deadline};

Response unit_breakdown_xlsx(Context& ctx) {
  const std::string sort = breakdown_sort(ctx);
  const Scope s = ctx.db.read([&](store::Connection& c) { return resolve_scope(ctx, c); });
  const auto f = figures_for(ctx, s);
  formats::XlsxSheet sheet;
  sheet.name = "Theo don vi";
  sheet.columns = {{"TT", 6}, {"Đơn vị", 32}, {"Tổng số nhiệm vụ", 12}, {"Cảnh báo", 10}};
  for (const auto st : kBreakdownColumns) sheet.columns.push_back({std::string(domain::vn_label(st)), 13});
  sheet.columns.push_back({"Tỷ lệ quá hạn", 12});
  const auto add_row = [&](formats::XlsxRow row, const Rollup& r, int warnings) {
    row.cells.emplace_back(static_cast<double>(r.total));
    row.cells.emplace_back(static_cast<double>(warnings));
    for (const auto st : kBreakdownColumns)
      row.cells.emplace_back(static_cast<double>(r.by_status[static_cast<size_t>(st)]));
    if (r.with_deadline > 0)
      row.cells.emplace_back(formats::Percent{static_cast<double>(r.overdue) / r.with_deadline});
    else
      row.cells.emplace_back(std::monostate{});
    sheet.rows.push_back(std::move(row));
  };
  const auto rows = breakdown(*f, sort);
  for (size_t i = 0; i < rows.size(); ++i) {
    formats::XlsxRow row;
    row.cells = {static_cast<double>(i + 1), rows[i]->name};
    add_row(std::move(row), rows[i]->rollup, rows[i]->warning_total);
  }
  formats::XlsxRow sum;
  sum.cells = {std::monostate{}, std::string("Tổng cộng")};
  add_row(std::move(sum), f->rollup, static_cast<int>(f->warning_total));
  sheet.title_lines.push_back(s.unit_name);
  return ctx.db.read([&](store::Connection& c) { return xlsx_list(ctx, c, "Nhiệm vụ theo đơn vị", std::move(sheet)); });
}

std::string ranking_group(Context& ctx) {
  const std::string group = query_string(ctx.req, "peer_group").value_or("commune");
  if (group != "department" && group != "commune" && group != "other")
    throw bad_request("peer_group", "Nhóm so sánh chỉ có thể là sở, ban, ngành; UBND cấp xã; hoặc đơn vị khác.");
  return group;
}

std::shared_ptr<const RankingData> ranking_for(Context& ctx, const Scope& s) {
  const auto filters = {"directive_id", "directing_leader", "field"};
  const auto compute = [&] {
    return ctx.db.read_replica([&](store::Connection& c) {
      const auto ds = plans(ctx, c);
      service::Evaluator ev(c, ctx.as_of(), ctx.now);
      return service::ranking_data(c, ev, ctx.now, s.path, ds, load_all(ctx, c, s, ds));
    });
  };
  if (resident(ctx, filters))
    return std::make_shared<const RankingData>(ctx.dashboards->ranking(ctx.db, ctx.now, s.path));
  if (settled(ctx))
    return ctx.dashboards->past_rankings.get(
        settled_key(ctx, s, {"directive_id", "directing_leader", "field", "peer_group"}),  // load_all filters by it
        compute);
  return std::make_shared<const RankingData>(compute());
}

Response ranking_route(Context& ctx) {
  const std::string group = ranking_group(ctx);
  const Scope s = ctx.db.read([&](store::Connection& c) { return resolve_scope(ctx, c); });
  json::object r = ranking(*ranking_for(ctx, s), group);
  r["as_of"] = domain::iso(ctx.as_of());
  r["total"] = static_cast<long long>(r["items"].as_array().size());
  return json_response(200, r);
}

// The full ranking as the page shows it, each component as its share and its "numerator/denominator".
Response ranking_xlsx(Context& ctx) {
  const std::string group = ranking_group(ctx);
  const Scope s = ctx.db.read([&](store::Connection& c) { return resolve_scope(ctx, c); });
  const auto data = ranking_for(ctx, s);
  std::vector<domain::RankingInput> inputs;
  for (const auto& [id, u] : data->units)
    if (u.peer_group == group) inputs.push_back(u.input);
  formats::XlsxSheet sheet;
  sheet.name = "Xep hang";
  sheet.columns = {{"Hạng", 7},
                   {"Đơn vị", 32},
                   {"Điểm", 9},
                   {"Báo cáo đúng hạn", 12},
                   {"Kỳ đúng hạn / kỳ phải báo cáo", 14},
                   {"Cập nhật", 12},
                   {"Nhiệm vụ cập nhật / phải cập nhật", 14},
                   {"Hoàn thành đúng hạn", 12},
                   {"Đúng hạn / đến hạn", 12},
                   {"Mức đạt chỉ tiêu", 12}};
  const auto share = [](const domain::Ratio& r) -> formats::XlsxValue {
    if (auto x = r.share()) return formats::Percent{*x};
    return std::monostate{};
  };
  const auto words = [](const domain::Ratio& r) {
    return std::to_string(r.numerator) + "/" + std::to_string(r.denominator);
  };
  for (const auto& r : domain::rank_units(inputs, data->weights)) {
    formats::XlsxRow row;
    const auto& in = r.input;
    row.cells = {r.rank > 0 ? formats::XlsxValue(static_cast<double>(r.rank)) : formats::XlsxValue(std::monostate{}),
                 data->units.at(in.unit_id).name,
                 // The score as R12 ranks it, to 0,01 (the page and the API show the same).
                 r.score ? formats::XlsxValue(*r.score) : formats::XlsxValue(std::monostate{}), share(in.timeliness),
                 words(in.timeliness), share(in.updates), words(in.updates), share(in.completion), words(in.completion),
                 in.indicator_achievement ? formats::XlsxValue(formats::Percent{*in.indicator_achievement})
                                          : formats::XlsxValue(std::monostate{})};
    sheet.rows.push_back(std::move(row));
  }
  sheet.title_lines.push_back(domain::ranking_formula(data->weights));
  const std::string what = group == "commune"      ? "Xếp hạng UBND cấp xã"
                           : group == "department" ? "Xếp hạng sở, ban, ngành"
                                                   : "Xếp hạng đơn vị khác";
  return ctx.db.read([&](store::Connection& c) { return xlsx_list(ctx, c, what, std::move(sheet)); });
}

// Published rankings (issue 14, item 8): the standing agency publishes a month's ranking of one peer group, for
// one plan or all. It is the ranking as of the month's last day, read by the same code as GET /ranking for that
// date (R15: an ended day's figures never change), and kept as read, so what the units were told stays on record.
bool known_group(const std::string& g) { return !domain::vi_label("peer_group", g).empty(); }
std::string group_words(const std::string& g) { return std::string(domain::vi_label("peer_group", g)); }

json::object publication_json(const store::RankingPublication& p) {
  const auto month = domain::parse_period(p.month);
  return json::object{{"id", p.id},
                      {"directive_id", p.directive_id ? json::value(*p.directive_id) : json::value(nullptr)},
                      {"directive_number", p.directive_number},
                      {"peer_group", p.peer_group},
                      {"month", p.month},
                      {"month_label", month ? month->vn_label() : p.month},
                      {"as_of", p.as_of},
                      {"published_at", p.published_at},
                      {"published_by_name", p.published_by_name}};
}

Response publish_ranking(Context& ctx) {
  const auto b = parse_body(ctx.req);
  const std::string group = required_string(b, "peer_group", 20);
  if (!known_group(group))
    throw bad_request("peer_group", "Nhóm so sánh chỉ có thể là sở, ban, ngành; UBND cấp xã; hoặc đơn vị khác.");
  const std::string month = required_string(b, "month", 7);
  const auto period = domain::parse_period(month);
  if (!period || period->type != domain::PeriodType::monthly)
    throw bad_request("month", "Tháng công bố phải có dạng năm-tháng, ví dụ 2026-10.");
  const auto directive_id = optional_int(b, "directive_id", 1, INT64_MAX);
  const auto as_of = domain::last_day_of_month(period->year, static_cast<unsigned>(period->number));
  if (as_of >= domain::vietnam_date(ctx.now))
    throw conflict("Tháng " + period->vn_label().substr(std::string("tháng ").size()) +
                       " chưa kết thúc: chỉ công bố xếp hạng của tháng đã qua, khi số liệu đã chốt.",
                   "month");
  // The ranking exactly as GET /ranking answers for that date, plan and group: a read of the same route.
  Request view = ctx.req;
  view.method = "GET";
  view.body.clear();
  view.query = {{"as_of", domain::iso(as_of)}, {"peer_group", group}};
  if (directive_id) view.query["directive_id"] = std::to_string(*directive_id);
  Context read{view,           ctx.db,         ctx.config,  ctx.now, {}, ctx.principal, ctx.cookie_session,
               ctx.csrf_token, ctx.dashboards, ctx.st_tasks};
  const Scope s = ctx.db.read([&](store::Connection& c) { return resolve_scope(read, c); });
  json::object table = ranking(*ranking_for(read, s), group);
  table["as_of"] = domain::iso(as_of);
  return ctx.db.write([&](store::Connection& c) {
    // Each row keeps its unit's path, so a unit later reads its own place (and its subtree's) only.
    for (auto& item : table["items"].as_array()) {
      auto& o = item.as_object();
      const auto u = store::find_unit(c, o["unit_id"].as_int64());
      o["unit_path"] = u ? u->path : "";
    }
    store::RankingPublication p;
    p.directive_id = directive_id;
    p.peer_group = group;
    p.month = period->key();
    p.as_of = domain::iso(as_of);
    p.ranking = json::serialize(table);
    p.published_by = ctx.user().user_id;
    p.published_at = domain::iso(ctx.now);
    const auto id = store::insert_ranking_publication(c, p);
    if (!id)
      throw conflict("Xếp hạng " + group_words(group) + " " + period->vn_label() +
                         " của kế hoạch này đã được công bố; bảng đã công bố không thay đổi.",
                     "month");
    const auto saved = *store::find_ranking_publication(c, *id);
    auto out = publication_json(saved);
    audit(ctx, c, "ranking_publication", *id, "publish", nullptr, out);
    out["ranking"] = std::move(table);
    for (auto& item : out["ranking"].as_object()["items"].as_array()) item.as_object().erase("unit_path");
    return json_response(201, out);
  });
}

Response list_publications(Context& ctx) {
  store::RankingPublicationFilter f;
  f.directive_id = query_id(ctx.req, "directive_id");
  if (auto g = query_string(ctx.req, "peer_group")) {
    if (!known_group(*g))
      throw bad_request("peer_group", "Nhóm so sánh chỉ có thể là sở, ban, ngành; UBND cấp xã; hoặc đơn vị khác.");
    f.peer_group = *g;
  }
  return ctx.db.read([&](store::Connection& c) {
    json::array items;
    for (const auto& p : store::list_ranking_publications(c, f)) items.push_back(publication_json(p));
    const auto n = static_cast<long long>(items.size());
    return list_response(std::move(items), n);
  });
}

// A published ranking: the whole table for whole-city roles; a unit reads the rows of its own subtree.
Response get_publication(Context& ctx) {
  const auto p = ctx.db.read([&](store::Connection& c) { return store::find_ranking_publication(c, ctx.path_id()); });
  if (!p) throw not_found("bảng xếp hạng đã công bố");
  auto out = publication_json(*p);
  auto table = json::parse(p->ranking).as_object();
  json::array rows;
  for (auto& item : table["items"].as_array()) {
    auto& o = item.as_object();
    const bool mine = ctx.user().in_scope(std::string(o["unit_path"].as_string()));
    o.erase("unit_path");
    if (mine) rows.push_back(std::move(item));
  }
  table["total"] = static_cast<long long>(table["items"].as_array().size());
  table["items"] = std::move(rows);
  out["ranking"] = std::move(table);
  return json_response(200, out);
}

}  // namespace

void register_dashboard(Router& r) {
  r.add("GET", "/api/v1/dashboard", Permission::read_unit_data, dashboard);
  r.add("GET", "/api/v1/dashboard/units", Permission::read_unit_data, unit_breakdown);
  r.add("GET", "/api/v1/dashboard/units.xlsx", Permission::read_unit_data, unit_breakdown_xlsx);
  r.add("GET", "/api/v1/ranking", Permission::read_unit_data, ranking_route);
  r.add("GET", "/api/v1/ranking.xlsx", Permission::read_unit_data, ranking_xlsx);
  r.add("POST", "/api/v1/ranking/publications", Permission::compile_synthesis, publish_ranking);
  r.add("GET", "/api/v1/ranking/publications", Permission::read_unit_data, list_publications);
  r.add("GET", "/api/v1/ranking/publications/{id}", Permission::read_unit_data, get_publication);
}

}  // namespace tiendo::api
