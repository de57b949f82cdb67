#pragma once
// For the use cases' tests: a city with its administrator, people to act as (each the Actor the API would make of
// their session), a use case run in one write transaction at the test's instant, what a call refused, and the audit
// entries of one entity as the resident models read them.
#include <algorithm>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "domain/date.h"
#include "service/call.h"
#include "service/errors.h"
#include "store/test_database.h"
#include "store/user_store.h"

namespace tiendo::service {

// The use case's refusal (its kind, field and message), or nothing when it did not refuse.
template <class F>
std::optional<Error> refusal(F&& f) {
  try {
    f();
  } catch (const Error& e) {
    return e;
  }
  return std::nullopt;
}

class UseCaseTest : public store::StoreTest {
 protected:
  void SetUp() override {
    StoreTest::SetUp();
    db_->write([&](store::Connection& c) {
      city_ = unit(c, "TP", std::nullopt);
      admin_ = person(c, "quantri", "admin", city_, false);
    });
  }

  // A user named after `name` (and the test) with `role` in `unit_id`; `scoped`: their reach is the unit's subtree,
  // else the whole city (the administrator, the standing agency, the city's leaders). Feature roles are the
  // caller's to add.
  Actor person(store::Connection& c, const std::string& name, const std::string& role, store::Id unit_id,
               bool scoped = true) {
    const auto u = user(c, name, role, unit_id);
    Actor a;
    a.user_id = u.id;
    a.username = u.username;
    a.role = role;
    a.unit_id = unit_id;
    a.unit_path = store::find_unit(c, unit_id)->path;
    if (scoped) a.scope_path = a.unit_path;
    return a;
  }

  // A use case run as `who` (the administrator when not named) in one write transaction, at `now_`.
  template <class F>
  auto as(const Actor& who, F&& f) {
    return db_->write([&](store::Connection& c) { return f(Call{c, who, now_, db_->kind() == "postgresql"}); });
  }
  template <class F>
  auto as(F&& f) {
    return as(admin_, std::forward<F>(f));
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

// Two wards of the city, each with its focal point, and one plan: for the use cases whose answer depends on whose
// unit asks. `plan_number` keeps the suite's plan apart from the others' (one database serves every suite).
class TwoWardsTest : public UseCaseTest {
 protected:
  explicit TwoWardsTest(std::string plan_number) : plan_number_(std::move(plan_number)) {}
  void SetUp() override {
    UseCaseTest::SetUp();
    db_->write([&](store::Connection& c) {
      ward_ = unit(c, "PhuongA", city_);
      other_ = unit(c, "PhuongB", city_);
      directive_ = plan(c, plan_number_);
      officer_ = person(c, "dauMoi", "focal_point", ward_);
      stranger_ = person(c, "phuongB", "focal_point", other_);
    });
  }

  store::Id ward_ = 0, other_ = 0, directive_ = 0;
  Actor officer_, stranger_;

 private:
  std::string plan_number_;
};

}  // namespace tiendo::service
