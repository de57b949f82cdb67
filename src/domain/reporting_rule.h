#pragma once
// The reporting rule of a plan: which periods exist, what data window each covers, and when each
// report is due (Decree 09/2019 by default: data from the 15th to the 14th, due before the 20th).
#include <optional>
#include <set>
#include <string>
#include <string_view>

#include "domain/date.h"

namespace tiendo::domain {

enum class PeriodType { monthly, quarterly, half_year, annual };
enum class DataWindow { calendar, decree09 };

std::string_view to_string(PeriodType t);
std::optional<PeriodType> period_type_from(std::string_view s);
std::string_view to_string(DataWindow w);
std::optional<DataWindow> data_window_from(std::string_view s);

struct Period {
  PeriodType type = PeriodType::monthly;
  int year = 0;
  int number = 1;  // month 1-12, quarter 1-4, half 1-2, annual 1

  std::string key() const;  // 2026-10, 2026-Q4, 2026-H2, 2026
  // As an official writes it: "tháng 11/2026", "quý IV/2026", "6 tháng cuối năm 2026", "năm 2026".
  std::string vn_label() const;
  std::string en_label() const;  // "11/2026", "Q1/2026", "H1 2026", "2026"
  auto operator<=>(const Period&) const = default;
};

std::optional<Period> parse_period(std::string_view key);
Period next(Period p);
Period previous(Period p);
int periods_per_year(PeriodType t);

struct HolidayCalendar {
  std::set<Date> holidays;
  bool is_working_day(Date d) const { return !is_weekend(d) && !holidays.contains(d); }
  Date next_working_day_from(Date d) const;  // d itself when it is a working day
};

struct ReportingRule {
  PeriodType period_type = PeriodType::monthly;
  DataWindow window = DataWindow::decree09;
  // "Before the 20th": the last on-time day is due_day - 1.
  int due_day = 20;
  // The annual report's last on-time day (30/11 in the 2026 plan), month and day.
  unsigned annual_due_month = 11;
  unsigned annual_due_day = 30;
  bool shift_to_working_day = false;
  int due_soon_days = 7;
  double update_target = 0.9;
  // R2: the first period reported on is the first whose last on-time day is at least this many days after the
  // plan's issue date (units need time to read a plan before they can report on it).
  int first_period_lead_days = 10;
};

struct Window {
  Date first;
  Date last;
  bool contains(Date d) const { return d >= first && d <= last; }
};

Window data_window(const ReportingRule& rule, Period p);
// The last day on which the report of period p is on time (after moving off holidays when the rule says so).
Date report_due_date(const ReportingRule& rule, const HolidayCalendar& cal, Period p);
// The last day on which the annual report of year y is on time.
Date annual_due_date(const ReportingRule& rule, const HolidayCalendar& cal, int y);
// R3: the latest period whose last on-time day is before `as_of`: the period a date is judged against.
// On the due day itself the period is still open and the one before it is judged.
Period judged_period(const ReportingRule& rule, const HolidayCalendar& cal, Date as_of);
// The period whose report is the next one due on or after `as_of`: what units are working on now.
Period open_period(const ReportingRule& rule, const HolidayCalendar& cal, Date as_of);

// R2: the first period of a plan issued on `issued`: the first whose last on-time day is at least
// `first_period_lead_days` after the issue date. A plan without an issue date has none: it cannot be reported on.
std::optional<Period> first_reporting_period(const ReportingRule& rule, const HolidayCalendar& cal,
                                             std::optional<Date> issued);
// R2: whether period p of that plan is reported on at all (p is its first period or a later one).
bool is_reporting_period(const ReportingRule& rule, const HolidayCalendar& cal, std::optional<Date> issued, Period p);

// R1: the days a unit is active, both ends included; a missing end leaves that side open.
struct ActiveSpan {
  std::optional<Date> from;
  std::optional<Date> to;
  bool contains(Date d) const;
};

// R2: a unit owes a period's report only if it is active on the period's due date and leads a live
// assignment of the plan in the period (coordinating units owe nothing).
bool owes_report(const ActiveSpan& unit, Date due, bool leads_live_assignment);

}  // namespace tiendo::domain
