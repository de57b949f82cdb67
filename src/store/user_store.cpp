#include "store/user_store.h"

#include <sodium.h>

#include "store/sql_builder.h"

namespace tiendo::store {

namespace {
#define USER_COLUMNS                                                                                               \
  "us.id, us.username, us.full_name, us.password_hash, us.role, us.unit_id, us.email, us.active, u.path, u.name, " \
  "us.notify_email"
constexpr const char* kUserSelect = "SELECT " USER_COLUMNS " FROM users us JOIN units u ON u.id = us.unit_id";
// A session and its user in one read: every request with a token makes it.
constexpr const char* kSessionUserSelect =
    "SELECT " USER_COLUMNS
    ", s.csrf_token, s.expires_at FROM sessions s JOIN users us ON us.id = s.user_id JOIN units u ON u.id = "
    "us.unit_id WHERE s.token_hash = $1";
#undef USER_COLUMNS
User user_from(const Row& r) {
  return User{r.i64(0),  r.text(1),     r.text(2), r.text(3), r.text(4),     r.i64(5),
              r.text(6), r.i64(7) != 0, r.text(8), r.text(9), r.i64(10) != 0};
}

// Every field, length-prefixed so that no two different entries hash the same text.
std::string chain_hash(const AuditEntry& e) {
  std::string s;
  for (const std::string* f : {&e.prev_hash, &e.at, &e.username, &e.source, &e.entity, &e.entity_id, &e.action,
                               &e.before_json, &e.after_json}) {
    s += std::to_string(f->size()) + ":" + *f + ";";
  }
  s += e.user_id ? std::to_string(*e.user_id) : "-";
  return sha256_hex(s);
}

constexpr const char* kGenesis = "0000000000000000000000000000000000000000000000000000000000000000";
}  // namespace

std::string sha256_hex(const std::string& s) {
  unsigned char digest[crypto_hash_sha256_BYTES];
  crypto_hash_sha256(digest, reinterpret_cast<const unsigned char*>(s.data()), s.size());
  char hex[crypto_hash_sha256_BYTES * 2 + 1];
  sodium_bin2hex(hex, sizeof hex, digest, sizeof digest);
  return hex;
}

std::optional<User> find_user_by_name(Connection& c, const std::string& username) {
  auto rows = c.query(std::string(kUserSelect) + " WHERE us.username = $1", {username});
  if (rows.empty()) return std::nullopt;
  return user_from(rows[0]);
}

std::vector<User> users_of_unit(Connection& c, Id unit_id) {
  std::vector<User> out;
  for (const auto& r :
       c.query(std::string(kUserSelect) + " WHERE us.unit_id = $1 AND us.active = 1 ORDER BY us.id", {unit_id}))
    out.push_back(user_from(r));
  return out;
}

std::vector<User> users_with_role(Connection& c, const std::string& role) {
  std::vector<User> out;
  for (const auto& r :
       c.query(std::string(kUserSelect) + " WHERE us.role = $1 AND us.active = 1 ORDER BY us.id", {role}))
    out.push_back(user_from(r));
  return out;
}

std::optional<User> find_user(Connection& c, Id id) {
  auto rows = c.query(std::string(kUserSelect) + " WHERE us.id = $1", {id});
  if (rows.empty()) return std::nullopt;
  return user_from(rows[0]);
}

std::vector<User> list_users(Connection& c, const std::optional<std::string>& scope_path, Page page, long long* total) {
  Where w;
  if (scope_path) w.add_subtree("u.path", *scope_path);
  const std::string where = w.sql();
  const std::string paging = w.page(page.limit, page.offset);
  std::vector<User> out;
  for (const auto& r : c.query(std::string(kUserSelect) + where + " ORDER BY us.id" + paging, w.params()))
    out.push_back(user_from(r));
  if (total) {
    Params p = w.params();
    p.resize(p.size() - 2);
    *total = c.query("SELECT COUNT(*) FROM users us JOIN units u ON u.id = us.unit_id" + where, p).at(0).i64(0);
  }
  return out;
}

Id insert_user(Connection& c, const User& u, const std::string& created_at) {
  return c
      .query(
          "INSERT INTO users (username, full_name, password_hash, role, unit_id, email, active, created_at) VALUES "
          "($1, $2, $3, $4, $5, $6, $7, $8) RETURNING id",
          {u.username, u.full_name, u.password_hash, u.role, u.unit_id, u.email, static_cast<long long>(u.active),
           created_at})
      .at(0)
      .i64(0);
}

std::optional<User> find_user_by_email(Connection& c, const std::string& email) {
  auto rows =
      c.query(std::string(kUserSelect) + " WHERE lower(us.email) = lower($1) AND us.active = 1 LIMIT 2", {email});
  if (rows.size() != 1) return std::nullopt;
  return user_from(rows[0]);
}

void set_password_hash(Connection& c, Id user_id, const std::string& hash) {
  c.query("UPDATE users SET password_hash = $2 WHERE id = $1", {user_id, hash});
}

void set_user_active(Connection& c, Id user_id, bool active) {
  c.query("UPDATE users SET active = $2 WHERE id = $1", {user_id, static_cast<long long>(active)});
}

long long count_users(Connection& c) { return c.query("SELECT COUNT(*) FROM users").at(0).i64(0); }

long long delete_sessions_of_user(Connection& c, Id user_id, const std::string& keep_token_hash) {
  return c.query("DELETE FROM sessions WHERE user_id = $1 AND token_hash <> $2 RETURNING 1", {user_id, keep_token_hash})
      .size();
}

long long purge_expired_sessions(Connection& c, const std::string& now) {
  return c.query("DELETE FROM sessions WHERE expires_at <= $1 RETURNING 1", {now}).size();
}

void insert_password_reset(Connection& c, const std::string& token_hash, Id user_id, const std::string& created_at,
                           const std::string& expires_at) {
  c.query("INSERT INTO password_resets (token_hash, user_id, created_at, expires_at) VALUES ($1, $2, $3, $4)",
          {token_hash, user_id, created_at, expires_at});
}

long long count_password_resets_since(Connection& c, Id user_id, const std::string& since) {
  return c.query("SELECT COUNT(*) FROM password_resets WHERE user_id = $1 AND created_at >= $2", {user_id, since})
      .at(0)
      .i64(0);
}

std::optional<Id> password_reset_user(Connection& c, const std::string& token_hash, const std::string& now) {
  auto rows =
      c.query("SELECT user_id FROM password_resets WHERE token_hash = $1 AND used_at IS NULL AND expires_at > $2",
              {token_hash, now});
  if (rows.empty()) return std::nullopt;
  return rows[0].i64(0);
}

std::optional<Id> use_password_reset(Connection& c, const std::string& token_hash, const std::string& now) {
  auto rows = c.query(
      "UPDATE password_resets SET used_at = $2 WHERE token_hash = $1 AND used_at IS NULL AND expires_at > $2 "
      "RETURNING user_id",
      {token_hash, now});
  if (rows.empty()) return std::nullopt;
  return rows[0].i64(0);
}

void void_password_resets(Connection& c, Id user_id, const std::string& now) {
  c.query("UPDATE password_resets SET used_at = $2 WHERE user_id = $1 AND used_at IS NULL", {user_id, now});
}

void insert_session(Connection& c, const std::string& token_hash, Id user_id, const std::string& csrf,
                    const std::string& created_at, const std::string& expires_at) {
  c.query("INSERT INTO sessions (token_hash, user_id, csrf_token, created_at, expires_at) VALUES ($1, $2, $3, $4, $5)",
          {token_hash, user_id, csrf, created_at, expires_at});
}

std::optional<SessionUser> find_session_user(Connection& c, const std::string& token_hash) {
  auto rows = c.query(kSessionUserSelect, {token_hash});
  if (rows.empty()) return std::nullopt;
  return SessionUser{SessionRow{rows[0].i64(0), rows[0].text(11), rows[0].text(12)}, user_from(rows[0])};
}

void delete_session(Connection& c, const std::string& token_hash) {
  c.query("DELETE FROM sessions WHERE token_hash = $1", {token_hash});
}

void append_audit(Connection& c, bool serialize_with_lock, AuditEntry e) {
  // PostgreSQL runs writers in parallel; an advisory lock keeps the chain a single line.
  if (serialize_with_lock) c.query("SELECT pg_advisory_xact_lock(5757)");
  auto last = c.query("SELECT hash FROM audit_log ORDER BY id DESC LIMIT 1");
  e.prev_hash = last.empty() ? kGenesis : last[0].text(0);
  e.hash = chain_hash(e);
  c.query(
      "INSERT INTO audit_log (at, user_id, username, source, entity, entity_id, action, before_json, after_json, "
      "prev_hash, hash) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)",
      {e.at, opt(e.user_id), e.username, e.source, e.entity, e.entity_id, e.action, e.before_json, e.after_json,
       e.prev_hash, e.hash});
  Database::note_audit_appended();
}

namespace {
constexpr const char* kAuditSelect =
    "SELECT id, at, user_id, username, source, entity, entity_id, action, before_json, after_json, prev_hash, hash "
    "FROM audit_log";
AuditEntry audit_from(const Row& r) {
  return AuditEntry{r.i64(0),  r.text(1), r.opt_i64(2), r.text(3), r.text(4),  r.text(5),
                    r.text(6), r.text(7), r.text(8),    r.text(9), r.text(10), r.text(11)};
}
}  // namespace

std::vector<AuditEntry> list_audit(Connection& c, const std::optional<std::string>& entity,
                                   const std::optional<std::string>& entity_id, Page page, long long* total) {
  Where w;
  if (entity) w.add("entity = ?", *entity);
  if (entity_id) w.add("entity_id = ?", *entity_id);
  const std::string where = w.sql();
  const std::string paging = w.page(page.limit, page.offset);
  std::vector<AuditEntry> out;
  for (const auto& r : c.query(std::string(kAuditSelect) + where + " ORDER BY id DESC" + paging, w.params()))
    out.push_back(audit_from(r));
  if (total) {
    Params p = w.params();
    p.resize(p.size() - 2);
    *total = c.query("SELECT COUNT(*) FROM audit_log" + where, p).at(0).i64(0);
  }
  return out;
}

std::optional<Id> verify_audit(Connection& c, long long* checked) {
  std::string prev = kGenesis;
  long long n = 0;
  for (const auto& r : c.query(std::string(kAuditSelect) + " ORDER BY id")) {
    AuditEntry e = audit_from(r);
    ++n;
    if (e.prev_hash != prev || chain_hash(e) != e.hash) {
      if (checked) *checked = n;
      return e.id;
    }
    prev = e.hash;
  }
  if (checked) *checked = n;
  return std::nullopt;
}

}  // namespace tiendo::store
