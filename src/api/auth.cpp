#include "api/auth.h"

#include <sodium.h>

#include <mutex>

#include "api/json_io.h"
#include "api/router.h"
#include "store/trust_store.h"
#include "store/user_store.h"

namespace tiendo::api {

namespace json = boost::json;

namespace {

constexpr const char* kCookie = "tiendo_session";
constexpr auto kLockout = std::chrono::minutes(15);
constexpr int kFailuresPerUser = 5;      // then the account waits 15 minutes
constexpr int kFailuresPerAddress = 30;  // an office behind one NAT address has many users

ApiError too_many(const std::string& code, const std::string& message) {
  return ApiError(429, code, message, "username");
}

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

Response login(Context& ctx) {
  auto body = parse_body(ctx.req);
  const std::string username = required_string(body, "username", 100);
  const std::string password = required_string(body, "password", 200);
  // Guessing is slowed where every instance sees it: failed logins are kept in the database.
  const std::string since = domain::iso(ctx.now - kLockout);
  const std::string& address = ctx.req.remote_address;
  int user_failures = 0;
  auto user = ctx.db.read([&](store::Connection& c) {
    if (store::failed_logins_from(c, address, since) >= kFailuresPerAddress) {
      throw too_many("rate_limited", "Quá nhiều lần đăng nhập sai từ địa chỉ này. Vui lòng thử lại sau 15 phút.");
    }
    user_failures = store::failed_logins_of_user(c, username, since);
    if (user_failures >= kFailuresPerUser) {
      throw too_many("locked", "Tài khoản tạm khóa 15 phút do đăng nhập sai nhiều lần.");
    }
    return store::find_user_by_name(c, username);
  });
  // The same answer for an unknown user and a wrong password: nothing tells which logins exist.
  if (!user || !user->active || !verify_password(user->password_hash, password)) {
    ctx.db.write([&](store::Connection& c) { store::record_failed_login(c, username, address, domain::iso(ctx.now)); });
    throw ApiError(401, "invalid_credentials", "Tên đăng nhập hoặc mật khẩu không đúng.", "password");
  }
  if (user_failures > 0) ctx.db.write([&](store::Connection& c) { store::clear_failed_logins(c, username); });
  const std::string token = random_hex(32);
  const std::string csrf = random_hex(16);
  const auto expires = ctx.now + std::chrono::hours(ctx.config.session_hours);
  ctx.db.write([&](store::Connection& c) {
    store::insert_session(c, store::sha256_hex(token), user->id, csrf, domain::iso(ctx.now), domain::iso(expires));
  });
  Response r = json_response(
      200,
      json::object{
          {"token", token}, {"csrf_token", csrf}, {"expires_at", domain::iso(expires)}, {"user", user_json(*user)}});
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
  json::object o = user_json(*user);
  o["csrf_token"] = ctx.csrf_token;
  return json_response(200, o);
}

}  // namespace

namespace {
// Argon2 is meant to be slow (~70 ms of a core, 64 MiB). One at a time per process: a burst of logins at
// the reporting peak (or a password-guessing flood) takes at most one core and leaves the others to
// everyone else; logins queue instead of every request slowing down.
std::mutex& hashing() {
  static std::mutex mu;
  return mu;
}
}  // namespace

std::string hash_password(const std::string& password) {
  std::lock_guard lock(hashing());
  char out[crypto_pwhash_STRBYTES];
  // Interactive limits: about 60 ms and 64 MiB on this machine, enough against offline guessing.
  if (crypto_pwhash_str(out, password.c_str(), password.size(), crypto_pwhash_OPSLIMIT_INTERACTIVE,
                        crypto_pwhash_MEMLIMIT_INTERACTIVE) != 0) {
    throw std::runtime_error("out of memory while hashing a password");
  }
  return out;
}

bool verify_password(const std::string& hash, const std::string& password) {
  std::lock_guard lock(hashing());
  return crypto_pwhash_str_verify(hash.c_str(), password.c_str(), password.size()) == 0;
}

void authenticate(Context& ctx) {
  bool from_cookie = false;
  auto token = presented_token(ctx, from_cookie);
  if (!token || token->size() != 64) return;
  const std::string hash = store::sha256_hex(*token);
  ctx.db.read([&](store::Connection& c) {
    auto session = store::find_session(c, hash);
    if (!session || session->expires_at <= domain::iso(ctx.now)) return;
    auto user = store::find_user(c, session->user_id);
    if (!user || !user->active) return;
    Role role{};
    if (!role_from(user->role, role)) return;
    ctx.principal = Principal{user->id, user->username, user->full_name, role, user->unit_id, user->unit_path};
    ctx.cookie_session = from_cookie;
    ctx.csrf_token = session->csrf_token;
  });
}

void register_auth(Router& r) {
  r.add("POST", "/api/v1/auth/login", std::nullopt, login);
  r.add("POST", "/api/v1/auth/logout", Permission::read_plan, logout);
  r.add("GET", "/api/v1/auth/me", Permission::read_plan, me);
}

}  // namespace tiendo::api
