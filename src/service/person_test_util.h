#pragma once
// For the use cases' tests: a person who signs in, as the API's session makes them a service::Actor.
#include <string>

#include "service/actor.h"
#include "store/plan_store.h"
#include "store/user_store.h"

namespace tiendo::service {

// A user named `username` with `role` in the unit `unit_id`, created at `at`; `scoped`: they reach the unit's
// subtree only, else the whole city. Their parts in the feedback inbox and the S&T register are left to the test.
inline Actor test_person(store::Connection& c, const std::string& username, const std::string& role, store::Id unit_id,
                         bool scoped, const std::string& at) {
  store::User u;
  u.username = username;
  u.full_name = username;
  u.role = role;
  u.unit_id = unit_id;
  u.password_hash = "x";
  Actor a;
  a.user_id = store::insert_user(c, u, at);
  a.username = u.username;
  a.unit_id = unit_id;
  a.unit_path = store::find_unit(c, unit_id)->path;
  if (scoped) a.scope_path = a.unit_path;
  return a;
}

}  // namespace tiendo::service
