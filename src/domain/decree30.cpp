#include "domain/decree30.h"

#include <array>
#include <cstdio>

namespace tiendo::domain {

std::string_view to_string(DocumentFormat f) { return f == DocumentFormat::state ? "state" : "party"; }

std::optional<DocumentFormat> document_format_from(std::string_view s) {
  if (s == "state") return DocumentFormat::state;
  if (s == "party") return DocumentFormat::party;
  return std::nullopt;
}

std::string place_date_line(std::string_view place, Date d) {
  const unsigned day = day_of(d), month = month_of(d);
  char buf[64];
  std::snprintf(buf, sizeof buf, ", ngày %02u tháng %s%u năm %d", day, month <= 2 ? "0" : "", month, year_of(d));
  return std::string(place) + buf;
}

std::string number_line(DocumentFormat f, std::optional<int> number, std::string_view kind_code,
                        std::string_view issuer_code) {
  const std::string n = number ? std::to_string(*number) : "      ";
  if (f == DocumentFormat::party) return "Số " + n + "-" + std::string(kind_code) + "/" + std::string(issuer_code);
  return "Số: " + n + "/" + std::string(kind_code) + "-" + std::string(issuer_code);
}

std::string roman(int n) {
  static const std::array<std::pair<int, const char*>, 13> table{{{1000, "M"},
                                                                  {900, "CM"},
                                                                  {500, "D"},
                                                                  {400, "CD"},
                                                                  {100, "C"},
                                                                  {90, "XC"},
                                                                  {50, "L"},
                                                                  {40, "XL"},
                                                                  {10, "X"},
                                                                  {9, "IX"},
                                                                  {5, "V"},
                                                                  {4, "IV"},
                                                                  {1, "I"}}};
  std::string out;
  for (const auto& [value, letters] : table) {
    while (n >= value) {
      out += letters;
      n -= value;
    }
  }
  return out;
}

std::string on_behalf_of(DocumentFormat f, std::string_view body) {
  return (f == DocumentFormat::party ? "T/M " : "TM. ") + upper(body);
}

std::string deputy_for(DocumentFormat f, std::string_view head_title) {
  return (f == DocumentFormat::party ? "K/T " : "KT. ") + upper(head_title);
}

std::string period_words(std::string_view key) {
  // Keys: "2026-11" (month), "2026-Q4", "2026-H1", "2026" (year).
  const std::string year(key.substr(0, 4));
  if (key.size() == 4) return "năm " + year;
  const std::string_view rest = key.substr(5);
  if (rest.starts_with("Q")) return "quý " + roman(rest[1] - '0') + " năm " + year;
  if (rest == "H1") return "6 tháng đầu năm " + year;
  if (rest == "H2") return "6 tháng cuối năm " + year;
  return "tháng " + std::to_string(std::stoi(std::string(rest))) + " năm " + year;
}

namespace {

// Decodes one UTF-8 code point at s[i], advancing i.
char32_t next_cp(std::string_view s, size_t& i) {
  const auto c = static_cast<unsigned char>(s[i]);
  int n = c < 0x80 ? 0 : c < 0xE0 ? 1 : c < 0xF0 ? 2 : 3;
  char32_t cp = n == 0 ? c : n == 1 ? (c & 0x1F) : n == 2 ? (c & 0x0F) : (c & 0x07);
  for (int k = 1; k <= n && i + k < s.size(); ++k) cp = (cp << 6) | (static_cast<unsigned char>(s[i + k]) & 0x3F);
  i += static_cast<size_t>(n) + 1;
  return cp;
}

void put_cp(std::string& out, char32_t cp) {
  if (cp < 0x80) {
    out += static_cast<char>(cp);
  } else if (cp < 0x800) {
    out += static_cast<char>(0xC0 | (cp >> 6));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  } else if (cp < 0x10000) {
    out += static_cast<char>(0xE0 | (cp >> 12));
    out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  } else {
    out += static_cast<char>(0xF0 | (cp >> 18));
    out += static_cast<char>(0x80 | ((cp >> 12) & 0x3F));
    out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  }
}

char32_t upper_cp(char32_t c) {
  if (c >= 'a' && c <= 'z') return c - 32;
  // Latin-1 (à..þ except ÷), Latin Extended-A/B pairs Vietnamese uses, and Latin Extended Additional
  // (ạ..ỹ): upper case is the even neighbour.
  if (c >= 0xE0 && c <= 0xFE && c != 0xF7) return c - 32;
  if (c == 0x0103 || c == 0x0111 || c == 0x0129 || c == 0x0169) return c - 1;  // ă đ ĩ ũ
  if (c == 0x01A1 || c == 0x01B0) return c - 1;                                // ơ ư
  if (c >= 0x1EA0 && c <= 0x1EF9 && (c & 1)) return c - 1;
  return c;
}

}  // namespace

std::string upper(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  for (size_t i = 0; i < s.size();) put_cp(out, upper_cp(next_cp(s, i)));
  return out;
}

std::string data_read_line(Date as_of, Instant read_at) {
  const auto local = read_at + kVietnamOffset;
  const auto day = std::chrono::floor<std::chrono::days>(local);
  const std::chrono::hh_mm_ss hms(local - day);
  char buf[32];
  std::snprintf(buf, sizeof buf, "%02d:%02d", static_cast<int>(hms.hours().count()),
                static_cast<int>(hms.minutes().count()));
  return "Số liệu tổng hợp đến hết ngày " + vn_date(as_of) + ", đọc lúc " + buf + " ngày " + vn_date(Date(day));
}

}  // namespace tiendo::domain
