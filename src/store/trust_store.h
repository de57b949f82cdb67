#pragma once
// Answers kept for retried writes (Idempotency-Key) and failed logins (lockout, rate limits).
#include <optional>
#include <string>

#include "store/db.h"
#include "store/model.h"

namespace tiendo::store {

struct StoredAnswer {
  std::string fingerprint;
  int status = 0;
  std::string content_type, body;
};
std::optional<StoredAnswer> find_answer(Connection& c, Id user_id, const std::string& key);
// Takes the key before the write runs, inside the write's transaction: true when this request is the first.
// On PostgreSQL a simultaneous request with the same key waits here on the key's unique index until the
// first commits (then finds its answer) or rolls back (then takes the key itself).
bool claim_key(Connection& c, Id user_id, const std::string& key, const std::string& fingerprint,
               const std::string& at);
void save_answer(Connection& c, Id user_id, const std::string& key, const StoredAnswer& a);
void release_key(Connection& c, Id user_id, const std::string& key);  // the write answered an error
// Keys are kept a day: long enough for any client's retries.
void forget_answers_before(Connection& c, const std::string& at);

int failed_logins_of_user(Connection& c, const std::string& username, const std::string& since);
int failed_logins_from(Connection& c, const std::string& address, const std::string& since);
void record_failed_login(Connection& c, const std::string& username, const std::string& address, const std::string& at);
void clear_failed_logins(Connection& c, const std::string& username);
void forget_failed_logins_before(Connection& c, const std::string& at);

}  // namespace tiendo::store
