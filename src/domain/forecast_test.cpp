#include "domain/forecast.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <iterator>

namespace tiendo::domain {

namespace {

Date d(int y, unsigned m, unsigned day) { return make_date(y, m, day); }

// Month-end points of 2026 from month `first`, one per value.
std::vector<ProgressPoint> monthly(unsigned first, std::vector<int> values) {
  std::vector<ProgressPoint> out;
  for (size_t i = 0; i < values.size(); ++i) {
    const auto m = first + static_cast<unsigned>(i);
    out.push_back({last_day_of_month(2026, m), values[i]});
  }
  return out;
}

ForecastInput input(std::vector<int> values, Date as_of, Date due = d(2026, 12, 31)) {
  ForecastInput in;
  in.start = d(2026, 1, 1);
  in.due = due;
  in.as_of = as_of;
  in.points = monthly(1, std::move(values));
  return in;
}

}  // namespace

struct Row {
  const char* name;
  std::vector<int> progress;  // month-ends from January
  Date as_of;
  std::optional<Date> done_on;
  std::optional<double> plan_pace;
  ForecastMethod method;
  bool at_risk, stalled;
  int unchanged;
  const char* reason;
};

// The figures of a sentence in order: "50 % sau 8/12" -> "50812".
std::string digits(const std::string& s) {
  std::string out;
  std::copy_if(s.begin(), s.end(), std::back_inserter(out), [](char ch) { return ch >= '0' && ch <= '9'; });
  return out;
}

TEST(Forecast, Table) {
  // One history per line; the table reads better than clang-format's one field per line.
  // clang-format off
  const std::vector<Row> rows{
      // 10 % a month, every month: finishes at the end of October, well before the deadline.
      {"steady", {10, 20, 30, 40, 50, 60}, d(2026, 6, 30), {}, {}, ForecastMethod::trend, false, false, 0,
       "tiến độ 60 % sau 6/12 tháng; dự kiến xong 30/10/2026, kịp hạn 31/12/2026"},
      // 30 % after 8 months, unchanged for the last five: stalled, so at risk.
      {"stalled", {10, 20, 30, 30, 30, 30, 30, 30}, d(2026, 8, 31), {}, {}, ForecastMethod::trend, true, true, 5,
       "tiến độ 30 % sau 8/12 tháng; 5 kỳ liền không đổi; không có tiến triển để dự báo ngày xong"},
      // Nothing for months, then 20 % a month: the median of the latest six reports' slopes (10 % a month) sees
      // the spurt only partly, so a spurt that started this late is still at risk.
      {"late spurt", {0, 0, 0, 0, 0, 10, 30, 50}, d(2026, 8, 31), {}, {}, ForecastMethod::trend, true, false, 0,
       "tiến độ 50 % sau 8/12 tháng; dự kiến xong 31/01/2027, sau hạn 31/12/2026 31 ngày"},
      // The same spurt two months earlier finishes in time.
      {"earlier spurt", {0, 0, 0, 10, 30, 50}, d(2026, 6, 30), {}, {}, ForecastMethod::trend, false, false, 0,
       "tiến độ 50 % sau 6/12 tháng; dự kiến xong 27/11/2026, kịp hạn 31/12/2026"},
      // Reported 100 % in April: done, never at risk.
      {"finished early", {30, 60, 90, 100, 100}, d(2026, 5, 31), {}, {}, ForecastMethod::done, false, false, 0,
       "đã hoàn thành ngày 30/04/2026"},
      {"confirmed", {30, 60}, d(2026, 3, 31), d(2026, 3, 10), {}, ForecastMethod::done, false, false, 0,
       "đã hoàn thành ngày 10/03/2026"},
      // No report and no pace known for the plan: no forecast, not flagged.
      {"no history", {}, d(2026, 3, 31), {}, {}, ForecastMethod::none, false, false, 0,
       "tiến độ 0 % sau 3/12 tháng; chưa đủ số liệu để dự báo"},
      // Two reports: the plan's typical pace (0.5 %/day: 90 % in 180 days) from the latest progress.
      {"little history, plan pace", {5, 10}, d(2026, 2, 28), {}, 0.5, ForecastMethod::plan_pace, false, false, 0,
       "tiến độ 10 % sau 2/12 tháng; dự kiến xong 27/08/2026 (theo nhịp chung của kế hoạch), kịp hạn 31/12/2026"},
      {"little history, slow plan", {5, 10}, d(2026, 2, 28), {}, 0.25, ForecastMethod::plan_pace, true, false, 0,
       "tiến độ 10 % sau 2/12 tháng; dự kiến xong 23/02/2027 (theo nhịp chung của kế hoạch), sau hạn 31/12/2026 54 ngày"},
      // Two reports and no plan pace yet: its own straight line from the start, 10 % in 58 days (90 % in 522 more).
      {"little history, no plan pace", {5, 10}, d(2026, 2, 28), {}, {}, ForecastMethod::own_average, true, false, 0,
       "tiến độ 10 % sau 2/12 tháng; dự kiến xong 04/08/2027 (theo nhịp bình quân từ khi bắt đầu), sau hạn 31/12/2026 216 ngày"},
      // Reported 0 % three times: never started counts as stalled.
      {"never started", {0, 0, 0}, d(2026, 3, 31), {}, {}, ForecastMethod::trend, true, true, 3,
       "tiến độ 0 % sau 3/12 tháng; 3 kỳ liền không đổi; không có tiến triển để dự báo ngày xong"},
  };
  // clang-format on
  for (const auto& row : rows) {
    SCOPED_TRACE(row.name);
    auto in = input(row.progress, row.as_of);
    in.done_on = row.done_on;
    in.plan_pace = row.plan_pace;
    const auto f = forecast(in);
    ASSERT_TRUE(f);
    EXPECT_EQ(f->method, row.method);
    EXPECT_EQ(f->at_risk, row.at_risk);
    EXPECT_EQ(f->stalled, row.stalled);
    EXPECT_EQ(f->unchanged_periods, row.unchanged);
    EXPECT_EQ(f->reason, row.reason);
    // The English says the same parts in the same order, with the same dates and figures, and no Vietnamese word.
    EXPECT_EQ(std::count(f->reason_en.begin(), f->reason_en.end(), ';'),
              std::count(f->reason.begin(), f->reason.end(), ';'))
        << f->reason_en;
    EXPECT_EQ(digits(f->reason_en), digits(f->reason)) << f->reason_en;
    EXPECT_TRUE(std::all_of(f->reason_en.begin(), f->reason_en.end(), [](unsigned char ch) { return ch < 0x80; }))
        << f->reason_en;
  }
  const auto late = forecast(input({0, 0, 0, 0, 0, 10, 30, 50}, d(2026, 8, 31)));
  EXPECT_EQ(late->reason_en,
            "progress 50 % after 8/12 months; expected done 31/01/2027, past the deadline 31/12/2026 by 31 days");
}

TEST(Forecast, RecurringAndUndatedWorkIsNotForecast) {
  auto in = input({10, 20, 30}, d(2026, 3, 31));
  in.kind = DeadlineKind::recurring;
  EXPECT_FALSE(forecast(in));
  in.kind = DeadlineKind::roadmap;
  in.due.reset();  // a roadmap without a milestone
  EXPECT_FALSE(forecast(in));
}

TEST(Forecast, StalledAfterConfiguredPeriods) {
  auto in = input({10, 20, 20, 20}, d(2026, 4, 30));
  EXPECT_FALSE(forecast(in)->stalled);  // two months unchanged, default three
  EXPECT_TRUE(forecast(in, ForecastRules{.stalled_periods = 2})->stalled);
}

struct DifficultyRow {
  const char* name;
  std::vector<std::string> difficulties;  // of the month-end reports from January, progress 10 % a month
  int setting;                            // the plan's stalled_periods
  int repeated;                           // expected repeated_difficulty_periods (0: not flagged)
};

TEST(Forecast, SameDifficultyRepeated) {
  // On pace for its deadline (10 % a month), so only the difficulties can put the work at risk. The wordings differ
  // as units write them month after month (diacritics, word order, one word more): one obstacle by
  // domain::same_obstacle.
  const std::string land = "Vướng mặt bằng, chưa giải phóng xong";
  const std::string land2 = "vuong mat bang chua giai phong xong";
  const std::string land3 = "Chưa giải phóng xong mặt bằng thi công";
  const std::string money = "Thiếu kinh phí thực hiện";
  // clang-format off
  const std::vector<DifficultyRow> rows{
      {"three months the same obstacle", {"", land, land2, land3}, 3, 3},
      {"four months, said differently", {land, land2, land3, land}, 3, 4},
      {"only two months", {"", "", land, land2}, 3, 0},
      {"two months, the plan says two", {"", "", land, land2}, 2, 2},
      {"a month without difficulties breaks the run", {land, land, "", land}, 3, 0},
      {"a different obstacle breaks the run", {land, money, land, land}, 3, 0},
      {"the latest differs from the earlier run", {land, land, land, money}, 3, 0},
      {"no difficulties", {"", "", "", ""}, 3, 0},
  };
  // clang-format on
  for (const auto& row : rows) {
    SCOPED_TRACE(row.name);
    std::vector<int> progress;
    for (size_t i = 0; i < row.difficulties.size(); ++i) progress.push_back(10 * static_cast<int>(i + 1));
    auto in = input(progress, d(2026, 4, 30));
    for (size_t i = 0; i < row.difficulties.size(); ++i) in.points[i].difficulties = row.difficulties[i];
    const auto f = forecast(in, ForecastRules{.stalled_periods = row.setting});
    ASSERT_TRUE(f);
    EXPECT_FALSE(f->stalled);
    EXPECT_EQ(f->repeated_difficulty_periods, row.repeated);
    EXPECT_EQ(f->at_risk, row.repeated > 0);
    const auto said =
        "; cùng một khó khăn " + std::to_string(row.repeated) + " kỳ liền: " + in.points.back().difficulties;
    EXPECT_EQ(f->reason.find(said) != std::string::npos, row.repeated > 0) << f->reason;
  }
  // The reason quotes the latest wording without its full stop, which would end the sentence in its middle.
  auto dotted = input({10, 20, 30}, d(2026, 3, 31));
  for (auto& p : dotted.points) p.difficulties = money + ". ";
  EXPECT_EQ(forecast(dotted)->repeated_difficulty, money);
  EXPECT_NE(forecast(dotted)->reason.find("3 kỳ liền: " + money + "; dự kiến"), std::string::npos)
      << forecast(dotted)->reason;
  // Work that is done is never at risk, whatever it wrote.
  auto done = input({40, 70, 100}, d(2026, 3, 31));
  for (auto& p : done.points) p.difficulties = land;
  EXPECT_FALSE(forecast(done)->at_risk);
}

TEST(Forecast, UnansweredBeyondAuthority) {
  // On pace for its deadline, but a difficulty beyond the unit's authority has waited since 31/03.
  auto in = input({10, 20, 30, 40}, d(2026, 4, 30));
  in.escalated_on = d(2026, 3, 31);
  const auto f = forecast(in);  // 30 days: the default
  ASSERT_TRUE(f);
  EXPECT_TRUE(f->at_risk);
  EXPECT_FALSE(f->stalled);
  EXPECT_EQ(f->unanswered_days, 30);
  EXPECT_NE(f->reason.find("kiến nghị vượt thẩm quyền từ 31/03/2026 chưa được trả lời 30 ngày"), std::string::npos);
  in.escalated_on = d(2026, 4, 1);  // 29 days
  EXPECT_FALSE(forecast(in)->at_risk);
  EXPECT_FALSE(forecast(in)->unanswered_days);
  EXPECT_TRUE(forecast(in, ForecastRules{.unanswered_days = 20})->at_risk);  // the plan's own setting
  // No pace to forecast from, but waiting on an answer: at risk all the same.
  auto none = input({}, d(2026, 4, 30));
  none.escalated_on = d(2026, 1, 15);
  EXPECT_EQ(forecast(none)->method, ForecastMethod::none);
  EXPECT_TRUE(forecast(none)->at_risk);
}

TEST(Forecast, TrendIsRobustToOneWrongMonth) {
  // One month reported far too high (then corrected) does not move the median pace of 5 % a month.
  const auto pace = trend_pace(d(2026, 1, 1), monthly(1, {5, 10, 15, 60, 25, 30}));
  ASSERT_TRUE(pace);
  EXPECT_NEAR(*pace * 30.4, 5, 0.4);
  EXPECT_FALSE(trend_pace(d(2026, 1, 1), monthly(1, {5, 10})));  // fewer than three reports
}

TEST(Forecast, TypicalPace) {
  EXPECT_FALSE(typical_pace({}));
  EXPECT_FALSE(typical_pace({0, 0}));  // stalled work says nothing of the plan's pace
  EXPECT_DOUBLE_EQ(*typical_pace({0.1, 0.3, 0.2, 0}), 0.2);
}

TEST(ForecastIndicator, CumulativeAndLevel) {
  // 10 a month for six months, one month 16: 66 so far, six more at the median 10 → 126; the range puts every
  // remaining month at the 10th and 90th percentiles (10 and 13).
  const auto c = forecast_indicator({{10, 10, 16, 10, 10, 10}, true});
  ASSERT_TRUE(c);
  EXPECT_DOUBLE_EQ(c->value, 126);
  EXPECT_DOUBLE_EQ(c->low, 126);
  EXPECT_DOUBLE_EQ(c->high, 66 + 6 * 13);
  // A rate climbing 2 points a month, one month missing: 50 in June continues to 62 in December.
  const auto l = forecast_indicator({{40, 42, std::nullopt, 46, 48, 50}, false});
  ASSERT_TRUE(l);
  EXPECT_DOUBLE_EQ(l->value, 62);
  EXPECT_EQ(l->months_known, 5);
  EXPECT_LE(l->low, l->value);
  EXPECT_GE(l->high, l->value);
  EXPECT_FALSE(forecast_indicator({{40}, false}));                                        // one month: no trend
  EXPECT_FALSE(forecast_indicator({std::vector<std::optional<double>>(12, 1.0), true}));  // the year is known
}

TEST(ForecastIndicator, AheadQuarterlyAndLinear) {
  // Three months ahead of June (the backtest's horizon): 10 a month for three more months.
  const IndicatorSeries c{{10, 10, 16, 10, 10, 10}, true};
  EXPECT_DOUBLE_EQ(forecast_indicator_at(c, 9)->value, 96);
  EXPECT_FALSE(forecast_indicator_at(c, 6));  // June is known, not forecast
  // The straight line: 66 in six months runs at 11 a month, 132 in twelve.
  EXPECT_DOUBLE_EQ(*linear_projection(c, 0, 12), 132);
  // A rate from a baseline of 30: 50 in June is 20 points in six months, 70 in December.
  const IndicatorSeries l{{40, 42, std::nullopt, 46, 48, 50}, false};
  EXPECT_DOUBLE_EQ(*linear_projection(l, 30, 12), 70);
  EXPECT_FALSE(linear_projection({{std::nullopt, std::nullopt}, false}, 0, 12));
  // Quarterly reporting: the year ends at the fourth period.
  const auto q = forecast_indicator({{20, 30}, false, 4});
  ASSERT_TRUE(q);
  EXPECT_DOUBLE_EQ(q->value, 50);
  EXPECT_DOUBLE_EQ(q->low, 50);  // one slope: the range is the point
  EXPECT_FALSE(forecast_indicator({{20, 30, 40, 50}, false, 4}));
  // A share climbing 10 points a quarter from 70 % stops at 100 %, its range too; so does the straight line.
  const auto capped = forecast_indicator({{70, 80}, false, 4, true});
  EXPECT_DOUBLE_EQ(capped->value, 100);
  EXPECT_DOUBLE_EQ(capped->high, 100);
  EXPECT_DOUBLE_EQ(*linear_projection({{70, 80}, false, 4, true}, 50, 4), 100);
}

namespace {
UnitValue rate(long long unit, int period, double num, double den) {
  return {unit, period, num, den, 100.0 * num / den, std::nullopt};
}
UnitValue amount(long long unit, int period, double v) {
  return {unit, period, std::nullopt, std::nullopt, v, std::nullopt};
}
}  // namespace

TEST(Shortfall, RatioOfSumsPartsAddUpToTheGap) {
  // Target 80 %: unit 1 at 50/100, unit 2 at 90/100, unit 3 at 20/50. The city is 160/250 = 64 %, 16 points short.
  const Target t{Comparator::at_least, 80, "%"};
  const std::vector<UnitValue> v{rate(1, 3, 50, 100), rate(2, 3, 90, 100), rate(3, 3, 20, 50), rate(3, 2, 0, 50)};
  const auto s = shortfall_units(Aggregation::ratio_of_sums, t, v, 3, 0.25, 3);
  ASSERT_EQ(s.size(), 2u);  // unit 2 is above the target: it lifts the figure
  EXPECT_EQ(s[0].unit_id, 1);
  EXPECT_DOUBLE_EQ(s[0].gap, 12);  // (80 × 100 − 100 × 50) / 250
  EXPECT_EQ(s[1].unit_id, 3);
  EXPECT_DOUBLE_EQ(s[1].gap, 8);  // (80 × 50 − 100 × 20) / 250
  // With unit 2's −4: 12 + 8 − 4 = 16, the city's gap.
  EXPECT_TRUE(shortfall_units(Aggregation::ratio_of_sums, {Comparator::at_least, 60, "%"}, v, 3, 0.25, 3).empty());
}

TEST(Shortfall, LowerIsBetterAndAverage) {
  // "≤ 5 ngày", the average of three units 4, 9, 8 = 7: units 2 and 3 pull it above the target.
  const Target t{Comparator::at_most, 5, "ngày"};
  const std::vector<UnitValue> v{amount(1, 1, 4), amount(2, 1, 9), amount(3, 1, 8)};
  const auto s = shortfall_units(Aggregation::average, t, v, 1, 1.0 / 12, 3);
  ASSERT_EQ(s.size(), 2u);
  EXPECT_EQ(s[0].unit_id, 2);
  EXPECT_DOUBLE_EQ(s[0].gap, 4.0 / 3);
  EXPECT_DOUBLE_EQ(s[1].gap, 1);
}

TEST(Shortfall, TotalsShareTheTarget) {
  // "12 sản phẩm" summed over four units assigned it, three reporting 1, 5 and 2: each owes 3.
  const Target t{Comparator::at_least, 12, "sản phẩm"};
  const std::vector<UnitValue> v{amount(1, 6, 1), amount(2, 6, 5), amount(3, 6, 2)};
  const auto s = shortfall_units(Aggregation::sum, t, v, 6, 0.5, 4);
  ASSERT_EQ(s.size(), 2u);
  EXPECT_EQ(s[0].unit_id, 1);
  EXPECT_DOUBLE_EQ(s[0].gap, 2);
  EXPECT_DOUBLE_EQ(s[1].gap, 1);
  // Cumulative, half the year gone, two units assigned: each owes 6 of the 12, 3 by June on the straight line; unit 1
  // added 1 in May and none in June (its sum is 1), unit 2 has 3 and unit 3 did not report in June (not counted, R9).
  const std::vector<UnitValue> c{amount(1, 5, 1), amount(1, 6, 0), amount(2, 6, 3), amount(3, 5, 2)};
  const auto sc = shortfall_units(Aggregation::cumulative, t, c, 6, 0.5, 2);
  ASSERT_EQ(sc.size(), 1u);
  EXPECT_EQ(sc[0].unit_id, 1);
  EXPECT_DOUBLE_EQ(*sc[0].value, 1);
  EXPECT_DOUBLE_EQ(sc[0].gap, 2);  // 12 / 2 × 0.5 − 1 = 2; unit 2's 3 − 3 = 0 leaves the figure 2 short
  EXPECT_TRUE(shortfall_units(Aggregation::sum, t, {}, 6, 0.5, 4).empty());  // nothing reported
}

}  // namespace tiendo::domain
