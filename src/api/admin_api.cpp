// Users and roles, and the audit trail with its chain check.
#include "api/auth.h"
#include "api/json_io.h"
#include "api/router.h"
#include "api/serialize.h"
#include "domain/password_policy.h"
#include "store/plan_store.h"
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
  if (!unit_id) throw bad_request("unit_id", "Trường \"unit_id\" là bắt buộc.");
  u.unit_id = *unit_id;
  u.email = optional_string(b, "email", 200).value_or("");
  const std::string password = required_string(b, "password", 200);
  if (auto problem = domain::password_problem(password, u.username)) throw bad_request("password", *problem);
  u.password_hash = hash_password(password);
  return ctx.db.write([&](store::Connection& c) {
    if (!store::find_unit(c, u.unit_id)) throw bad_request("unit_id", "Không tìm thấy đơn vị.");
    if (store::find_user_by_name(c, u.username)) throw conflict("Tên đăng nhập đã tồn tại.", "username");
    const auto id = store::insert_user(c, u, domain::iso(ctx.now));
    const auto saved = *store::find_user(c, id);
    audit(ctx, c, "user", id, "create", nullptr, to_json(saved));
    return json_response(201, to_json(saved));
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
  r.add("GET", "/api/v1/audit", Permission::read_audit, list_audit);
  r.add("GET", "/api/v1/audit/verify", Permission::read_audit, verify_audit);
}

}  // namespace tiendo::api
