#pragma once
// Users, their sessions, and the hash-chained audit log.
#include <optional>
#include <string>
#include <vector>

#include "store/db.h"
#include "store/model.h"

namespace tiendo::store {

// Lower-case hex of SHA-256: session tokens are stored only as this, never as sent.
std::string sha256_hex(const std::string& s);

std::optional<User> find_user_by_name(Connection& c, const std::string& username);
std::optional<User> find_user(Connection& c, Id id);
std::vector<User> users_of_unit(Connection& c, Id unit_id);                 // active users
std::vector<User> users_with_role(Connection& c, const std::string& role);  // active users
std::vector<User> list_users(Connection& c, const std::optional<std::string>& scope_path, Page page, long long* total);
Id insert_user(Connection& c, const User& u, const std::string& created_at);
// The active user with this e-mail, when exactly one has it (a forgotten user name).
std::optional<User> find_user_by_email(Connection& c, const std::string& email);
void set_password_hash(Connection& c, Id user_id, const std::string& hash);
void set_user_active(Connection& c, Id user_id, bool active);
long long count_users(Connection& c);

void insert_session(Connection& c, const std::string& token_hash, Id user_id, const std::string& csrf,
                    const std::string& created_at, const std::string& expires_at);
struct SessionRow {
  Id user_id = 0;
  std::string csrf_token, expires_at;
};
// A session and its user (with the unit's path), by the hash of its token.
struct SessionUser {
  SessionRow session;
  User user;
};
std::optional<SessionUser> find_session_user(Connection& c, const std::string& token_hash);
void delete_session(Connection& c, const std::string& token_hash);
// Ends every session of the user but the one kept (the caller's own, after a password change); returns how many.
long long delete_sessions_of_user(Connection& c, Id user_id, const std::string& keep_token_hash = "");
long long purge_expired_sessions(Connection& c, const std::string& now);

// Password reset links ("quên mật khẩu"): only the token's SHA-256 is kept.
void insert_password_reset(Connection& c, const std::string& token_hash, Id user_id, const std::string& created_at,
                           const std::string& expires_at);
long long count_password_resets_since(Connection& c, Id user_id, const std::string& since);
// Marks the link used when it is unused and unexpired, in one statement: two uses never both succeed.
// The user of a reset link that is unused and not expired at `now`, without using it.
std::optional<Id> password_reset_user(Connection& c, const std::string& token_hash, const std::string& now);
std::optional<Id> use_password_reset(Connection& c, const std::string& token_hash, const std::string& now);
// Unused links of the user stop working (after a reset, a change or an admin's reset).
void void_password_resets(Connection& c, Id user_id, const std::string& now);

// Appends an entry whose hash covers the previous entry's hash, inside the caller's transaction.
void append_audit(Connection& c, bool serialize_with_lock, AuditEntry e);
std::vector<AuditEntry> list_audit(Connection& c, const std::optional<std::string>& entity,
                                   const std::optional<std::string>& entity_id, Page page, long long* total);
// Recomputes the chain from the first entry; returns the id of the first broken entry, or nothing.
std::optional<Id> verify_audit(Connection& c, long long* checked);

}  // namespace tiendo::store
