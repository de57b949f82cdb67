#pragma once
// Calendar dates and the one time zone that matters: Asia/Ho_Chi_Minh (UTC+7, no daylight saving).
#include <chrono>
#include <optional>
#include <string>
#include <string_view>

namespace tiendo::domain {

using Date = std::chrono::sys_days;
using Instant = std::chrono::sys_seconds;

constexpr std::chrono::hours kVietnamOffset{7};

std::optional<Date> parse_iso_date(std::string_view text);        // YYYY-MM-DD, validated
std::string iso(Date d);                                          // YYYY-MM-DD
std::string vn_date(Date d);                                      // dd/mm/yyyy
std::optional<Instant> parse_iso_instant(std::string_view text);  // YYYY-MM-DDTHH:MM:SSZ
std::string iso(Instant t);                                       // YYYY-MM-DDTHH:MM:SSZ

Date make_date(int y, unsigned m, unsigned d);
Date last_day_of_month(int y, unsigned m);
int year_of(Date d);
unsigned month_of(Date d);
unsigned day_of(Date d);
bool is_weekend(Date d);
// The ISO 8601 week of d, "2026-W48": weeks start on Monday and belong to the year of their Thursday.
std::string iso_week(Date d);
// The Monday that starts d's ISO week.
Date week_start(Date d);

// The calendar date in Vietnam at instant t.
Date vietnam_date(Instant t);
// The first instant after the whole Vietnamese day d has passed: the moment a deadline "end of d" expires.
Instant end_of_vietnam_day(Date d);

}  // namespace tiendo::domain
