#include <gtest/gtest.h>

#include "formats/csv.h"
#include "formats/docx_reader.h"
#include "formats/docx_writer.h"
#include "formats/xlsx_reader.h"
#include "formats/xlsx_writer.h"
#include "formats/zip.h"

namespace tiendo::formats {

TEST(Xlsx, WrittenTablesReadBack) {
  XlsxSheet s{"Phụ lục II", {"PHỤ LỤC II"}, {{"TT", 6}, {"Tên nhiệm vụ", 40}, {"Thời hạn", 12}, {"Tiến độ", 10}}, {}};
  s.rows.push_back({XlsxRow::Kind::group, {std::string("I"), std::string("Thể chế")}});
  s.rows.push_back(
      {XlsxRow::Kind::item,
       {std::string("1"), std::string("Rà soát, hoàn thiện thể chế"), domain::make_date(2026, 6, 30), Percent{0.175}}});
  s.rows.push_back({XlsxRow::Kind::item, {std::string("2"), std::string("Số hóa"), 3.5, XlsxValue{}}});
  size_t last = 0;
  const std::string bytes = write_xlsx({s}, [&](size_t done, size_t) { last = done; });
  EXPECT_EQ(last, 3u);
  const auto sheets = read_xlsx(bytes);
  ASSERT_EQ(sheets.size(), 1u);
  EXPECT_EQ(sheets[0].name, "Phụ lục II");
  const auto& rows = sheets[0].rows;
  ASSERT_EQ(rows.size(), 6u);  // title, blank, header, group, two items
  EXPECT_EQ(rows[2], (Row{"TT", "Tên nhiệm vụ", "Thời hạn", "Tiến độ"}));
  EXPECT_EQ(rows[3][0], "I");
  EXPECT_EQ(rows[3][1], "Thể chế");
  EXPECT_EQ(rows[4][2], "30/06/2026");  // a real date, read back through its date format
  EXPECT_EQ(rows[4][3], "0.175");       // a real number
  EXPECT_EQ(rows[5][2], "3.5");
}

TEST(Zip, RefusesWhatIsNotAZip) {
  EXPECT_THROW(read_xlsx("not a zip at all"), FormatError);
  EXPECT_THROW(read_docx_tables(""), FormatError);
}

TEST(Zip, BombIsRefused) {
  // 70 MB of zeros compresses to about 70 KB: more than any one part may inflate to.
  const std::string big(70u << 20, '\0');
  const std::string bomb = zip_write({{"xl/workbook.xml", big}});
  EXPECT_LT(bomb.size(), 2u << 20);
  try {
    read_xlsx(bomb);
    FAIL() << "a zip bomb was read";
  } catch (const FormatError& e) {
    EXPECT_NE(std::string(e.what()).find("bom nén"), std::string::npos);
  }
}

TEST(Xml, DoctypeAndEntitiesRefused) {
  const std::string laughs =
      "<?xml version=\"1.0\"?><!DOCTYPE lolz [<!ENTITY lol \"lol\"><!ENTITY lol2 \"&lol;&lol;\">]>"
      "<w:document xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\"><w:body>&lol2;"
      "</w:body></w:document>";
  const std::string docx = zip_write({{"word/document.xml", laughs}});
  try {
    read_docx_tables(docx);
    FAIL() << "a DOCTYPE was accepted";
  } catch (const FormatError& e) {
    EXPECT_NE(std::string(e.what()).find("DOCTYPE"), std::string::npos);
  }
}

TEST(Xlsx, TooManyRowsRefused) {
  std::string sheet = "<worksheet><sheetData>";
  sheet +=
      "<row r=\"" + std::to_string(kMaxImportRows + 1) + "\"><c r=\"A1\" t=\"inlineStr\"><is><t>x</t></is></c></row>";
  sheet += "</sheetData></worksheet>";
  const std::string wb = "<workbook xmlns:r=\"r\"><sheets><sheet name=\"S\" r:id=\"rId1\"/></sheets></workbook>";
  const std::string rels =
      "<Relationships><Relationship Id=\"rId1\" Target=\"worksheets/sheet1.xml\"/></Relationships>";
  const std::string bytes =
      zip_write({{"xl/workbook.xml", wb}, {"xl/_rels/workbook.xml.rels", rels}, {"xl/worksheets/sheet1.xml", sheet}});
  EXPECT_THROW(read_xlsx(bytes), FormatError);
}

TEST(Docx, WrittenTablesReadBack) {
  DocxDocument d;
  d.title = "Thử";
  d.body.push_back(Paragraph{{{"BÁO CÁO", true}}, Align::center});
  TableBlock t{{1000, 4000, 2000}, {}, 1, true};
  auto cell = [](std::string s, int span = 1) {
    return Cell{{Paragraph{{{std::move(s)}}, Align::left, "TableText"}}, span};
  };
  t.rows.push_back({cell("TT"), cell("Tên nhiệm vụ"), cell("Chủ trì")});
  t.rows.push_back({cell("I"), cell("Nhóm gộp hai cột", 2)});
  t.rows.push_back({cell("1."), cell("Dòng một\ndòng hai"), cell("Sở Y tế")});
  d.body.push_back(t);
  const auto tables = read_docx_tables(write_docx(d));
  ASSERT_EQ(tables.size(), 1u);
  ASSERT_EQ(tables[0].size(), 3u);
  EXPECT_EQ(tables[0][1], (Row{"I", "Nhóm gộp hai cột", ""}));
  EXPECT_EQ(tables[0][2][1], "Dòng một\ndòng hai");
}

TEST(Docx, OldWordFormatNamed) {
  try {
    read_docx_tables(std::string("\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1", 8));
    FAIL();
  } catch (const FormatError& e) {
    EXPECT_NE(std::string(e.what()).find(".doc"), std::string::npos);
  }
}

TEST(Csv, BomSeparatorsQuotes) {
  auto t =
      read_csv("\xEF\xBB\xBFTT;Tên nhiệm vụ;Chủ trì\r\n1;\"Rà soát; hoàn thiện\";\"Sở \"\"A\"\"\"\n2;\"hai\ndòng\";\n");
  ASSERT_EQ(t.size(), 3u);
  EXPECT_EQ(t[0], (Row{"TT", "Tên nhiệm vụ", "Chủ trì"}));
  EXPECT_EQ(t[1], (Row{"1", "Rà soát; hoàn thiện", "Sở \"A\""}));
  EXPECT_EQ(t[2], (Row{"2", "hai\ndòng"}));
  EXPECT_EQ(read_csv("a,b\n1,2").size(), 2u);
  EXPECT_EQ(read_csv("a\tb\n1\t2")[1], (Row{"1", "2"}));
}

TEST(Csv, LegacyEncodingsNamed) {
  // "Sở" in Windows-1258 is not UTF-8.
  try {
    read_csv("TT,T\xean\n1,S\xf5");
    FAIL();
  } catch (const FormatError& e) {
    EXPECT_NE(std::string(e.what()).find("UTF-8"), std::string::npos);
  }
  EXPECT_THROW(read_csv("\xFF\xFEx\0"), FormatError);
  EXPECT_THROW(read_csv("a,\"b\n"), FormatError);
  EXPECT_TRUE(valid_utf8("Hải Phòng"));
  EXPECT_FALSE(valid_utf8("\xC3"));
  EXPECT_FALSE(valid_utf8("\xC0\x80"));
}

}  // namespace tiendo::formats
