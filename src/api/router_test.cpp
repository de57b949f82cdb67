#include "api/router.h"

#include <gtest/gtest.h>

#include <set>

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
                         "answer_escalation", "read_synthesis", "compile_synthesis"};
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

}  // namespace tiendo::api
