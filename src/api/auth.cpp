#include "api/auth.h"

#include <sodium.h>
#include <spdlog/spdlog.h>

#include <boost/asio/ip/address.hpp>
#include <condition_variable>
#include <deque>
#include <fstream>
#include <future>
#include <mutex>
#include <sstream>
#include <thread>

#include "api/json_io.h"
#include "api/router.h"
#include "mail/outgoing.h"
#include "security/password.h"
#include "store/review_store.h"
#include "store/trust_store.h"
#include "store/user_store.h"

namespace tiendo::api {

namespace json = boost::json;

namespace {

constexpr const char* kCookie = "tiendo_session";
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

// ---- small helpers ----------------------------------------------------------------------------------
std::string random_hex(size_t bytes) {
  std::vector<unsigned char> buf(bytes);
  randombytes_buf(buf.data(), buf.size());
  std::string hex(bytes * 2 + 1, '\0');
  sodium_bin2hex(hex.data(), hex.size(), buf.data(), buf.size());
  hex.pop_back();
  return hex;
}

std::optional<std::string> cookie_value(const Request& req, const std::string& name) {
  auto header = req.header("cookie");
  if (!header) return std::nullopt;
  const std::string& h = *header;
  size_t i = 0;
  while (i < h.size()) {
    size_t end = h.find(';', i);
    if (end == std::string::npos) end = h.size();
    std::string part = h.substr(i, end - i);
    const size_t start = part.find_first_not_of(' ');
    if (start != std::string::npos) part = part.substr(start);
    if (part.starts_with(name + "=")) return part.substr(name.size() + 1);
    i = end + 1;
  }
  return std::nullopt;
}

std::optional<std::string> presented_token(const Context& ctx, bool& from_cookie) {
  if (auto auth = ctx.req.header("authorization"); auth && auth->starts_with("Bearer ")) {
    from_cookie = false;
    return auth->substr(7);
  }
  if (auto c = cookie_value(ctx.req, kCookie)) {
    from_cookie = true;
    return c;
  }
  return std::nullopt;
}

json::object user_json(const store::User& u) {
  return json::object{{"id", u.id},           {"username", u.username},   {"full_name", u.full_name}, {"role", u.role},
                      {"unit_id", u.unit_id}, {"unit_name", u.unit_name}, {"email", u.email}};
}

// The signed-in user with the server's day in Hải Phòng: pages default to the server's month and date, never the
// device's (a phone's clock may be wrong, or set to another zone).
json::object session_user(const Context& ctx, const store::User& u) {
  json::object o = user_json(u);
  o["today"] = domain::iso(domain::vietnam_date(ctx.now));
  return o;
}

std::string lower(std::string s) {
  for (auto& ch : s) ch = static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
  return s;
}

// "https://Example.org:8443/x" → "example.org:8443"; "example.org:443" → "example.org": the host and its port,
// the default ports left out as browsers leave them out of Origin. Another port is another site.
std::string authority(std::string s) {
  if (auto scheme = s.find("://"); scheme != std::string::npos) s = s.substr(scheme + 3);
  s = lower(s.substr(0, s.find('/')));
  for (const std::string_view port : {":80", ":443"})
    if (s.ends_with(port)) s.resize(s.size() - port.size());
  return s;
}

// The public account forms (login, forgot, reset) take JSON only, and never from another site's page:
// a form post from elsewhere cannot send application/json without a preflight, and a browser always
// names its page's Origin. A missing Origin is a script's request, accepted.
void check_public_form(const Context& ctx) {
  const auto type = ctx.req.header("content-type");
  if (!type || !lower(*type).starts_with("application/json")) {
    throw ApiError(415, "unsupported_media_type", "Yêu cầu cần nội dung JSON (Content-Type: application/json).",
                   "Content-Type");
  }
  if (auto origin = ctx.req.header("origin")) {
    const auto host = ctx.req.header("host");
    if (!host || authority(*origin) != authority(*host) || authority(*origin).empty()) {
      throw ApiError(403, "foreign_origin", "Yêu cầu từ trang web khác bị từ chối (Origin).", "Origin");
    }
  }
}

void audit_account(const Context& ctx, store::Connection& c, const std::optional<store::User>& user,
                   const std::string& typed_name, const std::string& action, json::object details) {
  store::AuditEntry e;
  e.at = domain::iso(ctx.now);
  if (ctx.principal) {
    e.user_id = ctx.principal->user_id;
    e.username = ctx.principal->username;
  } else if (user) {
    e.user_id = user->id;
    e.username = user->username;
  }
  e.source = "api";
  e.entity = "user";
  e.entity_id = user ? std::to_string(user->id) : "";
  e.action = action;
  details["username"] = user ? user->username : typed_name;
  details["address"] = ctx.req.remote_address;
  e.after_json = json::serialize(details);
  store::append_audit(c, ctx.postgres(), std::move(e));
}

// The address a login delay is kept for. One IPv6 subscriber or host gets a whole /64 (and can pick any
// address in it for each guess): its addresses share one delay, as one IPv4 address does. An IPv4
// address written IPv6-mapped (a dual-stack listener) is that IPv4 address.
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

long long delay_seconds(int failures) {
  if (failures < kFreeFailures) return 0;
  const int k = failures - kFreeFailures + 1;  // 2, 4, 8 … seconds
  return k >= 10 ? kMaxDelaySeconds : std::min<long long>(1LL << k, kMaxDelaySeconds);
}

// Reserves one password check of (user name, address) before it is made, in its own transaction, so that
// concurrent guesses are counted one after another: after kFreeFailures the next check must wait, and a
// waiting attempt is answered 429 without checking anything. Returns the number of this attempt.
int reserve_attempt(Context& ctx, const std::string& username) {
  const std::string now = domain::iso(ctx.now);
  const std::string address = throttle_address(ctx.req.remote_address);
  long long wait = 0;
  bool address_blocked = false;
  const int attempt = ctx.db.write([&](store::Connection& c) {
    if (store::failures_from_address_since(c, address, domain::iso(ctx.now - kAddressWindow)) >= kAddressFailures) {
      address_blocked = true;
      return 0;
    }
    const auto t = store::lock_login_throttle(c, username, address, now);
    if (t.failures >= kFreeFailures && now < t.next_at) {
      const auto until = domain::parse_iso_instant(t.next_at);
      wait = until ? std::max<long long>(1, (*until - ctx.now).count()) : kMaxDelaySeconds;
      return 0;
    }
    const int n = t.failures + 1;
    set_login_throttle(c, username, address, n, domain::iso(ctx.now + std::chrono::seconds(delay_seconds(n))), now);
    return n;
  });
  if (address_blocked) {
    ApiError e(429, "slow_down",
               "Có quá nhiều lần đăng nhập sai từ địa chỉ mạng này. Vui lòng chờ 15 phút rồi thử lại, hoặc liên hệ "
               "quản trị hệ thống.",
               "password");
    e.retry_after = static_cast<int>(std::chrono::seconds(kAddressWindow).count());
    throw e;
  }
  if (attempt == 0) {
    ApiError e(429, "slow_down", "Đăng nhập sai nhiều lần. Vui lòng chờ " + std::to_string(wait) + " giây rồi thử lại.",
               "password");
    e.retry_after = static_cast<int>(std::min<long long>(wait, kMaxDelaySeconds));
    throw e;
  }
  return attempt;
}

// Checks the password of the user (a dummy hash when there is none) and records the outcome.
bool check_password(Context& ctx, const std::optional<store::User>& user, const std::string& username,
                    const std::string& password, int attempt, const std::string& what) {
  const auto started = std::chrono::steady_clock::now();
  const std::string hash = user ? user->password_hash : security::dummy_hash();
  bool checked = false;
  try {
    checked = security::verify_password(hash, password);
  } catch (const ApiError& busy) {
    // Not checked, so not counted: a busy server never adds to anyone's wait.
    ctx.db.write([&](store::Connection& c) {
      store::release_login_attempt(c, username, throttle_address(ctx.req.remote_address));
    });
    throw;
  }
  const bool right = checked && user && user->active;
  ctx.db.write([&](store::Connection& c) {
    if (right) {
      store::clear_login_throttle(c, username, throttle_address(ctx.req.remote_address));
      return;
    }
    json::object details{{"failures", attempt}};
    if (const auto wait = delay_seconds(attempt)) {
      details["next_attempt_after_seconds"] = wait;
      // The wait counts from this answer, however long the check queued.
      const auto answered =
          ctx.now + std::chrono::ceil<std::chrono::seconds>(std::chrono::steady_clock::now() - started);
      store::extend_login_delay(c, username, throttle_address(ctx.req.remote_address),
                                domain::iso(answered + std::chrono::seconds(wait)));
    }
    if (user && !user->active) details["inactive"] = true;
    audit_account(ctx, c, user, username, delay_seconds(attempt) ? what + "_failed_delayed" : what + "_failed",
                  std::move(details));
  });
  return right;
}

domain::PasswordContext context_of(const store::User& u) { return {u.username, u.full_name, u.unit_name}; }

void require_good_password(const std::string& password, const store::User& u, const char* field) {
  if (auto problem = security::password_problem(password, context_of(u))) throw bad_request(field, *problem);
}

// ---- handlers ---------------------------------------------------------------------------------------
Response login(Context& ctx) {
  check_public_form(ctx);
  auto body = parse_body(ctx.req);
  const std::string username = required_string(body, "username", 100);
  const std::string password = required_string(body, "password", 200);
  const int attempt = reserve_attempt(ctx, username);
  const auto user = ctx.db.read([&](store::Connection& c) { return store::find_user_by_name(c, username); });
  // The same answer, and the same time, for an unknown user and a wrong password.
  if (!check_password(ctx, user, username, password, attempt, "login")) {
    throw ApiError(401, "invalid_credentials", "Tên đăng nhập hoặc mật khẩu không đúng.", "password");
  }
  const std::string token = random_hex(32);
  const std::string csrf = random_hex(16);
  const auto expires = ctx.now + std::chrono::hours(ctx.config.session_hours);
  ctx.db.write([&](store::Connection& c) {
    store::purge_expired_sessions(c, domain::iso(ctx.now));
    store::insert_session(c, store::sha256_hex(token), user->id, csrf, domain::iso(ctx.now), domain::iso(expires));
    audit_account(ctx, c, user, username, "login", {});
  });
  Response r = json_response(200, json::object{{"token", token},
                                               {"csrf_token", csrf},
                                               {"expires_at", domain::iso(expires)},
                                               {"user", session_user(ctx, *user)}});
  std::string cookie = std::string(kCookie) + "=" + token + "; Path=/; HttpOnly; SameSite=Strict; Max-Age=" +
                       std::to_string(ctx.config.session_hours * 3600);
  if (ctx.config.secure_cookies) cookie += "; Secure";
  r.headers.emplace_back("Set-Cookie", cookie);
  return r;
}

Response logout(Context& ctx) {
  bool from_cookie = false;
  if (auto token = presented_token(ctx, from_cookie)) {
    ctx.db.write([&](store::Connection& c) { store::delete_session(c, store::sha256_hex(*token)); });
  }
  Response r = json_response(200, json::object{{"ok", true}});
  r.headers.emplace_back("Set-Cookie", std::string(kCookie) + "=; Path=/; HttpOnly; SameSite=Strict; Max-Age=0");
  return r;
}

Response me(Context& ctx) {
  const auto& p = ctx.user();
  auto user = ctx.db.read([&](store::Connection& c) { return store::find_user(c, p.user_id); });
  if (!user) throw not_found("người dùng");
  json::object o = session_user(ctx, *user);
  o["csrf_token"] = ctx.csrf_token;
  return json_response(200, o);
}

// The user changes their own password: the current one is checked (throttled like a login), every other
// session of theirs ends and unused reset links stop working.
Response change_password(Context& ctx) {
  const auto& p = ctx.user();
  auto body = parse_body(ctx.req);
  const std::string current = required_string(body, "current_password", 200);
  const std::string next = required_string(body, "new_password", 200);
  const auto user = ctx.db.read([&](store::Connection& c) { return store::find_user(c, p.user_id); });
  if (!user) throw not_found("người dùng");
  const int attempt = reserve_attempt(ctx, user->username);
  if (!check_password(ctx, user, user->username, current, attempt, "password_change")) {
    throw bad_request("current_password", "Mật khẩu hiện tại không đúng.");
  }
  if (next == current) throw bad_request("new_password", "Mật khẩu mới cần khác mật khẩu hiện tại.");
  require_good_password(next, *user, "new_password");
  const std::string hash = security::hash_password(next);
  bool from_cookie = false;
  const auto token = presented_token(ctx, from_cookie);
  long long ended = 0;
  ctx.db.write([&](store::Connection& c) {
    store::set_password_hash(c, user->id, hash);
    ended = store::delete_sessions_of_user(c, user->id, token ? store::sha256_hex(*token) : "");
    store::void_password_resets(c, user->id, domain::iso(ctx.now));
    audit_account(ctx, c, user, user->username, "password_change", {{"sessions_ended", ended}});
  });
  return json_response(200, json::object{{"ok", true}, {"sessions_ended", ended}});
}

// "Quên mật khẩu": the same answer whether or not the user name (or e-mail) exists.
Response forgot_password(Context& ctx) {
  check_public_form(ctx);
  auto body = parse_body(ctx.req);
  const std::string login = required_string(body, "login", 200);
  const std::string token = random_hex(32);
  const std::string now = domain::iso(ctx.now);
  std::optional<std::pair<std::string, std::string>> mail;  // to, name
  const std::string address = throttle_address(ctx.req.remote_address);
  const bool too_many = ctx.db.write([&](store::Connection& c) {
    // A fixed hour per address: `failures` counts its requests, `next_at` ends its hour.
    const auto t = store::lock_login_throttle(c, kForgotCounter, address, now);
    const bool new_hour = t.next_at <= now || t.failures == 0;
    const int n = new_hour ? 1 : t.failures + 1;
    if (n > kForgotPerAddressHour) return true;
    store::set_login_throttle(c, kForgotCounter, address, n,
                              new_hour ? domain::iso(ctx.now + std::chrono::hours(1)) : t.next_at, now);
    return false;
  });
  if (too_many)
    throw ApiError(429, "rate_limited",
                   "Có quá nhiều yêu cầu đặt lại mật khẩu từ địa chỉ mạng này. Vui lòng thử lại sau một giờ.", "login");
  ctx.db.write([&](store::Connection& c) {
    auto user = store::find_user_by_name(c, login);
    if (!user && login.find('@') != std::string::npos) user = store::find_user_by_email(c, login);
    if (!user || !user->active || user->email.empty()) return;
    const std::string hour_ago = domain::iso(ctx.now - std::chrono::hours(1));
    if (store::count_password_resets_since(c, user->id, hour_ago) >= kResetLinksPerHour) {
      audit_account(ctx, c, user, login, "password_reset_refused", {{"reason", "too_many_links"}});
      return;
    }
    store::insert_password_reset(c, store::sha256_hex(token), user->id, now, domain::iso(ctx.now + kResetLinkLifetime));
    audit_account(ctx, c, user, login, "password_reset_requested", {});
    mail.emplace(user->email, user->full_name);
  });
  if (mail) {
    std::string base = ctx.config.public_url;
    while (!base.empty() && base.back() == '/') base.pop_back();
    // A hash route of the web client: the token never reaches a server log or a Referer header.
    const std::string link = base + "/#/dat-lai-mat-khau?token=" + token;
    mail::send_in_background(ctx.config.smtp, mail->first, "Đặt lại mật khẩu Tiến Độ",
                             "Kính gửi " + mail->second +
                                 ",\n\nCó yêu cầu đặt lại mật khẩu cho tài khoản của anh/chị. Mở liên kết sau để đặt "
                                 "mật khẩu mới (dùng được một lần, trong 45 phút):\n\n" +
                                 link +
                                 "\n\nNếu anh/chị không yêu cầu, hãy bỏ qua thư này; mật khẩu hiện tại vẫn giữ "
                                 "nguyên.\n\n— Tiến Độ",
                             "password reset");
  }
  return json_response(202, json::object{{"ok", true},
                                         {"message",
                                          "Nếu tài khoản tồn tại và có e-mail, một liên kết đặt lại mật khẩu đã "
                                          "được gửi tới e-mail đó. Liên kết dùng được một lần trong 45 phút."}});
}

Response reset_password(Context& ctx) {
  check_public_form(ctx);
  auto body = parse_body(ctx.req);
  const std::string token = required_string(body, "token", 100);
  const std::string next = required_string(body, "new_password", 200);
  const std::string token_hash = store::sha256_hex(token);
  const std::string now = domain::iso(ctx.now);
  const ApiError unusable(
      400, "invalid_token",
      "Liên kết đặt lại mật khẩu không đúng, đã dùng hoặc đã hết hạn. Vui lòng yêu cầu liên kết mới.", "token");
  const auto user = ctx.db.read([&](store::Connection& c) -> std::optional<store::User> {
    const auto id = store::password_reset_user(c, token_hash, now);
    if (!id) return std::nullopt;
    return store::find_user(c, *id);
  });
  if (!user || !user->active) throw unusable;
  require_good_password(next, *user, "new_password");
  const std::string hash = security::hash_password(next);
  ctx.db.write([&](store::Connection& c) {
    // Marked used in the same statement that checks it: of two uses of one link, one wins.
    if (store::use_password_reset(c, token_hash, now) != user->id) throw unusable;
    store::set_password_hash(c, user->id, hash);
    store::void_password_resets(c, user->id, now);
    const auto ended = store::delete_sessions_of_user(c, user->id);
    store::clear_login_throttle(c, user->username, std::nullopt);
    audit_account(ctx, c, user, user->username, "password_reset", {{"sessions_ended", ended}});
  });
  return json_response(200, json::object{{"ok", true}, {"username", user->username}});
}

}  // namespace

void authenticate(Context& ctx) {
  bool from_cookie = false;
  auto token = presented_token(ctx, from_cookie);
  if (!token || token->size() != 64) return;
  const std::string hash = store::sha256_hex(*token);
  ctx.db.read([&](store::Connection& c) {
    const auto found = store::find_session_user(c, hash);
    if (!found || found->session.expires_at <= domain::iso(ctx.now)) return;
    const auto* session = &found->session;
    const auto* user = &found->user;
    if (!user->active) return;
    Role role{};
    if (!role_from(user->role, role)) return;
    ctx.principal = Principal{user->id, user->username, user->full_name, role, user->unit_id, user->unit_path};
    // Only those who can be deputies are looked up: one indexed read, not one for every request of every role.
    if (role == Role::unit_head || role == Role::viewer) {
      if (const auto d = store::active_delegation(c, user->id, domain::iso(domain::vietnam_date(ctx.now))))
        ctx.principal->signs_for = d->delegator_id;
    }
    ctx.cookie_session = from_cookie;
    ctx.csrf_token = session->csrf_token;
  });
}

void register_auth(Router& r) {
  r.add("POST", "/api/v1/auth/login", std::nullopt, login);
  r.add("POST", "/api/v1/auth/logout", Permission::own_account, logout);
  r.add("GET", "/api/v1/auth/me", Permission::own_account, me);
  r.add("POST", "/api/v1/auth/password", Permission::own_account, change_password);
  r.add("POST", "/api/v1/auth/forgot", std::nullopt, forgot_password);
  r.add("POST", "/api/v1/auth/reset", std::nullopt, reset_password);
}

}  // namespace tiendo::api
