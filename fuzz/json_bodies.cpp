// Every write route with any body, as the administrator (who passes every permission check, so the
// body reaches the handler): a bad body must be a 4xx answer in the error shape, never a 5xx or a crash.
// TIENDO_FUZZ_DB names a demo database made for the run (fuzz/run.sh makes one in /dev/shm).
#include <boost/json.hpp>
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <memory>
#include <string>

#include "api/router.h"
#include "domain/date.h"
#include "store/db.h"

using namespace tiendo;

namespace {
struct World {
  std::unique_ptr<store::Database> db;
  api::Router router = api::make_router();
  api::Config config;
  std::vector<const api::Route*> writes;
  std::string token;
  domain::Instant now = *domain::parse_iso_instant("2026-11-24T03:00:00Z");

  World() {
    const char* path = std::getenv("TIENDO_FUZZ_DB");
    if (!path) {
      std::fprintf(stderr, "TIENDO_FUZZ_DB must name a demo database (see fuzz/run.sh)\n");
      std::abort();
    }
    db = store::Database::open(path, 2);
    db->migrate();
    config.evidence_dir = std::string(path) + ".evidence";
    // Not the routes that would lock the fuzzer out: logging out, changing the administrator.
    for (const auto& r : router.routes()) {
      if (r.method == "GET" || !r.permission || r.pattern.find("/auth/") != std::string::npos ||
          r.pattern.find("/users") != std::string::npos)
        continue;
      writes.push_back(&r);
    }
    api::Request login;
    login.method = "POST";
    login.path = login.target = "/api/v1/auth/login";
    login.headers["content-type"] = "application/json";
    login.body = R"({"username":"admin","password":"HaiPhong#Ke-hoach-57"})";
    const auto res = router.handle(login, *db, config, now);
    token = std::string(boost::json::parse(res.body).at("token").as_string());
  }
};
World& world() {
  static World w;
  return w;
}

// "/api/v1/reports/{id}/submit" with every {…} replaced by a small id.
std::string concrete(const std::string& pattern, unsigned id) {
  std::string out;
  for (size_t i = 0; i < pattern.size(); ++i) {
    if (pattern[i] == '{') {
      out += std::to_string(id);
      i = pattern.find('}', i);
    } else {
      out += pattern[i];
    }
  }
  return out;
}
}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (size < 2) return 0;
  World& w = world();
  const api::Route& route = *w.writes[data[0] % w.writes.size()];
  api::Request req;
  req.method = route.method;
  req.path = req.target = concrete(route.pattern, 1 + data[1] % 12);
  req.headers["authorization"] = "Bearer " + w.token;
  req.headers["content-type"] = "application/json";
  req.body.assign(reinterpret_cast<const char*>(data) + 2, size - 2);
  const api::Response res = w.router.handle(req, *w.db, w.config, w.now);
  if (res.status >= 500) {
    std::fprintf(stderr, "%s %s answered %d: %s\n", req.method.c_str(), req.path.c_str(), res.status, res.body.c_str());
    std::abort();
  }
  return 0;
}
