// Assignments over HTTP: a task for one unit, with its status computed at any date; confirmation of completion,
// decisions (pause, cancel), triggers of conditional work and deadline changes. Each route parses its request, calls
// the use cases of service/assignments (the scope, every rule, the audit and the SQL calls) and answers with what
// they return; the list's pages, .xlsx files and groups share one query.
#include <algorithm>
#include <set>
#include <sstream>

#include "api/json_io.h"
#include "api/list_export.h"
#include "api/router.h"
#include "api/serialize.h"
#include "domain/labels.h"
#include "service/assignment_list.h"
#include "service/assignments.h"

namespace tiendo::api {

namespace json = boost::json;
using service::EvaluatedAssignment;

namespace {

std::set<std::string> status_filter(const Request& req) {
  std::set<std::string> out;
  auto s = query_string(req, "status");
  if (!s) return out;
  std::stringstream in(*s);
  std::string one;
  while (std::getline(in, one, ',')) {
    if (!domain::assignment_status_from(one)) throw bad_request("status", "Trạng thái “" + one + "” không hợp lệ.");
    out.insert(one);
  }
  return out;
}

// The filters of the list's query, read once.
service::AssignmentQuery list_query(Context& ctx) {
  service::AssignmentQuery q;
  if (auto s = query_string(ctx.req, "sort")) {
    q.order = service::list_order_from(*s);
    if (!q.order)
      throw bad_request("sort",
                        "Chỉ sắp xếp được theo đơn vị, nhiệm vụ, lãnh đạo chỉ đạo, lĩnh vực, thời hạn, tiến độ, "
                        "trạng thái hoặc số ngày quá hạn.");
  }
  q.f.directive_id = query_id(ctx.req, "directive_id");
  q.f.task_id = query_id(ctx.req, "task_id");
  q.f.q = query_string(ctx.req, "q");
  q.f.directing_leader = query_string(ctx.req, "directing_leader");
  q.f.field = query_string(ctx.req, "field");
  q.f.peer_group = query_string(ctx.req, "peer_group");
  q.unit_id = query_id(ctx.req, "unit_id");
  q.subtree = query_string(ctx.req, "subtree").value_or("false") == "true";
  q.statuses = status_filter(ctx.req);
  q.warnings_only = query_string(ctx.req, "warning").value_or("false") == "true";
  q.due_from = query_string(ctx.req, "due_from");
  q.due_to = query_string(ctx.req, "due_to");
  for (const auto& [name, v] : {std::pair{"due_from", q.due_from}, std::pair{"due_to", q.due_to}})
    if (v && !domain::parse_iso_date(*v)) throw bad_request(name, "Ngày phải có dạng YYYY-MM-DD.");
  return q;
}

// The list's query, shared by the page (JSON, one page), its .xlsx (every row) and its groups: `use(c, matched)`,
// `c` null when the rows came from the resident model (`from_model`: one unit's list for today, service/assignments).
template <class F>
Response with_matched(Context& ctx, F&& use, bool from_model = false) {
  const auto q = list_query(ctx);
  const auto call = call_of(ctx);
  if (from_model && ctx.dashboards) {
    if (const auto held = service::resident_assignments(ctx.db, *ctx.dashboards, call.who, q, ctx.as_of(), ctx.now))
      return use(nullptr, held->rows);
  }
  return ctx.db.read([&](store::Connection& c) {
    const auto matched = service::matched_assignments(c, call.who, q, ctx.as_of(), ctx.now);
    return use(&c, matched.rows);
  });
}

Response list_assignments(Context& ctx) {
  const auto page = query_page(ctx.req);
  return with_matched(
      ctx,
      [&](store::Connection*, const std::vector<EvaluatedAssignment>& matched) {
        json::array items;
        const auto total = static_cast<long long>(matched.size());
        for (long long i = page.offset; i < total && i < page.offset + page.limit; ++i)
          items.push_back(to_json(matched[static_cast<size_t>(i)]));
        return list_response(std::move(items), total);
      },
      /*from_model=*/true);
}

// Every row of the list, as the page shows them (issue 14, item 10).
Response assignments_xlsx(Context& ctx) {
  return with_matched(ctx, [&](store::Connection* c, const std::vector<EvaluatedAssignment>& matched) {
    formats::XlsxSheet sheet;
    sheet.name = "Nhiem vu";
    sheet.columns = {{"TT", 6},        {"Đơn vị", 30},  {"Nhiệm vụ", 60},   {"Lãnh đạo chủ trì", 24},
                     {"Thời hạn", 12}, {"Tiến độ", 10}, {"Trạng thái", 22}, {"Số ngày quá hạn", 12}};
    for (size_t i = 0; i < matched.size(); ++i) {
      const auto& x = matched[i];
      formats::XlsxRow row;
      row.cells.emplace_back(static_cast<double>(i + 1));
      row.cells.emplace_back(x.a->unit->name);
      row.cells.emplace_back(x.a->task->code + ". " + x.a->task->name);
      row.cells.emplace_back(x.a->task->directing_leader);
      if (x.e.due)
        row.cells.emplace_back(*x.e.due);
      else
        row.cells.emplace_back(std::monostate{});
      row.cells.emplace_back(formats::Percent{x.a->progress_percent / 100.0});
      row.cells.emplace_back(std::string(domain::vn_label(x.e.status)));
      if (x.e.status == domain::AssignmentStatus::overdue)
        row.cells.emplace_back(static_cast<double>(x.e.overdue_days));
      else
        row.cells.emplace_back(std::monostate{});
      sheet.rows.push_back(std::move(row));
    }
    return xlsx_list(ctx, *c, "Danh sách nhiệm vụ", std::move(sheet));
  });
}

service::GroupBy group_by(Context& ctx) {
  const auto g = service::group_by_from(query_string(ctx.req, "by").value_or("unit"));
  if (!g) throw bad_request("by", "Chỉ nhóm được theo đơn vị, nhiệm vụ, lãnh đạo chỉ đạo hoặc lĩnh vực.");
  return *g;
}

// The statuses in the order needing attention, as the groups' columns read them.
std::vector<domain::AssignmentStatus> attention_order() {
  std::vector<domain::AssignmentStatus> out;
  for (size_t i = 0; i < domain::kAssignmentStatusCount; ++i) out.push_back(static_cast<domain::AssignmentStatus>(i));
  std::sort(out.begin(), out.end(),
            [](auto a, auto b) { return domain::attention_rank(a) < domain::attention_rank(b); });
  return out;
}

// Issue 14, item 7: the list grouped by unit, task, directing leader or field, worst first; each group says which
// filter lists its rows, so a click opens exactly them. The groups' sum is the list's.
Response list_assignment_groups(Context& ctx) {
  const auto by = group_by(ctx);
  return with_matched(ctx, [&](store::Connection*, const std::vector<EvaluatedAssignment>& matched) {
    service::AssignmentGroup sum;
    json::array items;
    const auto statuses = [](const service::AssignmentGroup& g) {
      json::object o;
      for (size_t i = 0; i < g.by_status.size(); ++i)
        o[domain::to_string(static_cast<domain::AssignmentStatus>(i))] = g.by_status[i];
      return o;
    };
    for (const auto& g : service::group_assignments(matched, by)) {
      sum.listed += g.listed;
      sum.counted += g.counted;
      sum.warnings += g.warnings;
      for (size_t i = 0; i < g.by_status.size(); ++i) sum.by_status[i] += g.by_status[i];
      items.push_back(json::object{{"key", g.key},
                                   {"label", g.label},
                                   {"filter", json::object{{"param", g.filter_param}, {"value", g.filter_value}}},
                                   {"listed", g.listed},
                                   {"counted", g.counted},
                                   {"warnings", g.warnings},
                                   {"by_status", statuses(g)}});
    }
    const auto total = static_cast<long long>(items.size());
    return json_response(200, json::object{{"as_of", domain::iso(ctx.as_of())},
                                           {"by", service::to_string(by)},
                                           {"sum", json::object{{"listed", sum.listed},
                                                                {"counted", sum.counted},
                                                                {"warnings", sum.warnings},
                                                                {"by_status", statuses(sum)}}},
                                           {"items", std::move(items)},
                                           {"total", total}});
  });
}

Response assignment_groups_xlsx(Context& ctx) {
  const auto by = group_by(ctx);
  return with_matched(ctx, [&](store::Connection* c, const std::vector<EvaluatedAssignment>& matched) {
    static constexpr const char* kHeader[] = {"Đơn vị", "Nhiệm vụ", "Lãnh đạo chỉ đạo", "Lĩnh vực"};
    const auto columns = attention_order();
    formats::XlsxSheet sheet;
    sheet.name = "Theo nhom";
    sheet.columns = {{"TT", 6}, {kHeader[static_cast<int>(by)], 40}, {"Số nhiệm vụ", 12}, {"Cảnh báo", 10}};
    for (const auto st : columns) sheet.columns.push_back({std::string(domain::vn_label(st)), 13});
    service::AssignmentGroup sum;
    const auto add_row = [&](formats::XlsxRow row, const service::AssignmentGroup& g) {
      row.cells.emplace_back(static_cast<double>(g.counted));
      row.cells.emplace_back(static_cast<double>(g.warnings));
      for (const auto st : columns) row.cells.emplace_back(static_cast<double>(g.by_status[static_cast<size_t>(st)]));
      sheet.rows.push_back(std::move(row));
    };
    const auto groups = service::group_assignments(matched, by);
    for (size_t i = 0; i < groups.size(); ++i) {
      const auto& g = groups[i];
      sum.counted += g.counted;
      sum.warnings += g.warnings;
      for (size_t k = 0; k < g.by_status.size(); ++k) sum.by_status[k] += g.by_status[k];
      formats::XlsxRow row;
      row.cells = {static_cast<double>(i + 1), g.label.empty() ? std::string("(chưa ghi)") : g.label};
      add_row(std::move(row), g);
    }
    formats::XlsxRow total;
    total.cells = {std::monostate{}, std::string("Tổng cộng")};
    add_row(std::move(total), sum);
    return xlsx_list(ctx, *c,
                     std::string("Nhiệm vụ theo ") + (by == service::GroupBy::unit               ? "đơn vị"
                                                      : by == service::GroupBy::task             ? "nhiệm vụ"
                                                      : by == service::GroupBy::directing_leader ? "lãnh đạo"
                                                                                                 : "lĩnh vực"),
                     std::move(sheet));
  });
}

Response get_assignment(Context& ctx) {
  const auto call = call_of(ctx);
  return ctx.db.read([&](store::Connection& c) {
    return json_response(200, service::assignment_view(c, call.who, ctx.path_id(), ctx.as_of(), ctx.now));
  });
}

// Each change answers the assignment as judged today.
template <class F>
Response change(Context& ctx, F&& use_case) {
  const auto call = call_of(ctx);
  return ctx.db.write([&](store::Connection& c) { return json_response(200, use_case(call.on(c), ctx.path_id())); });
}

Response confirm(Context& ctx) {
  const auto body = ctx.req.body.empty() ? json::object{} : parse_body(ctx.req);
  const auto on = optional_date(body, "done_on");
  return change(ctx,
                [&](const service::Call& call, store::Id id) { return service::confirm_completion(call, id, on); });
}

Response reopen(Context& ctx) { return change(ctx, service::reopen_completion); }

Response decide(Context& ctx) {
  const auto body = parse_body(ctx.req);
  const std::string decision = required_string(body, "decision", 20);
  const auto on = optional_date(body, "on");
  return change(
      ctx, [&](const service::Call& call, store::Id id) { return service::decide_assignment(call, id, decision, on); });
}

Response trigger(Context& ctx) {
  const auto body = parse_body(ctx.req);
  const auto on = optional_date(body, "on");
  const auto due = optional_date(body, "due");
  return change(
      ctx, [&](const service::Call& call, store::Id id) { return service::trigger_assignment(call, id, on, due); });
}

Response set_due(Context& ctx) {
  const auto body = parse_body(ctx.req);
  const auto due = optional_date(body, "due");
  if (!due) throw bad_request("due", "Trường " + label("due") + " là bắt buộc (ngày dạng YYYY-MM-DD).");
  const std::string reason = required_string(body, "reason", 2000);
  return change(
      ctx, [&](const service::Call& call, store::Id id) { return service::set_effective_due(call, id, *due, reason); });
}

}  // namespace

void register_assignments(Router& r) {
  // A unit's list for today is read from the resident model: answered in place, any other list on a worker.
  r.add("GET", "/api/v1/assignments", Permission::read_unit_data, list_assignments, Pace::in_place);
  r.add("GET", "/api/v1/assignments.xlsx", Permission::read_unit_data, assignments_xlsx);
  r.add("GET", "/api/v1/assignment-groups", Permission::read_unit_data, list_assignment_groups);
  r.add("GET", "/api/v1/assignment-groups.xlsx", Permission::read_unit_data, assignment_groups_xlsx);
  r.add("GET", "/api/v1/assignments/{id}", Permission::read_unit_data, get_assignment);
  r.add("POST", "/api/v1/assignments/{id}/confirm", Permission::review_report, confirm);
  r.add("POST", "/api/v1/assignments/{id}/reopen", Permission::review_report, reopen);
  r.add("POST", "/api/v1/assignments/{id}/decision", Permission::manage_plan, decide);
  r.add("POST", "/api/v1/assignments/{id}/trigger", Permission::manage_plan, trigger);
  r.add("PUT", "/api/v1/assignments/{id}/effective-due", Permission::manage_plan, set_due);
}

}  // namespace tiendo::api
