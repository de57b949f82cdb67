#include "domain/plan_import.h"

#include <gtest/gtest.h>

namespace tiendo::domain {

namespace {

std::vector<NamedUnit> catalogue() {
  return {
      {1, false, true, "STP", {"Sở Tư pháp", "STP"}},
      {2, false, true, "CATP", {"Công an thành phố", "CATP"}},
      {3, false, true, "SNV", {"Sở Nội vụ"}},
      {4, false, true, "SKHCN", {"Sở Khoa học và Công nghệ", "Sở KH&CN"}},
      {5, false, true, "VPUBND", {"Văn phòng Ủy ban nhân dân thành phố", "VP UBND TP"}},
      {6, false, true, "STC", {"Sở Tài chính"}},
      {7, false, false, "P-HAIAN-CA", {"Công an phường Hải An"}},
      {8, false, true, "SYT", {"Sở Y tế"}},
      {9, false, true, "SXD", {"Sở Xây dựng"}},
      {10, false, true, "SVHTTDL", {"Sở Văn hóa, Thể thao và Du lịch"}},
      {100, true, false, "UBND_CAP_XA", {"UBND cấp xã"}},
      {101, true, false, "SO_BAN_NGANH", {"Các Sở, ban, ngành thành phố"}},
      {102, true, false, "CQ_TAI_CHINH", {"Cơ quan tài chính các cấp"}},
  };
}

}  // namespace

TEST(MatchUnits, WholeNamesInOrder) {
  auto m = match_units("Sở Tư pháp, Công an thành phố", catalogue());
  EXPECT_EQ(m.unit_ids, (std::vector<long long>{1, 2}));
  EXPECT_TRUE(m.unmatched.empty());
}

TEST(MatchUnits, GroupsWithCommasInTheirNames) {
  auto m = match_units("Các Sở, ban, ngành thành phố, UBND cấp xã", catalogue());
  EXPECT_EQ(m.group_ids, (std::vector<long long>{101, 100}));
  EXPECT_TRUE(m.unit_ids.empty());
  EXPECT_TRUE(m.unmatched.empty());
}

TEST(MatchUnits, DiacriticsCaseAndAbbreviationsIgnored) {
  EXPECT_EQ(match_units("so khoa hoc va cong nghe", catalogue()).unit_ids, (std::vector<long long>{4}));
  EXPECT_EQ(match_units("SỞ KHOA HỌC VÀ CÔNG NGHỆ", catalogue()).unit_ids, (std::vector<long long>{4}));
  EXPECT_EQ(match_units("Văn phòng UBND thành phố", catalogue()).unit_ids, (std::vector<long long>{5}));
  EXPECT_EQ(match_units("Ủy ban nhân dân cấp xã", catalogue()).group_ids, (std::vector<long long>{100}));
  // A name with a comma of its own is one unit, not two pieces.
  EXPECT_EQ(match_units("Sở Văn hóa, Thể thao và Du lịch", catalogue()).unit_ids, (std::vector<long long>{10}));
}

TEST(MatchUnits, ListAfterACommonHead) {
  auto m = match_units(
      "Các Sở, cơ quan: Tư pháp, Công an, Nội vụ, Khoa học và Công nghệ, Văn phòng Ủy ban nhân dân thành phố",
      catalogue());
  EXPECT_EQ(m.unit_ids, (std::vector<long long>{1, 2, 3, 4, 5}));
  EXPECT_TRUE(m.unmatched.empty()) << m.unmatched.front();
}

TEST(MatchUnits, FillerIsNotUnmatched) {
  auto m = match_units("Công an thành phố và các đơn vị liên quan", catalogue());
  EXPECT_EQ(m.unit_ids, (std::vector<long long>{2}));
  EXPECT_TRUE(m.unmatched.empty());
  EXPECT_TRUE(match_units("Các cơ quan có liên quan", catalogue()).unmatched.empty());
}

TEST(MatchUnits, UnmatchedKeptAsWritten) {
  auto m = match_units("Sở Tài chính và các địa phương theo phân cấp quản lý ngân sách", catalogue());
  EXPECT_EQ(m.unit_ids, (std::vector<long long>{6}));
  ASSERT_EQ(m.unmatched.size(), 1u);
  EXPECT_EQ(m.unmatched[0], "và các địa phương theo phân cấp quản lý ngân sách");
  auto none = match_units("Ban Quản lý dự án", catalogue());
  EXPECT_TRUE(none.unit_ids.empty());
  EXPECT_EQ(none.unmatched, (std::vector<std::string>{"Ban Quản lý dự án"}));
}

TEST(MatchUnits, AmbiguousPrefixLeftToAPerson) {
  // "Công an" alone: the city police (top level) is preferred over a ward's police.
  EXPECT_EQ(match_units("Công an", catalogue()).unit_ids, (std::vector<long long>{2}));
  // "Sở" alone fits many: nothing is guessed.
  EXPECT_TRUE(match_units("Sở", catalogue()).unit_ids.empty());
  EXPECT_TRUE(match_units("", catalogue()).unit_ids.empty());
}

TEST(ReadPlanTables, TasksWithPageSplitAndGroups) {
  TextTable t{
      {"TT", "Tên nhiệm vụ", "Chủ trì", "Phối hợp", "Kết quả", "Thời hạn", "Ghi chú"},
      {"I", "Thể chế", "", "", "", "", ""},
      {"1.", "Rà soát thể chế", "Các Sở, ban, ngành", "Sở Tư pháp", "Văn bản", "Quý II/2026", ""},
      // The next page repeats the header and carries on the row above.
      {"TT", "Tên nhiệm vụ", "Chủ trì", "Phối hợp", "Kết quả", "Thời hạn", "Ghi chú"},
      {"", "và pháp luật", "thành phố, UBND cấp xã", "", "ban hành", "", ""},
      {"2.", "Số hóa dữ liệu", "Sở Khoa học và Công nghệ", "", "Dữ liệu", "Thường xuyên", "Theo QĐ 11"},
      {"", "", "", "", "", "", ""},
  };
  auto plan = read_plan_tables({t});
  ASSERT_EQ(plan.tasks.size(), 2u);
  EXPECT_EQ(plan.tasks[0].code, "1");
  EXPECT_EQ(plan.tasks[0].name, "Rà soát thể chế và pháp luật");
  EXPECT_EQ(plan.tasks[0].lead_text, "Các Sở, ban, ngành thành phố, UBND cấp xã");
  EXPECT_EQ(plan.tasks[0].output, "Văn bản ban hành");
  EXPECT_EQ(plan.tasks[0].field, "Thể chế");
  EXPECT_EQ(plan.tasks[1].deadline_text, "Thường xuyên");
  EXPECT_EQ(plan.tasks[1].notes, "Theo QĐ 11");
  EXPECT_TRUE(plan.issues.empty());
  EXPECT_EQ(plan.tables_read, 1);
}

TEST(ReadPlanTables, IndicatorsWithLevels) {
  TextTable t{
      {"TT", "Chỉ tiêu", "Kết quả", "Cơ quan, đơn vị chủ trì theo dõi, đánh giá và báo cáo", "Ghi chú"},
      {"I", "Chỉ tiêu theo Quyết định số 11/QĐ-BCĐCP", "", "", ""},
      {"1.", "Tỉ lệ cán bộ cấp xã có chữ ký số", "100%", "UBND cấp xã", "Hằng tháng"},
      {"3.", "Tỷ lệ văn bản xử lý toàn trình", "", "", ""},
      {"", "Cấp thành phố", "70%", "Văn phòng UBND thành phố", ""},
      {"", "Cấp xã", "70%", "UBND cấp xã", ""},
  };
  auto plan = read_plan_tables({t});
  ASSERT_EQ(plan.indicators.size(), 2u);
  EXPECT_EQ(plan.indicators[0].target_text, "100%");
  EXPECT_EQ(plan.indicators[0].monitoring_text, "UBND cấp xã");
  ASSERT_EQ(plan.indicators[1].levels.size(), 2u);
  EXPECT_EQ(plan.indicators[1].levels[0].level, "city");
  EXPECT_EQ(plan.indicators[1].levels[1].level, "commune");
  EXPECT_EQ(plan.indicators[1].levels[1].target_text, "70%");
}

TEST(ReadPlanTables, ProblemsNamedByRow) {
  TextTable t{
      {"STT", "Nhiệm vụ", "Đơn vị chủ trì", "Thời hạn"},
      {"1", "", "Sở Y tế", "12/2026"},
      {"1", "Trùng số", "", ""},
      {"", "lạc dòng", "", ""},
  };
  auto plan = read_plan_tables({{{"không phải bảng kế hoạch"}}, t});
  EXPECT_EQ(plan.tables_skipped, 1);
  ASSERT_EQ(plan.tasks.size(), 2u);
  // Missing name (row 2), missing lead, missing deadline and duplicate number (row 3).
  ASSERT_GE(plan.issues.size(), 4u);
  EXPECT_EQ(plan.issues[0].row, 2);
  EXPECT_EQ(plan.issues[0].field, "name");
  EXPECT_EQ(plan.issues.back().field, "code");
}

// A baseline cell is a figure only when it is a whole finite number: "1e400", "inf", "nan" and "12abc"
// are marked on their row, never read as infinity or as 12.
TEST(ReadPlanTables, BaselineOnlyAFiniteNumber) {
  TextTable t{
      {"TT", "Chỉ tiêu", "Kết quả", "Cơ quan chủ trì theo dõi", "Giá trị gốc"},
      {"1", "Tỷ lệ A", "100%", "UBND cấp xã", "12,5"},
      {"2", "Tỷ lệ B", "100%", "UBND cấp xã", "1e400"},
      {"3", "Tỷ lệ C", "100%", "UBND cấp xã", "inf"},
      {"4", "Tỷ lệ D", "100%", "UBND cấp xã", "nan"},
      {"5", "Tỷ lệ E", "100%", "UBND cấp xã", "12abc"},
  };
  auto plan = read_plan_tables({t});
  ASSERT_EQ(plan.indicators.size(), 5u);
  ASSERT_TRUE(plan.indicators[0].baseline);
  EXPECT_DOUBLE_EQ(*plan.indicators[0].baseline, 12.5);
  for (size_t i = 1; i < 5; ++i) EXPECT_FALSE(plan.indicators[i].baseline) << i;
  int marked = 0;
  for (const auto& issue : plan.issues) marked += issue.field == "baseline" ? 1 : 0;
  EXPECT_EQ(marked, 4);
}

TEST(ReadPlanTables, NothingRecognised) {
  auto plan = read_plan_tables({{{"a", "b"}, {"c", "d"}}});
  ASSERT_EQ(plan.issues.size(), 1u);
  EXPECT_EQ(plan.issues[0].field, "file");
}

TEST(ReadPlanTables, CodeColumnsAndLeader) {
  TextTable t{{"TT", "Tên nhiệm vụ", "Lãnh đạo chỉ đạo", "Chủ trì", "Phối hợp", "Thời hạn", "Mã ĐV chủ trì",
               "Mã ĐV phối hợp", "Lĩnh vực"},
              {"1", "Nhiệm vụ", "Đồng chí A", "Sở Y tế", "", "12/2026", "SYT", "CATP, SNV", "Y tế số"}};
  auto plan = read_plan_tables({t});
  ASSERT_EQ(plan.tasks.size(), 1u);
  EXPECT_EQ(plan.tasks[0].directing_leader, "Đồng chí A");
  EXPECT_EQ(plan.tasks[0].lead_codes, "SYT");
  EXPECT_EQ(plan.tasks[0].coordinating_codes, "CATP, SNV");
  EXPECT_EQ(plan.tasks[0].field, "Y tế số");
}

TEST(ReadPlanTables, ExternalCodeColumnsPerSystem) {
  // "Mã <system>" as the exports write it; "Mã số", "Mã đơn vị chủ trì" keep their own meaning.
  const TextTable t = {
      {"Mã số", "Tên nhiệm vụ", "Chủ trì", "Thời hạn", "Mã nq57", "Mã theodoi.dcs.vn", "Mã đơn vị chủ trì"},
      {"1", "Nhiệm vụ một", "Sở Tư pháp", "Năm 2026", "NQ57-01", "", "STP"},
      {"2", "Nhiệm vụ hai", "Sở Tư pháp", "Năm 2026", " NQ57-02 ", "TD-2", ""}};
  const auto p = read_plan_tables({t});
  ASSERT_EQ(p.tasks.size(), 2u);
  EXPECT_EQ(p.tasks[0].code, "1");
  EXPECT_EQ(p.tasks[0].lead_codes, "STP");
  EXPECT_EQ(p.tasks[0].codes, (ExternalCodes{{"nq57", "NQ57-01"}}));
  EXPECT_EQ(p.tasks[1].codes, (ExternalCodes{{"nq57", "NQ57-02"}, {"theodoi.dcs.vn", "TD-2"}}));
}

}  // namespace tiendo::domain
