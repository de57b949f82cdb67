#include "domain/password_policy.h"

#include <gtest/gtest.h>

namespace tiendo::domain {

namespace {
// A few lines the way Debian's john-data list has them.
const CommonPasswords kList("#!comment: a list\n123456\npassword\nqwerty\nsunshine\ndragon\nmonkey\nhaiphong\n");
const PasswordContext kSkhcn{"skhcn", "Nguyễn Thị Thu Hà", "Sở Khoa học và Công nghệ Hải Phòng"};
}  // namespace

TEST(PasswordPolicy, ReadsTheListSkippingComments) {
  EXPECT_EQ(kList.size(), 7u);
  EXPECT_TRUE(kList.contains("dragon"));
  EXPECT_FALSE(kList.contains("#!comment: a list"));
}

TEST(PasswordPolicy, AcceptsTheDemoPasswordAndVietnamesePhrases) {
  EXPECT_EQ(password_problem("HaiPhong#Ke-hoach-57", kSkhcn, kList), std::nullopt);
  EXPECT_EQ(password_problem("HaiPhong#Ke-hoach-57", {"admin", "Quản trị hệ thống", "Thành phố Hải Phòng"}, kList),
            std::nullopt);
  EXPECT_EQ(password_problem("Cầu Rào 2 nối Lạch Tray", {"haian", "", "UBND huyện An Lão"}, kList), std::nullopt);
}

TEST(PasswordPolicy, RefusesShortOnesAndNamesTheRule) {
  EXPECT_EQ(password_problem("Abc12345", {}, kList), "Mật khẩu cần ít nhất 10 ký tự.");
  EXPECT_EQ(password_problem("Lạch Tray 7", {}, kList), std::nullopt);  // ten characters, not bytes
  EXPECT_EQ(password_problem("abcdefghijk", {}, kList), "Mật khẩu cần có cả chữ và số.");
  EXPECT_EQ(password_problem("12345678901", {}, kList), "Mật khẩu cần có cả chữ và số.");
}

TEST(PasswordPolicy, RefusesContextWordsCaseFoldedWithoutDiacritics) {
  struct Case {
    const char* password;
    const char* why;
  };
  const Case cases[] = {
      {"TienDo@2026", "Mật khẩu không được chứa tên sản phẩm (Tiến Độ)."},
      {"Tiến Độ 2026!", "Mật khẩu không được chứa tên sản phẩm (Tiến Độ)."},
      {"xx-TIEN-DO-2026", "Mật khẩu không được chứa tên sản phẩm (Tiến Độ)."},
      {"2026matkhau", "Mật khẩu không được chứa chữ “mật khẩu”."},
      {"Mật Khẩu 2026", "Mật khẩu không được chứa chữ “mật khẩu”."},
      {"SKHCN-2026-xyz", "Mật khẩu không được chứa tên đăng nhập."},
      {"Khoa học Công nghệ 2026", "Mật khẩu không được chỉ gồm tên đơn vị hay họ tên."},
      {"NguyenThuHa#1990", "Mật khẩu không được chỉ gồm tên đơn vị hay họ tên."},
  };
  for (const auto& c : cases) EXPECT_EQ(password_problem(c.password, kSkhcn, kList), c.why) << c.password;
}

TEST(PasswordPolicy, RefusesCommonPasswordsWithDigitsOrSignsAround) {
  for (const char* p : {"Password2026", "2026password!", "Sunshine_1234", "DRAGON999999", "haiphong2026"}) {
    EXPECT_EQ(password_problem(p, {"x", "", ""}, kList), "Mật khẩu quá phổ biến, dễ bị đoán.") << p;
  }
  EXPECT_EQ(password_problem("aaaaaaaaaa1", {}, kList), std::nullopt);  // letters "aaaaaaaaaa" are not all one char
  EXPECT_EQ(password_problem("1111111111", {}, kList), "Mật khẩu cần có cả chữ và số.");
}

}  // namespace tiendo::domain
