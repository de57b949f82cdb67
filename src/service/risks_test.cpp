// The early warning's scope as the API asks it: the unit given, within the actor's units, else the actor's reach.
// On SQLite, or on PostgreSQL when TIENDO_STORE_TEST_DB names one.
#include "service/risks.h"

#include <gtest/gtest.h>

#include "service/use_case_test.h"

namespace tiendo::service {
namespace {

class RisksService : public UseCaseTest {};

TEST_F(RisksService, RiskScopeWithinTheActorsUnits) {
  store::Id ward = 0;
  Actor officer, stranger;
  db_->write([&](store::Connection& c) {
    ward = unit(c, "PhuongA", city_);
    officer = person(c, "dauMoi", "focal_point", ward);
    stranger = person(c, "phuongB", "focal_point", unit(c, "PhuongB", city_));
  });
  const auto scope = [&](const Actor& who, std::optional<store::Id> unit_id) {
    return db_->read([&](store::Connection& c) { return risks_scope(c, who, unit_id); });
  };
  EXPECT_EQ(scope(officer, std::nullopt), officer.unit_path);  // their own subtree
  EXPECT_EQ(scope(officer, ward), officer.unit_path);
  EXPECT_FALSE(scope(admin_, std::nullopt));  // the whole city
  EXPECT_EQ(scope(admin_, ward), officer.unit_path);
  const auto outside = refusal([&] { scope(stranger, ward); });
  ASSERT_TRUE(outside);
  EXPECT_EQ(outside->kind, Error::Kind::forbidden);
  const auto unknown = refusal([&] { scope(admin_, 987654321); });
  ASSERT_TRUE(unknown);
  EXPECT_EQ(unknown->field, "unit_id");
}

}  // namespace
}  // namespace tiendo::service
