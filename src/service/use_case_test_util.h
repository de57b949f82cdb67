#pragma once
// For the use cases' tests: a city and the administrator who runs the calls, each call in its own write transaction at
// the test's instant, what a call refused, and the audit entries of one entity as the resident models read them.
#include <algorithm>

#include "service/call.h"
#include "service/refusal_test_util.h"
#include "store/test_database.h"
#include "store/user_store.h"

namespace tiendo::service {

class UseCaseTest : public store::StoreTest {
 protected:
  void SetUp() override {
    StoreTest::SetUp();
    db_->write([&](store::Connection& c) {
      city_ = unit(c, "TP", std::nullopt);
      store::User u;
      u.username = unique("quantri");
      u.full_name = "Quản trị";
      u.role = "admin";
      u.unit_id = city_;
      u.password_hash = "x";
      admin_.user_id = store::insert_user(c, u, kAt);
      admin_.username = u.username;
      admin_.unit_id = city_;
      admin_.unit_path = store::find_unit(c, city_)->path;
    });
  }

  // A use case run by the administrator in one write transaction.
  template <class F>
  auto as(F&& f) {
    return db_->write([&](store::Connection& c) { return f(Call{c, admin_, now_, db_->kind() == "postgresql"}); });
  }
  template <class F>
  std::optional<Error> refused(F&& f) {
    return refusal([&] { as(f); });
  }

  // The audit entries of one entity, oldest first.
  std::vector<store::AuditEntry> log(const std::string& entity, store::Id id) {
    auto entries = db_->read([&](store::Connection& c) {
      long long total = 0;
      return store::list_audit(c, entity, std::to_string(id), {100, 0}, &total);
    });
    std::reverse(entries.begin(), entries.end());
    return entries;
  }

  domain::Instant now_ = *domain::parse_iso_instant("2026-11-24T03:00:00Z");
  store::Id city_ = 0;
  Actor admin_;
};

}  // namespace tiendo::service
