#include "domain/deadline.h"

#include <array>
#include <regex>

#include "domain/names.h"
#include "domain/text.h"

namespace tiendo::domain {

namespace {
constexpr std::array<std::string_view, 8> kNames{"exact",     "month",   "quarter",     "year",
                                                 "recurring", "roadmap", "conditional", "unspecified"};

bool plausible_year(int y) { return y >= 2000 && y <= 2100; }

int roman_or_digit_quarter(const std::string& q) {
  if (q == "i" || q == "1") return 1;
  if (q == "ii" || q == "2") return 2;
  if (q == "iii" || q == "3") return 3;
  if (q == "iv" || q == "4") return 4;
  return 0;
}
}  // namespace

std::string_view to_string(DeadlineKind v) { return name_of(kNames, v); }

std::optional<DeadlineKind> deadline_kind_from(std::string_view s) { return from_name<DeadlineKind>(kNames, s); }

bool has_fixed_due(DeadlineKind k) {
  return k == DeadlineKind::exact || k == DeadlineKind::month || k == DeadlineKind::quarter || k == DeadlineKind::year;
}

Deadline parse_deadline(std::string_view text) {
  Deadline d;
  d.text = std::string(text);
  const std::string f = fold(text);
  // Words win over numbers: "Triển khai từ 2026, thực hiện thường xuyên" is recurring, not a year.
  if (f.find("khi co") != std::string::npos) {
    d.kind = DeadlineKind::conditional;
    return d;
  }
  if (f.find("lo trinh") != std::string::npos) {
    d.kind = DeadlineKind::roadmap;
    return d;
  }
  if (f.find("thuong xuyen") != std::string::npos || f.find("hang thang") != std::string::npos ||
      f.find("hang quy") != std::string::npos || f.find("hang nam") != std::string::npos ||
      f.find("dinh ky") != std::string::npos) {
    d.kind = DeadlineKind::recurring;
    return d;
  }
  std::smatch m;
  static const std::regex exact(R"((^|[^0-9])([0-9]{1,2})[/.\-]([0-9]{1,2})[/.\-]([0-9]{4}))");
  static const std::regex quarter(R"(quy\s*(iv|iii|ii|i|[1-4])\s*(/|nam)\s*([0-9]{4}))");
  static const std::regex month(R"((^|[^0-9/])([0-9]{1,2})\s*/\s*([0-9]{4}))");
  static const std::regex year(R"((nam|^)\s*([0-9]{4})\s*$)");
  if (std::regex_search(f, m, exact)) {
    const int y = std::stoi(m[4]);
    const auto mo = static_cast<unsigned>(std::stoi(m[3]));
    const auto da = static_cast<unsigned>(std::stoi(m[2]));
    const std::chrono::year_month_day ymd{std::chrono::year{y}, std::chrono::month{mo}, std::chrono::day{da}};
    if (plausible_year(y) && ymd.ok()) {
      d.kind = DeadlineKind::exact;
      d.due = std::chrono::sys_days{ymd};
      return d;
    }
  }
  if (std::regex_search(f, m, quarter)) {
    const int q = roman_or_digit_quarter(m[1]);
    const int y = std::stoi(m[3]);
    if (q > 0 && plausible_year(y)) {
      d.kind = DeadlineKind::quarter;
      d.due = last_day_of_month(y, static_cast<unsigned>(q * 3));
      return d;
    }
  }
  if (std::regex_search(f, m, month)) {
    const int mo = std::stoi(m[2]);
    const int y = std::stoi(m[3]);
    if (mo >= 1 && mo <= 12 && plausible_year(y)) {
      d.kind = DeadlineKind::month;
      d.due = last_day_of_month(y, static_cast<unsigned>(mo));
      return d;
    }
  }
  if (std::regex_search(f, m, year)) {
    const int y = std::stoi(m[2]);
    if (plausible_year(y)) {
      d.kind = DeadlineKind::year;
      d.due = last_day_of_month(y, 12);
      return d;
    }
  }
  d.kind = DeadlineKind::unspecified;
  return d;
}

}  // namespace tiendo::domain
