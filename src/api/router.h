#pragma once
// The route table: every route names the permission it needs, so no handler is reachable unchecked.
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "api/context.h"

namespace tiendo::api {

using Handler = std::function<Response(Context&)>;

// Where a route's requests run. Most block on the database and run on the server's worker pool. A read answered
// from memory with at most a few short reads of an embedded database (a unit's list for today from the resident
// model) runs in place, on the network thread, sparing two thread hand-offs that cost more than the answer: it
// gives way to the pool (store::WouldWait) wherever it would wait.
enum class Pace { worker, in_place };

struct Route {
  std::string method;
  std::string pattern;                   // "/api/v1/reports/{id}/submit"
  std::optional<Permission> permission;  // nothing: public (health, login, the OpenAPI document)
  Handler handler;
  Pace pace;
  std::vector<std::string> segments;  // the pattern split at '/' once, when added: "api", "v1", "reports", "{id}", …
};

class Router {
 public:
  Router();
  void add(std::string method, std::string pattern, std::optional<Permission> permission, Handler h,
           Pace pace = Pace::worker);
  // `pace` in_place: the request is answered here only when its route runs in place and nothing on the way would
  // wait; otherwise store::WouldWait is thrown, before or after part of the work (nothing written), and the caller
  // runs it again with Pace::worker.
  Response handle(const Request& req, store::Database& db, const Config& config, domain::Instant now,
                  Pace pace = Pace::worker) const;
  const std::vector<Route>& routes() const { return routes_; }
  // Today's models (dashboard, risks) built and followed from now on, in the background; `db` outlives the router.
  void keep_models_current(store::Database& db, domain::Instant now) const;

 private:
  std::vector<Route> routes_;
  std::shared_ptr<service::DashboardModel> dashboards_;
  std::shared_ptr<service::StModel> st_tasks_;
};

// Every feature registers its routes here; the server and the tests build the same table.
Router make_router();

void register_meta(Router& r);
void register_auth(Router& r);
void register_units(Router& r);
void register_plan(Router& r);
void register_assignments(Router& r);
void register_reports(Router& r);
void register_reopen(Router& r);
void register_delegations(Router& r);
void register_dashboard(Router& r);
void register_risks(Router& r);
void register_admin(Router& r);
void register_followup(Router& r);
void register_nudges(Router& r);
void register_notifications(Router& r);
void register_documents(Router& r);
void register_feedback(Router& r);
void register_exchange(Router& r);

}  // namespace tiendo::api
