#include "domain/ranges.h"

#include <gtest/gtest.h>

#include <limits>

namespace tiendo::domain {

namespace {
constexpr double kInf = std::numeric_limits<double>::infinity();
constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();
}  // namespace

struct RangeCase {
  NumberKind kind;
  double value;
  bool fits;
};

class NumberRanges : public ::testing::TestWithParam<RangeCase> {};

TEST_P(NumberRanges, FitOrNot) {
  const auto& c = GetParam();
  const auto why = check_number(c.kind, c.value, "Trường X");
  EXPECT_EQ(!why, c.fits) << static_cast<int>(c.kind) << " " << c.value;
  if (why) {
    EXPECT_TRUE(why->starts_with("Trường X ")) << *why;
  }
}

INSTANTIATE_TEST_SUITE_P(EveryKind, NumberRanges,
                         ::testing::Values(
                             // Progress: whole percent 0–100.
                             RangeCase{NumberKind::progress, 0, true}, RangeCase{NumberKind::progress, 100, true},
                             RangeCase{NumberKind::progress, 55, true}, RangeCase{NumberKind::progress, 100.5, false},
                             RangeCase{NumberKind::progress, 101, false}, RangeCase{NumberKind::progress, -1, false},
                             RangeCase{NumberKind::progress, 12.5, false}, RangeCase{NumberKind::progress, kNaN, false},
                             RangeCase{NumberKind::progress, kInf, false},
                             // A share: 0–100, decimals allowed.
                             RangeCase{NumberKind::share, 0, true}, RangeCase{NumberKind::share, 66.7, true},
                             RangeCase{NumberKind::share, 100, true}, RangeCase{NumberKind::share, 100.01, false},
                             RangeCase{NumberKind::share, -0.1, false}, RangeCase{NumberKind::share, -kInf, false},
                             // A count: whole, ≥ 0, no more than 10^15.
                             RangeCase{NumberKind::count, 0, true}, RangeCase{NumberKind::count, 5, true},
                             RangeCase{NumberKind::count, 1e15, true}, RangeCase{NumberKind::count, -1, false},
                             RangeCase{NumberKind::count, 2.5, false}, RangeCase{NumberKind::count, 1e308, false},
                             RangeCase{NumberKind::count, kNaN, false},
                             // Money: whole đồng up to at least 10^13.
                             RangeCase{NumberKind::money, 1e13, true},
                             RangeCase{NumberKind::money, 9999999999999, true},
                             RangeCase{NumberKind::money, 1e15, true}, RangeCase{NumberKind::money, 0.5, false},
                             RangeCase{NumberKind::money, -1000, false}, RangeCase{NumberKind::money, 1e308, false},
                             // Amounts (numerator, denominator, millions of đồng): ≥ 0, decimals allowed.
                             RangeCase{NumberKind::amount, 12.75, true}, RangeCase{NumberKind::amount, -0.01, false},
                             RangeCase{NumberKind::amount, 1e16, false}, RangeCase{NumberKind::amount, kInf, false},
                             // Weights and shares of one: 0–1.
                             RangeCase{NumberKind::fraction, 0, true}, RangeCase{NumberKind::fraction, 0.25, true},
                             RangeCase{NumberKind::fraction, 1, true}, RangeCase{NumberKind::fraction, 1.01, false},
                             RangeCase{NumberKind::fraction, -0.5, false}, RangeCase{NumberKind::fraction, kNaN, false},
                             // Measures: finite, may be negative (growth), bounded.
                             RangeCase{NumberKind::measure, -2.5, true}, RangeCase{NumberKind::measure, 150, true},
                             RangeCase{NumberKind::measure, 1e308, false},
                             RangeCase{NumberKind::measure, -1e308, false}, RangeCase{NumberKind::measure, kInf, false},
                             RangeCase{NumberKind::measure, kNaN, false}));

struct UnitCase {
  const char* unit;
  const char* aggregation;
  NumberKind kind;
};

class IndicatorValueKinds : public ::testing::TestWithParam<UnitCase> {};

TEST_P(IndicatorValueKinds, FromUnitAndAggregation) {
  const auto& c = GetParam();
  EXPECT_EQ(indicator_value_kind(c.unit, c.aggregation), c.kind) << c.unit << " " << c.aggregation;
}

INSTANTIATE_TEST_SUITE_P(
    Units, IndicatorValueKinds,
    ::testing::Values(UnitCase{"%", "ratio_of_sums", NumberKind::share},
                      UnitCase{"", "ratio_of_sums", NumberKind::share}, UnitCase{"%", "average", NumberKind::measure},
                      UnitCase{"sản phẩm", "sum", NumberKind::count},
                      UnitCase{"bài toán", "cumulative", NumberKind::count},
                      UnitCase{"hồ sơ", "sum", NumberKind::count}, UnitCase{"xã", "latest", NumberKind::count},
                      UnitCase{"đồng", "sum", NumberKind::money}, UnitCase{"VNĐ", "sum", NumberKind::money},
                      UnitCase{"tỷ đồng", "sum", NumberKind::amount},
                      UnitCase{"triệu đồng", "cumulative", NumberKind::amount},
                      UnitCase{"km", "sum", NumberKind::measure}, UnitCase{"ngày", "average", NumberKind::measure},
                      UnitCase{"ha", "sum", NumberKind::measure}, UnitCase{"", "sum", NumberKind::measure}));

TEST(FieldLabel, NamesFieldsInVietnamese) {
  EXPECT_EQ(field_label("progress_percent"), "Tiến độ (%)");
  EXPECT_EQ(field_label("items[3].progress_percent"), "Tiến độ (%)");
  EXPECT_EQ(field_label("indicator_values[0].numerator"), "Tử số");
  EXPECT_EQ(field_label("weights.updates"), "Trọng số cập nhật");
  EXPECT_EQ(field_label("deadline_text"), "Thời hạn");
  EXPECT_EQ(field_label("unknown_field"), "unknown_field");
}

TEST(NumberRanges, MessagesSayWhy) {
  EXPECT_EQ(*check_number(NumberKind::count, -1, "Giá trị"), "Giá trị không được âm.");
  EXPECT_EQ(*check_number(NumberKind::progress, 101, "Tiến độ (%)"), "Tiến độ (%) phải từ 0 đến 100.");
  EXPECT_EQ(*check_number(NumberKind::share, kInf, "Tỷ lệ"), "Tỷ lệ phải là một số hữu hạn.");
  EXPECT_EQ(*check_number(NumberKind::money, 1.5, "Giá trị"), "Giá trị phải là số đồng nguyên.");
  EXPECT_GE(range_of(NumberKind::money).max, 1e13);
}

}  // namespace tiendo::domain
