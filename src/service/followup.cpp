#include "service/followup.h"

#include "domain/followup.h"
#include "service/audit.h"
#include "service/evaluation.h"
#include "service/json_out.h"
#include "store/plan_store.h"

namespace tiendo::service {

namespace json = boost::json;

namespace {

std::string at(const Call& call) { return domain::iso(call.now); }

void audit_new(const Call& call, const std::string& entity, store::Id id, const std::string& action,
               const json::object& after) {
  audit(call.c, call.postgres, &call.who, call.now, entity, id, action, nullptr, after);
}

template <class T, class F>
json::array rows_json(const std::vector<T>& rows, F one) {
  json::array out;
  for (const auto& r : rows) out.push_back(one(r));
  return out;
}

json::object extension_json(const store::Extension& e) {
  return {{"id", e.id},
          {"assignment_id", e.assignment_id},
          {"previous_due", nullable(e.previous_due)},
          {"requested_due", e.requested_due},
          {"reason", e.reason},
          {"state", e.state},
          {"requested_at", e.requested_at},
          {"decided_at", nullable(e.decided_at)},
          {"unit_id", e.unit_id},
          {"unit_name", e.unit_name},
          {"task_code", e.task_code},
          {"task_name", e.task_name},
          {"original_due", nullable(e.original_due)}};
}

json::object review_json(const store::OverdueReview& r) {
  return {{"id", r.id},
          {"assignment_id", r.assignment_id},
          {"cause", r.cause},
          {"responsible_unit", r.responsible_unit},
          {"responsible_person", r.responsible_person},
          {"remedy", r.remedy},
          {"new_due", r.new_due},
          {"roadmap", r.roadmap},
          {"state", r.state},
          {"created_at", r.created_at},
          {"closed_at", nullable(r.closed_at)},
          {"unit_id", r.unit_id},
          {"unit_name", r.unit_name},
          {"task_code", r.task_code},
          {"task_name", r.task_name}};
}

json::object explanation_json(const store::Explanation& x) {
  return {{"id", x.id},
          {"unit_id", x.unit_id},
          {"unit_name", x.unit_name},
          {"assignment_id", nullable(x.assignment_id)},
          {"indicator_id", nullable(x.indicator_id)},
          {"question", x.question},
          {"due_on", x.due_on},
          {"requested_at", x.requested_at},
          {"answer", nullable(x.answer)},
          {"answered_at", nullable(x.answered_at)},
          {"requested_by_name", x.requested_by_name}};
}

json::object escalation_json(const store::Escalation& e) {
  return {{"report_id", e.report_id},
          {"assignment_id", e.assignment_id},
          {"unit_id", e.unit_id},
          {"unit_name", e.unit_name},
          {"period", e.period},
          {"task_code", e.task_code},
          {"task_name", e.task_name},
          {"difficulties", e.difficulties},
          {"proposals", e.proposals},
          {"submitted_at", nullable(e.submitted_at)},
          {"answer", nullable(e.answer)},
          {"answered_at", nullable(e.answered_at)},
          {"held_by_unit_id", nullable(e.held_by_unit_id)},
          {"held_by_unit_name", nullable(e.held_by_unit_name)}};
}

Error pending_already() { return conflict("Nhiệm vụ đã có đề nghị gia hạn đang chờ xử lý.", "assignment_id"); }

}  // namespace

store::Assignment followup_assignment(store::Connection& c, const Actor& who, store::Id id) {
  auto a = store::find_assignment(c, id);
  if (!a || !who.in_scope(a->unit->path)) throw not_found("nhiệm vụ được giao");
  return *a;
}

// --- extension requests ---

json::array extension_requests(store::Connection& c, const Actor& who, const std::optional<std::string>& state) {
  return rows_json(store::list_extensions(c, who.scope_path, state), extension_json);
}

json::object request_extension(const Call& call, const store::Assignment& a, const ExtensionInput& in) {
  const auto current = a.effective_due ? a.effective_due : a.original_due;
  const auto current_day = current ? domain::parse_iso_date(*current) : std::nullopt;
  switch (domain::extension_refusal(a.deadline_kind == "recurring", a.confirmed_done_on.has_value(), current_day,
                                    in.requested_due)) {
    case domain::ExtensionRefusal::recurring:
      throw conflict("Nhiệm vụ thường xuyên không có thời hạn để gia hạn.");
    case domain::ExtensionRefusal::done:
      throw conflict("Nhiệm vụ đã hoàn thành.");
    case domain::ExtensionRefusal::not_later:
      throw invalid("requested_due", "Thời hạn đề nghị phải sau thời hạn hiện tại (" + *current + ").");
    case domain::ExtensionRefusal::none:
      break;
  }
  if (store::has_pending_extension(call.c, a.id)) throw pending_already();
  const std::string due = domain::iso(in.requested_due);
  store::Id id = 0;
  try {
    id = store::insert_extension(call.c, a.id, current, due, in.reason, call.who.user_id, at(call));
  } catch (const store::DbError& e) {
    // The partial unique index: another request for this assignment was committed meanwhile.
    if (e.kind != store::DbError::Kind::constraint) throw;
    throw pending_already();
  }
  const json::object out{{"id", id},
                         {"assignment_id", a.id},
                         {"previous_due", nullable(current)},
                         {"requested_due", due},
                         {"reason", in.reason},
                         {"state", "pending"}};
  audit_new(call, "extension", id, "request", out);
  return out;
}

ExtensionDecision extension_decision(bool approve, std::optional<std::string> note) {
  // A blank reason is no reason: the unit must read why its deadline stays.
  if (!approve && (!note || note->find_first_not_of(" \t\r\n") == std::string::npos))
    throw invalid("reason", "Cần nêu lý do không chấp thuận.");
  return {approve, std::move(note)};
}

json::object decide_extension(const Call& call, store::Id id, const ExtensionDecision& d) {
  const bool approve = d.approve;
  auto e = store::find_extension(call.c, id);
  if (!e || !call.who.in_scope(e->unit_path)) throw not_found("đề nghị gia hạn");
  if (e->state != "pending" ||
      !store::decide_extension(call.c, e->id, approve ? "approved" : "refused", call.who.user_id, at(call)))
    throw conflict("Đề nghị đã được xử lý.", "state");
  // Approval moves the effective deadline; the original stays on the assignment.
  if (approve) store::set_effective_due(call.c, e->assignment_id, e->requested_due, at(call));
  const json::object out{{"id", e->id},
                         {"state", approve ? "approved" : "refused"},
                         {"assignment_id", e->assignment_id},
                         {"note", nullable(d.note)}};
  audit_new(call, "extension", e->id, approve ? "approve" : "refuse", out);
  return out;
}

// --- overdue reviews ---

json::array overdue_reviews(store::Connection& c, const Actor& who, const std::optional<std::string>& state) {
  return rows_json(store::list_overdue_reviews(c, who.scope_path, state), review_json);
}

json::object create_overdue_review(const Call& call, const store::Assignment& a, const ReviewInput& in) {
  const auto today = domain::vietnam_date(call.now);
  Evaluator ev(call.c, today, call.now);
  switch (domain::review_refusal(ev.evaluate(a).e.status, in.new_due, today)) {
    case domain::ReviewRefusal::not_overdue:
      throw conflict("Chỉ rà soát nhiệm vụ đang quá hạn.", "assignment_id");
    case domain::ReviewRefusal::not_future:
      throw invalid("new_due", "Thời hạn mới phải ở tương lai.");
    case domain::ReviewRefusal::none:
      break;
  }
  const std::string new_due = domain::iso(in.new_due);
  const auto id = store::insert_overdue_review(call.c, a.id, in.cause, in.responsible_unit, in.responsible_person,
                                               in.remedy, new_due, in.roadmap, call.who.user_id, at(call));
  const json::object out{{"id", id},
                         {"assignment_id", a.id},
                         {"cause", in.cause},
                         {"responsible_unit", in.responsible_unit},
                         {"responsible_person", in.responsible_person},
                         {"remedy", in.remedy},
                         {"new_due", new_due},
                         {"roadmap", in.roadmap},
                         {"state", "open"}};
  audit_new(call, "overdue_review", id, "create", out);
  return out;
}

json::object close_overdue_review(const Call& call, store::Id id) {
  auto r = store::find_overdue_review(call.c, id);
  if (!r || !call.who.in_scope(r->unit_path)) throw not_found("rà soát nhiệm vụ quá hạn");
  if (r->state != "open" || !store::close_overdue_review(call.c, r->id, at(call)))
    throw conflict("Rà soát đã đóng.", "state");
  const json::object out{{"id", r->id}, {"state", "closed"}};
  audit_new(call, "overdue_review", r->id, "close", out);
  return out;
}

// --- explanation requests ---

json::array explanation_requests(store::Connection& c, const Actor& who, std::optional<bool> answered) {
  return rows_json(store::list_explanations(c, who.scope_path, answered), explanation_json);
}

ExplanationSubject explanation_subject(const store::Assignment& a, std::optional<store::Id> indicator_id) {
  return {a.unit_id, a.id, indicator_id};
}

ExplanationSubject explanation_subject(store::Connection& c, const Actor& who, std::optional<store::Id> indicator_id,
                                       std::optional<store::Id> unit_id) {
  if (!indicator_id || !unit_id) throw invalid("assignment_id", "Cần nhiệm vụ được giao, hoặc chỉ tiêu và đơn vị.");
  if (!store::find_indicator(c, *indicator_id)) throw invalid("indicator_id", "Không tìm thấy chỉ tiêu.");
  // A unit outside the asker's subtree is answered as one that does not exist: nobody learns of it, or asks it.
  const auto unit = store::find_unit(c, *unit_id);
  if (!unit || !who.in_scope(unit->path)) throw invalid("unit_id", "Không tìm thấy đơn vị.");
  return {*unit_id, std::nullopt, indicator_id};
}

json::object request_explanation(const Call& call, const ExplanationSubject& about, const std::string& question,
                                 domain::Date due_on) {
  const std::string due = domain::iso(due_on);
  const auto id = store::insert_explanation(call.c, about.unit_id, about.assignment_id, about.indicator_id, question,
                                            due, call.who.user_id, at(call));
  const json::object out{{"id", id},
                         {"unit_id", about.unit_id},
                         {"assignment_id", nullable(about.assignment_id)},
                         {"indicator_id", nullable(about.indicator_id)},
                         {"question", question},
                         {"due_on", due}};
  audit_new(call, "explanation", id, "request", out);
  return out;
}

store::Explanation explanation_request(store::Connection& c, const Actor& who, store::Id id) {
  auto x = store::find_explanation(c, id);
  if (!x || !who.in_scope(x->unit_path)) throw not_found("yêu cầu giải trình");
  return *x;
}

json::object answer_explanation(const Call& call, const store::Explanation& x, const std::string& answer) {
  if (x.answered_at || !store::answer_explanation(call.c, x.id, answer, call.who.user_id, at(call)))
    throw conflict("Yêu cầu đã được giải trình.", "state");
  const json::object out{{"id", x.id}, {"answer", answer}, {"answered_at", at(call)}};
  audit_new(call, "explanation", x.id, "answer", out);
  return out;
}

// --- escalations ---

json::array escalations(store::Connection& c, const Actor& who, std::optional<bool> answered) {
  return rows_json(store::list_escalations(c, who.scope_path, answered), escalation_json);
}

EscalationKey escalation(store::Connection& c, const Actor& who, store::Id report_id, store::Id assignment_id) {
  if (!store::escalation_exists(c, report_id, assignment_id, who.scope_path))
    throw not_found("kiến nghị vượt thẩm quyền");
  return {report_id, assignment_id};
}

json::object answer_escalation(const Call& call, const EscalationKey& e, const std::string& answer) {
  if (!store::answer_escalation(call.c, e.report_id, e.assignment_id, answer, call.who.user_id, at(call)))
    throw conflict("Kiến nghị này đã được trả lời.", "state");
  const json::object out{{"report_id", e.report_id}, {"assignment_id", e.assignment_id}, {"answer", answer}};
  audit_new(call, "escalation", e.report_id, "answer", out);
  return out;
}

}  // namespace tiendo::service
