#include "domain/st_register.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <map>

namespace tiendo::domain {

namespace {
std::vector<std::string> headers(std::span<const StSheetColumn> cols) {
  std::vector<std::string> out;
  for (const auto& c : cols) out.emplace_back(c.header);
  return out;
}
// A row in the export's column order from field → text.
std::vector<std::string> row(std::span<const StSheetColumn> cols, std::map<std::string_view, std::string> v) {
  std::vector<std::string> out;
  for (const auto& c : cols) out.push_back(v.count(c.field) ? v[c.field] : "");
  return out;
}
std::map<std::string_view, std::string> good() {
  return {{"code", "ĐTHP.01/25"},
          {"title", "Nghiên cứu cảm biến mực nước"},
          {"level", "Cấp tỉnh"},
          {"kind", "Đề tài"},
          {"mode", "Đặt hàng"},
          {"national_code", "KHCN.HP.2001"},
          {"national_code_on", "06/01/2026"},
          {"host_unit_code", "VMU"},
          {"host_unit_name", "Trường Đại học Hàng hải Việt Nam"},
          {"managing_unit_code", "SKHCN"},
          {"budget_nsnn", "1.500.000.000"},
          {"budget_other", "200000000"},
          {"start_date", "01/05/2026"},
          {"end_date", "2027-04-30"},
          {"doc_number", "12/QĐ-SKHCN"},
          {"doc_date", "05/01/2026"},
          {"signer_name", "Nguyễn Văn Hùng"},
          {"signer_position", "Giám đốc"},
          {"stage", "Đang thực hiện"}};
}
}  // namespace

TEST(StRegister, ReadsWhatTheExportWrites) {
  StWorkbookSheet tasks{"Nhiệm vụ",
                        {{"SỔ NHIỆM VỤ KH&CN"}, headers(st_task_columns()), row(st_task_columns(), good())}};
  StWorkbookSheet products{
      "Sản phẩm", {headers(st_product_columns()), {"ĐTHP.01/25", "Thiết bị đo", "Thiết bị", "2", "Sai số ≤ 1 cm"}}};
  StWorkbookSheet years{
      "Kinh phí theo năm",
      {headers(st_year_columns()), {"ĐTHP.01/25", "2026", "900000000"}, {"ĐTHP.01/25", "2027", "600.000.000"}}};
  const auto r = read_st_register({tasks, products, years});
  ASSERT_TRUE(r.issues.empty()) << r.issues.front().message;
  ASSERT_EQ(r.rows.size(), 1u);
  const auto& t = r.rows[0];
  EXPECT_EQ(t.row, 3);
  EXPECT_EQ(t.level, "tinh");
  EXPECT_EQ(t.kind, "de_tai");
  EXPECT_EQ(t.mode, "dat_hang");
  EXPECT_EQ(t.budget_nsnn, 1'500'000'000);
  EXPECT_EQ(t.budget_other, 200'000'000);
  EXPECT_EQ(t.start_date, make_date(2026, 5, 1));
  EXPECT_EQ(t.end_date, make_date(2027, 4, 30));
  EXPECT_EQ(t.national_code_on, make_date(2026, 1, 6));
  EXPECT_EQ(t.host_unit_code, "VMU");
  EXPECT_EQ(t.doc_date, make_date(2026, 1, 5));
  ASSERT_EQ(t.products.size(), 1u);
  EXPECT_EQ(t.products[0], (StProductRow{"Thiết bị đo", "Thiết bị", 2, "Sai số ≤ 1 cm"}));
  EXPECT_EQ(t.years, (std::vector<StYearRow>{{2026, 900'000'000}, {2027, 600'000'000}}));
}

TEST(StRegister, CodesAreReadAsWordsOrCodesAndColumnsInAnyOrder) {
  auto v = good();
  v["level"] = "tinh";
  v["kind"] = "du an san xuat thu nghiem";
  auto h = headers(st_task_columns());
  auto cells = row(st_task_columns(), v);
  std::reverse(h.begin(), h.end());
  std::reverse(cells.begin(), cells.end());
  const auto r = read_st_register({{"Nhiệm vụ", {h, cells}}});
  ASSERT_TRUE(r.issues.empty()) << r.issues.front().message;
  EXPECT_EQ(r.rows[0].level, "tinh");
  EXPECT_EQ(r.rows[0].kind, "du_an_sxtn");
}

// Every problem is named by sheet, row and column, and the row is left out.
TEST(StRegister, EveryProblemByRowAndColumn) {
  const std::pair<std::string_view, std::string> bad[] = {
      {"code", ""},
      {"title", ""},
      {"level", "Cấp huyện"},
      {"mode", "Mua sắm"},
      {"budget_nsnn", "1,5"},
      {"budget_other", "-3"},
      {"start_date", "31/02/2026"},
      {"end_date", "01/04/2026"},
      {"doc_date", "hôm qua"},
      {"host_unit_code", ""},
      {"national_code_on", "2026-13-01"},
  };
  for (const auto& [field, text] : bad) {
    auto v = good();
    v[field] = text;
    const auto r = read_st_register({{"Nhiệm vụ", {headers(st_task_columns()), row(st_task_columns(), v)}}});
    EXPECT_TRUE(r.rows.empty()) << field;
    ASSERT_EQ(r.issues.size(), 1u) << field;
    EXPECT_EQ(r.issues[0].row, 2) << field;
    EXPECT_EQ(r.issues[0].field, field);
    EXPECT_NE(r.issues[0].message.find("dòng 2, cột «"), std::string::npos) << r.issues[0].message;
  }
  // A code twice; a product naming no task of the sheet; a year twice; a missing column.
  auto v = good();
  const auto twice = read_st_register(
      {{"Nhiệm vụ", {headers(st_task_columns()), row(st_task_columns(), v), row(st_task_columns(), v)}},
       {"Sản phẩm", {headers(st_product_columns()), {"KHAC", "A", "B", "1", ""}}},
       {"Kinh phí theo năm", {headers(st_year_columns()), {"ĐTHP.01/25", "2026", "1"}, {"ĐTHP.01/25", "2026", "2"}}}});
  ASSERT_EQ(twice.issues.size(), 3u);
  EXPECT_EQ(twice.issues[0].row, 3);
  EXPECT_EQ(twice.issues[0].field, "code");
  EXPECT_EQ(twice.issues[1].sheet, "Sản phẩm");
  EXPECT_EQ(twice.issues[2].sheet, "Kinh phí theo năm");
  EXPECT_EQ(twice.issues[2].row, 3);
  auto h = headers(st_task_columns());
  h.erase(h.begin() + 4);  // Phương thức hình thành
  const auto missing = read_st_register({{"Nhiệm vụ", {h}}});
  ASSERT_EQ(missing.issues.size(), 1u);
  EXPECT_EQ(missing.issues[0].field, "mode");
  EXPECT_EQ(read_st_register({{"Trang 1", {}}}).issues.size(), 1u);
}

TEST(StRegister, MoneyAndDatesAsTyped) {
  EXPECT_EQ(parse_dong("1500000000"), 1'500'000'000);
  EXPECT_EQ(parse_dong("1.500.000.000"), 1'500'000'000);
  EXPECT_EQ(parse_dong("1,500,000"), 1'500'000);
  EXPECT_EQ(parse_dong("1 500 000"), 1'500'000);
  EXPECT_EQ(parse_dong("0"), 0);
  EXPECT_FALSE(parse_dong("1,5").has_value());
  EXPECT_FALSE(parse_dong("1.500,000").has_value());
  EXPECT_FALSE(parse_dong("1.5000").has_value());
  EXPECT_FALSE(parse_dong("-1").has_value());
  EXPECT_FALSE(parse_dong("").has_value());
  EXPECT_FALSE(parse_dong("99999999999999999999").has_value());
  EXPECT_EQ(parse_sheet_date("5/1/2026"), make_date(2026, 1, 5));
  EXPECT_EQ(parse_sheet_date("2026-01-05"), make_date(2026, 1, 5));
  EXPECT_FALSE(parse_sheet_date("29/02/2026").has_value());
  EXPECT_FALSE(parse_sheet_date("05/01/26").has_value());
  EXPECT_FALSE(parse_sheet_date("05/01/2026 x").has_value());
}

}  // namespace tiendo::domain
