#include "domain/deadline.h"

#include <gtest/gtest.h>

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
                      DeadlineCase{"Trước ngày 15/12/2026", DeadlineKind::exact, "2026-12-15"},
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
