#include "domain/text.h"

#include <array>
#include <cctype>
#include <cmath>
#include <cstdio>
#include <unordered_map>

namespace tiendo::domain {
namespace {

// Decodes one UTF-8 code point at s[i]; returns U+FFFD for malformed input and advances i.
char32_t next_code_point(std::string_view s, size_t& i) {
  const auto b = static_cast<unsigned char>(s[i]);
  int len = b < 0x80 ? 1 : (b >> 5) == 6 ? 2 : (b >> 4) == 14 ? 3 : (b >> 3) == 30 ? 4 : 0;
  if (len == 0 || i + len > s.size()) {
    ++i;
    return 0xFFFD;
  }
  char32_t cp = len == 1 ? b : len == 2 ? (b & 0x1F) : len == 3 ? (b & 0x0F) : (b & 0x07);
  for (int k = 1; k < len; ++k) {
    cp = (cp << 6) | (static_cast<unsigned char>(s[i + k]) & 0x3F);
  }
  i += len;
  return cp;
}

void append_utf8(std::string& out, char32_t cp) {
  if (cp < 0x80) {
    out.push_back(static_cast<char>(cp));
  } else if (cp < 0x800) {
    out.push_back(static_cast<char>(0xC0 | (cp >> 6)));
    out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  } else if (cp < 0x10000) {
    out.push_back(static_cast<char>(0xE0 | (cp >> 12)));
    out.push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
    out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  } else {
    out.push_back(static_cast<char>(0xF0 | (cp >> 18)));
    out.push_back(static_cast<char>(0x80 | ((cp >> 12) & 0x3F)));
    out.push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
    out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  }
}

const std::unordered_map<char32_t, char>& base_letters() {
  static const auto table = [] {
    // Every Vietnamese vowel with its marks, lower and upper case, grouped by base letter.
    const std::array<std::pair<char, std::string_view>, 7> groups{{
        {'a', "àáảãạăằắẳẵặâầấẩẫậÀÁẢÃẠĂẰẮẲẴẶÂẦẤẨẪẬ"},
        {'e', "èéẻẽẹêềếểễệÈÉẺẼẸÊỀẾỂỄỆ"},
        {'i', "ìíỉĩịÌÍỈĨỊ"},
        {'o', "òóỏõọôồốổỗộơờớởỡợÒÓỎÕỌÔỒỐỔỖỘƠỜỚỞỠỢ"},
        {'u', "ùúủũụưừứửữựÙÚỦŨỤƯỪỨỬỮỰ"},
        {'y', "ỳýỷỹỵỲÝỶỸỴ"},
        {'d', "đĐ"},
    }};
    std::unordered_map<char32_t, char> t;
    for (const auto& [base, variants] : groups) {
      for (size_t i = 0; i < variants.size();) {
        t[next_code_point(variants, i)] = base;
      }
    }
    return t;
  }();
  return table;
}

}  // namespace

std::string fold(std::string_view utf8) {
  std::string out;
  out.reserve(utf8.size());
  const auto& table = base_letters();
  for (size_t i = 0; i < utf8.size();) {
    const char32_t cp = next_code_point(utf8, i);
    if (cp >= 0x0300 && cp <= 0x036F) {
      continue;  // combining marks of decomposed (NFD) input
    }
    if (cp < 0x80) {
      out.push_back(static_cast<char>(cp >= 'A' && cp <= 'Z' ? cp + 32 : cp));
    } else if (auto it = table.find(cp); it != table.end()) {
      out.push_back(it->second);
    } else {
      append_utf8(out, cp);
    }
  }
  return out;
}

std::string search_phrase(std::string_view query) {
  std::string out;
  for (char ch : fold(query)) {
    const auto u = static_cast<unsigned char>(ch);
    const bool word = u >= 0x80 || std::isalnum(u);
    if (word) {
      out.push_back(ch);
    } else if (!out.empty() && out.back() != ' ') {
      out.push_back(' ');
    }
  }
  while (!out.empty() && out.back() == ' ') out.pop_back();
  return out;
}

std::string normal_text(std::string_view s) {
  std::string out;
  bool space = false;
  for (char ch : s) {
    if (std::isspace(static_cast<unsigned char>(ch))) {
      space = !out.empty();
    } else {
      if (space) out += ' ';
      space = false;
      out += ch;
    }
  }
  return out;
}

std::string search_key(std::string_view utf8) { return " " + search_phrase(utf8) + " "; }

}  // namespace tiendo::domain

