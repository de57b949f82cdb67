#include "domain/indicator.h"

#include <gtest/gtest.h>

namespace tiendo::domain {

TEST(Target, ParsesSeedTargets) {
  auto t = parse_target("≥80%");
  ASSERT_TRUE(t);
  EXPECT_EQ(t->comparator, Comparator::at_least);
  EXPECT_DOUBLE_EQ(t->value, 80);
  EXPECT_EQ(t->unit_of_measure, "%");
  t = parse_target("100%");
  EXPECT_DOUBLE_EQ(t->value, 100);
  t = parse_target("5 sản phẩm");
  EXPECT_DOUBLE_EQ(t->value, 5);
  EXPECT_EQ(t->unit_of_measure, "sản phẩm");
  t = parse_target("17,5%");
  EXPECT_DOUBLE_EQ(t->value, 17.5);
  t = parse_target("≤ 3 ngày");
  EXPECT_EQ(t->comparator, Comparator::at_most);
  EXPECT_DOUBLE_EQ(t->value, 3);
  EXPECT_FALSE(parse_target("đạt"));
  EXPECT_FALSE(parse_target(""));
}

TEST(Aggregate, RatioOfSumsIsNotAverageOfRatios) {
  // 1/1 and 10/100: the average of rates is 55 %, the city's real rate is 11/101.
  std::vector<UnitValue> v{{1, 10, 1, 1, {}, {}}, {2, 10, 10, 100, {}, {}}};
  auto r = aggregate(Aggregation::ratio_of_sums, v, 10);
  ASSERT_TRUE(r.value);
  EXPECT_NEAR(*r.value, 100.0 * 11 / 101, 1e-9);
  EXPECT_EQ(r.units_reporting, 2);
  auto avg = aggregate(Aggregation::average, {{1, 10, {}, {}, 100, {}}, {2, 10, {}, {}, 10, {}}}, 10);
  EXPECT_DOUBLE_EQ(*avg.value, 55);
}

TEST(Aggregate, LatestPerUnitAndCutOff) {
  std::vector<UnitValue> v{{1, 8, 50, 100, {}, {}}, {1, 10, 90, 100, {}, {}}, {1, 11, 100, 100, {}, {}}};
  auto r = aggregate(Aggregation::ratio_of_sums, v, 10);
  EXPECT_DOUBLE_EQ(*r.value, 90);
  EXPECT_FALSE(aggregate(Aggregation::ratio_of_sums, v, 7).value);
  EXPECT_EQ(aggregate(Aggregation::ratio_of_sums, v, 7).units_reporting, 0);
}

TEST(Aggregate, SumCumulativeLatest) {
  std::vector<UnitValue> v{{1, 1, {}, {}, 1, 4}, {1, 2, {}, {}, 2, 5}, {2, 2, {}, {}, 3, 6}};
  EXPECT_DOUBLE_EQ(*aggregate(Aggregation::sum, v, 12).value, 5);         // latest of each: 2 + 3
  EXPECT_DOUBLE_EQ(*aggregate(Aggregation::cumulative, v, 12).value, 6);  // 1 + 2 + 3
  EXPECT_DOUBLE_EQ(*aggregate(Aggregation::latest, v, 12).value, 5);
  EXPECT_DOUBLE_EQ(*aggregate(Aggregation::sum, v, 12).estimated_full_year, 11);
  EXPECT_DOUBLE_EQ(*aggregate(Aggregation::cumulative, v, 1).value, 1);
}

TEST(Aggregate, ZeroDenominatorGivesNoValue) {
  auto r = aggregate(Aggregation::ratio_of_sums, {{1, 1, 0, 0, {}, {}}}, 12);
  EXPECT_FALSE(r.value);
  EXPECT_EQ(r.units_reporting, 1);
}

TEST(IndicatorStatus, MetOnTrackAtRiskNoData) {
  const Target t{Comparator::at_least, 80, "%"};
  const TrajectoryRule r{40, 0.1};
  EXPECT_EQ(indicator_status(t, r, std::nullopt, 0.5), IndicatorStatus::no_data);
  EXPECT_EQ(indicator_status(t, r, 80.0, 0.5), IndicatorStatus::met);
  EXPECT_EQ(indicator_status(t, r, 60.0, 0.5), IndicatorStatus::on_track);  // on the line
  EXPECT_EQ(indicator_status(t, r, 56.0, 0.5), IndicatorStatus::on_track);  // within 10 % of the distance
  EXPECT_EQ(indicator_status(t, r, 55.9, 0.5), IndicatorStatus::at_risk);
  EXPECT_EQ(indicator_status(t, r, 70.0, 1.0), IndicatorStatus::at_risk);
}

TEST(IndicatorStatus, LowerIsBetter) {
  const Target t{Comparator::at_most, 3, "ngày"};
  const TrajectoryRule r{10, 0.1};
  EXPECT_EQ(indicator_status(t, r, 3.0, 0.2), IndicatorStatus::met);
  EXPECT_EQ(indicator_status(t, r, 6.5, 0.5), IndicatorStatus::on_track);
  EXPECT_EQ(indicator_status(t, r, 8.0, 0.5), IndicatorStatus::at_risk);
}

TEST(Achievement, CappedShareOfTarget) {
  EXPECT_DOUBLE_EQ(achievement({Comparator::at_least, 80, "%"}, 40), 0.5);
  EXPECT_DOUBLE_EQ(achievement({Comparator::at_least, 80, "%"}, 120), 1.0);
  EXPECT_DOUBLE_EQ(achievement({Comparator::at_most, 3, "ngày"}, 6), 0.5);
  EXPECT_DOUBLE_EQ(achievement({Comparator::at_least, 0, ""}, 0), 1.0);
}

TEST(IndicatorNames, RoundTrip) {
  EXPECT_EQ(aggregation_from("cumulative"), Aggregation::cumulative);
  EXPECT_EQ(comparator_from("at_most"), Comparator::at_most);
  EXPECT_FALSE(aggregation_from("median"));
  EXPECT_EQ(to_string(IndicatorStatus::at_risk), "at_risk");
}

}  // namespace tiendo::domain
