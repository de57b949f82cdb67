#include "domain/reporting_rule.h"

#include <gtest/gtest.h>

namespace tiendo::domain {

TEST(Period, KeysParseAndStep) {
  EXPECT_EQ((Period{PeriodType::monthly, 2026, 10}.key()), "2026-10");
  EXPECT_EQ((Period{PeriodType::quarterly, 2026, 4}.key()), "2026-Q4");
  EXPECT_EQ((Period{PeriodType::half_year, 2026, 2}.key()), "2026-H2");
  EXPECT_EQ((Period{PeriodType::annual, 2026, 1}.key()), "2026");
  for (const char* k : {"2026-01", "2026-12", "2026-Q1", "2026-H2", "2026"}) {
    auto p = parse_period(k);
    ASSERT_TRUE(p) << k;
    EXPECT_EQ(p->key(), k);
  }
  for (const char* k : {"2026-13", "2026-00", "2026-Q5", "26-01", "2026/01", "", "2026-H3"}) {
    EXPECT_FALSE(parse_period(k)) << k;
  }
  EXPECT_EQ(next(Period{PeriodType::monthly, 2026, 12}).key(), "2027-01");
  EXPECT_EQ(previous(Period{PeriodType::monthly, 2026, 1}).key(), "2025-12");
  EXPECT_EQ(previous(Period{PeriodType::quarterly, 2026, 1}).key(), "2025-Q4");
}

TEST(Period, VietnameseLabels) {
  EXPECT_EQ(parse_period("2026-11")->vn_label(), "tháng 11/2026");
  EXPECT_EQ(parse_period("2026-Q4")->vn_label(), "quý IV/2026");
  EXPECT_EQ(parse_period("2026-H1")->vn_label(), "6 tháng đầu năm 2026");
  EXPECT_EQ(parse_period("2026")->vn_label(), "năm 2026");
  EXPECT_EQ(parse_period("2026-11")->en_label(), "11/2026");
  EXPECT_EQ(parse_period("2026-Q4")->en_label(), "Q4/2026");
  EXPECT_EQ(parse_period("2026-H1")->en_label(), "H1 2026");
  EXPECT_EQ(parse_period("2026")->en_label(), "2026");
}

TEST(ReportingRule, Decree09MonthlyWindowAndDue) {
  ReportingRule rule;  // defaults: monthly, Decree 09 window, before the 20th
  HolidayCalendar cal;
  const Period oct{PeriodType::monthly, 2026, 10};
  const Window w = data_window(rule, oct);
  EXPECT_EQ(iso(w.first), "2026-09-15");
  EXPECT_EQ(iso(w.last), "2026-10-14");
  EXPECT_EQ(iso(report_due_date(rule, cal, oct)), "2026-10-19");
  const Period jan{PeriodType::monthly, 2026, 1};
  EXPECT_EQ(iso(data_window(rule, jan).first), "2025-12-15");
}

TEST(ReportingRule, CalendarWindowIsDueNextMonth) {
  ReportingRule rule;
  rule.window = DataWindow::calendar;
  HolidayCalendar cal;
  const Period dec{PeriodType::monthly, 2026, 12};
  EXPECT_EQ(iso(data_window(rule, dec).first), "2026-12-01");
  EXPECT_EQ(iso(data_window(rule, dec).last), "2026-12-31");
  EXPECT_EQ(iso(report_due_date(rule, cal, dec)), "2027-01-19");
}

TEST(ReportingRule, QuarterAndHalfYearWindows) {
  ReportingRule rule;
  rule.period_type = PeriodType::quarterly;
  HolidayCalendar cal;
  const Period q1{PeriodType::quarterly, 2026, 1};
  EXPECT_EQ(iso(data_window(rule, q1).first), "2025-12-15");
  EXPECT_EQ(iso(data_window(rule, q1).last), "2026-03-14");
  EXPECT_EQ(iso(report_due_date(rule, cal, q1)), "2026-03-19");
  const Period h2{PeriodType::half_year, 2026, 2};
  EXPECT_EQ(iso(data_window(rule, h2).first), "2026-06-15");
  EXPECT_EQ(iso(data_window(rule, h2).last), "2026-12-14");
}

TEST(ReportingRule, AnnualReportDueThirtiethOfNovember) {
  ReportingRule rule;
  HolidayCalendar cal;
  EXPECT_EQ(iso(report_due_date(rule, cal, Period{PeriodType::annual, 2026, 1})), "2026-11-30");
  // 30/11/2025 was a Sunday: with the shift rule it moves to Monday 1/12.
  rule.shift_to_working_day = true;
  EXPECT_EQ(iso(annual_due_date(rule, cal, 2025)), "2025-12-01");
}

TEST(ReportingRule, DueOnWeekendOrHolidayMovesOnlyWhenAsked) {
  ReportingRule rule;
  HolidayCalendar cal;
  // 19/4/2026 is a Sunday.
  const Period apr{PeriodType::monthly, 2026, 4};
  EXPECT_EQ(iso(report_due_date(rule, cal, apr)), "2026-04-19");
  rule.shift_to_working_day = true;
  EXPECT_EQ(iso(report_due_date(rule, cal, apr)), "2026-04-20");
  // A holiday on the Monday pushes it one more day (a made-up holiday to test the walk).
  cal.holidays.insert(make_date(2026, 4, 20));
  EXPECT_EQ(iso(report_due_date(rule, cal, apr)), "2026-04-21");
  // 19/8/2026 is a Wednesday and a working day: unchanged.
  EXPECT_EQ(iso(report_due_date(rule, cal, Period{PeriodType::monthly, 2026, 8})), "2026-08-19");
}

TEST(ReportingRule, JudgedAndOpenPeriods) {
  ReportingRule rule;
  HolidayCalendar cal;
  // On 24/11 the November report (due 19/11) has passed; the December one is open.
  EXPECT_EQ(judged_period(rule, cal, make_date(2026, 11, 24)).key(), "2026-11");
  EXPECT_EQ(open_period(rule, cal, make_date(2026, 11, 24)).key(), "2026-12");
  // R3: on the due day itself the period is still open; the one before it is judged.
  EXPECT_EQ(judged_period(rule, cal, make_date(2026, 11, 19)).key(), "2026-10");
  EXPECT_EQ(open_period(rule, cal, make_date(2026, 11, 19)).key(), "2026-11");
  EXPECT_EQ(judged_period(rule, cal, make_date(2026, 1, 5)).key(), "2025-12");
}

// R2: the first period is the first whose last on-time day is at least N days (default 10) after the issue
// date; the periods before it are not reported on, and a plan without an issue date has none.
TEST(ReportingRule, FirstReportingPeriodFollowsTheIssueDate) {
  struct Case {
    const char* why;
    PeriodType type;
    Date issued;
    int lead;
    const char* first;
  };
  const Case cases[] = {
      {"issued 15/03: March is due 19/03, too soon; April (19/04) is the first", PeriodType::monthly,
       make_date(2026, 3, 15), 10, "2026-04"},
      {"issued 09/03: 19/03 is exactly 10 days later, so March counts", PeriodType::monthly, make_date(2026, 3, 9), 10,
       "2026-03"},
      {"issued 10/03: 19/03 is 9 days later; April", PeriodType::monthly, make_date(2026, 3, 10), 10, "2026-04"},
      {"issued 25/12: January's report (19/01) is the first, across the year", PeriodType::monthly,
       make_date(2025, 12, 25), 10, "2026-01"},
      {"a lead of 0 days: the period due on the issue date itself counts", PeriodType::monthly, make_date(2026, 3, 19),
       0, "2026-03"},
      {"a lead of 30 days: 19/04 is 29 days after 21/03; May", PeriodType::monthly, make_date(2026, 3, 21), 30,
       "2026-05"},
      {"quarterly, issued 01/06: Q2 is due 19/06, 18 days later", PeriodType::quarterly, make_date(2026, 6, 1), 10,
       "2026-Q2"},
      {"quarterly, issued 15/06: Q3", PeriodType::quarterly, make_date(2026, 6, 15), 10, "2026-Q3"},
      {"annual, issued 25/11: the year's report is due 30/11, 5 days later; next year", PeriodType::annual,
       make_date(2026, 11, 25), 10, "2027"},
  };
  HolidayCalendar cal;
  for (const auto& c : cases) {
    ReportingRule rule;
    rule.period_type = c.type;
    rule.first_period_lead_days = c.lead;
    const auto first = first_reporting_period(rule, cal, c.issued);
    ASSERT_TRUE(first) << c.why;
    EXPECT_EQ(first->key(), c.first) << c.why;
    EXPECT_TRUE(is_reporting_period(rule, cal, c.issued, *first)) << c.why;
    EXPECT_FALSE(is_reporting_period(rule, cal, c.issued, previous(*first))) << c.why;
    EXPECT_TRUE(is_reporting_period(rule, cal, c.issued, next(*first))) << c.why;
  }
  ReportingRule rule;
  EXPECT_FALSE(first_reporting_period(rule, cal, std::nullopt)) << "no issue date: no period";
  EXPECT_FALSE(is_reporting_period(rule, cal, std::nullopt, Period{PeriodType::monthly, 2026, 11}));
}

// R3 around the due day, with and without due days moved off weekends and holidays.
TEST(ReportingRule, JudgedPeriodTurnsTheDayAfterTheDueDay) {
  struct Case {
    bool shift;
    bool holiday_apr20;  // a made-up holiday on Monday 20/4/2026
    Date as_of;
    const char* judged;
  };
  const Case cases[] = {
      // 19/11/2026 is a Thursday: due that day.
      {false, false, make_date(2026, 11, 18), "2026-10"},
      {false, false, make_date(2026, 11, 19), "2026-10"},  // due day: still open
      {false, false, make_date(2026, 11, 20), "2026-11"},  // day after: judged
      // 19/4/2026 is a Sunday: without the shift it is still the due day.
      {false, false, make_date(2026, 4, 19), "2026-03"},
      {false, false, make_date(2026, 4, 20), "2026-04"},
      // With the shift the due day is Monday 20/4: judged only from 21/4.
      {true, false, make_date(2026, 4, 19), "2026-03"},
      {true, false, make_date(2026, 4, 20), "2026-03"},
      {true, false, make_date(2026, 4, 21), "2026-04"},
      // A holiday on Monday pushes the due day to Tuesday 21/4: judged from 22/4.
      {true, true, make_date(2026, 4, 21), "2026-03"},
      {true, true, make_date(2026, 4, 22), "2026-04"},
      // Across the year (Decree 09 windows): December is due 19/12, January 2027 on 19/1/2027.
      {false, false, make_date(2026, 12, 19), "2026-11"},
      {false, false, make_date(2026, 12, 20), "2026-12"},
      {false, false, make_date(2027, 1, 19), "2026-12"},
      {false, false, make_date(2027, 1, 20), "2027-01"},
  };
  for (const auto& c : cases) {
    ReportingRule rule;
    rule.shift_to_working_day = c.shift;
    HolidayCalendar cal;
    if (c.holiday_apr20) cal.holidays.insert(make_date(2026, 4, 20));
    EXPECT_EQ(judged_period(rule, cal, c.as_of).key(), c.judged) << iso(c.as_of) << " shift=" << c.shift;
    // The judged period's due day is always before the date, and the next period's is not.
    EXPECT_LT(report_due_date(rule, cal, judged_period(rule, cal, c.as_of)), c.as_of);
    EXPECT_GE(report_due_date(rule, cal, next(judged_period(rule, cal, c.as_of))), c.as_of);
  }
}

// R1: both ends included, a missing end open.
TEST(ReportingRule, ActiveSpanTable) {
  const Date jul1 = make_date(2026, 7, 1), jun30 = make_date(2026, 6, 30);
  struct Case {
    ActiveSpan span;
    Date d;
    bool active;
  };
  const Case cases[] = {
      {{}, jun30, true},
      {{jul1, std::nullopt}, jun30, false},
      {{jul1, std::nullopt}, jul1, true},
      {{std::nullopt, jun30}, jun30, true},
      {{std::nullopt, jun30}, jul1, false},
      {{jul1, jul1}, jul1, true},
  };
  for (const auto& c : cases) EXPECT_EQ(c.span.contains(c.d), c.active) << iso(c.d);
}

// R1 and R2: active on the due date and leading a live assignment.
TEST(ReportingRule, ObligationFollowsTheActiveSpanOnTheDueDate) {
  struct Case {
    std::optional<Date> from, to;
    Date due;
    bool leads;
    bool owes;
  };
  const Date due = make_date(2026, 7, 19);
  const Case cases[] = {
      {std::nullopt, std::nullopt, due, true, true},
      {std::nullopt, std::nullopt, due, false, false},                     // coordinating only
      {make_date(2026, 7, 1), std::nullopt, due, true, true},              // opened in July, before the due day
      {make_date(2026, 7, 19), std::nullopt, due, true, true},             // opened on the due day
      {make_date(2026, 7, 20), std::nullopt, due, true, false},            // opened the day after
      {std::nullopt, make_date(2026, 7, 19), due, true, true},             // closed on the due day
      {std::nullopt, make_date(2026, 7, 18), due, true, false},            // closed the day before
      {make_date(2026, 1, 1), make_date(2026, 6, 30), due, true, false},   // closed mid-year
      {make_date(2026, 7, 15), make_date(2026, 12, 31), due, true, true},  // window overlap is not enough...
      {make_date(2026, 7, 15), make_date(2026, 7, 18), due, true, false},  // ...the due date decides
  };
  for (const auto& c : cases) {
    EXPECT_EQ(owes_report(ActiveSpan{c.from, c.to}, c.due, c.leads), c.owes)
        << (c.from ? iso(*c.from) : "-") << ".." << (c.to ? iso(*c.to) : "-") << " leads=" << c.leads;
  }
}

TEST(ReportingRule, NamesRoundTrip) {
  for (auto t : {PeriodType::monthly, PeriodType::quarterly, PeriodType::half_year, PeriodType::annual})
    EXPECT_EQ(period_type_from(to_string(t)), t);
  EXPECT_EQ(data_window_from("decree09"), DataWindow::decree09);
  EXPECT_FALSE(data_window_from("weekly"));
}

}  // namespace tiendo::domain
