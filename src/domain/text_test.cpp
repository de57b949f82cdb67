#include "domain/text.h"

#include <gtest/gtest.h>

namespace tiendo::domain {

TEST(Fold, StripsVietnameseMarksAndCase) {
  EXPECT_EQ(fold("Công an thành phố"), "cong an thanh pho");
  EXPECT_EQ(fold("ĐẶC KHU BẠCH LONG VĨ"), "dac khu bach long vi");
  EXPECT_EQ(fold("Quý II/2026"), "quy ii/2026");
  EXPECT_EQ(fold("Ủy ban nhân dân"), "uy ban nhan dan");
  // Decomposed input (NFD: base letter + combining marks) folds the same.
  EXPECT_EQ(fold("Co\xcc\x82\xcc\x81ng"), "cong");
  EXPECT_EQ(fold(""), "");
}

TEST(Fold, MalformedUtf8DoesNotCrash) {
  std::string bad = "ab\xff\xfe";
  EXPECT_FALSE(fold(bad).empty());
  EXPECT_EQ(fold("\xe1\xba"), "\xef\xbf\xbd\xef\xbf\xbd");
}

TEST(MatchesQuery, EveryWordMustOccur) {
  const std::string text = fold("Công an thành phố Hải Phòng");
  EXPECT_TRUE(matches_query(text, "cong an"));
  EXPECT_TRUE(matches_query(text, "HẢI phong"));
  EXPECT_FALSE(matches_query(text, "cong an ha noi"));
  EXPECT_TRUE(matches_query(text, "   "));
}

TEST(VnPercent, CommaAndSpace) {
  EXPECT_EQ(vn_percent(17.5), "17,5 %");
  EXPECT_EQ(vn_percent(100), "100 %");
  EXPECT_EQ(vn_percent(0.04), "0 %");
  EXPECT_EQ(vn_percent(66.666), "66,7 %");
}

}  // namespace tiendo::domain
