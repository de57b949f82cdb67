#include "api/auth.h"

#include "api/json_io.h"
#include "api/router.h"
#include "service/auth.h"

namespace tiendo::api {

namespace json = boost::json;

namespace {

constexpr const char* kCookie = "tiendo_session";

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

// One account's call from this request: the person signed in (nobody on the public forms) and their address.
service::AccountCall account_call(Context& ctx, const service::Actor& who) {
  return {ctx.db, who, ctx.req.remote_address, ctx.now, ctx.postgres()};
}

// ---- handlers ---------------------------------------------------------------------------------------
Response login(Context& ctx) {
  check_public_form(ctx);
  auto body = parse_body(ctx.req);
  const std::string username = required_string(body, "username", 100);
  const std::string password = required_string(body, "password", 200);
  const service::Actor nobody;
  const auto s = service::login(account_call(ctx, nobody), username, password, ctx.config.session_hours);
  Response r = json_response(200, json::object{{"token", s.token},
                                               {"csrf_token", s.csrf_token},
                                               {"expires_at", domain::iso(s.expires)},
                                               {"user", session_user(ctx, s.user)}});
  std::string cookie = std::string(kCookie) + "=" + s.token + "; Path=/; HttpOnly; SameSite=Strict; Max-Age=" +
                       std::to_string(ctx.config.session_hours * 3600);
  if (ctx.config.secure_cookies) cookie += "; Secure";
  r.headers.emplace_back("Set-Cookie", cookie);
  return r;
}

Response logout(Context& ctx) {
  bool from_cookie = false;
  if (auto token = presented_token(ctx, from_cookie)) service::logout(ctx.db, *token);
  Response r = json_response(200, json::object{{"ok", true}});
  r.headers.emplace_back("Set-Cookie", std::string(kCookie) + "=; Path=/; HttpOnly; SameSite=Strict; Max-Age=0");
  return r;
}

Response me(Context& ctx) {
  const auto call = call_of(ctx);
  const auto user = ctx.db.read([&](store::Connection& c) { return service::own_account(c, call.who); });
  json::object o = session_user(ctx, user);
  o["csrf_token"] = ctx.csrf_token;
  return json_response(200, o);
}

// The user changes their own password; the session they use stays.
Response change_password(Context& ctx) {
  const auto call = call_of(ctx);
  auto body = parse_body(ctx.req);
  const std::string current = required_string(body, "current_password", 200);
  const std::string next = required_string(body, "new_password", 200);
  bool from_cookie = false;
  const auto token = presented_token(ctx, from_cookie);
  const auto ended = service::change_password(account_call(ctx, call.who), current, next, token);
  return json_response(200, json::object{{"ok", true}, {"sessions_ended", ended}});
}

// "Quên mật khẩu": the same answer whether or not the user name (or e-mail) exists.
Response forgot_password(Context& ctx) {
  check_public_form(ctx);
  auto body = parse_body(ctx.req);
  const std::string login = required_string(body, "login", 200);
  const service::Actor nobody;
  service::request_password_reset(account_call(ctx, nobody), login, ctx.config.smtp, ctx.config.public_url);
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
  const service::Actor nobody;
  const auto username = service::reset_password(account_call(ctx, nobody), token, next);
  return json_response(200, json::object{{"ok", true}, {"username", username}});
}

}  // namespace

void authenticate(Context& ctx) {
  bool from_cookie = false;
  auto token = presented_token(ctx, from_cookie);
  if (!token) return;
  const auto in = service::session_of(ctx.db, *token, ctx.now);
  if (!in) return;
  const auto& user = in->user;
  Role role{};
  if (!role_from(user.role, role)) return;
  ctx.principal = Principal{user.id, user.username, user.full_name, role, user.unit_id, user.unit_path};
  ctx.principal->signs_for = in->signs_for;
  ctx.cookie_session = from_cookie;
  ctx.csrf_token = in->csrf_token;
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
