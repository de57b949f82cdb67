// Reopening an accepted report (issue 14) over HTTP: the unit's request with its reason, the standing agency's
// decision and the list of requests. Each route parses its request, calls one use case of service/reopen (the
// rules, the audit, the notices and the SQL calls) and answers with what it returns.
#include "api/json_io.h"
#include "api/router.h"
#include "service/reopen.h"
#include "service/report.h"

namespace tiendo::api {

namespace json = boost::json;

namespace {

Response request_reopen(Context& ctx) {
  const auto b = parse_body(ctx.req);
  const auto call = call_of(ctx);
  return ctx.db.write([&](store::Connection& c) {
    // Scope first: a report outside the caller's units is not found, whatever the body says.
    const auto r = service::report_in_scope(c, call.who, ctx.path_id());
    const std::string reason = required_string(b, "reason", 4000);
    const auto version = optional_int(b, "version", 1, INT32_MAX);
    return json_response(201, service::request_reopen(call.on(c), r, reason, version));
  });
}

Response decide(Context& ctx, bool grant) {
  const auto b = ctx.req.body.empty() ? json::object{} : parse_body(ctx.req);
  const auto decision = service::reopen_decision(grant, optional_string(b, "note", 4000));
  const auto call = call_of(ctx);
  return ctx.db.write([&](store::Connection& c) {
    return json_response(200, service::decide_reopen(call.on(c), ctx.path_id(), decision));
  });
}

Response list_requests(Context& ctx) {
  std::optional<bool> pending;
  if (const auto s = query_string(ctx.req, "state")) {
    if (*s != "pending" && *s != "decided")
      throw bad_request("state", "Trạng thái đề nghị chỉ là đang chờ xử lý hoặc đã xử lý.");
    pending = *s == "pending";
  }
  const auto call = call_of(ctx);
  return ctx.db.read([&](store::Connection& c) {
    auto items = service::reopen_requests(c, call.who, pending);
    const auto n = static_cast<long long>(items.size());
    return list_response(std::move(items), n);
  });
}

}  // namespace

void register_reopen(Router& r) {
  r.add("POST", "/api/v1/reports/{id}/reopen-requests", Permission::draft_report, request_reopen);
  r.add("GET", "/api/v1/reopen-requests", Permission::read_unit_data, list_requests);
  r.add("POST", "/api/v1/reopen-requests/{id}/grant", Permission::review_report,
        [](Context& ctx) { return decide(ctx, true); });
  r.add("POST", "/api/v1/reopen-requests/{id}/refuse", Permission::review_report,
        [](Context& ctx) { return decide(ctx, false); });
}

}  // namespace tiendo::api
