#pragma once
// Everything a handler needs for one request.
#include <boost/json.hpp>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "api/error.h"
#include "api/http.h"
#include "api/principal.h"
#include "domain/date.h"
#include "domain/feedback.h"
#include "mail/smtp.h"
#include "security/feedback_seal.h"
#include "service/call.h"
#include "service/exchange_job.h"
#include "store/db.h"

namespace tiendo::service {
class DashboardModel;
class StModel;
}  // namespace tiendo::service

namespace tiendo::api {

struct Config {
  std::string evidence_dir = "data/evidence";
  long long max_upload_bytes = 20LL * 1024 * 1024;
  int session_hours = 12;
  bool secure_cookies = true;  // the session cookie is Secure unless `serve --insecure-cookie` (plain HTTP)
  bool behind_tls = false;     // clients reach us over HTTPS (a TLS proxy): send Strict-Transport-Security
  std::string web_root;        // built browser files, served when present
  std::string instance;        // a name for this server process among several behind one proxy
  mail::SmtpConfig smtp;       // for password reset links (reminders are sent by the scheduler)
  // The address people open the web client at: password reset links point there, never at a Host header.
  std::string public_url = "http://localhost:8080";
  // Seals feedback contacts and keys their hashes; the key file lives beside the audit key (main.cpp).
  std::shared_ptr<const security::FeedbackSeal> feedback_seal;
  domain::FeedbackLimits feedback_limits;  // the public page's
  domain::FeedbackDeadlines feedback_deadlines;
  service::ExchangeConfig exchange;
};

struct Context {
  const Request& req;
  store::Database& db;
  const Config& config;
  domain::Instant now;
  std::map<std::string, std::string> path_params;
  std::optional<Principal> principal;
  bool cookie_session = false;
  std::string csrf_token;                         // of the session, when authenticated by cookie or token
  service::DashboardModel* dashboards = nullptr;  // the router's resident figures
  service::StModel* st_tasks = nullptr;           // the router's resident S&T register (issue 16)

  const Principal& user() const {
    if (!principal) throw ApiError(401, "unauthenticated", "Vui lòng đăng nhập.");
    return *principal;
  }
  store::Id path_id(const std::string& name = "id") const;
  // Today in Asia/Ho_Chi_Minh, or the `as_of` query parameter of a GET; writes (POST, PUT, PATCH,
  // DELETE) always use the server's date, so a query parameter never changes what a write may do.
  domain::Date as_of() const;
  bool postgres() const { return db.kind() == "postgresql"; }
};

// One use case's call from a request (service/call.h): the person (nobody on the public routes) and the server's
// instant; `on` adds the connection of the transaction the handler opened.
struct UseCaseCall {
  service::Actor who;
  const Context& ctx;
  service::Call on(store::Connection& c) const { return {c, who, ctx.now, ctx.postgres()}; }
};
// The signed-in person's call (401 when nobody is signed in).
inline UseCaseCall call_of(const Context& ctx) { return {ctx.user().actor(), ctx}; }

// Appends an audit entry for a write, in the caller's transaction.
void audit(const Context& ctx, store::Connection& c, const std::string& entity, store::Id id, const std::string& action,
           const boost::json::value& before, const boost::json::value& after);

}  // namespace tiendo::api
