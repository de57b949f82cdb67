#include "domain/plan.h"

#include <gtest/gtest.h>

#include <vector>

namespace tiendo::domain {

TEST(Plan, DirectiveKinds) {
  for (const char* k : {"resolution", "decision", "plan", "program", "letter", "notice", "conclusion", "other"})
    EXPECT_TRUE(is_directive_kind(k)) << k;
  for (const char* k : {"", "Resolution", "law", "plan "}) EXPECT_FALSE(is_directive_kind(k)) << k;
}

TEST(Plan, DefaultAggregation) {
  EXPECT_EQ(default_aggregation("%"), "ratio_of_sums");
  EXPECT_EQ(default_aggregation("sản phẩm"), "cumulative");
  EXPECT_EQ(default_aggregation(""), "cumulative");
}

TEST(Plan, IndicatorSourceTable) {
  struct Case {
    const char* source;
    const char* unit_of_measure;
    bool accepted;
  };
  const std::vector<Case> cases{
      {"reported", "%", true},
      {"reported", "sản phẩm", true},
      {"national_portal", "%", true},
      {"national_portal", "hồ sơ", true},  // typed by hand, whatever it counts
      {"feedback_r1", "%", true},
      {"feedback_r1", "sản phẩm", false},  // a computed share for a count
      {"feedback_rated_share", "lượt", false},
      {"st_tracking", "%", true},
      {"nowhere", "%", false},
      {"", "%", false},
  };
  for (const auto& c : cases) {
    const auto why = indicator_source_refusal(c.source, c.unit_of_measure);
    EXPECT_EQ(!why, c.accepted) << c.source << " / " << c.unit_of_measure;
  }
  EXPECT_NE(indicator_source_refusal("feedback_r1", "sản phẩm")->find("\"sản phẩm\""), std::string::npos);
}

TEST(Plan, AnnualDueDayTable) {
  struct Case {
    int month, day;
    bool exists;
  };
  for (const auto& c : std::vector<Case>{{11, 30, true},
                                         {12, 31, true},
                                         {1, 1, true},
                                         {2, 28, true},
                                         {2, 29, false},  // not every year
                                         {11, 31, false},
                                         {4, 31, false},
                                         {0, 10, false},
                                         {13, 1, false},
                                         {6, 0, false}})
    EXPECT_EQ(annual_due_day_exists(c.month, c.day), c.exists) << c.month << "/" << c.day;
}

TEST(Plan, WeightsRank) {
  EXPECT_TRUE(weights_rank(0.3, 0.2, 0.3, 0.2, 0));
  EXPECT_TRUE(weights_rank(0, 0, 0, 0, 0.1));
  EXPECT_FALSE(weights_rank(0, 0, 0, 0, 0));
}

TEST(Plan, RefusalsQuoteTheText) {
  EXPECT_NE(deadline_refusal("sớm").find("“sớm”"), std::string::npos);
  EXPECT_NE(target_refusal().find("≥80%"), std::string::npos);
}

}  // namespace tiendo::domain
