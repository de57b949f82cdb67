#include "domain/password_policy.h"

#include <gtest/gtest.h>

namespace tiendo::domain {

TEST(PasswordPolicy, AcceptsALongMixedPassword) {
  EXPECT_EQ(password_problem("TienDo@2026", "skhcn"), std::nullopt);
  EXPECT_EQ(password_problem("Hải Phòng 2026", "haian"), std::nullopt);  // Vietnamese letters count
}

TEST(PasswordPolicy, RefusesShortOnesAndNamesTheRule) {
  EXPECT_EQ(password_problem("Abc12345", "x"), "Mật khẩu cần ít nhất 10 ký tự.");
  EXPECT_EQ(password_problem("abcdefghijk", "x"), "Mật khẩu cần có cả chữ và số.");
  EXPECT_EQ(password_problem("12345678901", "x"), "Mật khẩu cần có cả chữ và số.");
}

TEST(PasswordPolicy, RefusesTheUserNameAndCommonWords) {
  EXPECT_EQ(password_problem("Haian20262026", "haian"), "Mật khẩu không được chứa tên đăng nhập.");
  EXPECT_EQ(password_problem("Password2026", "x"), "Mật khẩu quá phổ biến, dễ bị đoán.");
  EXPECT_EQ(password_problem("2026matkhau", "x"), "Mật khẩu quá phổ biến, dễ bị đoán.");
}
}  // namespace tiendo::domain
