#include "domain/password_policy.h"

#include <algorithm>
#include <array>
#include <cctype>
#include <string_view>

namespace tiendo::domain {

namespace {
std::string lower(std::string_view s) {
  std::string out(s);
  std::transform(out.begin(), out.end(), out.begin(), [](unsigned char c) { return std::tolower(c); });
  return out;
}

// The words people reach for first; a guessing run tries them first too.
constexpr std::array<std::string_view, 8> kCommon = {"password", "matkhau", "123456", "qwerty",
                                                     "admin",    "abc123",  "111111", "tiendo"};
}  // namespace

std::optional<std::string> password_problem(const std::string& password, const std::string& username) {
  if (password.size() < kMinPasswordLength) return "Mật khẩu cần ít nhất 10 ký tự.";
  bool letter = false, digit = false;
  for (unsigned char ch : password) {
    if (std::isalpha(ch) || ch >= 0x80) letter = true;
    if (std::isdigit(ch)) digit = true;
  }
  if (!letter || !digit) return "Mật khẩu cần có cả chữ và số.";
  const std::string p = lower(password);
  if (!username.empty() && p.find(lower(username)) != std::string::npos)
    return "Mật khẩu không được chứa tên đăng nhập.";
  // A common word with only digits around it is still the common word.
  std::string letters;
  for (char ch : p) {
    if (!std::isdigit(static_cast<unsigned char>(ch))) letters += ch;
  }
  for (auto w : kCommon) {
    if (letters == w || p == w) return "Mật khẩu quá phổ biến, dễ bị đoán.";
  }
  if (std::all_of(p.begin(), p.end(), [&](char c) { return c == p.front(); }))
    return "Mật khẩu không được là một ký tự lặp lại.";
  return std::nullopt;
}

}  // namespace tiendo::domain
