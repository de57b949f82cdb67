#include "api/router.h"

#include <spdlog/spdlog.h>

#include "api/auth.h"
#include "api/json_io.h"
#include "domain/date.h"
#include "formats/format_error.h"
#include "security/password.h"
#include "service/audit.h"
#include "service/dashboard_model.h"
#include "service/errors.h"
#include "service/st_model.h"
#include "store/trust_store.h"
#include "store/user_store.h"

namespace tiendo::api {

namespace {

// A path's segments between slashes, empty ones left out ("/api//v1/" is "api", "v1").
template <class S>
std::vector<S> split_path(std::string_view p) {
  std::vector<S> out;
  size_t i = 0;
  while (i < p.size()) {
    size_t j = p.find('/', i);
    if (j == std::string_view::npos) j = p.size();
    if (j > i) out.emplace_back(p.substr(i, j - i));
    i = j + 1;
  }
  return out;
}

bool is_param(const std::string& segment) { return segment.size() > 2 && segment.front() == '{'; }

// The request's segments against a route's (split when it was added): every request is matched against the whole
// table, so nothing is allocated until a route matches.
bool match(const std::vector<std::string>& pattern, const std::vector<std::string_view>& path,
           std::map<std::string, std::string>& params) {
  if (pattern.size() != path.size()) return false;
  for (size_t i = 0; i < pattern.size(); ++i) {
    if (!is_param(pattern[i]) && pattern[i] != path[i]) return false;
  }
  params.clear();
  for (size_t i = 0; i < pattern.size(); ++i) {
    if (is_param(pattern[i])) params[pattern[i].substr(1, pattern[i].size() - 2)] = std::string(path[i]);
  }
  return true;
}

// Cookie sessions must prove they come from our own page: a CSRF token in a header on every write.
void check_csrf(const Context& ctx, const std::string& method) {
  if (!ctx.cookie_session || method == "GET" || method == "HEAD") return;
  auto sent = ctx.req.header("x-csrf-token");
  if (!sent || !ctx.principal || *sent != ctx.csrf_token) {
    throw ApiError(403, "csrf", "Thiếu hoặc sai mã chống giả mạo yêu cầu (X-CSRF-Token).");
  }
}

std::string fingerprint(const Request& req) {
  return store::sha256_hex(req.method + " " + req.target + "\n" + req.body);
}

// A write with an Idempotency-Key runs as one transaction with the answer it stores: a client that lost
// the answer (a dropped connection, an instance killed) sends the same request with the same key and
// gets the first answer again, and the write happens exactly once.
Response run_once(Context& ctx, const Route& route, const std::string& key) {
  if (key.empty() || key.size() > 200)
    throw bad_request("Idempotency-Key", "Khóa Idempotency-Key phải có từ 1 đến 200 ký tự.");
  const store::Id user = ctx.principal->user_id;
  const std::string print = fingerprint(ctx.req);
  return ctx.db.write([&](store::Connection& c) {
    // The key is taken first: simultaneous retries queue behind this transaction and then replay its answer.
    if (!store::claim_key(c, user, key, print, domain::iso(ctx.now))) {
      auto prior = store::find_answer(c, user, key);
      if (!prior || prior->status == 0)
        throw ApiError(409, "idempotency_in_progress",
                       "Yêu cầu với khóa Idempotency-Key này đang được xử lý; hãy thử lại sau giây lát.",
                       "Idempotency-Key");
      if (prior->fingerprint != print)
        throw ApiError(422, "idempotency_key_reused",
                       "Khóa Idempotency-Key này đã dùng cho một yêu cầu khác; hãy dùng khóa mới.", "Idempotency-Key");
      return Response{prior->status, prior->content_type, prior->body, {{"Idempotent-Replayed", "true"}}};
    }
    Response r = route.handler(ctx);
    if (r.status < 300) {
      store::save_answer(c, user, key, {print, r.status, r.content_type, r.body});
    } else {
      store::release_key(c, user, key);
    }
    return r;
  });
}

// A refusal's answer, with Retry-After when it says when the same request may succeed.
Response answer(const ApiError& e) {
  Response r = error_response(e);
  if (e.retry_after > 0) r.headers.emplace_back("Retry-After", std::to_string(e.retry_after));
  return r;
}

}  // namespace

ApiError from_service(const service::Error& e) {
  using K = service::Error::Kind;
  switch (e.kind) {
    case K::invalid:
      return ApiError(400, "invalid", e.what(), e.field);
    case K::unsupported_file:
      return ApiError(415, "unsupported_type", e.what(), e.field);
    case K::conflict:
      return ApiError(409, "conflict", e.what(), e.field);
    case K::not_found:
      return ApiError(404, "not_found", e.what(), e.field);
    case K::forbidden:
      return ApiError(403, "forbidden", e.what(), e.field);
    case K::duplicate:
      return ApiError(409, "duplicate", e.what(), e.field);
    case K::rate_limited:
      return ApiError(429, "rate_limited", e.what(), e.field).retry_after_seconds(e.retry_after_seconds);
    case K::unavailable:
      return ApiError(503, "unavailable", e.what(), e.field);
    case K::busy:
      return ApiError(503, "busy", e.what(), e.field);
    case K::number_taken:
      return ApiError(409, "duplicate_number", e.what(), e.field);
    case K::wrong_credentials:
      return ApiError(401, "invalid_credentials", e.what(), e.field);
    case K::slowed:
      return ApiError(429, "slow_down", e.what(), e.field).retry_after_seconds(e.retry_after_seconds);
    case K::invalid_token:
      return ApiError(400, "invalid_token", e.what(), e.field);
  }
  return ApiError(500, "internal", "Lỗi hệ thống. Dữ liệu không bị thay đổi.");
}

Router::Router()
    : dashboards_(std::make_shared<service::DashboardModel>()), st_tasks_(std::make_shared<service::StModel>()) {}

void Router::keep_models_current(store::Database& db, domain::Instant now) const { dashboards_->keep_current(db, now); }

void Router::add(std::string method, std::string pattern, std::optional<Permission> permission, Handler h, Pace pace) {
  auto segments = split_path<std::string>(pattern);
  routes_.push_back(Route{std::move(method), std::move(pattern), permission, std::move(h), pace, std::move(segments)});
}

Response Router::handle(const Request& req, store::Database& db, const Config& config, domain::Instant now,
                        Pace pace) const {
  Context ctx{req, db, config, now, {}, std::nullopt, false, {}, dashboards_.get(), st_tasks_.get()};
  std::optional<store::InPlace> in_place;
  if (pace == Pace::in_place) in_place.emplace();
  try {
    const Route* found = nullptr;
    bool path_known = false;
    const auto path = split_path<std::string_view>(req.path);
    std::map<std::string, std::string> params;
    for (const auto& r : routes_) {
      if (!match(r.segments, path, params)) continue;
      path_known = true;
      if (r.method == req.method) {
        found = &r;
        ctx.path_params = std::move(params);
        break;
      }
    }
    if (!found) {
      if (path_known) throw ApiError(405, "method_not_allowed", "Phương thức không được hỗ trợ cho địa chỉ này.");
      throw ApiError(404, "not_found", "Không tìm thấy địa chỉ yêu cầu.");
    }
    if (in_place && found->pace != Pace::in_place) throw store::WouldWait{};
    if (found->permission) {
      authenticate(ctx);
      if (!ctx.principal) throw ApiError(401, "unauthenticated", "Vui lòng đăng nhập.");
      check_csrf(ctx, req.method);
      if (!ctx.principal->can(*found->permission)) throw forbidden();
    }
    if (found->permission && req.method != "GET") {
      if (auto key = req.header("idempotency-key")) return run_once(ctx, *found, *key);
    }
    return found->handler(ctx);
  } catch (const ApiError& e) {
    return answer(e);
  } catch (const service::Error& e) {
    return answer(from_service(e));
  } catch (const security::Busy&) {
    // The password hashing queue is full: a burst of logins waits its turn instead of stalling the server.
    Response r =
        error_response(ApiError(503, "busy", "Máy chủ đang bận xử lý đăng nhập. Vui lòng thử lại sau vài giây."));
    r.headers.emplace_back("Retry-After", std::to_string(security::Busy::kRetryAfterSeconds));
    return r;
  } catch (const formats::FormatError& e) {
    // A file that cannot be read is the caller's to fix; nothing was written.
    return error_response(ApiError(400, "invalid_file", e.what(), "body"));
  } catch (const store::DbError& e) {
    if (e.kind == store::DbError::Kind::unavailable || e.kind == store::DbError::Kind::busy) {
      spdlog::warn("database unavailable: {}", e.what());
      Response r = error_response(
          ApiError(503, "unavailable", "Cơ sở dữ liệu tạm thời không sẵn sàng. Vui lòng thử lại sau ít phút."));
      r.headers.emplace_back("Retry-After", "5");
      return r;
    }
    if (e.kind == store::DbError::Kind::constraint) {
      return error_response(conflict("Dữ liệu trùng hoặc tham chiếu không hợp lệ."));
    }
    spdlog::error("database error on {} {}: {}", req.method, req.path, e.what());
    return error_response(ApiError(500, "internal", "Lỗi hệ thống. Dữ liệu không bị thay đổi."));
  } catch (const std::exception& e) {
    spdlog::error("unexpected error on {} {}: {}", req.method, req.path, e.what());
    return error_response(ApiError(500, "internal", "Lỗi hệ thống. Dữ liệu không bị thay đổi."));
  }
}

// S&T tasks (st_task_api.cpp): declared here rather than in router.h, which every API file includes.
void register_st_tasks(Router& r);

Router make_router() {
  Router r;
  register_meta(r);
  register_auth(r);
  register_units(r);
  register_plan(r);
  register_assignments(r);
  register_reports(r);
  register_reopen(r);
  register_delegations(r);
  register_dashboard(r);
  register_risks(r);
  register_admin(r);
  register_followup(r);
  register_nudges(r);
  register_notifications(r);
  register_documents(r);
  register_feedback(r);
  register_exchange(r);
  register_st_tasks(r);
  return r;
}

store::Id Context::path_id(const std::string& name) const {
  auto it = path_params.find(name);
  if (it == path_params.end()) throw bad_request(name, "Thiếu mã số.");
  try {
    size_t used = 0;
    const long long v = std::stoll(it->second, &used);
    if (used != it->second.size() || v <= 0) throw std::invalid_argument("id");
    return v;
  } catch (const std::exception&) {
    throw ApiError(404, "not_found", "Không tìm thấy địa chỉ yêu cầu.", name);
  }
}

domain::Date Context::as_of() const {
  // A read may look at any date; a write always happens today, whatever its query says.
  const bool read_only = req.method == "GET" || req.method == "HEAD";
  if (auto s = read_only ? query_string(req, "as_of") : std::nullopt) {
    auto d = domain::parse_iso_date(*s);
    if (!d) throw bad_request("as_of", "Tham số " + label("as_of") + " phải là ngày dạng YYYY-MM-DD.");
    return *d;
  }
  return domain::vietnam_date(now);
}

void audit(const Context& ctx, store::Connection& c, const std::string& entity, store::Id id, const std::string& action,
           const boost::json::value& before, const boost::json::value& after) {
  const auto who = ctx.principal ? std::optional(ctx.principal->actor()) : std::nullopt;
  service::audit(c, ctx.postgres(), who ? &*who : nullptr, ctx.now, entity, id, action, before, after);
}

}  // namespace tiendo::api
