// Users and roles, and the audit trail with its chain check.
#include "api/json_io.h"
#include "api/router.h"
#include "api/serialize.h"
#include "domain/password_policy.h"
#include "domain/st_task.h"
#include "security/password.h"
#include "store/plan_store.h"
#include "store/trust_store.h"
#include "store/user_store.h"

namespace tiendo::api {

namespace json = boost::json;

namespace {

Response list_users(Context& ctx) {
  const auto page = query_page(ctx.req);
  return ctx.db.read([&](store::Connection& c) {
    long long total = 0;
    json::array items;
    for (const auto& u : store::list_users(c, ctx.user().scope_path(), page, &total)) items.push_back(to_json(u));
    return list_response(std::move(items), total);
  });
}

Response create_user(Context& ctx) {
  const auto b = parse_body(ctx.req);
  store::User u;
  u.username = required_string(b, "username", 60);
  for (unsigned char ch : u.username) {
    if (!(std::isalnum(ch) || ch == '.' || ch == '_' || ch == '-'))
      throw bad_request("username", "Tên đăng nhập chỉ gồm chữ không dấu, số và . _ -");
  }
  u.full_name = required_string(b, "full_name", 200);
  u.role = required_string(b, "role", 30);
  Role role{};
  if (!role_from(u.role, role)) throw bad_request("role", "Vai trò không hợp lệ.");
  const auto unit_id = optional_int(b, "unit_id", 1, INT64_MAX);
  if (!unit_id) throw bad_request("unit_id", "Trường " + label("unit_id") + " là bắt buộc.");
  u.unit_id = *unit_id;
  u.email = optional_string(b, "email", 200).value_or("");
  const std::string password = required_string(b, "password", 200);
  const auto unit = ctx.db.read([&](store::Connection& c) { return store::find_unit(c, u.unit_id); });
  if (!unit) throw bad_request("unit_id", "Không tìm thấy đơn vị.");
  if (!ctx.user().in_scope(unit->path)) throw forbidden("Đơn vị nằm ngoài phạm vi quản lý của bạn.");
  // A host organisation's officers hold the host role, and only they sit in one (domain/st_task).
  if (!domain::role_fits_unit(u.role, unit->kind))
    throw bad_request("role",
                      u.role == domain::kHostRole
                          ? "Vai trò tổ chức chủ trì chỉ dành cho người dùng của một tổ chức chủ trì nhiệm vụ KH&CN."
                          : "Người dùng của tổ chức chủ trì nhiệm vụ KH&CN chỉ có vai trò tổ chức chủ trì.");
  if (auto problem = security::password_problem(password, {u.username, u.full_name, unit->name}))
    throw bad_request("password", *problem);
  u.password_hash = security::hash_password(password);
  return ctx.db.write([&](store::Connection& c) {
    if (store::find_user_by_name(c, u.username)) throw conflict("Tên đăng nhập đã tồn tại.", "username");
    const auto id = store::insert_user(c, u, domain::iso(ctx.now));
    const auto saved = *store::find_user(c, id);
    audit(ctx, c, "user", id, "create", nullptr, to_json(saved));
    return json_response(201, to_json(saved));
  });
}

// The user named by the path, within the admin's subtree.
store::User target_user(Context& ctx, store::Connection& c) {
  auto u = store::find_user(c, ctx.path_id());
  if (!u || !ctx.user().in_scope(u->unit_path)) throw not_found("người dùng");
  return *u;
}

json::object account_event(const store::User& u, json::object extra = {}) {
  extra["username"] = u.username;
  return extra;
}

// The admin sets a new password (the person forgot it and has no e-mail): every session of the user ends.
Response reset_user_password(Context& ctx) {
  const auto b = parse_body(ctx.req);
  const std::string password = required_string(b, "new_password", 200);
  const auto u = ctx.db.read([&](store::Connection& c) { return target_user(ctx, c); });
  if (auto problem = security::password_problem(password, {u.username, u.full_name, u.unit_name}))
    throw bad_request("new_password", *problem);
  const std::string hash = security::hash_password(password);
  return ctx.db.write([&](store::Connection& c) {
    store::set_password_hash(c, u.id, hash);
    store::void_password_resets(c, u.id, domain::iso(ctx.now));
    const auto ended = store::delete_sessions_of_user(c, u.id);
    store::clear_login_throttle(c, u.username, std::nullopt);
    audit(ctx, c, "user", u.id, "password_reset_by_admin", nullptr, account_event(u, {{"sessions_ended", ended}}));
    return json_response(200, json::object{{"ok", true}, {"sessions_ended", ended}});
  });
}

Response set_active(Context& ctx, bool active) {
  return ctx.db.write([&](store::Connection& c) {
    const auto u = target_user(ctx, c);
    if (!active && u.id == ctx.user().user_id) throw conflict("Không thể tự khóa tài khoản của chính mình.");
    store::set_user_active(c, u.id, active);
    long long ended = 0;
    if (!active) {
      ended = store::delete_sessions_of_user(c, u.id);
      store::void_password_resets(c, u.id, domain::iso(ctx.now));
    }
    audit(ctx, c, "user", u.id, active ? "activate" : "deactivate", json::object{{"active", u.active}},
          account_event(u, {{"active", active}, {"sessions_ended", ended}}));
    return json_response(200, to_json(*store::find_user(c, u.id)));
  });
}

Response deactivate_user(Context& ctx) { return set_active(ctx, false); }
Response activate_user(Context& ctx) { return set_active(ctx, true); }

Response end_user_sessions(Context& ctx) {
  return ctx.db.write([&](store::Connection& c) {
    const auto u = target_user(ctx, c);
    const auto ended = store::delete_sessions_of_user(c, u.id);
    audit(ctx, c, "user", u.id, "end_sessions", nullptr, account_event(u, {{"sessions_ended", ended}}));
    return json_response(200, json::object{{"ok", true}, {"sessions_ended", ended}});
  });
}

// Lifts the login delay of the user from every address.
Response unlock_user(Context& ctx) {
  return ctx.db.write([&](store::Connection& c) {
    const auto u = target_user(ctx, c);
    store::clear_login_throttle(c, u.username, std::nullopt);
    audit(ctx, c, "user", u.id, "unlock", nullptr, account_event(u));
    return json_response(200, json::object{{"ok", true}});
  });
}

Response list_audit(Context& ctx) {
  const auto page = query_page(ctx.req);
  const auto entity = query_string(ctx.req, "entity");
  const auto entity_id = query_string(ctx.req, "entity_id");
  return ctx.db.read_replica([&](store::Connection& c) {
    long long total = 0;
    json::array items;
    for (const auto& e : store::list_audit(c, entity, entity_id, page, &total)) items.push_back(to_json(e));
    return list_response(std::move(items), total);
  });
}

Response verify_audit(Context& ctx) {
  return ctx.db.read([&](store::Connection& c) {
    long long checked = 0;
    const auto broken = store::verify_audit(c, &checked);
    return json_response(200, json::object{{"ok", !broken.has_value()},
                                           {"checked", checked},
                                           {"first_broken_id", broken ? json::value(*broken) : json::value(nullptr)}});
  });
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
