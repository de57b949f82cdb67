// Users and roles, and the audit trail with its chain check, over HTTP: each route parses its request, calls one use
// case of service/admin (the rules, the audit and the SQL calls) and answers with what it returns.
#include "api/json_io.h"
#include "api/router.h"
#include "service/admin.h"

namespace tiendo::api {

namespace json = boost::json;

namespace {

Response list_page(service::ListPage page) { return list_response(std::move(page.items), page.total); }

Response list_users(Context& ctx) {
  const auto page = query_page(ctx.req);
  const auto call = call_of(ctx);
  return ctx.db.read([&](store::Connection& c) { return list_page(service::users(c, call.who, page)); });
}

Response create_user(Context& ctx) {
  const auto b = parse_body(ctx.req);
  service::NewUser in;
  in.username = required_string(b, "username", 60);
  in.full_name = required_string(b, "full_name", 200);
  in.role = required_string(b, "role", 30);
  const auto unit_id = optional_int(b, "unit_id", 1, INT64_MAX);
  if (!unit_id) throw bad_request("unit_id", "Trường " + label("unit_id") + " là bắt buộc.");
  in.unit_id = *unit_id;
  in.email = optional_string(b, "email", 200).value_or("");
  in.password = required_string(b, "password", 200);
  const auto call = call_of(ctx);
  return json_response(201, service::create_user(ctx.db, call.who, ctx.now, ctx.postgres(), in));
}

// The admin sets a new password (the person forgot it and has no e-mail).
Response reset_user_password(Context& ctx) {
  const auto b = parse_body(ctx.req);
  const std::string password = required_string(b, "new_password", 200);
  const auto call = call_of(ctx);
  const auto ended = service::reset_user_password(ctx.db, call.who, ctx.now, ctx.postgres(), ctx.path_id(), password);
  return json_response(200, json::object{{"ok", true}, {"sessions_ended", ended}});
}

Response set_active(Context& ctx, bool active) {
  const auto call = call_of(ctx);
  return ctx.db.write([&](store::Connection& c) {
    return json_response(200, service::set_user_active(call.on(c), ctx.path_id(), active));
  });
}

Response deactivate_user(Context& ctx) { return set_active(ctx, false); }
Response activate_user(Context& ctx) { return set_active(ctx, true); }

Response end_user_sessions(Context& ctx) {
  const auto call = call_of(ctx);
  return ctx.db.write([&](store::Connection& c) {
    const auto ended = service::end_user_sessions(call.on(c), ctx.path_id());
    return json_response(200, json::object{{"ok", true}, {"sessions_ended", ended}});
  });
}

Response unlock_user(Context& ctx) {
  const auto call = call_of(ctx);
  return ctx.db.write([&](store::Connection& c) {
    service::unlock_user(call.on(c), ctx.path_id());
    return json_response(200, json::object{{"ok", true}});
  });
}

Response list_audit(Context& ctx) {
  const auto page = query_page(ctx.req);
  const auto entity = query_string(ctx.req, "entity");
  const auto entity_id = query_string(ctx.req, "entity_id");
  return ctx.db.read_replica(
      [&](store::Connection& c) { return list_page(service::audit_entries(c, entity, entity_id, page)); });
}

Response verify_audit(Context& ctx) {
  return ctx.db.read([&](store::Connection& c) { return json_response(200, service::verify_audit_chain(c)); });
}

}  // namespace

void register_admin(Router& r) {
  r.add("GET", "/api/v1/users", Permission::manage_users, list_users);
  r.add("POST", "/api/v1/users", Permission::manage_users, create_user);
  r.add("POST", "/api/v1/users/{id}/password", Permission::manage_users, reset_user_password);
  r.add("POST", "/api/v1/users/{id}/deactivate", Permission::manage_users, deactivate_user);
  r.add("POST", "/api/v1/users/{id}/activate", Permission::manage_users, activate_user);
  r.add("POST", "/api/v1/users/{id}/end-sessions", Permission::manage_users, end_user_sessions);
  r.add("POST", "/api/v1/users/{id}/unlock", Permission::manage_users, unlock_user);
  r.add("GET", "/api/v1/audit", Permission::read_audit, list_audit);
  r.add("GET", "/api/v1/audit/verify", Permission::read_audit, verify_audit);
}

}  // namespace tiendo::api
