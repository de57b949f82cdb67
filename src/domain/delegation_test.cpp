#include "domain/delegation.h"

#include <gtest/gtest.h>

namespace tiendo::domain {

TEST(Delegation, RangeChecks) {
  const Date today = make_date(2026, 11, 24);
  EXPECT_FALSE(check_delegation(make_date(2026, 11, 24), make_date(2026, 11, 30), today));
  EXPECT_FALSE(check_delegation(make_date(2026, 11, 1), make_date(2026, 11, 24), today));  // ends today: still useful
  EXPECT_EQ(check_delegation(make_date(2026, 11, 30), make_date(2026, 11, 24), today),
            DelegationRefusal::ends_before_start);
  EXPECT_EQ(check_delegation(make_date(2026, 11, 1), make_date(2026, 11, 23), today), DelegationRefusal::ends_in_past);
  EXPECT_FALSE(check_delegation(make_date(2026, 11, 24), make_date(2027, 11, 24), today));  // 366 days
  EXPECT_EQ(check_delegation(make_date(2026, 11, 24), make_date(2027, 11, 25), today), DelegationRefusal::too_long);
  EXPECT_EQ(vn_message(DelegationRefusal::too_long), "Mỗi lần ủy quyền tối đa 366 ngày.");
}

TEST(Delegation, CoversBothEnds) {
  const Date from = make_date(2026, 12, 1), to = make_date(2026, 12, 5);
  EXPECT_TRUE(delegation_covers(from, to, from));
  EXPECT_TRUE(delegation_covers(from, to, to));
  EXPECT_FALSE(delegation_covers(from, to, make_date(2026, 11, 30)));
  EXPECT_FALSE(delegation_covers(from, to, make_date(2026, 12, 6)));
}

}  // namespace tiendo::domain