namespace tiendo::domain {
std::string vn_percent(double value) {
  if (!std::isfinite(value)) return "—";  // never "inf %" or "nan %" on a page
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.1f", value);
  std::string s = buf;
  if (s.ends_with(".0")) s.resize(s.size() - 2);
  for (char& c : s) {
    if (c == '.') c = ',';
  }
  return s + " %";
}

std::string vn_million_dong(long long dong) {
  // Tenths of a million, rounded half up, in integers: exact for any amount a task holds.
  const long long tenths = (dong + 50'000) / 100'000;
  std::string whole = std::to_string(tenths / 10);
  for (auto i = static_cast<long long>(whole.size()) - 3; i > 0; i -= 3) whole.insert(static_cast<size_t>(i), ".");
  return whole + (tenths % 10 ? "," + std::to_string(tenths % 10) : "") + " triệu đồng";
}
}  // namespace tiendo::domain

namespace tiendo::domain {

namespace {

// A strict UTF-8 decoder for file names: returns false for a malformed sequence (bad lead or continuation
// byte, truncated, overlong, surrogate, above U+10FFFF) and advances past its first byte.
bool strict_code_point(std::string_view s, size_t& i, char32_t& cp) {
  const auto b = static_cast<unsigned char>(s[i]);
  const int len = b < 0x80 ? 1 : (b & 0xE0) == 0xC0 ? 2 : (b & 0xF0) == 0xE0 ? 3 : (b & 0xF8) == 0xF0 ? 4 : 0;
  if (len == 0 || i + len > s.size()) {
    ++i;
    return false;
  }
  cp = len == 1 ? b : len == 2 ? (b & 0x1F) : len == 3 ? (b & 0x0F) : (b & 0x07);
  for (int k = 1; k < len; ++k) {
    const auto c = static_cast<unsigned char>(s[i + k]);
    if ((c & 0xC0) != 0x80) {
      ++i;
      return false;
    }
    cp = (cp << 6) | (c & 0x3F);
  }
  constexpr char32_t kMin[] = {0, 0, 0x80, 0x800, 0x10000};
  if (cp < kMin[len] || (cp >= 0xD800 && cp <= 0xDFFF) || cp > 0x10FFFF) {
    ++i;
    return false;
  }
  i += len;
  return true;
}

bool invisible_or_control(char32_t cp) {
  return cp < 0x20 || (cp >= 0x7F && cp <= 0x9F) || cp == 0x061C || cp == 0x200E || cp == 0x200F ||
         (cp >= 0x202A && cp <= 0x202E) || (cp >= 0x2066 && cp <= 0x2069) || cp == 0x2028 || cp == 0x2029 ||
         cp == 0xFEFF;
}

}  // namespace

std::string clean_file_name(std::string_view utf8) {
  std::string out;
  out.reserve(utf8.size());
  for (size_t i = 0; i < utf8.size();) {
    const size_t start = i;
    char32_t cp = 0;
    if (!strict_code_point(utf8, i, cp) || invisible_or_control(cp)) continue;
    out.append(utf8.substr(start, i - start));
  }
  const auto first = out.find_first_not_of(' ');
  if (first == std::string::npos) return "";
  return out.substr(first, out.find_last_not_of(' ') - first + 1);
}

}  // namespace tiendo::domain

namespace tiendo::domain {
std::string clip(std::string_view utf8, size_t max_bytes) {
  if (utf8.size() <= max_bytes) return std::string(utf8);
  size_t n = max_bytes;
  while (n > 0 && (static_cast<unsigned char>(utf8[n]) & 0xC0) == 0x80) --n;  // a continuation byte
  return std::string(utf8.substr(0, n)) + "…";
}

std::string en_count(long long n, std::string_view one, std::string_view many) {
  return std::to_string(n) + " " + std::string(n == 1 ? one : many);
}
}  // namespace tiendo::domain
