#include "domain/decree30.h"

#include <gtest/gtest.h>

namespace tiendo::domain {

TEST(Decree30, PlaceDateLineLeadingZeros) {
  // Days below 10 and the months January and February take a zero; the other months do not.
  EXPECT_EQ(place_date_line("Hải Phòng", make_date(2026, 2, 5)), "Hải Phòng, ngày 05 tháng 02 năm 2026");
  EXPECT_EQ(place_date_line("Hải Phòng", make_date(2026, 1, 31)), "Hải Phòng, ngày 31 tháng 01 năm 2026");
  EXPECT_EQ(place_date_line("Hải Phòng", make_date(2026, 3, 15)), "Hải Phòng, ngày 15 tháng 3 năm 2026");
  EXPECT_EQ(place_date_line("Hải Phòng", make_date(2026, 11, 9)), "Hải Phòng, ngày 09 tháng 11 năm 2026");
  EXPECT_EQ(place_date_line("Hà Nội", make_date(2026, 12, 10)), "Hà Nội, ngày 10 tháng 12 năm 2026");
}

TEST(Decree30, NumberLineStateAndParty) {
  EXPECT_EQ(number_line(DocumentFormat::state, 12, "BC", "BCĐ"), "Số: 12/BC-BCĐ");
  EXPECT_EQ(number_line(DocumentFormat::state, std::nullopt, "BC", "BCĐ"), "Số:       /BC-BCĐ");
  EXPECT_EQ(number_line(DocumentFormat::party, 7, "BC", "BCĐ"), "Số 7-BC/BCĐ");
}

TEST(Decree30, Roman) {
  EXPECT_EQ(roman(1), "I");
  EXPECT_EQ(roman(4), "IV");
  EXPECT_EQ(roman(9), "IX");
  EXPECT_EQ(roman(14), "XIV");
  EXPECT_EQ(roman(40), "XL");
  EXPECT_EQ(roman(0), "");
}

TEST(Decree30, Captions) {
  EXPECT_EQ(on_behalf_of(DocumentFormat::state, "Ban Chỉ đạo"), "TM. BAN CHỈ ĐẠO");
  EXPECT_EQ(on_behalf_of(DocumentFormat::party, "Ban Chỉ đạo"), "T/M BAN CHỈ ĐẠO");
  EXPECT_EQ(deputy_for(DocumentFormat::state, "Trưởng ban"), "KT. TRƯỞNG BAN");
  EXPECT_EQ(deputy_for(DocumentFormat::party, "Trưởng ban"), "K/T TRƯỞNG BAN");
}

TEST(Decree30, UpperVietnamese) {
  EXPECT_EQ(upper("Ủy ban nhân dân thành phố Hải Phòng"), "ỦY BAN NHÂN DÂN THÀNH PHỐ HẢI PHÒNG");
  EXPECT_EQ(upper("đổi mới sáng tạo, chuyển đổi số và Đề án 06"), "ĐỔI MỚI SÁNG TẠO, CHUYỂN ĐỔI SỐ VÀ ĐỀ ÁN 06");
  EXPECT_EQ(upper("ơ ư ă ĩ ũ ỹ ạ"), "Ơ Ư Ă Ĩ Ũ Ỹ Ạ");
}

TEST(Decree30, PeriodWords) {
  EXPECT_EQ(period_words("2026-11"), "tháng 11 năm 2026");
  EXPECT_EQ(period_words("2026-02"), "tháng 2 năm 2026");
  EXPECT_EQ(period_words("2026-Q4"), "quý IV năm 2026");
  EXPECT_EQ(period_words("2026-H1"), "6 tháng đầu năm 2026");
  EXPECT_EQ(period_words("2026"), "năm 2026");
}

TEST(Decree30, FormatNames) {
  EXPECT_EQ(document_format_from("party"), DocumentFormat::party);
  EXPECT_EQ(document_format_from("state"), DocumentFormat::state);
  EXPECT_FALSE(document_format_from("other"));
  EXPECT_EQ(to_string(DocumentFormat::party), "party");
}

TEST(Decree30, DataReadLine) {
  // 03:05 UTC is 10:05 in Hải Phòng; 17:30 UTC on the 19th is already 00:30 on the 20th there.
  const auto d = make_date(2026, 11, 19);
  EXPECT_EQ(data_read_line(d, std::chrono::sys_days(make_date(2026, 11, 20)) + std::chrono::minutes(3 * 60 + 5)),
            "Số liệu tổng hợp đến hết ngày 19/11/2026, đọc lúc 10:05 ngày 20/11/2026");
  EXPECT_EQ(data_read_line(d, std::chrono::sys_days(d) + std::chrono::minutes(17 * 60 + 30)),
            "Số liệu tổng hợp đến hết ngày 19/11/2026, đọc lúc 00:30 ngày 20/11/2026");
}

}  // namespace tiendo::domain
