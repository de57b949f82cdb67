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

int failed_logins_of_user(Connection& c, const std::string& username, const std::string& since) {
  auto rows = c.query("SELECT COUNT(*) FROM login_failures WHERE username = $1 AND at >= $2", {username, since});
  return static_cast<int>(rows[0].i64(0));
}

int failed_logins_from(Connection& c, const std::string& address, const std::string& since) {
  auto rows = c.query("SELECT COUNT(*) FROM login_failures WHERE address = $1 AND at >= $2", {address, since});
  return static_cast<int>(rows[0].i64(0));
}

void record_failed_login(Connection& c, const std::string& username, const std::string& address,
                         const std::string& at) {
  c.query("INSERT INTO login_failures (username, address, at) VALUES ($1, $2, $3)", {username, address, at});
}

void clear_failed_logins(Connection& c, const std::string& username) {
  c.query("DELETE FROM login_failures WHERE username = $1", {username});
}

void forget_failed_logins_before(Connection& c, const std::string& at) {
  c.query("DELETE FROM login_failures WHERE at < $1", {at});
}

}  // namespace tiendo::store
