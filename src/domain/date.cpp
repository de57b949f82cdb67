#include "domain/date.h"

#include <cstdio>

namespace tiendo::domain {
using namespace std::chrono;

namespace {
bool parse_int(std::string_view s, int& out) {
  if (s.empty()) {
    return false;
  }
  int v = 0;
  for (char c : s) {
    if (c < '0' || c > '9') {
      return false;
    }
    v = v * 10 + (c - '0');
  }
  out = v;
  return true;
}
}  // namespace

Date make_date(int y, unsigned m, unsigned d) { return sys_days{year{y} / month{m} / day{d}}; }

Date last_day_of_month(int y, unsigned m) { return sys_days{year{y} / month{m} / last}; }

int year_of(Date d) { return static_cast<int>(year_month_day{d}.year()); }
unsigned month_of(Date d) { return static_cast<unsigned>(year_month_day{d}.month()); }
unsigned day_of(Date d) { return static_cast<unsigned>(year_month_day{d}.day()); }

bool is_weekend(Date d) {
  const weekday wd{d};
  return wd == Saturday || wd == Sunday;
}

Date week_start(Date d) { return d - (weekday{d} - Monday); }

std::string iso_week(Date d) {
  const Date thursday = week_start(d) + days{3};
  const int year = year_of(thursday);
  const int week = static_cast<int>((thursday - make_date(year, 1, 1)).count() / 7) + 1;
  char buf[32];
  std::snprintf(buf, sizeof buf, "%04d-W%02d", year, week);
  return buf;
}

std::optional<Date> parse_iso_date(std::string_view t) {
  int y = 0, m = 0, d = 0;
  if (t.size() != 10 || t[4] != '-' || t[7] != '-' || !parse_int(t.substr(0, 4), y) || !parse_int(t.substr(5, 2), m) ||
      !parse_int(t.substr(8, 2), d)) {
    return std::nullopt;
  }
  const year_month_day ymd{year{y}, month{static_cast<unsigned>(m)}, day{static_cast<unsigned>(d)}};
  if (!ymd.ok()) {
    return std::nullopt;
  }
  return sys_days{ymd};
}

std::string iso(Date d) {
  const year_month_day ymd{d};
  char buf[40];
  std::snprintf(buf, sizeof buf, "%04d-%02u-%02u", static_cast<int>(ymd.year()), static_cast<unsigned>(ymd.month()),
                static_cast<unsigned>(ymd.day()));
  return buf;
}

std::string vn_date(Date d) {
  const year_month_day ymd{d};
  char buf[40];
  std::snprintf(buf, sizeof buf, "%02u/%02u/%04d", static_cast<unsigned>(ymd.day()), static_cast<unsigned>(ymd.month()),
                static_cast<int>(ymd.year()));
  return buf;
}

std::optional<Instant> parse_iso_instant(std::string_view t) {
  int hh = 0, mm = 0, ss = 0;
  if (t.size() != 20 || t[10] != 'T' || t[13] != ':' || t[16] != ':' || t[19] != 'Z' ||
      !parse_int(t.substr(11, 2), hh) || !parse_int(t.substr(14, 2), mm) || !parse_int(t.substr(17, 2), ss) ||
      hh > 23 || mm > 59 || ss > 59) {
    return std::nullopt;
  }
  auto d = parse_iso_date(t.substr(0, 10));
  if (!d) {
    return std::nullopt;
  }
  return Instant{*d} + hours{hh} + minutes{mm} + seconds{ss};
}

std::string iso(Instant t) {
  const Date d = floor<days>(t);
  const hh_mm_ss hms{t - Instant{d}};
  char buf[80];
  std::snprintf(buf, sizeof buf, "%sT%02d:%02d:%02dZ", iso(d).c_str(), static_cast<int>(hms.hours().count()),
                static_cast<int>(hms.minutes().count()), static_cast<int>(hms.seconds().count()));
  return buf;
}

Date vietnam_date(Instant t) { return floor<days>(t + kVietnamOffset); }

Instant end_of_vietnam_day(Date d) { return Instant{d + days{1}} - kVietnamOffset; }

}  // namespace tiendo::domain
