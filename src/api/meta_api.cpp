// Health and the OpenAPI document: public, so monitors and client generators need no login.
#include "api/json_io.h"
#include "api/router.h"
#include "store/embedded.h"
#include "store/health_store.h"

namespace tiendo::api {

namespace {

Response health(Context& ctx) {
  ctx.db.read([](store::Connection& c) { store::ping(c); });
  boost::json::object o{{"status", "ok"}, {"db", std::string(ctx.db.kind())}};
  // The replica is optional: its absence slows documents down but loses nothing, so health stays 200.
  if (auto* replica = ctx.db.replica()) {
    try {
      replica->read([](store::Connection& c) { store::ping(c); });
      o["replica"] = "ok";
    } catch (const store::DbError&) {
      o["replica"] = "unavailable";
    }
  }
  return json_response(200, o);
}

Response openapi(Context&) {
  Response r;
  r.body = std::string(store::openapi_document());
  return r;
}

}  // namespace

void register_meta(Router& r) {
  r.add("GET", "/api/v1/health", std::nullopt, health);
  r.add("GET", "/api/v1/openapi.json", std::nullopt, openapi);
}

}  // namespace tiendo::api
