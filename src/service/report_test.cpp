#include "service/report.h"

#include <gtest/gtest.h>

namespace tiendo::service {

TEST(ReadIndicatorValue, ComputesAShareAndIgnoresTheClientsRate) {
  const auto share = domain::indicator_value_kind("%", "ratio_of_sums");
  store::IndicatorValue iv;
  read_indicator_value(SavedValue{1, 35, 40, 99, std::nullopt}, share, iv);
  ASSERT_TRUE(iv.value);
  EXPECT_DOUBLE_EQ(*iv.value, 87.5);
  read_indicator_value(SavedValue{1, 0, 0, std::nullopt, std::nullopt}, share, iv);
  EXPECT_FALSE(iv.value);  // 0/0: no rate, never NaN
  EXPECT_THROW(read_indicator_value(SavedValue{1, 41, 40, std::nullopt, std::nullopt}, share, iv), Error);
  EXPECT_THROW(read_indicator_value(SavedValue{1, 1, std::nullopt, std::nullopt, std::nullopt}, share, iv), Error);
  const auto money = domain::indicator_value_kind("đồng", "sum");
  read_indicator_value(SavedValue{1, std::nullopt, std::nullopt, 1e13, std::nullopt}, money, iv);
  EXPECT_EQ(*iv.value, 1e13);
  EXPECT_THROW(read_indicator_value(SavedValue{1, std::nullopt, std::nullopt, 0.5, std::nullopt}, money, iv), Error);
}

// Each refusal names the field without its prefix and says it in Vietnamese: the save puts the line's prefix on.
TEST(ReadIndicatorValue, RefusalsNameTheFieldAndItsLabel) {
  const auto share = domain::indicator_value_kind("%", "ratio_of_sums");
  store::IndicatorValue iv;
  const struct {
    SavedValue in;
    const char* field;
  } cases[] = {
      {{1, 41, 40, std::nullopt, std::nullopt}, "numerator"},
      {{1, 1, std::nullopt, std::nullopt, std::nullopt}, "denominator"},
      {{1, std::nullopt, 3, std::nullopt, std::nullopt}, "numerator"},
      {{1, -1, 3, std::nullopt, std::nullopt}, "numerator"},
      {{1, 1, 3, std::nullopt, -5}, "estimated_full_year"},
  };
  for (const auto& c : cases) {
    try {
      read_indicator_value(c.in, share, iv);
      ADD_FAILURE() << c.field;
    } catch (const Error& e) {
      EXPECT_EQ(e.kind, Error::Kind::invalid);
      EXPECT_EQ(e.field, c.field);
      EXPECT_FALSE(std::string(e.what()).empty());
    }
  }
}

}  // namespace tiendo::service
