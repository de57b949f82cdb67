#include "service/assignments.h"

#include <algorithm>
#include <map>

#include "service/audit.h"
#include "service/dashboard_model.h"
#include "service/errors.h"
#include "service/json_out.h"
#include "service/plan_json.h"
#include "service/units.h"
#include "store/plan_store.h"
#include "store/report_store.h"

namespace tiendo::service {

namespace json = boost::json;

namespace {

// The evaluated rows through the filters the store does not apply, in the list's order. The warning list comes in
// the dashboard's warning order (issue 14): the longest overdue first, then work with no update, then what falls
// due soon, the nearest first; its first rows are the dashboard's. `order` (a column, '-' for descending) orders any
// list by that column, ties in the list's own order. `plans`: the plans in the dashboard's order.
std::vector<EvaluatedAssignment> filtered(const AssignmentQuery& q, std::vector<EvaluatedAssignment> all,
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
  if (q.order) sort_assignments(matched, *q.order);
  return matched;
}

store::Assignment assignment_in_scope(store::Connection& c, const Actor& who, store::Id id) {
  auto a = store::find_assignment(c, id);
  if (!a || !who.in_scope(a->unit->path)) throw not_found("nhiệm vụ được giao");
  return *a;
}

// Runs one change to an assignment, with its audit entry, and answers the new state. `reason`, when given, is kept in
// the audit entry: why a deadline moved is part of the record.
template <class F>
json::object change(const Call& call, store::Id id, const std::string& action, F&& apply,
                    const std::string& reason = {}) {
  const auto before = assignment_in_scope(call.c, call.who, id);
  Evaluator ev(call.c, domain::vietnam_date(call.now), call.now);
  apply(before);
  const auto after = *store::find_assignment(call.c, before.id);
  json::object out = to_json(ev.evaluate(after));
  json::object recorded = out;
  if (!reason.empty()) recorded["reason"] = reason;
  audit(call.c, call.postgres, &call.who, call.now, "assignment", before.id, action, to_json(ev.evaluate(before)),
        recorded);
  return out;
}

}  // namespace

std::optional<MatchedAssignments> resident_assignments(store::Database& db, DashboardModel& model, const Actor& who,
                                                       const AssignmentQuery& q, domain::Date as_of,
                                                       domain::Instant now) {
  if (as_of != domain::vietnam_date(now) || !q.unit_id || q.subtree || q.f.task_id || q.f.q || q.f.directing_leader ||
      q.f.field || q.f.peer_group)
    return std::nullopt;
  const auto held = model.unit_work(db, now, *q.unit_id);
  if (!held) return std::nullopt;
  if (!who.in_scope(held->share->path)) throw forbidden("Đơn vị này nằm ngoài phạm vi của bạn.");
  std::vector<EvaluatedAssignment> all;
  for (const auto& l : held->share->listed) {
    if (q.f.directive_id && l.a->directive_id != *q.f.directive_id) continue;
    all.push_back(EvaluatedAssignment{l.a.get(), l.e, l.judged, l.counted});
  }
  MatchedAssignments out;
  out.rows = filtered(q, std::move(all), held->frame->plans);
  out.held = held->share;
  return out;
}

MatchedAssignments matched_assignments(store::Connection& c, const Actor& who, const AssignmentQuery& q,
                                       domain::Date as_of, domain::Instant now) {
  // An evaluation may take long (a province's list, a past date): never on a network thread.
  if (store::InPlace::on()) throw store::WouldWait{};
  auto f = q.f;
  f.scope_path = who.scope_path;
  if (q.unit_id) {
    const auto u = scoped_unit(c, who, *q.unit_id);
    if (q.subtree)
      f.scope_path = u.path;
    else
      f.unit_id = q.unit_id;
  }
  MatchedAssignments out;
  out.ev = std::make_unique<Evaluator>(c, as_of, now);
  out.ev->only_unit(f.unit_id);  // a past date reads the history of the unit or subtree listed, not the nation's
  out.ev->within(f.scope_path);
  std::vector<store::Directive> plans;
  if (q.warnings_only) {
    store::DirectiveFilter df;  // the dashboard's plan order
    df.has_plan = true;
    plans = store::list_directives(c, df, store::Page{1000, 0}, nullptr);
  }
  out.rows = filtered(q, out.ev->assignments(f), plans);
  return out;
}

json::object assignment_view(store::Connection& c, const Actor& who, store::Id id, domain::Date as_of,
                             domain::Instant now) {
  auto a = assignment_in_scope(c, who, id);
  Evaluator ev(c, as_of, now);
  ev.only_unit(a.unit_id);  // a past date reads the history of this unit only
  ev.patch(a);
  json::object o = to_json(ev.evaluate(a));
  if (auto t = store::find_task(c, a.task_id)) {
    ev.patch(*t);  // its deadline words as they were (issue 12)
    o["task"] = to_json(*t);
  }
  // A draft, or a correction not yet submitted again, is in its report only.
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
  return o;
}

json::object confirm_completion(const Call& call, store::Id id, std::optional<domain::Date> done_on) {
  const auto today = domain::vietnam_date(call.now);
  const auto on = done_on.value_or(today);
  if (on > today) throw invalid("done_on", "Ngày hoàn thành không được ở tương lai.");
  return change(call, id, "confirm", [&](const store::Assignment& a) {
    if (a.confirmed_done_on) throw conflict("Nhiệm vụ đã được xác nhận hoàn thành.");
    if (a.deadline_kind == "recurring") throw conflict("Nhiệm vụ thường xuyên không có thời điểm hoàn thành.");
    store::confirm_assignment(call.c, a.id, domain::iso(on), call.who.user_id, domain::iso(call.now));
  });
}

json::object reopen_completion(const Call& call, store::Id id) {
  return change(call, id, "reopen", [&](const store::Assignment& a) {
    if (!a.confirmed_done_on) throw conflict("Nhiệm vụ chưa được xác nhận hoàn thành.");
    store::confirm_assignment(call.c, a.id, std::nullopt, std::nullopt, domain::iso(call.now));
  });
}

json::object decide_assignment(const Call& call, store::Id id, const std::string& decision,
                               std::optional<domain::Date> on) {
  if (!domain::decision_from(decision))
    throw invalid("decision", "Quyết định chỉ có thể là tiếp tục thực hiện, tạm dừng hoặc hủy bỏ.");
  const auto from = on.value_or(domain::vietnam_date(call.now));
  return change(call, id, "decision", [&](const store::Assignment& a) {
    store::set_assignment_decision(call.c, a.id, decision,
                                   decision == "active" ? std::nullopt : std::optional(domain::iso(from)),
                                   domain::iso(call.now));
  });
}

json::object trigger_assignment(const Call& call, store::Id id, std::optional<domain::Date> on,
                                std::optional<domain::Date> due) {
  const auto from = on.value_or(domain::vietnam_date(call.now));
  return change(call, id, "trigger", [&](const store::Assignment& a) {
    if (a.deadline_kind != "conditional") throw conflict("Chỉ nhiệm vụ \"khi có hướng dẫn\" mới cần kích hoạt.");
    store::trigger_assignment(call.c, a.id, domain::iso(from), due ? std::optional(domain::iso(*due)) : std::nullopt,
                              domain::iso(call.now));
  });
}

json::object set_effective_due(const Call& call, store::Id id, domain::Date due, const std::string& reason) {
  return change(
      call, id, "set_effective_due",
      [&](const store::Assignment& a) {
        if (a.deadline_kind == "recurring") throw conflict("Nhiệm vụ thường xuyên không có thời hạn.");
        store::set_effective_due(call.c, a.id, domain::iso(due), domain::iso(call.now));
      },
      reason);
}

}  // namespace tiendo::service
