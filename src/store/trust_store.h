#pragma once
// Answers kept for retried writes (Idempotency-Key) and login throttling (delay per user and address).
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

// Failed logins per (user name as typed, client address), shared by every server instance.
struct LoginThrottle {
  int failures = 0;
  std::string next_at;  // no attempt before this instant
};
// Creates the row when absent and locks it until the caller's write transaction ends: concurrent logins
// of one (user, address) read it one after another, each seeing the attempts reserved before it.
LoginThrottle lock_login_throttle(Connection& c, const std::string& username, const std::string& address,
                                  const std::string& now);
void set_login_throttle(Connection& c, const std::string& username, const std::string& address, int failures,
                        const std::string& next_at, const std::string& now);
// Gives back a reserved attempt that was never checked (the hashing queue was full).
void release_login_attempt(Connection& c, const std::string& username, const std::string& address);
// Moves the end of the wait later (never earlier): the wait runs from the failure's answer, not its start.
void extend_login_delay(Connection& c, const std::string& username, const std::string& address,
                        const std::string& next_at);
// After a right password (one address) or an admin's unlock (every address).
void clear_login_throttle(Connection& c, const std::string& username, const std::optional<std::string>& address);
// Failed logins from one address, over every user name it tried, in rows touched since `since`: guessing one
// password for many names (spraying) is slowed per address, not only per (name, address).
int failures_from_address_since(Connection& c, const std::string& address, const std::string& since);
// Rows whose wait is over and that saw no attempt since `at`.
void forget_login_throttle_before(Connection& c, const std::string& at);

}  // namespace tiendo::store
