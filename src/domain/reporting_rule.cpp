#include "domain/reporting_rule.h"

#include <array>
#include <cstdio>

#include "domain/names.h"

namespace tiendo::domain {
using std::chrono::days;

namespace {
constexpr std::array<std::string_view, 4> kPeriodNames{"monthly", "quarterly", "half_year", "annual"};
constexpr std::array<std::string_view, 2> kWindowNames{"calendar", "decree09"};

// The last month of a period: data windows and due dates are anchored there.
unsigned closing_month(Period p) {
  switch (p.type) {
    case PeriodType::monthly:
      return static_cast<unsigned>(p.number);
    case PeriodType::quarterly:
      return static_cast<unsigned>(p.number * 3);
    case PeriodType::half_year:
      return static_cast<unsigned>(p.number * 6);
    case PeriodType::annual:
      return 12;
  }
  return 12;
}
unsigned months_in(PeriodType t) {
  switch (t) {
    case PeriodType::monthly:
      return 1;
    case PeriodType::quarterly:
      return 3;
    case PeriodType::half_year:
      return 6;
    case PeriodType::annual:
      return 12;
  }
  return 1;
}
}  // namespace

std::string_view to_string(PeriodType v) { return name_of(kPeriodNames, v); }
std::optional<PeriodType> period_type_from(std::string_view s) { return from_name<PeriodType>(kPeriodNames, s); }
std::string_view to_string(DataWindow v) { return name_of(kWindowNames, v); }
std::optional<DataWindow> data_window_from(std::string_view s) { return from_name<DataWindow>(kWindowNames, s); }

int periods_per_year(PeriodType t) { return static_cast<int>(12 / months_in(t)); }

std::string Period::vn_label() const {
  static constexpr const char* kRoman[] = {"I", "II", "III", "IV"};
  const std::string y = std::to_string(year);
  switch (type) {
    case PeriodType::monthly:
      return "tháng " + std::to_string(number) + "/" + y;
    case PeriodType::quarterly:
      return std::string("quý ") + kRoman[(number - 1) & 3] + "/" + y;
    case PeriodType::half_year:
      return std::string(number == 1 ? "6 tháng đầu năm " : "6 tháng cuối năm ") + y;
    case PeriodType::annual:
      return "năm " + y;
  }
  return y;
}

std::string Period::en_label() const {
  const std::string y = std::to_string(year);
  switch (type) {
    case PeriodType::monthly:
      return std::to_string(number) + "/" + y;
    case PeriodType::quarterly:
      return "Q" + std::to_string(number) + "/" + y;
    case PeriodType::half_year:
      return "H" + std::to_string(number) + " " + y;
    case PeriodType::annual:
      return y;
  }
  return y;
}

std::string Period::key() const {
  char buf[16];
  switch (type) {
    case PeriodType::monthly:
      std::snprintf(buf, sizeof buf, "%04d-%02d", year, number);
      break;
    case PeriodType::quarterly:
      std::snprintf(buf, sizeof buf, "%04d-Q%d", year, number);
      break;
    case PeriodType::half_year:
      std::snprintf(buf, sizeof buf, "%04d-H%d", year, number);
      break;
    case PeriodType::annual:
      std::snprintf(buf, sizeof buf, "%04d", year);
      break;
  }
  return buf;
}

std::optional<Period> parse_period(std::string_view k) {
  auto digits = [](std::string_view s, int& out) {
    if (s.empty()) return false;
    out = 0;
    for (char c : s) {
      if (c < '0' || c > '9') return false;
      out = out * 10 + (c - '0');
    }
    return true;
  };
  int y = 0, n = 0;
  if (k.size() < 4 || !digits(k.substr(0, 4), y) || y < 2000 || y > 2100) return std::nullopt;
  if (k.size() == 4) return Period{PeriodType::annual, y, 1};
  if (k[4] != '-') return std::nullopt;
  const auto rest = k.substr(5);
  if (rest.size() == 2 && digits(rest, n) && n >= 1 && n <= 12) return Period{PeriodType::monthly, y, n};
  if (rest.size() == 2 && rest[0] == 'Q' && digits(rest.substr(1), n) && n >= 1 && n <= 4)
    return Period{PeriodType::quarterly, y, n};
  if (rest.size() == 2 && rest[0] == 'H' && digits(rest.substr(1), n) && n >= 1 && n <= 2)
    return Period{PeriodType::half_year, y, n};
  return std::nullopt;
}

Period next(Period p) {
  if (p.number >= periods_per_year(p.type)) return Period{p.type, p.year + 1, 1};
  return Period{p.type, p.year, p.number + 1};
}

Period previous(Period p) {
  if (p.number <= 1) return Period{p.type, p.year - 1, periods_per_year(p.type)};
  return Period{p.type, p.year, p.number - 1};
}

Date HolidayCalendar::next_working_day_from(Date d) const {
  // A bounded walk: no calendar closes more than a few weeks in a row.
  for (int i = 0; i < 60 && !is_working_day(d); ++i) d += days{1};
  return d;
}

Window data_window(const ReportingRule& rule, Period p) {
  const unsigned close = closing_month(p);
  const unsigned span = months_in(p.type);
  if (rule.window == DataWindow::calendar) {
    return Window{make_date(p.year, close - span + 1, 1), last_day_of_month(p.year, close)};
  }
  // Decree 09/2019: from the 15th of the month before the period to the 14th of its closing month.
  int start_year = p.year;
  int start_month = static_cast<int>(close - span);
  if (start_month <= 0) {
    start_month += 12;
    start_year -= 1;
  }
  return Window{make_date(start_year, static_cast<unsigned>(start_month), 15), make_date(p.year, close, 14)};
}

Date report_due_date(const ReportingRule& rule, const HolidayCalendar& cal, Period p) {
  if (p.type == PeriodType::annual) return annual_due_date(rule, cal, p.year);
  // The first (due_day - 1)th after the data window closes.
  const Window w = data_window(rule, p);
  const auto last_day = static_cast<unsigned>(rule.due_day - 1);
  int y = year_of(w.last);
  unsigned m = month_of(w.last);
  Date due = make_date(y, m, std::min(last_day, day_of(last_day_of_month(y, m))));
  if (due <= w.last) {
    m += 1;
    if (m > 12) {
      m = 1;
      y += 1;
    }
    due = make_date(y, m, std::min(last_day, day_of(last_day_of_month(y, m))));
  }
  return rule.shift_to_working_day ? cal.next_working_day_from(due) : due;
}

Date annual_due_date(const ReportingRule& rule, const HolidayCalendar& cal, int y) {
  const Date due = make_date(y, rule.annual_due_month, rule.annual_due_day);
  return rule.shift_to_working_day ? cal.next_working_day_from(due) : due;
}

Period judged_period(const ReportingRule& rule, const HolidayCalendar& cal, Date as_of) {
  // R3: the latest period whose last on-time day is before as_of. On the due day itself the period is
  // still open (its reports are pending, its updates not yet missed), so step back while due >= as_of.
  Period p = open_period(rule, cal, as_of);
  while (report_due_date(rule, cal, p) >= as_of) p = previous(p);
  return p;
}

Period open_period(const ReportingRule& rule, const HolidayCalendar& cal, Date as_of) {
  // Start one year back and walk forward to the first period not yet past due.
  Period p{rule.period_type, year_of(as_of) - 1, 1};
  for (int i = 0; i < 40 && report_due_date(rule, cal, p) < as_of; ++i) p = next(p);
  return p;
}

std::optional<Period> first_reporting_period(const ReportingRule& rule, const HolidayCalendar& cal,
                                             std::optional<Date> issued) {
  if (!issued) return std::nullopt;
  return open_period(rule, cal, *issued + days{rule.first_period_lead_days});
}

bool is_reporting_period(const ReportingRule& rule, const HolidayCalendar& cal, std::optional<Date> issued, Period p) {
  return issued && report_due_date(rule, cal, p) >= *issued + days{rule.first_period_lead_days};
}

bool ActiveSpan::contains(Date d) const { return (!from || *from <= d) && (!to || d <= *to); }

bool owes_report(const ActiveSpan& unit, Date due, bool leads_live_assignment) {
  return leads_live_assignment && unit.contains(due);
}

}  // namespace tiendo::domain
