#include "service/admin.h"

#include <cctype>

#include "domain/st_task.h"
#include "domain/vocabulary.h"
#include "security/password.h"
#include "service/audit.h"
#include "service/errors.h"
#include "service/json_out.h"
#include "store/plan_store.h"
#include "store/trust_store.h"
#include "store/user_store.h"

namespace tiendo::service {

namespace json = boost::json;

namespace {

// The account `id` when it lies in the actor's units; otherwise not found, as if it did not exist.
store::User target_user(store::Connection& c, const Actor& who, store::Id id) {
  auto u = store::find_user(c, id);
  if (!u || !who.in_scope(u->unit_path)) throw not_found("người dùng");
  return *u;
}

// The details of an account's audit entry: the user name, whatever else the action says.
json::object account_event(const store::User& u, json::object extra = {}) {
  extra["username"] = u.username;
  return extra;
}

}  // namespace

json::object to_json(const store::User& u) {
  return json::object{{"id", u.id},       {"username", u.username}, {"full_name", u.full_name},
                      {"role", u.role},   {"unit_id", u.unit_id},   {"unit_name", u.unit_name},
                      {"email", u.email}, {"active", u.active}};
}

json::object to_json(const store::AuditEntry& e) {
  auto parsed = [](const std::string& s) -> json::value {
    if (s.empty()) return nullptr;
    boost::system::error_code ec;
    auto v = json::parse(s, ec);
    return ec ? json::value(s) : v;
  };
  return json::object{{"id", e.id},
                      {"at", e.at},
                      {"user_id", nullable(e.user_id)},
                      {"username", e.username},
                      {"source", e.source},
                      {"entity", e.entity},
                      {"entity_id", e.entity_id},
                      {"action", e.action},
                      {"before", parsed(e.before_json)},
                      {"after", parsed(e.after_json)},
                      {"hash", e.hash}};
}

ListPage users(store::Connection& c, const Actor& who, store::Page page) {
  ListPage out;
  for (const auto& u : store::list_users(c, who.scope_path, page, &out.total)) out.items.push_back(to_json(u));
  return out;
}

json::object create_user(store::Database& db, const Actor& who, domain::Instant now, bool postgres, const NewUser& in) {
  for (unsigned char ch : in.username) {
    if (!(std::isalnum(ch) || ch == '.' || ch == '_' || ch == '-'))
      throw invalid("username", "Tên đăng nhập chỉ gồm chữ không dấu, số và . _ -");
  }
  if (domain::vi_label("role", in.role).empty()) throw invalid("role", "Vai trò không hợp lệ.");
  const auto unit = db.read([&](store::Connection& c) { return store::find_unit(c, in.unit_id); });
  if (!unit) throw invalid("unit_id", "Không tìm thấy đơn vị.");
  if (!who.in_scope(unit->path)) throw forbidden("Đơn vị nằm ngoài phạm vi quản lý của bạn.");
  // A host organisation's officers hold the host role, and only they sit in one (domain/st_task).
  if (!domain::role_fits_unit(in.role, unit->kind))
    throw invalid("role",
                  in.role == domain::kHostRole
                      ? "Vai trò tổ chức chủ trì chỉ dành cho người dùng của một tổ chức chủ trì nhiệm vụ KH&CN."
                      : "Người dùng của tổ chức chủ trì nhiệm vụ KH&CN chỉ có vai trò tổ chức chủ trì.");
  if (auto problem = security::password_problem(in.password, {in.username, in.full_name, unit->name}))
    throw invalid("password", *problem);
  store::User u;
  u.username = in.username;
  u.full_name = in.full_name;
  u.role = in.role;
  u.unit_id = in.unit_id;
  u.email = in.email;
  // Hashed before the transaction: Argon2id takes a tenth of a second the database need not wait.
  u.password_hash = security::hash_password(in.password);
  return db.write([&](store::Connection& c) {
    if (store::find_user_by_name(c, u.username)) throw conflict("Tên đăng nhập đã tồn tại.", "username");
    const auto id = store::insert_user(c, u, domain::iso(now));
    const auto saved = to_json(*store::find_user(c, id));
    audit(c, postgres, &who, now, "user", id, "create", nullptr, saved);
    return saved;
  });
}

long long reset_user_password(store::Database& db, const Actor& who, domain::Instant now, bool postgres, store::Id id,
                              const std::string& password) {
  const auto u = db.read([&](store::Connection& c) { return target_user(c, who, id); });
  if (auto problem = security::password_problem(password, {u.username, u.full_name, u.unit_name}))
    throw invalid("new_password", *problem);
  const std::string hash = security::hash_password(password);
  return db.write([&](store::Connection& c) {
    store::set_password_hash(c, u.id, hash);
    store::void_password_resets(c, u.id, domain::iso(now));
    const auto ended = store::delete_sessions_of_user(c, u.id);
    store::clear_login_throttle(c, u.username, std::nullopt);
    audit(c, postgres, &who, now, "user", u.id, "password_reset_by_admin", nullptr,
          account_event(u, {{"sessions_ended", ended}}));
    return ended;
  });
}

json::object set_user_active(const Call& call, store::Id id, bool active) {
  const auto u = target_user(call.c, call.who, id);
  if (!active && u.id == call.who.user_id) throw conflict("Không thể tự khóa tài khoản của chính mình.");
  store::set_user_active(call.c, u.id, active);
  long long ended = 0;
  if (!active) {
    ended = store::delete_sessions_of_user(call.c, u.id);
    store::void_password_resets(call.c, u.id, domain::iso(call.now));
  }
  audit(call.c, call.postgres, &call.who, call.now, "user", u.id, active ? "activate" : "deactivate",
        json::object{{"active", u.active}}, account_event(u, {{"active", active}, {"sessions_ended", ended}}));
  return to_json(*store::find_user(call.c, u.id));
}

long long end_user_sessions(const Call& call, store::Id id) {
  const auto u = target_user(call.c, call.who, id);
  const auto ended = store::delete_sessions_of_user(call.c, u.id);
  audit(call.c, call.postgres, &call.who, call.now, "user", u.id, "end_sessions", nullptr,
        account_event(u, {{"sessions_ended", ended}}));
  return ended;
}

void unlock_user(const Call& call, store::Id id) {
  const auto u = target_user(call.c, call.who, id);
  store::clear_login_throttle(call.c, u.username, std::nullopt);
  audit(call.c, call.postgres, &call.who, call.now, "user", u.id, "unlock", nullptr, account_event(u));
}

ListPage audit_entries(store::Connection& c, const std::optional<std::string>& entity,
                       const std::optional<std::string>& entity_id, store::Page page) {
  ListPage out;
  for (const auto& e : store::list_audit(c, entity, entity_id, page, &out.total)) out.items.push_back(to_json(e));
  return out;
}

json::object verify_audit_chain(store::Connection& c) {
  long long checked = 0;
  const auto broken = store::verify_audit(c, &checked);
  return json::object{{"ok", !broken.has_value()},
                      {"checked", checked},
                      {"first_broken_id", broken ? json::value(*broken) : json::value(nullptr)}};
}

}  // namespace tiendo::service
