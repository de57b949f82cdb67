#include "domain/followup.h"

#include <gtest/gtest.h>

namespace tiendo::domain {

namespace {
Date d(const char* s) { return *parse_iso_date(s); }
}  // namespace

TEST(Followup, ExtensionRefusals) {
  using R = ExtensionRefusal;
  struct Case {
    bool recurring, done;
    std::optional<Date> current;
    const char* requested;
    R want;
  };
  const Case cases[] = {
      {false, false, d("2026-12-31"), "2027-03-31", R::none},
      {false, false, std::nullopt, "2027-03-31", R::none},  // no date yet: any deadline moves it
      {false, false, d("2026-12-31"), "2026-12-31", R::not_later},
      {false, false, d("2026-12-31"), "2026-11-30", R::not_later},
      {false, true, d("2026-12-31"), "2027-03-31", R::done},
      {true, false, std::nullopt, "2027-03-31", R::recurring},
      {true, true, d("2026-12-31"), "2026-01-01", R::recurring},  // the first reason found is given
      {false, true, d("2026-12-31"), "2026-01-01", R::done},
  };
  for (const auto& c : cases) {
    EXPECT_EQ(extension_refusal(c.recurring, c.done, c.current, d(c.requested)), c.want) << c.requested;
  }
}

TEST(Followup, ReviewRefusals) {
  using R = ReviewRefusal;
  using S = AssignmentStatus;
  struct Case {
    S status;
    const char* new_due;
    R want;
  };
  const Case cases[] = {
      {S::overdue, "2026-11-25", R::none},
      {S::overdue, "2026-11-24", R::not_future},
      {S::overdue, "2026-10-01", R::not_future},
      {S::in_progress, "2026-12-31", R::not_overdue},
      {S::due_soon, "2026-12-31", R::not_overdue},
      {S::done_late, "2026-12-31", R::not_overdue},
      {S::recurring_not_updated, "2026-11-24", R::not_overdue},  // the first reason found is given
  };
  for (const auto& c : cases) EXPECT_EQ(review_refusal(c.status, d(c.new_due), d("2026-11-24")), c.want) << c.new_due;
}

}  // namespace tiendo::domain
