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

// Targets as the documents write them: dots group thousands, a comma marks decimals. Before, stod read
// "20.000.000.000.000 đồng" as 20 and "1e20 sản phẩm" as 1 "e20 sản phẩm".
TEST(Target, NumbersAsWrittenInVietnamese) {
  const struct {
    const char* text;
    std::optional<double> value;
    const char* unit;
  } cases[] = {
      {"1.500 sản phẩm", 1500, "sản phẩm"},
      {"20.000.000.000.000 đồng", 20e12, "đồng"},
      {"1.000.000 lượt", 1e6, "lượt"},
      {"2.500,5 tỷ đồng", 2500.5, "tỷ đồng"},
      {"17,5%", 17.5, "%"},
      {"17.5%", 17.5, "%"},
      {"0.125%", 0.125, "%"},
      {"1.2345 ha", 1.2345, "ha"},
      {"1,234.5 ha", 1234.5, "ha"},
      {"≥ 150 sản phẩm", 150, "sản phẩm"},
      {"1e20 sản phẩm", std::nullopt, ""},
      {"5E+3 sản phẩm", std::nullopt, ""},
      {"12.34.5 sản phẩm", std::nullopt, ""},
      {"1..5 sản phẩm", std::nullopt, ""},
      {"1.500.00 đồng", std::nullopt, ""},
      {"1,5,5%", std::nullopt, ""},
      {".5%", std::nullopt, ""},
      {"5.%", std::nullopt, ""},
  };
  for (const auto& c : cases) {
    const auto t = parse_target(c.text);
    if (!c.value) {
      EXPECT_FALSE(t) << c.text << " read as " << (t ? t->value : 0);
      continue;
    }
    ASSERT_TRUE(t) << c.text;
    EXPECT_DOUBLE_EQ(t->value, *c.value) << c.text;
    EXPECT_EQ(t->unit_of_measure, c.unit) << c.text;
  }
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

TEST(Aggregate, OnlyThePeriodsOwnValues) {
  std::vector<UnitValue> v{{1, 8, 50, 100, {}, {}}, {1, 10, 90, 100, {}, {}}, {1, 11, 100, 100, {}, {}}};
  auto r = aggregate(Aggregation::ratio_of_sums, v, 10);
  EXPECT_DOUBLE_EQ(*r.value, 90);
  EXPECT_FALSE(aggregate(Aggregation::ratio_of_sums, v, 7).value);
  EXPECT_EQ(aggregate(Aggregation::ratio_of_sums, v, 7).units_reporting, 0);
  // R9: no carry-over: September has no value of its own, so no figure (not August's 50 %).
  EXPECT_FALSE(aggregate(Aggregation::ratio_of_sums, v, 9).value);
  EXPECT_EQ(aggregate(Aggregation::ratio_of_sums, v, 9).units_reporting, 0);
}

// R9/R10 by aggregation: unit 1 reports in periods 1 and 2, unit 2 only in period 2, unit 3 only in 1.
TEST(Aggregate, CumulativeVersusPerPeriodTable) {
  const std::vector<UnitValue> v{
      {1, 1, {}, {}, 1, {}}, {1, 2, {}, {}, 2, {}}, {2, 2, {}, {}, 3, {}}, {3, 1, {}, {}, 10, {}}};
  struct Case {
    Aggregation how;
    int through;
    std::optional<double> value;
    int covered;
  };
  const Case cases[] = {
      {Aggregation::sum, 1, 11, 2},  // 1 + 10
      {Aggregation::sum, 2, 5, 2},   // 2 + 3: unit 3's 10 is not carried
      {Aggregation::sum, 3, std::nullopt, 0},
      {Aggregation::latest, 2, 5, 2},
      {Aggregation::average, 2, 2.5, 2},
      {Aggregation::cumulative, 1, 11, 2},  // 1 + 10
      {Aggregation::cumulative, 2, 6, 2},   // unit 1: 1 + 2, unit 2: 3; unit 3 did not report for period 2
      {Aggregation::cumulative, 3, std::nullopt, 0},
  };
  for (const auto& c : cases) {
    const auto r = aggregate(c.how, v, c.through);
    EXPECT_EQ(r.value.has_value(), c.value.has_value()) << to_string(c.how) << " " << c.through;
    if (r.value && c.value) {
      EXPECT_DOUBLE_EQ(*r.value, *c.value) << to_string(c.how) << " " << c.through;
    }
    EXPECT_EQ(r.units_reporting, c.covered) << to_string(c.how) << " " << c.through;
  }
}

TEST(Aggregate, EstimatesOfThePeriod) {
  std::vector<UnitValue> v{{1, 1, {}, {}, 1, 4}, {1, 2, {}, {}, 2, 5}, {2, 2, {}, {}, 3, 6}};
  EXPECT_DOUBLE_EQ(*aggregate(Aggregation::sum, v, 2).estimated_full_year, 11);
}

// R13: counts read as counts.
TEST(FigureText, CountsAndShares) {
  EXPECT_EQ(figure_text({Comparator::at_least, 5, "sản phẩm"}, 4), "4/5 sản phẩm");
  EXPECT_EQ(figure_text({Comparator::at_least, 80, "%"}, 17.5), "17,5 %");
  EXPECT_EQ(figure_text({Comparator::at_most, 3, "ngày"}, 2.5), "2,5/3 ngày");
  EXPECT_TRUE(is_count("sản phẩm"));
  EXPECT_FALSE(is_count("%"));
  EXPECT_TRUE(is_count(""));
  EXPECT_EQ(figure_text({Comparator::at_least, 5, ""}, 4), "4/5");
  EXPECT_EQ(figure_text({Comparator::at_least, 1000000, "đồng"}, 250000), "250000/1000000 đồng");
  EXPECT_EQ(coverage_text(3, 4), "3/4 đơn vị có số liệu");
}

TEST(Aggregate, ZeroDenominatorGivesNoValue) {
  auto r = aggregate(Aggregation::ratio_of_sums, {{1, 12, 0, 0, {}, {}}}, 12);
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

// R11: min(1, value/target), or min(1, target/value) where lower is better; counts included.
TEST(Achievement, Table) {
  struct Case {
    Target t;
    double actual;
    double expected;
  };
  const Case cases[] = {
      {{Comparator::at_least, 5, "sản phẩm"}, 4, 0.8}, {{Comparator::at_least, 5, "sản phẩm"}, 7, 1.0},
      {{Comparator::at_least, 80, "%"}, 60, 0.75},     {{Comparator::at_most, 4, "ngày"}, 8, 0.5},
      {{Comparator::at_most, 4, "ngày"}, 2, 1.0},      {{Comparator::at_most, 4, "ngày"}, 0, 1.0},
      {{Comparator::at_least, 5, "sản phẩm"}, 0, 0.0},
  };
  for (const auto& c : cases) EXPECT_DOUBLE_EQ(achievement(c.t, c.actual), c.expected) << c.actual;
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
