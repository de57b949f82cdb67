#pragma once
// For the use cases' tests: the store's test database (SQLite, or the PostgreSQL of TIENDO_STORE_TEST_DB) and the
// people who run the use cases, as the API makes them.
#include <string>

#include "service/actor.h"
#include "store/plan_store.h"
#include "store/test_database.h"
#include "store/user_store.h"

namespace tiendo::service {

class ServiceTest : public store::StoreTest {
 protected:
  // A user of `role` in `unit_id`, named after the test, as a use case sees them: their own unit's subtree when
  // `scoped`, the whole city otherwise.
  Actor person(store::Connection& c, const std::string& name, const std::string& role, store::Id unit_id, bool scoped) {
    store::User u;
    u.username = unique(name);
    u.full_name = name;
    u.role = role;
    u.unit_id = unit_id;
    u.password_hash = "x";
    Actor a;
    a.user_id = store::insert_user(c, u, kAt);
    a.username = u.username;
    a.unit_id = unit_id;
    a.unit_path = store::find_unit(c, unit_id)->path;
    if (scoped) a.scope_path = a.unit_path;
    return a;
  }
};

}  // namespace tiendo::service
