// The dashboard's use cases as the API runs them: the scope a person may ask for, the plans of the query, and the
// figures of a computed query counting the subtree asked. On SQLite, or on PostgreSQL when TIENDO_STORE_TEST_DB names
// one.
#include "service/dashboard.h"

#include <gtest/gtest.h>

#include "service/use_case_test.h"
#include "store/plan_store.h"

namespace tiendo::service {
namespace {

class DashboardService : public TwoWardsTest {
 protected:
  DashboardService() : TwoWardsTest("KH-DB") {}
  void SetUp() override {
    TwoWardsTest::SetUp();
    db_->write([&](store::Connection& c) {
      auto t = task(directive_, "1", "Số hóa hồ sơ");
      store::create_task(c, t, {ward_, other_}, {}, kAt);
    });
  }
  DashboardScope scope(const Actor& who, std::optional<store::Id> unit_id) {
    return db_->read([&](store::Connection& c) { return dashboard_scope(c, who, unit_id); });
  }
};

TEST_F(DashboardService, ScopeWithinTheActorsUnits) {
  const auto own = scope(officer_, std::nullopt);  // a unit's person sees their own unit by default
  EXPECT_EQ(own.unit_id, ward_);
  EXPECT_EQ(own.unit_name, "Đơn vị PhuongA");
  ASSERT_TRUE(own.path);
  EXPECT_FALSE(scope(admin_, std::nullopt).path);  // the whole city
  EXPECT_FALSE(scope(admin_, city_).path);         // the root is the whole city too
  EXPECT_EQ(scope(admin_, ward_).path, own.path);

  const auto outside = refusal([&] { scope(stranger_, ward_); });
  ASSERT_TRUE(outside);
  EXPECT_EQ(outside->kind, Error::Kind::forbidden);
  EXPECT_STREQ(outside->what(), "Đơn vị này nằm ngoài phạm vi của bạn.");
  const auto unknown = refusal([&] { scope(admin_, 999999); });
  ASSERT_TRUE(unknown);
  EXPECT_EQ(unknown->field, "unit_id");
}

TEST_F(DashboardService, PlansOfTheQuery) {
  db_->read([&](store::Connection& c) {
    EXPECT_EQ(dashboard_plans(c, directive_).at(0).id, directive_);
    const auto all = dashboard_plans(c, std::nullopt);
    EXPECT_TRUE(std::any_of(all.begin(), all.end(), [&](const store::Directive& d) { return d.id == directive_; }));
  });
  const auto none = refusal([&] { db_->read([&](store::Connection& c) { return dashboard_plans(c, 999999); }); });
  ASSERT_TRUE(none);
  EXPECT_EQ(none->kind, Error::Kind::invalid);
  EXPECT_EQ(none->field, "directive_id");
}

// A filtered query is computed from the data, over the subtree asked only; a past date's is kept (R15).
TEST_F(DashboardService, ComputedFiguresCountTheSubtreeAsked) {
  DashboardModel model;
  DashboardFilters f;
  f.directive_id = directive_;
  const auto today = domain::vietnam_date(now_);
  EXPECT_EQ(dashboard_figures(*db_, model, scope(officer_, std::nullopt), f, today, now_)->rollup.total, 1);
  EXPECT_EQ(dashboard_figures(*db_, model, scope(admin_, std::nullopt), f, today, now_)->rollup.total, 2);
  const auto past = *domain::parse_iso_date("2026-11-20");
  const auto kept = dashboard_figures(*db_, model, scope(admin_, std::nullopt), f, past, now_);
  EXPECT_EQ(kept, dashboard_figures(*db_, model, scope(admin_, std::nullopt), f, past, now_));
  const auto ranked = dashboard_ranking(*db_, model, scope(admin_, std::nullopt), f, today, now_);
  EXPECT_TRUE(ranked->units.contains(ward_));
  EXPECT_TRUE(ranked->units.contains(other_));
}

}  // namespace
}  // namespace tiendo::service
