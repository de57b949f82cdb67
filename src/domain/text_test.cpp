#include "domain/text.h"

#include <gtest/gtest.h>

#include <limits>

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

TEST(Search, PhraseAtWordStarts) {
  const std::string key = search_key("Công an thành phố, Hải Phòng");
  EXPECT_EQ(key, " cong an thanh pho hai phong ");
  auto found = [&](std::string_view q) { return key.find(" " + search_phrase(q)) != std::string::npos; };
  EXPECT_TRUE(found("cong an"));
  EXPECT_TRUE(found("HẢI phòng"));
  EXPECT_TRUE(found("thanh pho, hai"));
  EXPECT_TRUE(found("pho"));      // a word start
  EXPECT_FALSE(found("ong an"));  // not inside a word
  EXPECT_FALSE(found("an cong"));
  EXPECT_EQ(search_key("27/QĐ-BCĐ"), " 27 qd bcd ");
  EXPECT_EQ(search_phrase("  ...  "), "");
}

TEST(VnPercent, CommaAndSpace) {
  EXPECT_EQ(vn_percent(17.5), "17,5 %");
  EXPECT_EQ(vn_percent(100), "100 %");
  EXPECT_EQ(vn_percent(0.04), "0 %");
  EXPECT_EQ(vn_percent(std::numeric_limits<double>::infinity()), "—");
  EXPECT_EQ(vn_percent(std::numeric_limits<double>::quiet_NaN()), "—");
  EXPECT_EQ(vn_percent(66.666), "66,7 %");
}

}  // namespace tiendo::domain
