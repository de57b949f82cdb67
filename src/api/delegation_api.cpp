// The unit heads' delegations of report approval over HTTP (issue 14): each route parses its request, calls one use
// case of service/delegation (the rules, the audit and the SQL calls) and answers with what it returns.
#include "api/json_io.h"
#include "api/router.h"
#include "service/delegation.h"

namespace tiendo::api {

namespace {

Response list(Context& ctx) {
  const auto call = call_of(ctx);
  const auto today = domain::vietnam_date(ctx.now);
  return ctx.db.read(
      [&](store::Connection& c) { return json_response(200, service::delegations(c, call.who, today)); });
}

Response create(Context& ctx) {
  const auto b = parse_body(ctx.req);
  const auto deputy_id = optional_int(b, "deputy_id", 1, INT64_MAX);
  if (!deputy_id) throw bad_request("deputy_id", "Trường " + label("deputy_id") + " là bắt buộc.");
  const auto from = optional_date(b, "from");
  if (!from) throw bad_request("from", "Trường " + label("from") + " là bắt buộc.");
  const auto to = optional_date(b, "to");
  if (!to) throw bad_request("to", "Trường " + label("to") + " là bắt buộc.");
  const auto call = call_of(ctx);
  return ctx.db.write([&](store::Connection& c) {
    return json_response(201, service::delegate_approval(call.on(c), {*deputy_id, *from, *to}));
  });
}

Response revoke(Context& ctx) {
  const auto call = call_of(ctx);
  return ctx.db.write(
      [&](store::Connection& c) { return json_response(200, service::revoke_delegation(call.on(c), ctx.path_id())); });
}

}  // namespace

void register_delegations(Router& r) {
  r.add("GET", "/api/v1/delegations", Permission::read_unit_data, list);
  r.add("POST", "/api/v1/delegations", Permission::approve_report, create);
  r.add("POST", "/api/v1/delegations/{id}/revoke", Permission::approve_report, revoke);
}

}  // namespace tiendo::api
