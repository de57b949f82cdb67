#include "domain/date.h"

#include <gtest/gtest.h>

namespace tiendo::domain {

TEST(Date, ParsesAndFormats) {
  auto d = parse_iso_date("2026-02-05");
  ASSERT_TRUE(d);
  EXPECT_EQ(iso(*d), "2026-02-05");
  EXPECT_EQ(vn_date(*d), "05/02/2026");
  EXPECT_FALSE(parse_iso_date("2026-02-30"));
  EXPECT_FALSE(parse_iso_date("2026-2-5"));
  EXPECT_FALSE(parse_iso_date("abcd-ef-gh"));
  EXPECT_FALSE(parse_iso_date(""));
  EXPECT_EQ(iso(last_day_of_month(2028, 2)), "2028-02-29");
}

TEST(Date, VietnamDayBoundaries) {
  // 19/10/2026 23:59:59 in Hà Nội is 16:59:59 UTC; the day ends at 17:00:00 UTC.
  const Date d = make_date(2026, 10, 19);
  EXPECT_EQ(iso(end_of_vietnam_day(d)), "2026-10-19T17:00:00Z");
  EXPECT_EQ(vietnam_date(*parse_iso_instant("2026-10-19T16:59:59Z")), d);
  EXPECT_EQ(vietnam_date(*parse_iso_instant("2026-10-19T17:00:00Z")), make_date(2026, 10, 20));
  EXPECT_FALSE(parse_iso_instant("2026-10-19T25:00:00Z"));
  EXPECT_EQ(iso(*parse_iso_instant("2026-01-02T03:04:05Z")), "2026-01-02T03:04:05Z");
}

TEST(Date, Weekend) {
  EXPECT_TRUE(is_weekend(make_date(2026, 11, 21)));  // Saturday
  EXPECT_TRUE(is_weekend(make_date(2026, 11, 22)));  // Sunday
  EXPECT_FALSE(is_weekend(make_date(2026, 11, 23)));
}

TEST(Date, IsoWeek) {
  EXPECT_EQ(iso_week(make_date(2026, 11, 24)), "2026-W48");  // Tuesday
  EXPECT_EQ(iso_week(make_date(2026, 11, 23)), "2026-W48");  // its Monday
  EXPECT_EQ(iso_week(make_date(2026, 11, 22)), "2026-W47");  // the Sunday before
  EXPECT_EQ(iso_week(make_date(2026, 1, 1)), "2026-W01");    // a Thursday: week 1 of its year
  EXPECT_EQ(iso_week(make_date(2027, 1, 1)), "2026-W53");    // a Friday: the last week of the year before
  EXPECT_EQ(iso_week(make_date(2024, 12, 30)), "2025-W01");  // a Monday whose Thursday is in 2025
  EXPECT_EQ(week_start(make_date(2026, 11, 29)), make_date(2026, 11, 23));
}

}  // namespace tiendo::domain
