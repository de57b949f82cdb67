#include "domain/reminders.h"

#include <array>
#include <charconv>

#include "domain/names.h"

namespace tiendo::domain {

namespace {
constexpr std::array<std::string_view, 4> kKinds{"before_due", "after_due", "weekly_digest", "annual_before"};
}

std::string_view to_string(ReminderKind k) { return name_of(kKinds, k); }

std::string ReminderEvent::key() const {
  if (kind == ReminderKind::weekly_digest) return std::string(to_string(kind)) + ":" + iso(due);
  return std::string(to_string(kind)) + ":" + period.key() + ":" + std::to_string(days);
}

std::vector<ReminderEvent> reminders_on(const ReportingRule& rule, const HolidayCalendar& cal,
                                        const ReminderSchedule& schedule, Date d) {
  std::vector<ReminderEvent> out;
  const Period open = open_period(rule, cal, d);
  const Date open_due = report_due_date(rule, cal, open);
  for (int k : schedule.days_before) {
    if (open_due - std::chrono::days{k} == d) out.push_back({ReminderKind::before_due, open, open_due, k});
  }
  if (schedule.days_after > 0) {
    const Period judged = judged_period(rule, cal, d);
    const Date judged_due = report_due_date(rule, cal, judged);
    if (judged_due + std::chrono::days{schedule.days_after} == d)
      out.push_back({ReminderKind::after_due, judged, judged_due, schedule.days_after});
  }
  if (schedule.digest_weekday >= 0 &&
      std::chrono::weekday{d} == std::chrono::weekday{static_cast<unsigned>(schedule.digest_weekday)})
    out.push_back({ReminderKind::weekly_digest, open, d, 0});
  const Date annual = annual_due_date(rule, cal, year_of(d));
  for (int k : schedule.annual_days_before) {
    if (annual - std::chrono::days{k} == d)
      out.push_back({ReminderKind::annual_before, Period{PeriodType::annual, year_of(d), 1}, annual, k});
  }
  return out;
}

bool parse_day_list(std::string_view text, std::vector<int>& out) {
  out.clear();
  while (!text.empty()) {
    const auto comma = text.find(',');
    const auto part = text.substr(0, comma);
    int v = 0;
    auto [p, ec] = std::from_chars(part.data(), part.data() + part.size(), v);
    if (ec != std::errc() || p != part.data() + part.size() || v < 0 || v > 60) return false;
    out.push_back(v);
    if (comma == std::string_view::npos) break;
    text.remove_prefix(comma + 1);
  }
  return true;
}

}  // namespace tiendo::domain
