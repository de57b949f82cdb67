// What leaders see at a glance over HTTP: statuses, update compliance, reports received, indicators, the warning
// list, ranking and the trend, for any date and unit subtree, and the published rankings. Each route parses its
// query, asks service/dashboard (the scope, the figures: today's unfiltered from the resident model, any other date
// or filter computed) or service/ranking (the table, the publications) and shapes the answer.
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
#include "service/dashboard.h"
#include "service/ranking.h"

namespace tiendo::api {

namespace json = boost::json;
using service::DashboardFigures;
using service::DashboardScope;
using service::RankingData;
using service::Rollup;
using service::UnitFigures;

namespace {

// The scope of a dashboard query (its `unit_id`), within the person's units.
DashboardScope scope_of(Context& ctx) {
  const auto call = call_of(ctx);
  const auto unit_id = query_id(ctx.req, "unit_id");
  return ctx.db.read([&](store::Connection& c) { return service::dashboard_scope(c, call.who, unit_id); });
}

service::DashboardFilters filters_of(Context& ctx) {
  service::DashboardFilters f;
  f.directive_id = query_id(ctx.req, "directive_id");
  f.directing_leader = query_string(ctx.req, "directing_leader");
  f.field = query_string(ctx.req, "field");
  f.peer_group = query_string(ctx.req, "peer_group");
  return f;
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

json::object render(const service::DashboardFigures& f, const DashboardScope& s) {
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
    rank[g] = service::ranking_json(f.ranking, g, 5);
  }
  out["ranking"] = std::move(rank);
  return out;
}

// The dashboard's figures for the request: today's unfiltered from the resident model, a settled date's kept once.
std::shared_ptr<const DashboardFigures> figures_for(Context& ctx, const DashboardScope& s) {
  return service::dashboard_figures(ctx.db, *ctx.dashboards, s, filters_of(ctx), ctx.as_of(), ctx.now);
}

Response dashboard(Context& ctx) {
  const DashboardScope s = scope_of(ctx);
  const auto filters = filters_of(ctx);
  const auto f = service::dashboard_figures(ctx.db, *ctx.dashboards, s, filters, ctx.as_of(), ctx.now);
  if (!service::resident_figures(filters, ctx.as_of(), ctx.now)) return json_response(200, render(*f, s));
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
  const DashboardScope s = scope_of(ctx);
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
  const DashboardScope s = scope_of(ctx);
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

std::shared_ptr<const RankingData> ranking_for(Context& ctx, const DashboardScope& s) {
  return service::dashboard_ranking(ctx.db, *ctx.dashboards, s, filters_of(ctx), ctx.as_of(), ctx.now);
}

Response ranking_route(Context& ctx) {
  const std::string group = ranking_group(ctx);
  const DashboardScope s = scope_of(ctx);
  json::object r = service::ranking_json(*ranking_for(ctx, s), group);
  r["as_of"] = domain::iso(ctx.as_of());
  r["total"] = static_cast<long long>(r["items"].as_array().size());
  return json_response(200, r);
}

// The full ranking as the page shows it, each component as its share and its "numerator/denominator".
Response ranking_xlsx(Context& ctx) {
  const std::string group = ranking_group(ctx);
  const DashboardScope s = scope_of(ctx);
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

// Published rankings (issue 14, item 8): service/ranking.
bool known_group(const std::string& g) { return !domain::vi_label("peer_group", g).empty(); }

Response publish_ranking(Context& ctx) {
  const auto b = parse_body(ctx.req);
  service::RankingPublicationRequest in;
  in.peer_group = required_string(b, "peer_group", 20);
  if (!known_group(in.peer_group))
    throw bad_request("peer_group", "Nhóm so sánh chỉ có thể là sở, ban, ngành; UBND cấp xã; hoặc đơn vị khác.");
  const auto period = domain::parse_period(required_string(b, "month", 7));
  if (!period || period->type != domain::PeriodType::monthly)
    throw bad_request("month", "Tháng công bố phải có dạng năm-tháng, ví dụ 2026-10.");
  in.month = *period;
  in.directive_id = optional_int(b, "directive_id", 1, INT64_MAX);
  const auto call = call_of(ctx);
  return json_response(201, service::publish_ranking(ctx.db, *ctx.dashboards, call.who, ctx.now, in));
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
    auto items = service::ranking_publications(c, f);
    const auto n = static_cast<long long>(items.size());
    return list_response(std::move(items), n);
  });
}

// A published ranking: the whole table for whole-city roles; a unit reads the rows of its own subtree.
Response get_publication(Context& ctx) {
  const auto call = call_of(ctx);
  return ctx.db.read([&](store::Connection& c) {
    return json_response(200, service::ranking_publication(c, call.who, ctx.path_id()));
  });
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
