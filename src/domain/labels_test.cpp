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

TEST(Labels, EveryDeadlineKindHasItsWords) {
  for (const auto k :
       {DeadlineKind::exact, DeadlineKind::month, DeadlineKind::quarter, DeadlineKind::year, DeadlineKind::recurring,
        DeadlineKind::roadmap, DeadlineKind::conditional, DeadlineKind::unspecified})
    EXPECT_FALSE(vn_label(k).empty()) << to_string(k);
  EXPECT_EQ(vn_label(DeadlineKind::quarter), "Trong quý");
}

}  // namespace tiendo::domain
