#include "domain/reminders.h"

#include <gtest/gtest.h>

#include <map>

namespace tiendo::domain {

// A whole year with a fake clock: every day asked once, every event counted.
TEST(Reminders, AYearOfReminders) {
  ReportingRule rule;
  HolidayCalendar cal;
  const ReminderSchedule schedule;
  std::map<std::string, int> seen;
  std::map<ReminderKind, int> by_kind;
  for (Date d = make_date(2026, 1, 1); d <= make_date(2026, 12, 31); d += std::chrono::days{1}) {
    for (const auto& e : reminders_on(rule, cal, schedule, d)) {
      ++seen[e.key()];
      ++by_kind[e.kind];
    }
  }
  for (const auto& [key, n] : seen) EXPECT_EQ(n, 1) << key;  // no event fires on two days
  EXPECT_EQ(by_kind[ReminderKind::before_due], 24);          // 5 and 1 days before each of 12 due dates
  EXPECT_EQ(by_kind[ReminderKind::after_due], 12);
  EXPECT_EQ(by_kind[ReminderKind::weekly_digest], 52);  // Mondays of 2026
  EXPECT_EQ(by_kind[ReminderKind::annual_before], 3);
}

TEST(Reminders, NovemberDates) {
  ReportingRule rule;
  HolidayCalendar cal;
  const ReminderSchedule schedule;
  auto kinds_on = [&](Date d) {
    std::vector<std::string> keys;
    for (const auto& e : reminders_on(rule, cal, schedule, d)) keys.push_back(e.key());
    return keys;
  };
  // November's report is due 19/11/2026: reminders on 14/11 and 18/11, the follow-up on 20/11.
  EXPECT_EQ(kinds_on(make_date(2026, 11, 14)), std::vector<std::string>{"before_due:2026-11:5"});
  EXPECT_EQ(kinds_on(make_date(2026, 11, 18)), std::vector<std::string>{"before_due:2026-11:1"});
  // 20/11 carries both the day-after reminder and the first of the annual report's (due 30/11).
  EXPECT_EQ(kinds_on(make_date(2026, 11, 20)),
            (std::vector<std::string>{"after_due:2026-11:1", "annual_before:2026:10"}));
  // Monday 23/11 carries the weekly digest; 27/11 is three days before 30/11.
  EXPECT_EQ(kinds_on(make_date(2026, 11, 23)).front(), "weekly_digest:2026-11-23");
  EXPECT_EQ(kinds_on(make_date(2026, 11, 27)), std::vector<std::string>{"annual_before:2026:3"});
}

TEST(Reminders, HolidayShiftMovesTheReminders) {
  ReportingRule rule;
  rule.shift_to_working_day = true;
  HolidayCalendar cal;
  // 19/4/2026 is a Sunday: due Monday 20/4, so the last reminder comes on Sunday 19/4.
  const auto keys = reminders_on(rule, cal, ReminderSchedule{{1}, 0, -1, {}}, make_date(2026, 4, 19));
  ASSERT_EQ(keys.size(), 1u);
  EXPECT_EQ(keys[0].due, make_date(2026, 4, 20));
}

TEST(Reminders, DayLists) {
  std::vector<int> v;
  EXPECT_TRUE(parse_day_list("5,1", v));
  EXPECT_EQ(v, (std::vector<int>{5, 1}));
  EXPECT_TRUE(parse_day_list("", v));
  EXPECT_TRUE(v.empty());
  EXPECT_FALSE(parse_day_list("5,x", v));
  EXPECT_FALSE(parse_day_list("-1", v));
  EXPECT_FALSE(parse_day_list("5,,1", v));
}

}  // namespace tiendo::domain
