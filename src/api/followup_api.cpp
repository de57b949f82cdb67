// Following up: extension requests, overdue reviews, explanation requests and escalations.
#include "api/json_io.h"
#include "api/router.h"
#include "api/serialize.h"
#include "store/followup_store.h"
#include "store/plan_store.h"

namespace tiendo::api {

namespace json = boost::json;

namespace {

std::string at(const Context& ctx) { return domain::iso(ctx.now); }

store::Assignment assignment_in_scope(Context& ctx, store::Connection& c, const json::object& b) {
  const auto id = optional_int(b, "assignment_id", 1, INT64_MAX);
  if (!id) throw bad_request("assignment_id", "Trường " + label("assignment_id") + " là bắt buộc.");
  auto a = store::find_assignment(c, *id);
  if (!a || !ctx.user().in_scope(a->unit->path)) throw not_found("nhiệm vụ được giao");
  return *a;
}

std::string required_date(const json::object& b, const std::string& field) {
  auto d = optional_date(b, field);
  if (!d) throw bad_request(field, "Trường " + label(field) + " là bắt buộc (ngày dạng YYYY-MM-DD).");
  return domain::iso(*d);
}

template <class T, class F>
json::array to_json(const std::vector<T>& rows, F one) {
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

Response list_response_of(json::array items) {
  const auto n = static_cast<long long>(items.size());
  return list_response(std::move(items), n);
}

// --- extension requests ---

Response list_extensions(Context& ctx) {
  const auto state = query_string(ctx.req, "state");
  return ctx.db.read([&](store::Connection& c) {
    return list_response_of(to_json(store::list_extensions(c, ctx.user().scope_path(), state), extension_json));
  });
}

Response request_extension(Context& ctx) {
  const auto b = parse_body(ctx.req);
  return ctx.db.write([&](store::Connection& c) {
    // Scope first: a unit outside the caller's subtree is not found, whatever else the body says.
    const auto a = assignment_in_scope(ctx, c, b);
    const std::string due = required_date(b, "requested_due");
    const std::string reason = required_string(b, "reason", 4000);
    if (a.deadline_kind == "recurring") throw conflict("Nhiệm vụ thường xuyên không có thời hạn để gia hạn.");
    if (a.confirmed_done_on) throw conflict("Nhiệm vụ đã hoàn thành.");
    const auto current = a.effective_due ? a.effective_due : a.original_due;
    if (current && due <= *current)
      throw bad_request("requested_due", "Thời hạn đề nghị phải sau thời hạn hiện tại (" + *current + ").");
    if (store::has_pending_extension(c, a.id))
      throw conflict("Nhiệm vụ đã có đề nghị gia hạn đang chờ xử lý.", "assignment_id");
    store::Id id = 0;
    try {
      id = store::insert_extension(c, a.id, current, due, reason, ctx.user().user_id, at(ctx));
    } catch (const store::DbError& e) {
      // The partial unique index: another request for this assignment was committed meanwhile.
      if (e.kind != store::DbError::Kind::constraint) throw;
      throw conflict("Nhiệm vụ đã có đề nghị gia hạn đang chờ xử lý.", "assignment_id");
    }
    const json::object out{
        {"id", id},         {"assignment_id", a.id}, {"previous_due", nullable(current)}, {"requested_due", due},
        {"reason", reason}, {"state", "pending"}};
    audit(ctx, c, "extension", id, "request", nullptr, out);
    return json_response(201, out);
  });
}

Response decide_extension(Context& ctx, bool approve) {
  const auto b = ctx.req.body.empty() ? json::object{} : parse_body(ctx.req);
  const auto note = optional_string(b, "reason", 4000);
  if (!approve && !note) throw bad_request("reason", "Cần nêu lý do không chấp thuận.");
  return ctx.db.write([&](store::Connection& c) {
    auto e = store::find_extension(c, ctx.path_id());
    if (!e || !ctx.user().in_scope(e->unit_path)) throw not_found("đề nghị gia hạn");
    if (e->state != "pending") throw conflict("Đề nghị đã được xử lý.", "state");
    if (!store::decide_extension(c, e->id, approve ? "approved" : "refused", ctx.user().user_id, at(ctx)))
      throw conflict("Đề nghị đã được xử lý.", "state");
    // Approval moves the effective deadline; the original stays on the assignment.
    if (approve) store::set_effective_due(c, e->assignment_id, e->requested_due, at(ctx));
    const json::object out{{"id", e->id},
                           {"state", approve ? "approved" : "refused"},
                           {"assignment_id", e->assignment_id},
                           {"note", nullable(note)}};
    audit(ctx, c, "extension", e->id, approve ? "approve" : "refuse", nullptr, out);
    return json_response(200, out);
  });
}

// --- overdue reviews ---

Response list_reviews(Context& ctx) {
  const auto state = query_string(ctx.req, "state");
  return ctx.db.read([&](store::Connection& c) {
    return list_response_of(to_json(store::list_overdue_reviews(c, ctx.user().scope_path(), state), review_json));
  });
}

Response create_review(Context& ctx) {
  const auto b = parse_body(ctx.req);
  return ctx.db.write([&](store::Connection& c) {
    const auto a = assignment_in_scope(ctx, c, b);
    const std::string cause = required_string(b, "cause", 4000);
    const std::string unit = required_string(b, "responsible_unit", 500);
    const std::string person = optional_string(b, "responsible_person", 500).value_or("");
    const std::string remedy = required_string(b, "remedy", 4000);
    const std::string new_due = required_date(b, "new_due");
    const std::string roadmap = optional_string(b, "roadmap", 4000).value_or("");
    service::Evaluator ev(c, ctx.as_of(), ctx.now);
    if (ev.evaluate(a).e.status != domain::AssignmentStatus::overdue)
      throw conflict("Chỉ rà soát nhiệm vụ đang quá hạn.", "assignment_id");
    if (new_due <= domain::iso(ctx.as_of())) throw bad_request("new_due", "Thời hạn mới phải ở tương lai.");
    const auto id = store::insert_overdue_review(c, a.id, cause, unit, person, remedy, new_due, roadmap,
                                                 ctx.user().user_id, at(ctx));
    const json::object out{{"id", id},
                           {"assignment_id", a.id},
                           {"cause", cause},
                           {"responsible_unit", unit},
                           {"responsible_person", person},
                           {"remedy", remedy},
                           {"new_due", new_due},
                           {"roadmap", roadmap},
                           {"state", "open"}};
    audit(ctx, c, "overdue_review", id, "create", nullptr, out);
    return json_response(201, out);
  });
}

Response close_review(Context& ctx) {
  return ctx.db.write([&](store::Connection& c) {
    auto r = store::find_overdue_review(c, ctx.path_id());
    if (!r || !ctx.user().in_scope(r->unit_path)) throw not_found("rà soát nhiệm vụ quá hạn");
    if (r->state != "open") throw conflict("Rà soát đã đóng.", "state");
    if (!store::close_overdue_review(c, r->id, at(ctx))) throw conflict("Rà soát đã đóng.", "state");
    const json::object out{{"id", r->id}, {"state", "closed"}};
    audit(ctx, c, "overdue_review", r->id, "close", nullptr, out);
    return json_response(200, out);
  });
}

// --- explanation requests ---

Response list_explanations(Context& ctx) {
  std::optional<bool> answered;
  if (auto a = query_string(ctx.req, "answered")) answered = *a == "true";
  return ctx.db.read([&](store::Connection& c) {
    return list_response_of(to_json(store::list_explanations(c, ctx.user().scope_path(), answered), explanation_json));
  });
}

Response request_explanation(Context& ctx) {
  const auto b = parse_body(ctx.req);
  return ctx.db.write([&](store::Connection& c) {
    store::Id unit_id = 0;
    std::optional<store::Id> assignment;
    const auto indicator = optional_int(b, "indicator_id", 1, INT64_MAX);
    if (b.contains("assignment_id")) {
      const auto a = assignment_in_scope(ctx, c, b);
      unit_id = a.unit_id;
      assignment = a.id;
    } else {
      const auto u = optional_int(b, "unit_id", 1, INT64_MAX);
      if (!indicator || !u) throw bad_request("assignment_id", "Cần nhiệm vụ được giao, hoặc chỉ tiêu và đơn vị.");
      if (!store::find_indicator(c, *indicator)) throw bad_request("indicator_id", "Không tìm thấy chỉ tiêu.");
      if (!store::find_unit(c, *u)) throw bad_request("unit_id", "Không tìm thấy đơn vị.");
      unit_id = *u;
    }
    const std::string question = required_string(b, "question", 4000);
    const std::string due = required_date(b, "due_on");
    const auto id =
        store::insert_explanation(c, unit_id, assignment, indicator, question, due, ctx.user().user_id, at(ctx));
    const json::object out{{"id", id},
                           {"unit_id", unit_id},
                           {"assignment_id", assignment ? json::value(*assignment) : nullptr},
                           {"indicator_id", indicator ? json::value(*indicator) : nullptr},
                           {"question", question},
                           {"due_on", due}};
    audit(ctx, c, "explanation", id, "request", nullptr, out);
    return json_response(201, out);
  });
}

Response answer_explanation(Context& ctx) {
  const auto b = parse_body(ctx.req);
  return ctx.db.write([&](store::Connection& c) {
    auto x = store::find_explanation(c, ctx.path_id());
    if (!x || !ctx.user().in_scope(x->unit_path)) throw not_found("yêu cầu giải trình");
    const std::string answer = required_string(b, "answer", 8000);
    if (x->answered_at) throw conflict("Yêu cầu đã được giải trình.", "state");
    if (!store::answer_explanation(c, x->id, answer, ctx.user().user_id, at(ctx)))
      throw conflict("Yêu cầu đã được giải trình.", "state");
    const json::object out{{"id", x->id}, {"answer", answer}, {"answered_at", at(ctx)}};
    audit(ctx, c, "explanation", x->id, "answer", nullptr, out);
    return json_response(200, out);
  });
}

// --- escalations ---

Response list_escalations(Context& ctx) {
  std::optional<bool> answered;
  if (auto a = query_string(ctx.req, "answered")) answered = *a == "true";
  return ctx.db.read([&](store::Connection& c) {
    return list_response_of(to_json(store::list_escalations(c, ctx.user().scope_path(), answered), escalation_json));
  });
}

Response answer_escalation(Context& ctx) {
  const auto b = parse_body(ctx.req);
  const auto report_id = ctx.path_id("report_id");
  const auto assignment_id = ctx.path_id("assignment_id");
  return ctx.db.write([&](store::Connection& c) {
    if (!store::escalation_exists(c, report_id, assignment_id, ctx.user().scope_path()))
      throw not_found("kiến nghị vượt thẩm quyền");
    const std::string answer = required_string(b, "answer", 8000);
    if (!store::answer_escalation(c, report_id, assignment_id, answer, ctx.user().user_id, at(ctx)))
      throw conflict("Kiến nghị này đã được trả lời.", "state");
    const json::object out{{"report_id", report_id}, {"assignment_id", assignment_id}, {"answer", answer}};
    audit(ctx, c, "escalation", report_id, "answer", nullptr, out);
    return json_response(200, out);
  });
}

}  // namespace

void register_followup(Router& r) {
  r.add("GET", "/api/v1/extension-requests", Permission::read_unit_data, list_extensions);
  r.add("POST", "/api/v1/extension-requests", Permission::draft_report, request_extension);
  r.add("POST", "/api/v1/extension-requests/{id}/approve", Permission::review_report,
        [](Context& c) { return decide_extension(c, true); });
  r.add("POST", "/api/v1/extension-requests/{id}/refuse", Permission::review_report,
        [](Context& c) { return decide_extension(c, false); });
  r.add("GET", "/api/v1/overdue-reviews", Permission::read_unit_data, list_reviews);
  r.add("POST", "/api/v1/overdue-reviews", Permission::draft_report, create_review);
  r.add("POST", "/api/v1/overdue-reviews/{id}/close", Permission::review_report, close_review);
  r.add("GET", "/api/v1/explanation-requests", Permission::read_unit_data, list_explanations);
  r.add("POST", "/api/v1/explanation-requests", Permission::request_explanation, request_explanation);
  r.add("POST", "/api/v1/explanation-requests/{id}/answer", Permission::answer_explanation, answer_explanation);
  r.add("GET", "/api/v1/escalations", Permission::read_unit_data, list_escalations);
  r.add("POST", "/api/v1/escalations/{report_id}/{assignment_id}/answer", Permission::answer_escalation,
        answer_escalation);
}

}  // namespace tiendo::api
