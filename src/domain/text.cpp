#include "domain/text.h"

#include <array>
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
}  // namespace tiendo::domain
