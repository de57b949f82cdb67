#include "api/router.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <set>

#include "store/db.h"
#include "store/embedded.h"

namespace tiendo::api {

namespace {
std::string lower(std::string s) {
  for (char& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return s;
}
}  // namespace

// Every route the server answers is documented, with the permission it really checks, and nothing
// documented is missing from the server: the access test walks this document.
TEST(Router, MatchesOpenApiDocument) {
  const auto doc = boost::json::parse(store::openapi_document()).as_object();
  std::set<std::string> documented;
  std::map<std::string, std::string> documented_permission;
  for (const auto& [path, ops] : doc.at("paths").as_object()) {
    for (const auto& [method, op] : ops.as_object()) {
      const std::string key = lower(std::string(method)) + " " + std::string(path);
      documented.insert(key);
      const auto& perm = op.as_object().at("x-permission");
      documented_permission[key] = perm.is_null() ? "public" : std::string(perm.as_string());
    }
  }
  const char* names[] = {"read_plan",         "read_unit_data", "manage_plan",         "manage_units",
                         "manage_users",      "draft_report",   "approve_report",      "review_report",
                         "return_report",     "read_audit",     "request_explanation", "answer_explanation",
                         "answer_escalation", "read_synthesis", "compile_synthesis",   "handle_feedback",
                         "manage_exchange",   "own_account",    "work_st_tasks"};
  std::set<std::string> served;
  const Router router = make_router();
  for (const auto& r : router.routes()) {
    const std::string key = lower(r.method) + " " + r.pattern;
    served.insert(key);
    const std::string perm = r.permission ? names[static_cast<int>(*r.permission)] : "public";
    EXPECT_EQ(documented_permission[key], perm) << key;
  }
  EXPECT_EQ(served, documented);
}

// Every operation says what it answers: a success status whose body is a component schema (or a file), and a
// JSON request body is a component schema too; every $ref leads somewhere. The API tests validate each answer
// against these schemas (tests/api/contract.mjs); an untyped `{"type":"object"}` would let anything through.
TEST(Router, EveryOperationHasSchemas) {
  const auto doc = boost::json::parse(store::openapi_document()).as_object();
  const auto& schemas = doc.at("components").at("schemas").as_object();
  auto component = [&](const boost::json::value& schema) {
    const auto* ref = schema.as_object().if_contains("$ref");
    if (!ref) return false;
    const std::string name(ref->as_string());
    const std::string prefix = "#/components/schemas/";
    return name.starts_with(prefix) && schemas.contains(name.substr(prefix.size()));
  };
  for (const auto& [path, ops] : doc.at("paths").as_object()) {
    for (const auto& [method, op] : ops.as_object()) {
      const std::string key = std::string(method) + " " + std::string(path);
      int successes = 0;
      for (const auto& [status, response] : op.at("responses").as_object()) {
        if (status.empty() || status[0] != '2') continue;
        ++successes;
        for (const auto& [type, media] : response.at("content").as_object()) {
          const auto& schema = media.at("schema");
          if (type == "application/json") {
            EXPECT_TRUE(component(schema)) << key << " " << status;
          } else {
            EXPECT_EQ(schema.at("format"), "binary") << key << " " << status;
          }
        }
      }
      EXPECT_EQ(successes, 1) << key;
      if (const auto* body = op.as_object().if_contains("requestBody")) {
        if (const auto* json = body->at("content").as_object().if_contains("application/json")) {
          EXPECT_TRUE(component(json->at("schema"))) << key << " request body";
        }
      }
    }
  }
  // No reference anywhere in the document points at something that is not there.
  const boost::json::value whole = doc;
  std::vector<const boost::json::value*> todo{&whole};
  int refs = 0;
  while (!todo.empty()) {
    const auto* v = todo.back();
    todo.pop_back();
    if (v->is_array()) {
      for (const auto& x : v->as_array()) todo.push_back(&x);
    } else if (v->is_object()) {
      for (const auto& [k, x] : v->as_object()) {
        if (k == "$ref") {
          ++refs;
          EXPECT_NO_THROW((void)whole.at_pointer(std::string(x.as_string()).substr(1))) << x.as_string();
        } else {
          todo.push_back(&x);
        }
      }
    }
  }
  EXPECT_GT(refs, 100);
}

// The server first offers a read to its network thread (Pace::in_place). Only a route that says it runs in place is
// answered there, and only while nothing on its way would wait; otherwise the router gives way (WouldWait, never an
// error answer) and the server runs the request on a worker, where the same route answers as it always did.
TEST(Router, InPlaceAnswersOnlyWhatRunsInPlaceAndGivesWayWhereItWouldWait) {
  const auto dir = std::filesystem::temp_directory_path() / ("tiendo-in-place-" + std::to_string(::getpid()));
  std::filesystem::create_directories(dir);
  auto db = store::Database::open((dir / "t.db").string(), 1);
  Router r;
  const auto answer = [](std::string body) {
    return [body](Context&) { return Response{200, "text/plain", body, {}}; };
  };
  r.add("GET", "/api/v1/quick", std::nullopt, answer("quick"), Pace::in_place);
  r.add("GET", "/api/v1/slow", std::nullopt, answer("slow"));
  r.add(
      "GET", "/api/v1/reads", std::nullopt,
      [](Context& ctx) {
        const auto one = ctx.db.read([](store::Connection& c) { return c.query("SELECT 1", {}).at(0).text(0); });
        return Response{200, "text/plain", one, {}};
      },
      Pace::in_place);
  const Config config;
  const auto get = [&](const std::string& path, Pace pace) {
    Request req;
    req.method = "GET";
    req.target = req.path = path;
    return r.handle(req, *db, config, domain::Instant{}, pace);
  };
  EXPECT_EQ(get("/api/v1/quick", Pace::in_place).body, "quick");
  EXPECT_THROW(get("/api/v1/slow", Pace::in_place), store::WouldWait);
  EXPECT_FALSE(store::InPlace::on());
  EXPECT_EQ(get("/api/v1/slow", Pace::worker).body, "slow");
  // No reader connection idle yet: the read would open one, so it gives way, and answers on a worker.
  EXPECT_THROW(get("/api/v1/reads", Pace::in_place), store::WouldWait);
  EXPECT_EQ(get("/api/v1/reads", Pace::worker).body, "1");
  EXPECT_EQ(get("/api/v1/reads", Pace::in_place).body, "1");
  // What is not served at all is answered in place as anywhere.
  EXPECT_EQ(get("/api/v1/none", Pace::in_place).status, 404);
  std::filesystem::remove_all(dir);
}

TEST(Principal, ScopeIsTheUnitSubtree) {
  Principal focal{1, "haian", "", Role::focal_point, 5, "/1/5/"};
  EXPECT_TRUE(focal.in_scope("/1/5/"));
  EXPECT_TRUE(focal.in_scope("/1/5/77/"));
  EXPECT_FALSE(focal.in_scope("/1/50/"));
  EXPECT_FALSE(focal.in_scope("/1/"));
  EXPECT_TRUE(focal.can(Permission::draft_report));
  EXPECT_FALSE(focal.can(Permission::approve_report));
  EXPECT_FALSE(focal.can(Permission::review_report));
  Principal leader{2, "lanhdao", "", Role::leader, 1, "/1/"};
  EXPECT_TRUE(leader.in_scope("/1/50/"));
  EXPECT_FALSE(leader.scope_path().has_value());
  EXPECT_FALSE(leader.can(Permission::manage_plan));
  EXPECT_FALSE(leader.can(Permission::draft_report));
}

// A host organisation's officer has its session and the S&T tasks it hosts, nothing of the city's plan.
TEST(Principal, HostWorksOnlyOnItsTasks) {
  Principal host{3, "vmu", "", Role::host, 90, "/89/90/"};
  EXPECT_TRUE(host.can(Permission::own_account));
  EXPECT_TRUE(host.can(Permission::work_st_tasks));
  for (int p = 0; p <= static_cast<int>(Permission::manage_exchange); ++p)
    EXPECT_FALSE(host.can(static_cast<Permission>(p))) << p;
  EXPECT_EQ(host.scope_path(), std::optional<std::string>("/89/90/"));
  EXPECT_TRUE(host.in_scope("/89/90/91/"));
  EXPECT_FALSE(host.in_scope("/89/92/"));
  Role r{};
  EXPECT_TRUE(role_from("host", r));
  EXPECT_EQ(r, Role::host);
  EXPECT_EQ(to_string(Role::host), "host");
}

}  // namespace tiendo::api
