// Following up over HTTP: extension requests, overdue reviews, explanation requests and escalations. Each route
// parses its request, calls the use cases of service/followup (every rule, the audit and the SQL calls) and answers
// with what they return. A row outside the caller's units is not found before anything about the body is read:
// the route finds it first, then reads the body.
#include "api/json_io.h"
#include "api/router.h"
#include "service/followup.h"

namespace tiendo::api {

namespace json = boost::json;

namespace {

store::Assignment assignment_in_scope(const UseCaseCall& call, store::Connection& c, const json::object& b) {
  const auto id = optional_int(b, "assignment_id", 1, INT64_MAX);
  if (!id) throw bad_request("assignment_id", "Trường " + label("assignment_id") + " là bắt buộc.");
  return service::followup_assignment(c, call.who, *id);
}

domain::Date required_date(const json::object& b, const std::string& field) {
  auto d = optional_date(b, field);
  if (!d) throw bad_request(field, "Trường " + label(field) + " là bắt buộc (ngày dạng YYYY-MM-DD).");
  return *d;
}

std::optional<bool> answered_query(const Context& ctx) {
  if (auto a = query_string(ctx.req, "answered")) return *a == "true";
  return std::nullopt;
}

Response list_of(json::array items) {
  const auto n = static_cast<long long>(items.size());
  return list_response(std::move(items), n);
}

// --- extension requests ---

Response list_extensions(Context& ctx) {
  const auto state = query_string(ctx.req, "state");
  const auto call = call_of(ctx);
  return ctx.db.read([&](store::Connection& c) { return list_of(service::extension_requests(c, call.who, state)); });
}

Response request_extension(Context& ctx) {
  const auto b = parse_body(ctx.req);
  const auto call = call_of(ctx);
  return ctx.db.write([&](store::Connection& c) {
    const auto a = assignment_in_scope(call, c, b);
    service::ExtensionInput in;
    in.requested_due = required_date(b, "requested_due");
    in.reason = required_string(b, "reason", 4000);
    return json_response(201, service::request_extension(call.on(c), a, in));
  });
}

Response decide_extension(Context& ctx, bool approve) {
  const auto b = ctx.req.body.empty() ? json::object{} : parse_body(ctx.req);
  const auto decision = service::extension_decision(approve, optional_string(b, "reason", 4000));
  const auto call = call_of(ctx);
  return ctx.db.write([&](store::Connection& c) {
    return json_response(200, service::decide_extension(call.on(c), ctx.path_id(), decision));
  });
}

// --- overdue reviews ---

Response list_reviews(Context& ctx) {
  const auto state = query_string(ctx.req, "state");
  const auto call = call_of(ctx);
  return ctx.db.read([&](store::Connection& c) { return list_of(service::overdue_reviews(c, call.who, state)); });
}

Response create_review(Context& ctx) {
  const auto b = parse_body(ctx.req);
  const auto call = call_of(ctx);
  return ctx.db.write([&](store::Connection& c) {
    const auto a = assignment_in_scope(call, c, b);
    service::ReviewInput in;
    in.cause = required_string(b, "cause", 4000);
    in.responsible_unit = required_string(b, "responsible_unit", 500);
    in.responsible_person = optional_string(b, "responsible_person", 500).value_or("");
    in.remedy = required_string(b, "remedy", 4000);
    in.new_due = required_date(b, "new_due");
    in.roadmap = optional_string(b, "roadmap", 4000).value_or("");
    return json_response(201, service::create_overdue_review(call.on(c), a, in));
  });
}

Response close_review(Context& ctx) {
  const auto call = call_of(ctx);
  return ctx.db.write([&](store::Connection& c) {
    return json_response(200, service::close_overdue_review(call.on(c), ctx.path_id()));
  });
}

// --- explanation requests ---

Response list_explanations(Context& ctx) {
  const auto answered = answered_query(ctx);
  const auto call = call_of(ctx);
  return ctx.db.read(
      [&](store::Connection& c) { return list_of(service::explanation_requests(c, call.who, answered)); });
}

Response request_explanation(Context& ctx) {
  const auto b = parse_body(ctx.req);
  const auto call = call_of(ctx);
  return ctx.db.write([&](store::Connection& c) {
    const auto indicator = optional_int(b, "indicator_id", 1, INT64_MAX);
    const auto about =
        b.contains("assignment_id")
            ? service::explanation_subject(assignment_in_scope(call, c, b), indicator)
            : service::explanation_subject(c, call.who, indicator, optional_int(b, "unit_id", 1, INT64_MAX));
    const std::string question = required_string(b, "question", 4000);
    const auto due = required_date(b, "due_on");
    return json_response(201, service::request_explanation(call.on(c), about, question, due));
  });
}

Response answer_explanation(Context& ctx) {
  const auto b = parse_body(ctx.req);
  const auto call = call_of(ctx);
  return ctx.db.write([&](store::Connection& c) {
    const auto x = service::explanation_request(c, call.who, ctx.path_id());
    return json_response(200, service::answer_explanation(call.on(c), x, required_string(b, "answer", 8000)));
  });
}

// --- escalations ---

Response list_escalations(Context& ctx) {
  const auto answered = answered_query(ctx);
  const auto call = call_of(ctx);
  return ctx.db.read([&](store::Connection& c) { return list_of(service::escalations(c, call.who, answered)); });
}

Response answer_escalation(Context& ctx) {
  const auto b = parse_body(ctx.req);
  const auto report_id = ctx.path_id("report_id");
  const auto assignment_id = ctx.path_id("assignment_id");
  const auto call = call_of(ctx);
  return ctx.db.write([&](store::Connection& c) {
    const auto e = service::escalation(c, call.who, report_id, assignment_id);
    return json_response(200, service::answer_escalation(call.on(c), e, required_string(b, "answer", 8000)));
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
