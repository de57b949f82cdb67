#include "domain/deadline.h"

#include <gtest/gtest.h>

#include <random>
#include <string>
#include <vector>

namespace tiendo::domain {

struct DeadlineCase {
  const char* text;
  DeadlineKind kind;
  const char* due;  // ISO or "" for none
};

class DeadlineFromSeeds : public ::testing::TestWithParam<DeadlineCase> {};

TEST_P(DeadlineFromSeeds, Parses) {
  const auto& c = GetParam();
  const Deadline d = parse_deadline(c.text);
  EXPECT_EQ(d.kind, c.kind) << c.text;
  EXPECT_EQ(d.text, c.text);
  if (std::string(c.due).empty()) {
    EXPECT_FALSE(d.due) << c.text;
  } else {
    ASSERT_TRUE(d.due) << c.text;
    EXPECT_EQ(iso(*d.due), c.due) << c.text;
  }
}

// Every deadline text of the seed documents, and the edge cases around them.
INSTANTIATE_TEST_SUITE_P(
    Seeds, DeadlineFromSeeds,
    ::testing::Values(DeadlineCase{"Quý I/2026", DeadlineKind::quarter, "2026-03-31"},
                      DeadlineCase{"Quý II/2026", DeadlineKind::quarter, "2026-06-30"},
                      DeadlineCase{"Quý III/2026", DeadlineKind::quarter, "2026-09-30"},
                      DeadlineCase{"Quý IV/2026", DeadlineKind::quarter, "2026-12-31"},
                      DeadlineCase{"Quy IV/2026", DeadlineKind::quarter, "2026-12-31"},
                      DeadlineCase{"Quý 2 năm 2026", DeadlineKind::quarter, "2026-06-30"},
                      DeadlineCase{"12/2026", DeadlineKind::month, "2026-12-31"},
                      DeadlineCase{"Tháng 3/2026", DeadlineKind::month, "2026-03-31"},
                      DeadlineCase{"Tháng 6/2026", DeadlineKind::month, "2026-06-30"},
                      DeadlineCase{"Tháng 02/2028", DeadlineKind::month, "2028-02-29"},
                      DeadlineCase{"Hoàn thành trong tháng 10/2025", DeadlineKind::month, "2025-10-31"},
                      DeadlineCase{"30/6/2026", DeadlineKind::exact, "2026-06-30"},
                      DeadlineCase{"31/3/2026", DeadlineKind::exact, "2026-03-31"},
                      DeadlineCase{"Trước ngày 15/12/2026", DeadlineKind::exact, "2026-12-14"},
                      DeadlineCase{"31/02/2026", DeadlineKind::unspecified, ""},
                      DeadlineCase{"Năm 2026", DeadlineKind::year, "2026-12-31"},
                      DeadlineCase{"2026", DeadlineKind::year, "2026-12-31"},
                      DeadlineCase{"Thường xuyên", DeadlineKind::recurring, ""},
                      DeadlineCase{"THƯỜNG XUYÊN", DeadlineKind::recurring, ""},
                      DeadlineCase{"Báo cáo hàng tháng", DeadlineKind::recurring, ""},
                      DeadlineCase{"Triển khai từ 2026, thực hiện thường xuyên", DeadlineKind::recurring, ""},
                      DeadlineCase{"nhiệm vụ thường xuyên", DeadlineKind::recurring, ""},
                      DeadlineCase{"Theo lộ trình", DeadlineKind::roadmap, ""},
                      DeadlineCase{"Theo lộ trình của Bộ Công an", DeadlineKind::roadmap, ""},
                      DeadlineCase{"Khi có hướng dẫn của Bộ Giáo dục và Đào tạo", DeadlineKind::conditional, ""},
                      DeadlineCase{
                          "Thời hạn trình theo văn bản giao nhiệm vụ, các chỉ đạo của Chính phủ, Lãnh đạo Chính "
                          "phủ; thời hạn ban hành, có hiệu lực đồng bộ với Luật",
                          DeadlineKind::unspecified, ""},
                      DeadlineCase{"", DeadlineKind::unspecified, ""},
                      DeadlineCase{"13/2026", DeadlineKind::unspecified, ""},
                      DeadlineCase{"Quý V/2026", DeadlineKind::unspecified, ""}));

// Every written form of the documents, as text -> kind and last on-time day (issue 11). The forms
// with "năm" once fell to 31/12: only "/" separated a month or quarter from its year, and the year
// pattern took any "năm YYYY".
INSTANTIATE_TEST_SUITE_P(
    WrittenForms, DeadlineFromSeeds,
    ::testing::Values(DeadlineCase{"Tháng 6 năm 2026", DeadlineKind::month, "2026-06-30"},
                      DeadlineCase{"tháng 6 năm 2026", DeadlineKind::month, "2026-06-30"},
                      DeadlineCase{"THÁNG 6 NĂM 2026", DeadlineKind::month, "2026-06-30"},
                      DeadlineCase{"thang 6 nam 2026", DeadlineKind::month, "2026-06-30"},
                      DeadlineCase{"T6/2026", DeadlineKind::month, "2026-06-30"},
                      DeadlineCase{"t.6/2026", DeadlineKind::month, "2026-06-30"},
                      DeadlineCase{"tháng 6/2026", DeadlineKind::month, "2026-06-30"},
                      DeadlineCase{"Tháng 02 năm 2027", DeadlineKind::month, "2027-02-28"},
                      DeadlineCase{"Hoàn thành trong tháng 10 năm 2026", DeadlineKind::month, "2026-10-31"},
                      DeadlineCase{"Trong tháng 11, năm 2026", DeadlineKind::month, "2026-11-30"},
                      DeadlineCase{"Ngày 15 tháng 8 năm 2026", DeadlineKind::exact, "2026-08-15"},
                      DeadlineCase{"ngay 15 thang 8 nam 2026", DeadlineKind::exact, "2026-08-15"},
                      DeadlineCase{"15/8/2026", DeadlineKind::exact, "2026-08-15"},
                      DeadlineCase{"15.08.2026", DeadlineKind::exact, "2026-08-15"},
                      DeadlineCase{"15-8-2026", DeadlineKind::exact, "2026-08-15"},
                      DeadlineCase{"Ngày 15/8/2026", DeadlineKind::exact, "2026-08-15"},
                      DeadlineCase{"29/02/2028", DeadlineKind::exact, "2028-02-29"},
                      DeadlineCase{"2026-08-15", DeadlineKind::exact, "2026-08-15"},
                      DeadlineCase{"Quý II năm 2026", DeadlineKind::quarter, "2026-06-30"},
                      DeadlineCase{"Q.II/2026", DeadlineKind::quarter, "2026-06-30"},
                      DeadlineCase{"Q2/2026", DeadlineKind::quarter, "2026-06-30"},
                      DeadlineCase{"Quý II-2026", DeadlineKind::quarter, "2026-06-30"},
                      DeadlineCase{"Q2.2026", DeadlineKind::quarter, "2026-06-30"},
                      DeadlineCase{"Tháng 6, năm 2026", DeadlineKind::month, "2026-06-30"},
                      DeadlineCase{"Chậm nhất ngày 30/6/2026", DeadlineKind::exact, "2026-06-30"},
                      DeadlineCase{"Đến hết năm 2026", DeadlineKind::year, "2026-12-31"},
                      DeadlineCase{"quý 3 năm 2026", DeadlineKind::quarter, "2026-09-30"},
                      DeadlineCase{"quy II nam 2026", DeadlineKind::quarter, "2026-06-30"},
                      DeadlineCase{"QUÝ IV NĂM 2026", DeadlineKind::quarter, "2026-12-31"},
                      DeadlineCase{"6 tháng đầu năm 2026", DeadlineKind::month, "2026-06-30"},
                      DeadlineCase{"Sáu tháng đầu năm 2026", DeadlineKind::month, "2026-06-30"},
                      DeadlineCase{"6 tháng cuối năm 2026", DeadlineKind::year, "2026-12-31"},
                      DeadlineCase{"Nửa đầu năm 2026", DeadlineKind::month, "2026-06-30"},
                      DeadlineCase{"9 tháng đầu năm 2026", DeadlineKind::month, "2026-09-30"},
                      DeadlineCase{"Hoàn thành trong 3 tháng đầu năm 2027", DeadlineKind::month, "2027-03-31"},
                      DeadlineCase{"11 tháng đầu năm 2026", DeadlineKind::month, "2026-11-30"},
                      DeadlineCase{"12 tháng đầu năm 2026", DeadlineKind::year, "2026-12-31"},
                      DeadlineCase{"3 tháng cuối năm 2026", DeadlineKind::year, "2026-12-31"},
                      DeadlineCase{"Năm 2026", DeadlineKind::year, "2026-12-31"},
                      DeadlineCase{"Trong năm 2026", DeadlineKind::year, "2026-12-31"},
                      DeadlineCase{"trong nam 2026", DeadlineKind::year, "2026-12-31"},
                      DeadlineCase{"Giai đoạn 2026-2030", DeadlineKind::year, "2030-12-31"},
                      DeadlineCase{"Trước ngày 30 tháng 6 năm 2026", DeadlineKind::exact, "2026-06-29"},
                      DeadlineCase{"trước 30/6/2026", DeadlineKind::exact, "2026-06-29"},
                      DeadlineCase{"Trước ngày 01/01/2027", DeadlineKind::exact, "2026-12-31"},
                      DeadlineCase{"Trước tháng 6 năm 2026", DeadlineKind::month, "2026-05-31"},
                      DeadlineCase{"Trước Quý III/2026", DeadlineKind::quarter, "2026-06-30"},
                      DeadlineCase{"Thường xuyên", DeadlineKind::recurring, ""},
                      DeadlineCase{"hằng năm", DeadlineKind::recurring, ""},
                      DeadlineCase{"Hàng năm", DeadlineKind::recurring, ""},
                      DeadlineCase{"thuong xuyen", DeadlineKind::recurring, ""},
                      DeadlineCase{"Đảm bảo tiến độ đã đề ra", DeadlineKind::unspecified, ""}));

// Text a person types that is not a deadline: refused, never read as "no deadline".
class DeadlineRefused : public ::testing::TestWithParam<const char*> {};

TEST_P(DeadlineRefused, IsNotADeadline) {
  EXPECT_FALSE(read_deadline(GetParam())) << GetParam();
  EXPECT_FALSE(parse_deadline(GetParam()).due) << GetParam();
}

INSTANTIATE_TEST_SUITE_P(NotDeadlines, DeadlineRefused,
                         ::testing::Values("abc", "31/02/2027", "Quý V/2027", "Q.V/2027", "Tháng 13/2026", "13/2026",
                                           "T0/2026", "32/1/2026", "0/1/2026", "Năm 1999", "Năm 2999", "quý 5 năm 2026",
                                           "Giai đoạn 2030-2026", "xyz 123", "---", "Ngày 30 tháng 2 năm 2026",
                                           "13 tháng đầu năm 2026", "0 tháng cuối năm 2026"));

TEST(ReadDeadline, AcceptsWhatParsesAndEmptyText) {
  for (const char* ok : {"", "Quý I/2026", "Thường xuyên", "Theo lộ trình", "Khi có hướng dẫn của Bộ",
                         "Thời hạn trình theo văn bản giao nhiệm vụ", "Tháng 6 năm 2026"}) {
    const auto d = read_deadline(ok);
    ASSERT_TRUE(d) << ok;
    EXPECT_EQ(d->kind, parse_deadline(ok).kind) << ok;
    EXPECT_EQ(d->due, parse_deadline(ok).due) << ok;
  }
  EXPECT_EQ(read_deadline("")->kind, DeadlineKind::unspecified);
}

// Fuzz-friendly: random bytes, random Vietnamese-looking words and very long text never crash, and a
// reading is always consistent (a fixed kind has a date; other kinds have none).
TEST(ReadDeadline, RandomTextNeverCrashes) {
  std::mt19937 rng(20261201);
  const std::vector<std::string> pieces{
      "Quý", "quy",  "Q.",   "T",        "tháng", "Tháng", "năm",          "Năm",   "ngày", "trước",
      "/",   "-",    ".",    " ",        "6",     "12",    "31",           "2026",  "II",   "V",
      "đầu", "cuối", "\xff", "\xe1\xba", "0",     "99999", "thường xuyên", "khi có"};
  for (int i = 0; i < 20000; ++i) {
    std::string s;
    const int n = static_cast<int>(rng() % 12);
    for (int k = 0; k < n; ++k) {
      if (rng() % 4 == 0) {
        s.push_back(static_cast<char>(rng() % 256));
      } else {
        s += pieces[rng() % pieces.size()];
      }
    }
    const Deadline d = parse_deadline(s);
    EXPECT_EQ(d.text, s);
    if (d.due) {
      EXPECT_TRUE(has_fixed_due(d.kind)) << s;
    } else {
      EXPECT_FALSE(has_fixed_due(d.kind)) << s;
    }
    const auto r = read_deadline(s);
    if (r) {
      EXPECT_EQ(r->due, d.due) << s;
    }
  }
  const std::string long_text(100000, '1');
  EXPECT_FALSE(read_deadline(long_text));
  std::string long_words;
  for (int i = 0; i < 5000; ++i) long_words += "tháng 6 năm ";
  EXPECT_NO_THROW(parse_deadline(long_words));
}

TEST(DeadlineKind, RoundTripsNames) {
  for (auto k :
       {DeadlineKind::exact, DeadlineKind::month, DeadlineKind::quarter, DeadlineKind::year, DeadlineKind::recurring,
        DeadlineKind::roadmap, DeadlineKind::conditional, DeadlineKind::unspecified}) {
    EXPECT_EQ(deadline_kind_from(to_string(k)), k);
  }
  EXPECT_FALSE(deadline_kind_from("soon"));
  EXPECT_TRUE(has_fixed_due(DeadlineKind::quarter));
  EXPECT_FALSE(has_fixed_due(DeadlineKind::recurring));
}

}  // namespace tiendo::domain
