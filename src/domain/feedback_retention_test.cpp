#include "domain/feedback_retention.h"

#include <gtest/gtest.h>

namespace tiendo::domain {

namespace {
Date d(const char* s) { return *parse_iso_date(s); }
}  // namespace

TEST(FeedbackRetention, ClosedOnByState) {
  const auto cls = std::optional(d("2026-03-02")), pub = std::optional(d("2026-03-20"));
  struct Case {
    const char* state;
    std::optional<Date> want;
  };
  const Case cases[] = {
      {"received", std::nullopt}, {"accepted", std::nullopt}, {"assigned", std::nullopt},  // open: kept
      {"drafted", std::nullopt},  {"published", pub},         {"not_accepted", cls},      {"merged", cls},
      {"forwarded", cls},
  };
  for (const auto& c : cases) EXPECT_EQ(feedback_closed_on(c.state, cls, pub), c.want) << c.state;
  // Reopened after an answer: "assigned" again, so open, whatever was published before.
  EXPECT_EQ(feedback_closed_on("assigned", cls, pub), std::nullopt);
}

TEST(FeedbackRetention, ErasedAfterTheRetention) {
  const auto closed = std::optional(d("2026-01-10"));
  EXPECT_FALSE(contact_erasure_due(closed, d("2026-02-09"), 30));  // the 30th day after: still kept
  EXPECT_TRUE(contact_erasure_due(closed, d("2026-02-10"), 30));
  EXPECT_FALSE(contact_erasure_due(closed, d("2026-01-10"), 0));  // 0: the day after closing
  EXPECT_TRUE(contact_erasure_due(closed, d("2026-01-11"), 0));
  EXPECT_FALSE(contact_erasure_due(closed, d("2030-01-01"), -1));        // negative: kept
  EXPECT_FALSE(contact_erasure_due(std::nullopt, d("2030-01-01"), 30));  // open: kept
}

}  // namespace tiendo::domain
