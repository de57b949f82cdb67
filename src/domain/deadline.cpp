#include "domain/deadline.h"

#include <array>
#include <regex>
#include <vector>

#include "domain/names.h"
#include "domain/text.h"

namespace tiendo::domain {

namespace {
constexpr std::array<std::string_view, 8> kNames{"exact",     "month",   "quarter",     "year",
                                                 "recurring", "roadmap", "conditional", "unspecified"};

// Longer text is never a deadline of a plan; the patterns only look at its start, so that a pasted
// page costs nothing.
constexpr size_t kMaxScanned = 400;

bool plausible_year(int y) { return y >= 2000 && y <= 2100; }

int quarter_number(const std::string& q) {
  if (q == "i" || q == "1") return 1;
  if (q == "ii" || q == "2") return 2;
  if (q == "iii" || q == "3") return 3;
  if (q == "iv" || q == "4") return 4;
  return 0;
}

int number(const std::ssub_match& m) {
  int v = 0;
  for (char c : m.str()) v = v * 10 + (c - '0');  // at most 4 digits by the patterns
  return v;
}

// A period named by the words: its first and last day.
struct Span {
  DeadlineKind kind;
  Date first;
  Date last;
};

// What the patterns found: nothing, a span, or the shape of a date with values that do not exist.
struct Found {
  bool shaped = false;
  std::optional<Span> span;
};

std::optional<Span> month_span(int y, int m) {
  if (!plausible_year(y) || m < 1 || m > 12) return std::nullopt;
  const auto mo = static_cast<unsigned>(m);
  return Span{DeadlineKind::month, make_date(y, mo, 1), last_day_of_month(y, mo)};
}

std::optional<Span> day_span(int y, int m, int d) {
  if (!plausible_year(y) || m < 1 || m > 12 || d < 1 || d > 31) return std::nullopt;
  const std::chrono::year_month_day ymd{std::chrono::year{y}, std::chrono::month{static_cast<unsigned>(m)},
                                        std::chrono::day{static_cast<unsigned>(d)}};
  if (!ymd.ok()) return std::nullopt;
  const Date day{ymd};
  return Span{DeadlineKind::exact, day, day};
}

std::optional<Span> quarter_span(int y, int q) {
  if (!plausible_year(y) || q < 1 || q > 4) return std::nullopt;
  const auto last_month = static_cast<unsigned>(q * 3);
  return Span{DeadlineKind::quarter, make_date(y, last_month - 2, 1), last_day_of_month(y, last_month)};
}

std::optional<Span> year_span(int y) {
  if (!plausible_year(y)) return std::nullopt;
  return Span{DeadlineKind::year, make_date(y, 1, 1), make_date(y, 12, 31)};
}

// The written forms, most specific first; each reads the folded text (lower case, no diacritics).
// A separator between a month or quarter and its year: "/", "-", ".", ",", "năm", or a space.
#define SEP R"(\s*(?:/|-|,|\.)?\s*(?:nam)?\s*)"
Found find_span(const std::string& f) {
  using R = std::regex;
  std::smatch m;
  // 30/6/2026, 30.6.2026, 30-6-2026, Ngày 15 tháng 8 năm 2026, ngày 15/8/2026.
  static const R exact(R"((^|[^0-9])([0-9]{1,2})\s*[/.\-]\s*([0-9]{1,2})\s*[/.\-]\s*([0-9]{4})($|[^0-9]))");
  static const R exact_words(R"(ngay\s*([0-9]{1,2})\s*(?:thang|/|-)\s*([0-9]{1,2}))" SEP R"(([0-9]{4}))");
  static const R iso(R"((^|[^0-9])([0-9]{4})-([0-9]{1,2})-([0-9]{1,2})($|[^0-9]))");
  if (std::regex_search(f, m, exact)) return {true, day_span(number(m[4]), number(m[3]), number(m[2]))};
  if (std::regex_search(f, m, exact_words)) return {true, day_span(number(m[3]), number(m[2]), number(m[1]))};
  if (std::regex_search(f, m, iso)) return {true, day_span(number(m[2]), number(m[3]), number(m[4]))};
  // 6 tháng đầu năm 2026 (30/6), 9 tháng đầu năm 2026 (30/9), 6 tháng cuối năm 2026 (31/12), nửa đầu năm
  // 2026: the first n months end with month n; the last n months end with the year.
  static const R months_of_year(R"((?:([0-9]{1,2}|sau)\s*thang|nua)\s*(dau|cuoi)\s*(?:nam)?\s*([0-9]{4}))");
  if (std::regex_search(f, m, months_of_year)) {
    const int y = number(m[3]);
    const int n = !m[1].matched || m[1] == "sau" ? 6 : number(m[1]);
    if (!plausible_year(y) || n < 1 || n > 12) return {true, std::nullopt};
    const auto months = static_cast<unsigned>(n);
    if (m[2] == "dau" && n < 12)
      return {true, Span{DeadlineKind::month, make_date(y, 1, 1), last_day_of_month(y, months)}};
    return {true, Span{DeadlineKind::year, make_date(y, m[2] == "dau" ? 1 : 13 - months, 1), make_date(y, 12, 31)}};
  }
  // Quý II/2026, Q.II/2026, quý 3 năm 2026, Quý V/2027 (shaped, but no such quarter).
  static const R quarter(R"((^|[^a-z0-9])(?:quy|q)\s*\.?\s*([ivx]{1,6}|[0-9]{1,3}))" SEP R"(([0-9]{4}))");
  if (std::regex_search(f, m, quarter)) return {true, quarter_span(number(m[3]), quarter_number(m[2]))};
  // Tháng 6 năm 2026, T6/2026, tháng 6/2026, Hoàn thành trong tháng 10 năm 2026, 12/2026.
  static const R month(R"((^|[^a-z0-9])(?:thang|t)\s*\.?\s*([0-9]{1,3}))" SEP R"(([0-9]{4}))");
  static const R bare_month(R"((^|[^0-9/.\-])([0-9]{1,3})\s*[/\-]\s*([0-9]{4})($|[^0-9/]))");
  if (std::regex_search(f, m, month)) return {true, month_span(number(m[3]), number(m[2]))};
  if (std::regex_search(f, m, bare_month)) return {true, month_span(number(m[3]), number(m[2]))};
  // Giai đoạn 2026-2030: the end of the last year.
  static const R years(R"((^|[^0-9])([0-9]{4})\s*-\s*([0-9]{4})($|[^0-9]))");
  if (std::regex_search(f, m, years)) {
    if (number(m[2]) > number(m[3])) return {true, std::nullopt};
    return {true, year_span(number(m[3]))};
  }
  // Năm 2026, Trong năm 2026, 2026.
  static const R year(R"((^|[^a-z0-9])nam\s*([0-9]{4})($|[^0-9]))");
  static const R bare_year(R"(^\s*([0-9]{4})\s*$)");
  if (std::regex_search(f, m, year)) return {true, year_span(number(m[2]))};
  if (std::regex_search(f, m, bare_year)) return {true, year_span(number(m[1]))};
  return {};
}
#undef SEP

bool has_word(const std::string& key, std::string_view phrase) {
  return key.find(" " + std::string(phrase) + " ") != std::string::npos;
}

// Words that make text without a date a deadline all the same: it follows something else
// ("theo văn bản giao nhiệm vụ", "đồng bộ với Luật", "đảm bảo tiến độ đã đề ra").
constexpr std::array<std::string_view, 20> kReferenceWords{
    "theo",     "dong bo", "tien do",   "thoi han", "van ban",      "chi dao",  "ke hoach",
    "dam bao",  "sau khi", "ngay khi",  "kip thoi", "khan truong",  "som nhat", "cham nhat",
    "quy dinh", "yeu cau", "huong dan", "lo trinh", "thuong xuyen", "dinh ky"};

struct Reading {
  Deadline deadline;
  bool valid = true;
};

Reading read(std::string_view text) {
  Reading r;
  r.deadline.text = std::string(text);
  std::string f = fold(text);
  if (f.size() > kMaxScanned) f.resize(kMaxScanned);
  const std::string key = search_key(f);
  if (key.find_first_not_of(' ') == std::string::npos && f.find_first_of("0123456789") == std::string::npos) {
    // Nothing but spaces and punctuation: no deadline given.
    r.valid = f.find_first_not_of(" \t\r\n") == std::string::npos;
    return r;
  }
  // Words win over numbers: "Triển khai từ 2026, thực hiện thường xuyên" is recurring, not a year.
  if (has_word(key, "khi co")) {
    r.deadline.kind = DeadlineKind::conditional;
    return r;
  }
  if (has_word(key, "lo trinh")) {
    r.deadline.kind = DeadlineKind::roadmap;
    return r;
  }
  for (std::string_view w : {"thuong xuyen", "hang thang", "hang quy", "hang nam", "dinh ky"}) {
    if (has_word(key, w)) {
      r.deadline.kind = DeadlineKind::recurring;
      return r;
    }
  }
  const Found found = find_span(f);
  if (found.span) {
    r.deadline.kind = found.span->kind;
    // "Trước ngày 30/6" (before): the last on-time day is the day before the one named.
    const bool before = has_word(key, "truoc") && !has_word(key, "truoc khi");
    r.deadline.due = before ? found.span->first - std::chrono::days{1} : found.span->last;
    return r;
  }
  r.deadline.kind = DeadlineKind::unspecified;
  // The shape of a date that does not exist is refused; other words only when they follow nothing.
  r.valid = false;
  if (found.shaped) return r;
  for (auto w : kReferenceWords) {
    if (has_word(key, w)) r.valid = true;
  }
  return r;
}
}  // namespace

std::string_view to_string(DeadlineKind v) { return name_of(kNames, v); }

std::optional<DeadlineKind> deadline_kind_from(std::string_view s) { return from_name<DeadlineKind>(kNames, s); }

bool has_fixed_due(DeadlineKind k) {
  return k == DeadlineKind::exact || k == DeadlineKind::month || k == DeadlineKind::quarter || k == DeadlineKind::year;
}

Deadline parse_deadline(std::string_view text) { return read(text).deadline; }

std::optional<Deadline> read_deadline(std::string_view text) {
  Reading r = read(text);
  if (!r.valid) return std::nullopt;
  return std::move(r.deadline);
}

}  // namespace tiendo::domain
