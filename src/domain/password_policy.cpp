#include "domain/password_policy.h"

#include <algorithm>
#include <array>
#include <vector>

#include "domain/text.h"

namespace tiendo::domain {

namespace {
// The context words no password may contain, folded: the product's name and "mật khẩu" itself.
constexpr std::array<std::string_view, 4> kForbidden = {"tiendo", "matkhau", "tien do", "mat khau"};

std::string only(const std::string& folded, bool digits) {
  std::string out;
  for (unsigned char ch : folded) {
    if ((ch >= 'a' && ch <= 'z') || (digits && ch >= '0' && ch <= '9')) out += static_cast<char>(ch);
  }
  return out;
}

// The words of a name, folded, of at least three letters ("Sở Khoa học" → "khoa", "hoc").
std::vector<std::string> words_of(const std::string& name) {
  std::vector<std::string> out;
  std::string word;
  for (unsigned char ch : fold(name) + " ") {
    if ((ch >= 'a' && ch <= 'z') || (ch >= '0' && ch <= '9')) {
      word += static_cast<char>(ch);
    } else {
      if (word.size() >= 3) out.push_back(word);
      word.clear();
    }
  }
  return out;
}

size_t codepoints(const std::string& s) {
  return static_cast<size_t>(std::count_if(s.begin(), s.end(), [](char c) { return (c & 0xC0) != 0x80; }));
}
}  // namespace

CommonPasswords::CommonPasswords(std::string_view text) {
  size_t i = 0;
  while (i < text.size()) {
    size_t end = text.find('\n', i);
    if (end == std::string_view::npos) end = text.size();
    std::string_view line = text.substr(i, end - i);
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    if (!line.empty() && !line.starts_with("#!comment")) words_.insert(fold(line));
    i = end + 1;
  }
}

std::optional<std::string> password_problem(const std::string& password, const PasswordContext& context,
                                            const CommonPasswords& common) {
  if (codepoints(password) < kMinPasswordLength) return "Mật khẩu cần ít nhất 10 ký tự.";
  bool letter = false, digit = false;
  for (unsigned char ch : password) {
    if (std::isalpha(ch) || ch >= 0x80) letter = true;
    if (std::isdigit(ch)) digit = true;
  }
  if (!letter || !digit) return "Mật khẩu cần có cả chữ và số.";

  const std::string folded = fold(password);
  const std::string letters = only(folded, false);
  const std::string alnum = only(folded, true);
  for (auto w : kForbidden) {
    if (folded.find(w) != std::string::npos || letters.find(only(std::string(w), false)) != std::string::npos) {
      return w.starts_with("m") ? "Mật khẩu không được chứa chữ “mật khẩu”."
                                : "Mật khẩu không được chứa tên sản phẩm (Tiến Độ).";
    }
  }
  const std::string user = only(fold(context.username), true);
  if (user.size() >= 3 && alnum.find(user) != std::string::npos) return "Mật khẩu không được chứa tên đăng nhập.";

  // A common password with digits or signs around it is still the common password.
  if (common.contains(folded) || common.contains(alnum) || (letters.size() >= 4 && common.contains(letters))) {
    return "Mật khẩu quá phổ biến, dễ bị đoán.";
  }
  if (std::all_of(folded.begin(), folded.end(), [&](char c) { return c == folded.front(); }))
    return "Mật khẩu không được là một ký tự lặp lại.";

  // What is left once the words of the person's name and unit are taken out must still be a password.
  std::vector<std::string> words = words_of(context.unit_name);
  for (auto& w : words_of(context.full_name)) words.push_back(std::move(w));
  std::sort(words.begin(), words.end(), [](const auto& a, const auto& b) { return a.size() > b.size(); });
  std::string rest = letters;
  for (const auto& w : words) {
    for (size_t at = rest.find(w); at != std::string::npos; at = rest.find(w)) rest.erase(at, w.size());
  }
  if (!words.empty() && rest.size() < 4) return "Mật khẩu không được chỉ gồm tên đơn vị hay họ tên.";
  return std::nullopt;
}

}  // namespace tiendo::domain
