#pragma once
// When reminders fire: before the monthly due date, the day after it, a weekly digest, and before the
// annual report's date. Each event has a key, so it is sent once whatever restarts or instances.
#include <string>
#include <vector>

#include "domain/reporting_rule.h"

namespace tiendo::domain {

struct ReminderSchedule {
  std::vector<int> days_before{5, 1};  // before the period's due date, to units that have not submitted
  int days_after = 1;                  // after it, to those still missing and their head (0: off)
  int digest_weekday = 1;              // 0 Sunday … 6 Saturday; -1: no weekly digest
  std::vector<int> annual_days_before{10, 3, 1};
};

enum class ReminderKind { before_due, after_due, weekly_digest, annual_before };
std::string_view to_string(ReminderKind k);

struct ReminderEvent {
  ReminderKind kind;
  Period period;            // the period concerned (the annual period for annual reminders)
  Date due;                 // its due date
  int days = 0;             // days before (or after) the due date
  std::string key() const;  // "before_due:2026-11:5" — the same event always has the same key
};

// The events that fire on day d.
std::vector<ReminderEvent> reminders_on(const ReportingRule& rule, const HolidayCalendar& cal,
                                        const ReminderSchedule& schedule, Date d);

// "5,1" -> {5, 1}; false on anything else.
bool parse_day_list(std::string_view text, std::vector<int>& out);

}  // namespace tiendo::domain
