#pragma once
// Reading a plan out of tables as people keep them (a directive's appendices in Word, an Excel list, a
// CSV): which table holds indicators and which tasks, which row is a header, a group, an item, a
// level target or the continuation of a row split across pages; and which units the words name.
// Pure: the tables come in as text, the known units as a catalogue.
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace tiendo::domain {

using TextTable = std::vector<std::vector<std::string>>;

// A unit or a group of units, with every name it may be written by (name, short name, learned aliases).
struct NamedUnit {
  long long id = 0;
  bool group = false;
  bool top_level = false;  // a direct child of the city: preferred when a short word fits several
  std::string code;
  std::vector<std::string> names;
};

struct UnitMatch {
  std::vector<long long> unit_ids, group_ids;  // in the order the words name them
  std::vector<std::string> unmatched;          // the pieces of the words that named nothing, as written
};

// "Sở Tư pháp, Công an thành phố" -> two units; "Các Sở, ban, ngành thành phố, UBND cấp xã" -> two groups;
// "Các Sở, cơ quan: Tư pháp, Công an" -> Sở Tư pháp and Công an thành phố. Diacritics, case and the usual
// abbreviations (UBND, TP, VP) do not matter.
UnitMatch match_units(std::string_view words, const std::vector<NamedUnit>& catalogue);

// The words of a unit name as compared: folded, abbreviations spelled out.
std::string unit_key(std::string_view words);

struct ImportIssue {
  int row = 0;  // 1-based row in its table; 0: the file as a whole
  std::string field, message;
};

// An item's codes in external systems, from the columns "Mã <system>" (as the exports write them), in the
// order of the columns: system, code.
using ExternalCodes = std::vector<std::pair<std::string, std::string>>;

struct ImportedLevel {
  std::string level;  // city | commune
  std::string target_text, monitoring_text;
};

struct ImportedIndicator {
  int row = 0;
  std::string code, name, target_text, monitoring_text, notes;
  std::string aggregation, monitoring_code, reporting_group_code;
  std::optional<double> baseline;
  std::vector<ImportedLevel> levels;
  ExternalCodes codes;
};

struct ImportedTask {
  int row = 0;
  std::string code, name, lead_text, coordinating_text, output, deadline_text, notes, field, directing_leader;
  std::string lead_codes, coordinating_codes;  // "SKHCN, CATP" when the table has code columns
  ExternalCodes codes;
};

struct ImportedPlan {
  std::vector<ImportedIndicator> indicators;
  std::vector<ImportedTask> tasks;
  std::vector<ImportIssue> issues;
  int tables_read = 0, tables_skipped = 0;
};

// The example rows of the import template (`GET /import-template.xlsx`): a preview warns when one is left in.
inline constexpr std::string_view kExampleIndicatorName = "Tỉ lệ hồ sơ công việc được xử lý trên môi trường điện tử";
inline constexpr std::string_view kExampleTaskName = "Rà soát, hoàn thiện thể chế về chuyển đổi số";

// Reads every table it recognises by its header row (TT, Chỉ tiêu / Tên nhiệm vụ, Chủ trì, ...).
ImportedPlan read_plan_tables(const std::vector<TextTable>& tables);

}  // namespace tiendo::domain
