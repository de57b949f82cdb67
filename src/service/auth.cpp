#include "service/auth.h"

#include <sodium.h>

#include <boost/asio/ip/address.hpp>
#include <boost/json.hpp>
#include <chrono>
#include <vector>

#include "mail/outgoing.h"
#include "security/password.h"
#include "service/delegation.h"
#include "service/errors.h"
#include "store/review_store.h"
#include "store/trust_store.h"
#include "store/user_store.h"

namespace tiendo::service {

namespace json = boost::json;

namespace {

constexpr int kFreeFailures = 5;                 // then each attempt of (user, address) waits 2^k seconds
constexpr long long kMaxDelaySeconds = 15 * 60;  // at most
constexpr auto kResetLinkLifetime = std::chrono::minutes(45);
constexpr int kResetLinksPerHour = 3;  // per user: the mailbox is not flooded
// Failed logins one address may make over all user names in a window before every login from it waits (many
// officials share a commune's or a carrier's address, so this is far above one person's mistakes).
constexpr int kAddressFailures = 60;
constexpr auto kAddressWindow = std::chrono::minutes(15);
// "Quên mật khẩu" requests one address may send per hour, whatever names they give; counted in the login
// throttle's table under a name no account can have (user names never start with '#').
constexpr int kForgotPerAddressHour = 20;
constexpr const char* kForgotCounter = "#forgot";

std::string random_hex(size_t bytes) {
  std::vector<unsigned char> buf(bytes);
  randombytes_buf(buf.data(), buf.size());
  std::string hex(bytes * 2 + 1, '\0');
  sodium_bin2hex(hex.data(), hex.size(), buf.data(), buf.size());
  hex.pop_back();
  return hex;
}

// An entry about the account `user` (or the name typed, when no account has it), with the client's address.
void audit_account(const AccountCall& call, store::Connection& c, const std::optional<store::User>& user,
                   const std::string& typed_name, const std::string& action, json::object details) {
  store::AuditEntry e;
  e.at = domain::iso(call.now);
  if (call.who.user_id) {
    e.user_id = call.who.user_id;
    e.username = call.who.username;
  } else if (user) {
    e.user_id = user->id;
    e.username = user->username;
  }
  e.source = "api";
  e.entity = "user";
  e.entity_id = user ? std::to_string(user->id) : "";
  e.action = action;
  details["username"] = user ? user->username : typed_name;
  details["address"] = call.address;
  e.after_json = json::serialize(details);
  store::append_audit(c, call.postgres, std::move(e));
}

long long delay_seconds(int failures) {
  if (failures < kFreeFailures) return 0;
  const int k = failures - kFreeFailures + 1;  // 2, 4, 8 … seconds
  return k >= 10 ? kMaxDelaySeconds : std::min<long long>(1LL << k, kMaxDelaySeconds);
}

// Reserves one password check of (user name, address) before it is made, in its own transaction, so that
// concurrent guesses are counted one after another: after kFreeFailures the next check must wait, and a
// waiting attempt is refused without checking anything. Returns the number of this attempt.
int reserve_attempt(const AccountCall& call, const std::string& username) {
  const std::string now = domain::iso(call.now);
  const std::string address = throttle_address(call.address);
  long long wait = 0;
  bool address_blocked = false;
  const int attempt = call.db.write([&](store::Connection& c) {
    if (store::failures_from_address_since(c, address, domain::iso(call.now - kAddressWindow)) >= kAddressFailures) {
      address_blocked = true;
      return 0;
    }
    const auto t = store::lock_login_throttle(c, username, address, now);
    if (t.failures >= kFreeFailures && now < t.next_at) {
      const auto until = domain::parse_iso_instant(t.next_at);
      wait = until ? std::max<long long>(1, (*until - call.now).count()) : kMaxDelaySeconds;
      return 0;
    }
    const int n = t.failures + 1;
    store::set_login_throttle(c, username, address, n, domain::iso(call.now + std::chrono::seconds(delay_seconds(n))),
                              now);
    return n;
  });
  if (address_blocked) {
    throw slowed(
        "Có quá nhiều lần đăng nhập sai từ địa chỉ mạng này. Vui lòng chờ 15 phút rồi thử lại, hoặc liên hệ quản trị "
        "hệ "
        "thống.",
        static_cast<int>(std::chrono::seconds(kAddressWindow).count()), "password");
  }
  if (attempt == 0) {
    throw slowed("Đăng nhập sai nhiều lần. Vui lòng chờ " + std::to_string(wait) + " giây rồi thử lại.",
                 static_cast<int>(std::min<long long>(wait, kMaxDelaySeconds)), "password");
  }
  return attempt;
}

// Checks the password of the user (a dummy hash when there is none) and records the outcome.
bool check_password(const AccountCall& call, const std::optional<store::User>& user, const std::string& username,
                    const std::string& password, int attempt, const std::string& what) {
  const auto started = std::chrono::steady_clock::now();
  const std::string hash = user ? user->password_hash : security::dummy_hash();
  const std::string address = throttle_address(call.address);
  bool checked = false;
  try {
    checked = security::verify_password(hash, password);
  } catch (const security::Busy&) {
    // Not checked, so not counted: a busy server never adds to anyone's wait.
    call.db.write([&](store::Connection& c) { store::release_login_attempt(c, username, address); });
    throw;
  }
  const bool right = checked && user && user->active;
  call.db.write([&](store::Connection& c) {
    if (right) {
      store::clear_login_throttle(c, username, address);
      return;
    }
    json::object details{{"failures", attempt}};
    if (const auto wait = delay_seconds(attempt)) {
      details["next_attempt_after_seconds"] = wait;
      // The wait counts from this answer, however long the check queued.
      const auto answered =
          call.now + std::chrono::ceil<std::chrono::seconds>(std::chrono::steady_clock::now() - started);
      store::extend_login_delay(c, username, address, domain::iso(answered + std::chrono::seconds(wait)));
    }
    if (user && !user->active) details["inactive"] = true;
    audit_account(call, c, user, username, delay_seconds(attempt) ? what + "_failed_delayed" : what + "_failed",
                  std::move(details));
  });
  return right;
}

void require_good_password(const std::string& password, const store::User& u, const char* field) {
  if (auto problem = security::password_problem(password, {u.username, u.full_name, u.unit_name}))
    throw invalid(field, *problem);
}

}  // namespace

// One IPv6 subscriber or host gets a whole /64 (and can pick any address in it for each guess): its addresses share
// one delay, as one IPv4 address does. An IPv4 address written IPv6-mapped (a dual-stack listener) is that address.
std::string throttle_address(const std::string& address) {
  boost::system::error_code ec;
  const auto a = boost::asio::ip::make_address(address, ec);
  if (ec) return address;
  if (a.is_v4()) return a.to_string();
  const auto v6 = a.to_v6();
  if (v6.is_v4_mapped()) return boost::asio::ip::make_address_v4(boost::asio::ip::v4_mapped, v6).to_string();
  auto bytes = v6.to_bytes();
  for (size_t i = 8; i < bytes.size(); ++i) bytes[i] = 0;
  return boost::asio::ip::address_v6(bytes).to_string() + "/64";
}

Session login(const AccountCall& call, const std::string& username, const std::string& password, int session_hours) {
  const int attempt = reserve_attempt(call, username);
  const auto user = call.db.read([&](store::Connection& c) { return store::find_user_by_name(c, username); });
  // The same answer, and the same time, for an unknown user and a wrong password.
  if (!check_password(call, user, username, password, attempt, "login"))
    throw wrong_credentials("Tên đăng nhập hoặc mật khẩu không đúng.", "password");
  Session s{random_hex(32), random_hex(16), call.now + std::chrono::hours(session_hours), *user};
  call.db.write([&](store::Connection& c) {
    store::purge_expired_sessions(c, domain::iso(call.now));
    store::insert_session(c, store::sha256_hex(s.token), user->id, s.csrf_token, domain::iso(call.now),
                          domain::iso(s.expires));
    audit_account(call, c, user, username, "login", {});
  });
  return s;
}

std::optional<SignedIn> session_of(store::Database& db, const std::string& token, domain::Instant now) {
  // Every token made is 32 random bytes in hex: anything else opens nothing, without a read.
  if (token.size() != 64) return std::nullopt;
  const std::string hash = store::sha256_hex(token);
  return db.read([&](store::Connection& c) -> std::optional<SignedIn> {
    auto found = store::find_session_user(c, hash);
    if (!found || found->session.expires_at <= domain::iso(now) || !found->user.active) return std::nullopt;
    SignedIn in{std::move(found->user), std::move(found->session.csrf_token), std::nullopt};
    // Only those who can be deputies are looked up: one indexed read, not one for every request of every role.
    if (may_be_deputy(in.user.role)) {
      if (const auto d = store::active_delegation(c, in.user.id, domain::iso(domain::vietnam_date(now))))
        in.signs_for = d->delegator_id;
    }
    return in;
  });
}

void logout(store::Database& db, const std::string& token) {
  db.write([&](store::Connection& c) { store::delete_session(c, store::sha256_hex(token)); });
}

store::User own_account(store::Connection& c, const Actor& who) {
  auto user = store::find_user(c, who.user_id);
  if (!user) throw not_found("người dùng");
  return *user;
}

long long change_password(const AccountCall& call, const std::string& current, const std::string& next,
                          const std::optional<std::string>& kept_token) {
  const auto user = call.db.read([&](store::Connection& c) { return store::find_user(c, call.who.user_id); });
  if (!user) throw not_found("người dùng");
  const int attempt = reserve_attempt(call, user->username);
  if (!check_password(call, user, user->username, current, attempt, "password_change"))
    throw invalid("current_password", "Mật khẩu hiện tại không đúng.");
  if (next == current) throw invalid("new_password", "Mật khẩu mới cần khác mật khẩu hiện tại.");
  require_good_password(next, *user, "new_password");
  const std::string hash = security::hash_password(next);
  return call.db.write([&](store::Connection& c) {
    store::set_password_hash(c, user->id, hash);
    const auto ended = store::delete_sessions_of_user(c, user->id, kept_token ? store::sha256_hex(*kept_token) : "");
    store::void_password_resets(c, user->id, domain::iso(call.now));
    audit_account(call, c, user, user->username, "password_change", {{"sessions_ended", ended}});
    return ended;
  });
}

void request_password_reset(const AccountCall& call, const std::string& login, const mail::SmtpConfig& smtp,
                            const std::string& public_url) {
  const std::string token = random_hex(32);
  const std::string now = domain::iso(call.now);
  const std::string address = throttle_address(call.address);
  const bool too_many = call.db.write([&](store::Connection& c) {
    // A fixed hour per address: `failures` counts its requests, `next_at` ends its hour.
    const auto t = store::lock_login_throttle(c, kForgotCounter, address, now);
    const bool new_hour = t.next_at <= now || t.failures == 0;
    const int n = new_hour ? 1 : t.failures + 1;
    if (n > kForgotPerAddressHour) return true;
    store::set_login_throttle(c, kForgotCounter, address, n,
                              new_hour ? domain::iso(call.now + std::chrono::hours(1)) : t.next_at, now);
    return false;
  });
  if (too_many)
    throw rate_limited("Có quá nhiều yêu cầu đặt lại mật khẩu từ địa chỉ mạng này. Vui lòng thử lại sau một giờ.", 0,
                       "login");
  std::optional<std::pair<std::string, std::string>> mail;  // to, name
  call.db.write([&](store::Connection& c) {
    auto user = store::find_user_by_name(c, login);
    if (!user && login.find('@') != std::string::npos) user = store::find_user_by_email(c, login);
    if (!user || !user->active || user->email.empty()) return;
    const std::string hour_ago = domain::iso(call.now - std::chrono::hours(1));
    if (store::count_password_resets_since(c, user->id, hour_ago) >= kResetLinksPerHour) {
      audit_account(call, c, user, login, "password_reset_refused", {{"reason", "too_many_links"}});
      return;
    }
    store::insert_password_reset(c, store::sha256_hex(token), user->id, now,
                                 domain::iso(call.now + kResetLinkLifetime));
    audit_account(call, c, user, login, "password_reset_requested", {});
    mail.emplace(user->email, user->full_name);
  });
  if (!mail) return;
  std::string base = public_url;
  while (!base.empty() && base.back() == '/') base.pop_back();
  // A hash route of the web client: the token never reaches a server log or a Referer header.
  const std::string link = base + "/#/dat-lai-mat-khau?token=" + token;
  mail::send_in_background(smtp, mail->first, "Đặt lại mật khẩu Tiến Độ",
                           "Kính gửi " + mail->second +
                               ",\n\nCó yêu cầu đặt lại mật khẩu cho tài khoản của anh/chị. Mở liên kết sau để đặt "
                               "mật khẩu mới (dùng được một lần, trong 45 phút):\n\n" +
                               link +
                               "\n\nNếu anh/chị không yêu cầu, hãy bỏ qua thư này; mật khẩu hiện tại vẫn giữ "
                               "nguyên.\n\n— Tiến Độ",
                           "password reset");
}

std::string reset_password(const AccountCall& call, const std::string& token, const std::string& next) {
  const std::string token_hash = store::sha256_hex(token);
  const std::string now = domain::iso(call.now);
  const auto unusable = invalid_token(
      "Liên kết đặt lại mật khẩu không đúng, đã dùng hoặc đã hết hạn. Vui lòng yêu cầu liên kết mới.", "token");
  const auto user = call.db.read([&](store::Connection& c) -> std::optional<store::User> {
    const auto id = store::password_reset_user(c, token_hash, now);
    if (!id) return std::nullopt;
    return store::find_user(c, *id);
  });
  if (!user || !user->active) throw unusable;
  require_good_password(next, *user, "new_password");
  const std::string hash = security::hash_password(next);
  call.db.write([&](store::Connection& c) {
    // Marked used in the same statement that checks it: of two uses of one link, one wins.
    if (store::use_password_reset(c, token_hash, now) != user->id) throw unusable;
    store::set_password_hash(c, user->id, hash);
    store::void_password_resets(c, user->id, now);
    const auto ended = store::delete_sessions_of_user(c, user->id);
    store::clear_login_throttle(c, user->username, std::nullopt);
    audit_account(call, c, user, user->username, "password_reset", {{"sessions_ended", ended}});
  });
  return user->username;
}

}  // namespace tiendo::service
