#pragma once
// The database a store test runs against: SQLite in a temporary file, or the PostgreSQL database named by
// TIENDO_STORE_TEST_DB (shared by the tests: each adds its own rows, named after the test, beside the others').
#include <gtest/gtest.h>

#include <cstdint>
#include <cstdlib>
#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "store/db.h"
#include "store/plan_store.h"
#include "store/report_store.h"
#include "store/user_store.h"

namespace tiendo::store {

class StoreTest : public ::testing::Test {
 protected:
  void SetUp() override {
    if (const char* url = std::getenv("TIENDO_STORE_TEST_DB")) {
      db_ = Database::open(url, 1);
    } else {
      dir_ = std::filesystem::temp_directory_path() /
             ("tiendo-store-test-" + std::to_string(::testing::UnitTest::GetInstance()->random_seed()) + "-" +
              std::to_string(reinterpret_cast<std::uintptr_t>(this)));
      std::filesystem::create_directories(dir_);
      db_ = Database::open((dir_ / "t.db").string(), 1);
    }
    db_->migrate();
  }
  void TearDown() override {
    db_.reset();
    if (!dir_.empty()) std::filesystem::remove_all(dir_);
  }
  // A code no other test uses, for rows that must be unique in a shared database.
  static std::string unique(const std::string& prefix) {
    return prefix + "-" + ::testing::UnitTest::GetInstance()->current_test_info()->name();
  }

  // A unit (a city without parent, else a commune) and a plan, with codes of this test.
  Id unit(Connection& c, const std::string& code, std::optional<Id> parent) {
    Unit u;
    u.code = unique(code);
    u.name = "Đơn vị " + code;
    u.kind = parent ? "commune" : "city";
    u.peer_group = parent ? "commune" : "other";
    u.parent_id = parent;
    return insert_unit(c, u, kAt);
  }
  Id plan(Connection& c, const std::string& number, std::vector<Id> basis = {}) {
    Directive d;
    d.number = unique(number);
    d.kind = "plan";
    d.title = "Kế hoạch " + number;
    d.has_plan = true;
    d.basis_ids = std::move(basis);
    return insert_directive(c, d);
  }

  // A task of the plan due on `due` (an exact date), for the test to create with its lead units.
  static Task task(Id plan_id, const std::string& code, const std::string& name, std::string due = "2026-12-31") {
    Task t;
    t.directive_id = plan_id;
    t.code = code;
    t.name = name;
    t.deadline_kind = "exact";
    t.deadline_due = std::move(due);
    return t;
  }
  // The unit's report of the plan's period, in `state` (its id set).
  static Report report(Connection& c, Id plan_id, Id unit_id, const std::string& period,
                       const std::string& state = "draft") {
    Report r;
    r.directive_id = plan_id;
    r.unit_id = unit_id;
    r.period = period;
    r.state = state;
    r.created_at = kAt;
    r.id = insert_report(c, r);
    return r;
  }
  // A user named after `name` and the test, with `role` in `unit_id`, inserted (its id set).
  User user(Connection& c, const std::string& name, const std::string& role, Id unit_id, std::string email = "") {
    User u;
    u.username = unique(name);
    u.full_name = name;
    u.password_hash = "x";
    u.role = role;
    u.unit_id = unit_id;
    u.email = std::move(email);
    u.id = insert_user(c, u, kAt);
    return u;
  }
  // An indicator of the plan: at least 80 % of online files, a ratio of sums.
  static Indicator indicator(Id directive_id, const std::string& code) {
    Indicator i;
    i.directive_id = directive_id;
    i.code = code;
    i.name = "Tỷ lệ hồ sơ trực tuyến";
    i.target_text = "≥80%";
    i.comparator = "at_least";
    i.target_value = 80;
    i.unit_of_measure = "%";
    i.aggregation = "ratio_of_sums";
    return i;
  }

  static constexpr const char* kAt = "2026-11-01T00:00:00Z";
  std::unique_ptr<Database> db_;
  std::filesystem::path dir_;
};

}  // namespace tiendo::store
