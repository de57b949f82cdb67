#include "store/trust_store.h"

namespace tiendo::store {

std::optional<StoredAnswer> find_answer(Connection& c, Id user_id, const std::string& key) {
  auto rows =
      c.query("SELECT fingerprint, status, content_type, body FROM idempotency_keys WHERE user_id = $1 AND key = $2",
              {user_id, key});
  if (rows.empty()) return std::nullopt;
  return StoredAnswer{rows[0].text(0), static_cast<int>(rows[0].i64(1)), rows[0].text(2), rows[0].text(3)};
}

bool claim_key(Connection& c, Id user_id, const std::string& key, const std::string& fingerprint,
               const std::string& at) {
  return !c.query(
               "INSERT INTO idempotency_keys (user_id, key, fingerprint, status, content_type, body, created_at) "
               "VALUES ($1, $2, $3, 0, '', '', $4) ON CONFLICT (user_id, key) DO NOTHING RETURNING status",
               {user_id, key, fingerprint, at})
              .empty();
}

void save_answer(Connection& c, Id user_id, const std::string& key, const StoredAnswer& a) {
  c.query("UPDATE idempotency_keys SET status = $1, content_type = $2, body = $3 WHERE user_id = $4 AND key = $5",
          {static_cast<long long>(a.status), a.content_type, a.body, user_id, key});
}

void release_key(Connection& c, Id user_id, const std::string& key) {
  c.query("DELETE FROM idempotency_keys WHERE user_id = $1 AND key = $2", {user_id, key});
}

void forget_answers_before(Connection& c, const std::string& at) {
  c.query("DELETE FROM idempotency_keys WHERE created_at < $1", {at});
}

LoginThrottle lock_login_throttle(Connection& c, const std::string& username, const std::string& address,
                                  const std::string& now) {
  c.query(
      "INSERT INTO login_throttle (username, address, failures, next_at, updated_at) VALUES ($1, $2, 0, $3, $3) "
      "ON CONFLICT (username, address) DO NOTHING",
      {username, address, now});
  // An UPDATE locks the row on PostgreSQL (READ COMMITTED re-reads it after a concurrent writer commits);
  // SQLite has one writer at a time.
  auto rows = c.query(
      "UPDATE login_throttle SET updated_at = $3 WHERE username = $1 AND address = $2 RETURNING failures, next_at",
      {username, address, now});
  return LoginThrottle{static_cast<int>(rows.at(0).i64(0)), rows.at(0).text(1)};
}

void set_login_throttle(Connection& c, const std::string& username, const std::string& address, int failures,
                        const std::string& next_at, const std::string& now) {
  c.query("UPDATE login_throttle SET failures = $3, next_at = $4, updated_at = $5 WHERE username = $1 AND address = $2",
          {username, address, static_cast<long long>(failures), next_at, now});
}

void release_login_attempt(Connection& c, const std::string& username, const std::string& address) {
  c.query("UPDATE login_throttle SET failures = failures - 1 WHERE username = $1 AND address = $2 AND failures > 0",
          {username, address});
}

void extend_login_delay(Connection& c, const std::string& username, const std::string& address,
                        const std::string& next_at) {
  c.query("UPDATE login_throttle SET next_at = $3 WHERE username = $1 AND address = $2 AND next_at < $3",
          {username, address, next_at});
}

void clear_login_throttle(Connection& c, const std::string& username, const std::optional<std::string>& address) {
  if (address) {
    c.query("DELETE FROM login_throttle WHERE username = $1 AND address = $2", {username, *address});
  } else {
    c.query("DELETE FROM login_throttle WHERE username = $1", {username});
  }
}

int failures_from_address_since(Connection& c, const std::string& address, const std::string& since) {
  auto rows = c.query(
      "SELECT COALESCE(SUM(failures), 0) FROM login_throttle WHERE updated_at >= $2 AND address = $1 AND failures > 0 "
      "AND username NOT LIKE '#%'",  // counters kept under "#" names (service/auth.cpp) are not logins
      {address, since});
  return static_cast<int>(rows.at(0).i64(0));
}

void forget_login_throttle_before(Connection& c, const std::string& at) {
  c.query("DELETE FROM login_throttle WHERE updated_at < $1 AND next_at < $1", {at});
}

}  // namespace tiendo::store
