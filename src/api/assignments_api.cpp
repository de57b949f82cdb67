// Assignments: a task for one unit, with its status computed at any date; confirmation of completion,
// decisions (pause, cancel), triggers of conditional work and deadline changes.
#include <algorithm>
#include <map>
#include <set>
#include <sstream>

#include "api/json_io.h"
#include "api/list_export.h"
#include "api/router.h"
#include "api/serialize.h"
#include "domain/labels.h"
#include "service/assignment_list.h"
#include "service/dashboard_model.h"
#include "store/plan_store.h"
#include "store/report_store.h"

namespace tiendo::api {

namespace json = boost::json;
using service::EvaluatedAssignment;
using service::on_warning_list;
using service::warned_before;
using service::warning_reason;
using service::WarningOrder;

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

// Checks that a unit filter stays inside the caller's subtree.
std::optional<std::string> scope_for(Context& ctx, store::Connection& c, const std::optional<store::Id>& unit_id) {
  const auto& p = ctx.user();
  if (unit_id) {
    auto u = store::find_unit(c, *unit_id);
    if (!u) throw bad_request("unit_id", "Không tìm thấy đơn vị.");
    if (!p.in_scope(u->path)) throw forbidden("Đơn vị này nằm ngoài phạm vi của bạn.");
  }
  return p.scope_path();
}

// The filters of the list's query, read and checked once.
struct ListQuery {
  store::AssignmentFilter f;
  std::optional<store::Id> unit_id;
  bool subtree = false;
  std::set<std::string> statuses;
  bool warnings_only = false;
  std::optional<std::string> due_from, due_to;
  std::optional<service::ListOrder> order;
};

ListQuery list_query(Context& ctx) {
  ListQuery q;
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

// The evaluated rows through the filters the store does not apply, in the list's order. The warning list comes in
// the dashboard's warning order (issue 14): the longest overdue first, then work with no update, then what falls
// due soon, the nearest first; its first rows are the dashboard's. `sort` (a column, '-' for descending) orders any
// list by that column, ties in the list's own order. `plans`: the plans in the dashboard's order.
std::vector<EvaluatedAssignment> filtered(const ListQuery& q, std::vector<EvaluatedAssignment> all,
                                          const std::vector<store::Directive>& plans) {
  std::vector<EvaluatedAssignment> matched;
  for (auto& x : all) {
    if (!q.statuses.empty() && !q.statuses.contains(std::string(domain::to_string(x.e.status)))) continue;
    if (q.warnings_only && !on_warning_list(x)) continue;
    const std::string due = x.e.due ? domain::iso(*x.e.due) : "";
    if (q.due_from && (due.empty() || due < *q.due_from)) continue;
    if (q.due_to && (due.empty() || due > *q.due_to)) continue;
    matched.push_back(std::move(x));
  }
  if (q.warnings_only) {
    std::map<store::Id, size_t> plan_index;
    for (const auto& d : plans) plan_index.emplace(d.id, plan_index.size());
    const auto warning_order = [&](const EvaluatedAssignment& x) {
      return WarningOrder{warning_reason(x.e), &x.e, plan_index[x.a->directive_id], x.a->task_id, &x.a->unit->path};
    };
    std::stable_sort(matched.begin(), matched.end(), [&](const EvaluatedAssignment& a, const EvaluatedAssignment& b) {
      return warned_before(warning_order(a), warning_order(b));
    });
  }
  if (q.order) service::sort_assignments(matched, *q.order);
  return matched;
}

// The list's query, shared by the page (JSON, one page), its .xlsx (every row) and its groups: `use(c, matched)`,
// `c` null when the rows came from the resident model.
// One unit's list for today (the commune's overdue list, the page a focal point opens most) is read from the
// resident model, current with the change feed, when the query filters nothing the model does not hold
// (`from_model`): no evaluation, and no SQL but the feed's check (issue 13).
template <class F>
Response with_matched(Context& ctx, F&& use, bool from_model = false) {
  const auto q = list_query(ctx);
  const bool today = ctx.as_of() == domain::vietnam_date(ctx.now);
  if (from_model && today && q.unit_id && !q.subtree && !q.f.task_id && !q.f.q && !q.f.directing_leader && !q.f.field &&
      !q.f.peer_group && ctx.dashboards) {
    if (const auto held = ctx.dashboards->unit_work(ctx.db, ctx.now, *q.unit_id)) {
      if (!ctx.user().in_scope(held->share->path)) throw forbidden("Đơn vị này nằm ngoài phạm vi của bạn.");
      std::vector<EvaluatedAssignment> all;
      for (const auto& l : held->share->listed) {
        if (q.f.directive_id && l.a->directive_id != *q.f.directive_id) continue;
        all.push_back(EvaluatedAssignment{l.a.get(), l.e, l.judged, l.counted});
      }
      return use(nullptr, filtered(q, std::move(all), held->frame->plans));
    }
  }
  return ctx.db.read([&](store::Connection& c) {
    auto f = q.f;
    f.scope_path = scope_for(ctx, c, q.unit_id);
    if (q.unit_id && q.subtree) {
      f.scope_path = store::find_unit(c, *q.unit_id)->path;
    } else {
      f.unit_id = q.unit_id;
    }
    service::Evaluator ev(c, ctx.as_of(), ctx.now);
    ev.only_unit(f.unit_id);  // a past date reads the history of the unit or subtree listed, not the nation's
    ev.within(f.scope_path);
    std::vector<store::Directive> plans;
    if (q.warnings_only) {
      store::DirectiveFilter df;  // the dashboard's plan order
      df.has_plan = true;
      plans = store::list_directives(c, df, store::Page{1000, 0}, nullptr);
    }
    return use(&c, filtered(q, ev.assignments(f), plans));
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

store::Assignment load_in_scope(Context& ctx, store::Connection& c) {
  auto a = store::find_assignment(c, ctx.path_id());
  if (!a || !ctx.user().in_scope(a->unit->path)) throw not_found("nhiệm vụ được giao");
  return *a;
}

Response get_assignment(Context& ctx) {
  return ctx.db.read([&](store::Connection& c) {
    auto a = load_in_scope(ctx, c);
    service::Evaluator ev(c, ctx.as_of(), ctx.now);
    ev.only_unit(a.unit_id);  // a past date reads the history of this unit only
    ev.patch(a);
    json::object o = to_json(ev.evaluate(a));
    if (auto t = store::find_task(c, a.task_id)) {
      ev.patch(*t);  // its deadline words as they were (issue 12)
      o["task"] = to_json(*t);
    }
    // The report history of this assignment: what the unit said each period when it last submitted it, newest
    // first (a draft, or a correction not yet submitted again, is in its report only).
    json::array history;
    for (const auto& line : store::assignment_report_history(c, a.id, ev.known_before())) {
      const auto state = ev.report_state(line.report_id, line.state);  // as it stood at the end of as_of
      json::array evidence;
      for (const auto& e : store::list_evidence(c, line.report_id)) {
        if (ev.known_before() && e.uploaded_at >= *ev.known_before()) continue;  // uploaded since
        if (!e.assignment_id || *e.assignment_id == a.id) evidence.push_back(to_json(e));
      }
      history.push_back(json::object{{"report_id", line.report_id},
                                     {"period", line.period},
                                     {"state", state.value_or(line.state)},
                                     {"submitted_at", nullable(line.submitted_at)},
                                     {"progress_percent", line.progress_percent},
                                     {"work_done", line.work_done},
                                     {"output_ref", line.output_ref},
                                     {"difficulties", line.difficulties},
                                     {"proposals", line.proposals},
                                     {"exceeds_authority", line.exceeds_authority},
                                     {"declared_done_on", nullable(line.declared_done_on)},
                                     {"evidence", std::move(evidence)}});
    }
    o["history"] = std::move(history);
    return json_response(200, o);
  });
}

// Runs one change to an assignment in a transaction, with its audit entry, and answers the new state.
// `reason`, when given, is kept in the audit entry: why a deadline moved is part of the record.
template <class F>
Response change_assignment(Context& ctx, const std::string& action, F&& change, const std::string& reason = {}) {
  return ctx.db.write([&](store::Connection& c) {
    const auto before = load_in_scope(ctx, c);
    service::Evaluator ev(c, ctx.as_of(), ctx.now);
    change(c, before);
    const auto after = *store::find_assignment(c, before.id);
    json::object out = to_json(ev.evaluate(after));
    json::object recorded = out;
    if (!reason.empty()) recorded["reason"] = reason;
    audit(ctx, c, "assignment", before.id, action, to_json(ev.evaluate(before)), recorded);
    return json_response(200, out);
  });
}

Response confirm(Context& ctx) {
  const auto body = ctx.req.body.empty() ? json::object{} : parse_body(ctx.req);
  const auto on = optional_date(body, "done_on").value_or(domain::vietnam_date(ctx.now));
  if (on > domain::vietnam_date(ctx.now)) throw bad_request("done_on", "Ngày hoàn thành không được ở tương lai.");
  return change_assignment(ctx, "confirm", [&](store::Connection& c, const store::Assignment& a) {
    if (a.confirmed_done_on) throw conflict("Nhiệm vụ đã được xác nhận hoàn thành.");
    if (a.deadline_kind == "recurring") throw conflict("Nhiệm vụ thường xuyên không có thời điểm hoàn thành.");
    store::confirm_assignment(c, a.id, domain::iso(on), ctx.user().user_id, domain::iso(ctx.now));
  });
}

Response reopen(Context& ctx) {
  return change_assignment(ctx, "reopen", [&](store::Connection& c, const store::Assignment& a) {
    if (!a.confirmed_done_on) throw conflict("Nhiệm vụ chưa được xác nhận hoàn thành.");
    store::confirm_assignment(c, a.id, std::nullopt, std::nullopt, domain::iso(ctx.now));
  });
}

Response decide(Context& ctx) {
  const auto body = parse_body(ctx.req);
  const std::string decision = required_string(body, "decision", 20);
  if (!domain::decision_from(decision))
    throw bad_request("decision", "Quyết định chỉ có thể là tiếp tục thực hiện, tạm dừng hoặc hủy bỏ.");
  const auto on = optional_date(body, "on").value_or(domain::vietnam_date(ctx.now));
  return change_assignment(ctx, "decision", [&](store::Connection& c, const store::Assignment& a) {
    store::set_assignment_decision(
        c, a.id, decision, decision == "active" ? std::nullopt : std::optional(domain::iso(on)), domain::iso(ctx.now));
  });
}

Response trigger(Context& ctx) {
  const auto body = parse_body(ctx.req);
  const auto on = optional_date(body, "on").value_or(domain::vietnam_date(ctx.now));
  const auto due = optional_date(body, "due");
  return change_assignment(ctx, "trigger", [&](store::Connection& c, const store::Assignment& a) {
    if (a.deadline_kind != "conditional") throw conflict("Chỉ nhiệm vụ \"khi có hướng dẫn\" mới cần kích hoạt.");
    store::trigger_assignment(c, a.id, domain::iso(on), due ? std::optional(domain::iso(*due)) : std::nullopt,
                              domain::iso(ctx.now));
  });
}

Response set_due(Context& ctx) {
  const auto body = parse_body(ctx.req);
  const auto due = optional_date(body, "due");
  if (!due) throw bad_request("due", "Trường " + label("due") + " là bắt buộc (ngày dạng YYYY-MM-DD).");
  const std::string reason = required_string(body, "reason", 2000);
  return change_assignment(
      ctx, "set_effective_due",
      [&](store::Connection& c, const store::Assignment& a) {
        if (a.deadline_kind == "recurring") throw conflict("Nhiệm vụ thường xuyên không có thời hạn.");
        store::set_effective_due(c, a.id, domain::iso(*due), domain::iso(ctx.now));
      },
      reason);
}

}  // namespace

void register_assignments(Router& r) {
  r.add("GET", "/api/v1/assignments", Permission::read_unit_data, list_assignments);
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
