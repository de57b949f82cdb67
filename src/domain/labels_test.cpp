#include "domain/labels.h"

#include <gtest/gtest.h>

namespace tiendo::domain {

TEST(Labels, EveryStatusHasWords) {
  for (int s = 0; s <= static_cast<int>(AssignmentStatus::cancelled); ++s)
    EXPECT_FALSE(vn_label(static_cast<AssignmentStatus>(s)).empty()) << s;
  EXPECT_EQ(vn_label(AssignmentStatus::overdue), "Quá hạn");
  EXPECT_EQ(vn_label(IndicatorStatus::at_risk), "Có nguy cơ không đạt");
  EXPECT_EQ(vn_label(IndicatorStatus::no_data), "Chưa có số liệu");
}

}  // namespace tiendo::domain
