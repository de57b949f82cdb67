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

TEST(VnMillionDong, MillionsWithDotsAndOneDecimal) {
  const std::pair<long long, const char*> cases[] = {{0, "0 triệu đồng"},
                                                     {40'000, "0 triệu đồng"},
                                                     {50'000, "0,1 triệu đồng"},
                                                     {1'000'000, "1 triệu đồng"},
                                                     {999'960'000, "1.000 triệu đồng"},
                                                     {1'500'000'000, "1.500 triệu đồng"},
                                                     {3'456'789'000, "3.456,8 triệu đồng"},
                                                     {1'234'567'000'000, "1.234.567 triệu đồng"}};
  for (const auto& [dong, text] : cases) EXPECT_EQ(vn_million_dong(dong), text) << dong;
}

TEST(EnCount, SingularOnlyForOne) {
  EXPECT_EQ(en_count(0, "task", "tasks"), "0 tasks");
  EXPECT_EQ(en_count(1, "task", "tasks"), "1 task");
  EXPECT_EQ(en_count(2, "day", "days"), "2 days");
  EXPECT_EQ(en_count(-1, "day", "days"), "-1 days");
}

TEST(Clip, NeverInsideACharacter) {
  EXPECT_EQ(clip("Nhiệm vụ", 100), "Nhiệm vụ");
  EXPECT_EQ(clip("", 0), "");
  // "ệ" is three bytes (E1 BB 87) at bytes 3–5: a cut at 4 or 5 falls back to 3.
  for (const size_t max : {3u, 4u, 5u}) EXPECT_EQ(clip("Nhiệm vụ", max), "Nhi…") << max;
  EXPECT_EQ(clip("Nhiệm vụ", 6), "Nhiệ…");
  EXPECT_EQ(clip("Đ", 1), "…");
  // Every cut of a long Vietnamese name is valid UTF-8: no lead byte without its continuation bytes.
  const std::string name = "Xây dựng nền tảng dữ liệu số dùng chung của thành phố Hải Phòng";
  for (size_t max = 0; max <= name.size(); ++max) {
    const std::string c = clip(name, max);
    size_t i = 0;
    while (i < c.size()) {
      const auto b = static_cast<unsigned char>(c[i]);
      const size_t len = b < 0x80 ? 1 : b >= 0xF0 ? 4 : b >= 0xE0 ? 3 : 2;
      ASSERT_LE(i + len, c.size()) << max;
      for (size_t k = 1; k < len; ++k) ASSERT_EQ(static_cast<unsigned char>(c[i + k]) & 0xC0, 0x80) << max;
      i += len;
    }
  }
}

}  // namespace tiendo::domain

namespace tiendo::domain {

TEST(CleanFileName, RemovesControlsAndDirectionMarks) {
  struct Case {
    std::string in, out;
  };
  const Case cases[] = {
      {"bao-cao.pdf", "bao-cao.pdf"},
      {"Báo cáo tháng 11.docx", "Báo cáo tháng 11.docx"},
      {"Co\xcc\x82\xcc\x81ng.pdf", "Co\xcc\x82\xcc\x81ng.pdf"},  // combining marks stay
      {"  minh chứng.png  ", "minh chứng.png"},
      {"", ""},
      {"   ", ""},
      // C0 controls, DEL, C1 controls
      {std::string("a\0b.pdf", 7), "ab.pdf"},
      {"a\tb\r\nc.pdf", "abc.pdf"},
      {"a\x1b[31mb.pdf", "a[31mb.pdf"},
      {"a\x7f"
       "b.pdf",
       "ab.pdf"},
      {"a\xc2\x85"
       "b\xc2\x9b"
       "c.pdf",
       "abc.pdf"},                         // U+0085 NEL, U+009B CSI
      {"\xc2\xa0x.pdf", "\xc2\xa0x.pdf"},  // U+00A0 is printable: kept
      // direction overrides, embeddings, isolates and marks
      {"hoa-don\xe2\x80\xae"
       "fdp.exe",
       "hoa-donfdp.exe"},  // U+202E
      {"\xe2\x80\xaa"
       "a\xe2\x80\xab"
       "b\xe2\x80\xac"
       "c\xe2\x80\xad"
       "d.pdf",
       "abcd.pdf"},  // U+202A..D
      {"\xe2\x81\xa6"
       "a\xe2\x81\xa7"
       "b\xe2\x81\xa8"
       "c\xe2\x81\xa9"
       ".pdf",
       "abc.pdf"},  // U+2066..9
      {"a\xe2\x80\x8e"
       "b\xe2\x80\x8f"
       "c\xd8\x9c"
       ".pdf",
       "abc.pdf"},  // U+200E, U+200F, U+061C
      {"a\xe2\x80\xa8"
       "b\xe2\x80\xa9"
       "c\xef\xbb\xbf"
       ".pdf",
       "abc.pdf"},  // U+2028, U+2029, U+FEFF
      {"\xe2\x80\x8b"
       "a.pdf",
       "\xe2\x80\x8b"
       "a.pdf"},  // U+200B (zero width space) is not a direction mark
      // malformed UTF-8: overlong "." and "/", lone continuation, truncated, surrogate, beyond U+10FFFF
      {"\xc0\xae\xc0\xae\xc0\xaf"
       "a.pdf",
       "a.pdf"},
      {"\xe0\x80\xae"
       "a.pdf",
       "a.pdf"},
      {"\x80"
       "a.pdf\xe1\xba",
       "a.pdf"},
      {"\xed\xa0\x80"
       "a.pdf",
       "a.pdf"},
      {"\xf4\x90\x80\x80"
       "a.pdf",
       "a.pdf"},
      {"\xf0\x9f\x93\x84"
       " a.pdf",
       "\xf0\x9f\x93\x84 a.pdf"},  // an emoji is a valid name
      {"\xe2\x80\xae \xe2\x80\xae", ""},
  };
  for (const auto& c : cases) EXPECT_EQ(clean_file_name(c.in), c.out) << c.in;
}

TEST(Text, NormalTextCollapsesSpacing) {
  const std::pair<const char*, const char*> cases[] = {
      {"", ""}, {"  a  ", "a"}, {"a \t\n b", "a b"}, {"Đường  ngập\n\nnước ", "Đường ngập nước"}, {" \t ", ""}};
  for (const auto& [in, out] : cases) EXPECT_EQ(normal_text(in), out) << in;
}

}  // namespace tiendo::domain
