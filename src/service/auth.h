#pragma once
// An account's own use cases: logging in, with its throttles (a delay per user name and address after repeated
// failures, a ceiling per address over every name), the session a token opens, logging out, changing one's password,
// "quên mật khẩu" and the use of its link. Each opens its own transactions — a password is checked or hashed outside
// any, and an attempt is reserved before its check, in a transaction of its own, so concurrent guesses count one
// after another — raises service::Error and audits what happens to the account with the client's address. Tokens
// are made here and stored only as their SHA-256; cookies, CSRF checks and headers are api/auth's. Hashing and the
// password policy are security/password.
#include <optional>
#include <string>

#include "domain/date.h"
#include "mail/smtp.h"
#include "service/actor.h"
#include "store/db.h"
#include "store/model.h"

namespace tiendo::service {

// One call of an account's use case, over several transactions of `db`: by whom (nobody, user_id 0, on the public
// forms: the entries are then signed by the account concerned), from which network address (the throttles count
// by it; the audit entries keep it as sent), at what instant.
struct AccountCall {
  store::Database& db;
  const Actor& who;
  std::string address;
  domain::Instant now;
  bool postgres = false;
};

// The address a login delay is kept for: an IPv4 address (also written IPv6-mapped), or an IPv6 address's /64.
std::string throttle_address(const std::string& address);

// A session opened: its token (to send once; only its SHA-256 is kept), the CSRF token of a cookie session, when it
// ends, and the account.
struct Session {
  std::string token, csrf_token;
  domain::Instant expires;
  store::User user;
};
// The password of `username` checked, the same answer and time for an unknown name (wrong_credentials, field
// "password"); `slowed` (field "password", with the seconds to wait) while the name's delay from this address, or
// the address's ceiling, holds. Sessions past their end are purged as a new one opens for `session_hours`.
Session login(const AccountCall& call, const std::string& username, const std::string& password, int session_hours);

// The account a presented token opens, while its session lasts and the account is active, with the CSRF token of
// the session and the unit head the account approves for today, when a delegation lets it.
struct SignedIn {
  store::User user;
  std::string csrf_token;
  std::optional<store::Id> signs_for;
};
std::optional<SignedIn> session_of(store::Database& db, const std::string& token, domain::Instant now);
// Ends the session of the token (none: nothing to end).
void logout(store::Database& db, const std::string& token);
// The signed-in person's own account.
store::User own_account(store::Connection& c, const Actor& who);

// The signed-in person changes their password: the current one is checked and throttled as a login is (a wrong one
// is invalid, field "current_password"), the new one must differ and pass the policy ("new_password"). Every other
// session of theirs ends (`kept_token`: the one they use) and their unused reset links stop working. Answers how
// many sessions ended.
long long change_password(const AccountCall& call, const std::string& current, const std::string& next,
                          const std::optional<std::string>& kept_token);

// "Quên mật khẩu" for a user name or an e-mail address: an active account with an e-mail is mailed a link of one use,
// valid 45 minutes, at `public_url` — at most three an hour per account; nothing tells the asker whether the account
// exists. An address asking more than twenty times in an hour is rate_limited (field "login").
void request_password_reset(const AccountCall& call, const std::string& login, const mail::SmtpConfig& smtp,
                            const std::string& public_url);
// The link's use: its token unknown, used, expired or of an inactive account is invalid_token; the new password
// passes the policy ("new_password"). The account's sessions end, its other links stop working and its login delay is
// lifted. Answers the account's user name.
std::string reset_password(const AccountCall& call, const std::string& token, const std::string& next);

}  // namespace tiendo::service
