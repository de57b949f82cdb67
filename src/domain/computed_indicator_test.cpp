#include "domain/computed_indicator.h"

#include <gtest/gtest.h>

namespace tiendo::domain {
namespace {

const Date kDay = make_date(2026, 11, 19);

FeedbackFacts item(Date received, std::optional<Date> published, std::optional<FeedbackRating> rating = std::nullopt,
                   std::optional<Date> rated_on = std::nullopt) {
  FeedbackFacts f;
  f.received = received;
  f.answer_due = received + std::chrono::days{15};
  f.first_published_on = published;
  f.rating = rating;
  f.rated_on = rated_on;
  return f;
}

// R19 over R17's figures: each source's numerator and denominator are the counts of the items behind them, as
// known at the end of the day asked.
TEST(ComputedIndicator, FeedbackSourcesTable) {
  const Date oct1 = make_date(2026, 10, 1);
  const std::vector<FeedbackFacts> items{
      item(oct1, make_date(2026, 10, 10), FeedbackRating::hai_long, make_date(2026, 10, 12)),      // on time
      item(oct1, make_date(2026, 10, 30), FeedbackRating::chua_hai_long, make_date(2026, 11, 2)),  // late
      item(oct1, std::nullopt),                                                                    // overdue
      item(make_date(2026, 11, 10), std::nullopt),                                                 // not yet due
      item(oct1, make_date(2026, 10, 5), FeedbackRating::rat_hai_long, make_date(2026, 11, 25)),   // rated later
  };
  struct Case {
    IndicatorSource source;
    long long numerator, denominator;
  };
  const Case cases[] = {
      {IndicatorSource::feedback_r1, 2, 4},           // on time: items 1, 5; judged: 3 answered + 1 overdue
      {IndicatorSource::feedback_r2, 4, 5},           // 5 within competence, 1 "Chưa hài lòng"
      {IndicatorSource::feedback_rated_share, 1, 2},  // the rating of 25/11 is not known on 19/11
  };
  const auto figures = feedback_figures(items, kDay);
  for (const auto& c : cases) {
    const auto got = computed_from_feedback(c.source, figures, kDay);
    EXPECT_EQ(got.source, c.source);
    EXPECT_EQ(got.numerator, c.numerator) << to_string(c.source);
    EXPECT_EQ(got.denominator, c.denominator) << to_string(c.source);
    ASSERT_TRUE(got.percent);
    EXPECT_DOUBLE_EQ(*got.percent, 100.0 * c.numerator / c.denominator);
    EXPECT_NE(got.why.find(std::to_string(c.numerator) + "/" + std::to_string(c.denominator)), std::string::npos)
        << got.why;
    EXPECT_NE(got.why.find("19/11/2026"), std::string::npos);
    EXPECT_EQ(got.rule.rfind("R19", 0), 0u);
  }
  // Read a week later, the late rating counts: 2 of 3 ratings satisfied. The earlier day's figure is unchanged.
  EXPECT_EQ(computed_from_feedback(IndicatorSource::feedback_rated_share,
                                   feedback_figures(items, make_date(2026, 11, 26)), make_date(2026, 11, 26))
                .numerator,
            2);
  EXPECT_EQ(
      computed_from_feedback(IndicatorSource::feedback_rated_share, feedback_figures(items, kDay), kDay).numerator, 1);
}

TEST(ComputedIndicator, NothingToCountHasNoValue) {
  const auto got = computed_from_feedback(IndicatorSource::feedback_r1, FeedbackFigures{}, kDay);
  EXPECT_FALSE(got.percent);
  EXPECT_EQ(got.denominator, 0);
  EXPECT_NE(got.why.find("chưa có gì để tính"), std::string::npos);
}

TEST(ComputedIndicator, StTracking) {
  StTracking t;
  t.active = 8;
  t.tracked = 6;
  const auto got = computed_from_st_tracking(t, kDay);
  EXPECT_EQ(got.source, IndicatorSource::st_tracking);
  EXPECT_EQ(got.numerator, 6);
  EXPECT_EQ(got.denominator, 8);
  EXPECT_DOUBLE_EQ(*got.percent, 75.0);
  EXPECT_NE(got.why.find("6/8 = 75 %"), std::string::npos) << got.why;
}

TEST(ComputedIndicator, SourcesComputedOrNot) {
  EXPECT_FALSE(is_computed(IndicatorSource::reported));
  EXPECT_FALSE(is_computed(IndicatorSource::national_portal));
  for (auto s : {IndicatorSource::feedback_r1, IndicatorSource::feedback_r2, IndicatorSource::feedback_rated_share,
                 IndicatorSource::st_tracking}) {
    EXPECT_TRUE(is_computed(s));
    EXPECT_EQ(indicator_source_from(to_string(s)), s);
  }
  EXPECT_FALSE(indicator_source_from("typed"));
}

}  // namespace
}  // namespace tiendo::domain
