#pragma once
// The S&T task register as a workbook (issue 16): the sheets and columns of its export, each with its Vietnamese
// header, and reading such a workbook back into the register's fields row by row, every problem named by sheet,
// row and column in Vietnamese — so that an exported register re-imports to the same register. Units are named by
// their codes; level, kind and mode are written as their Vietnamese words (domain/vocabulary) and read back as
// words or codes; dates as dd/mm/yyyy; money in whole đồng.
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "domain/date.h"

namespace tiendo::domain {

using TextTable = std::vector<std::vector<std::string>>;

constexpr std::string_view kStTaskSheet = "Nhiệm vụ";
constexpr std::string_view kStProductSheet = "Sản phẩm";
constexpr std::string_view kStYearSheet = "Kinh phí theo năm";

struct StSheetColumn {
  std::string_view field;   // the register field (its JSON name in the API)
  std::string_view header;  // the Vietnamese header row's text
  bool read = true;         // false: written for the reader (names, the current stage), ignored on import
};
// The columns of each sheet in the export's order.
std::span<const StSheetColumn> st_task_columns();
std::span<const StSheetColumn> st_product_columns();
std::span<const StSheetColumn> st_year_columns();

struct StProductRow {
  std::string name, product_type;
  long long quantity = 1;
  std::string quality_spec;
  bool operator==(const StProductRow&) const = default;
};
struct StYearRow {
  int year = 0;
  long long budget_nsnn = 0;
  bool operator==(const StYearRow&) const = default;
};
struct StRegisterRow {
  int row = 0;  // the row's number on the tasks sheet (1 = the sheet's first row)
  std::string code, title, national_code, registration_no, level, kind, mode, problem, sector;
  std::optional<Date> national_code_on;
  std::string host_unit_code, principal_investigator, managing_unit_code;
  long long budget_nsnn = 0, budget_other = 0;
  std::optional<Date> start_date, end_date;
  std::string uptake_plan, ip_plan, summary;
  // The proposal's document: the first step of a task the import creates (unused for a task already there).
  std::string doc_number;
  std::optional<Date> doc_date;
  std::string signer_name, signer_position;
  std::vector<StProductRow> products;
  std::vector<StYearRow> years;
};
struct StSheetIssue {
  std::string sheet;
  int row = 0;
  std::string column;  // the column's Vietnamese header
  std::string field;
  std::string message;  // Vietnamese, naming the row and the column
};
struct StRegisterSheet {
  std::vector<StRegisterRow> rows;  // only rows without an issue of their own
  std::vector<StSheetIssue> issues;
};

struct StWorkbookSheet {
  std::string name;
  TextTable rows;  // row i is the sheet's row i+1
};
// Reads the register from a workbook's sheets: the tasks sheet is required, the products and yearly budgets
// sheets optional (a task's products and years are those rows naming its code). Each sheet's header row is the
// first that holds its first column's header; columns are found by their headers, in any order.
StRegisterSheet read_st_register(const std::vector<StWorkbookSheet>& sheets);

// Money in whole đồng as typed: digits, optionally grouped by threes with dots, commas or spaces
// ("1.500.000.000"). Nothing for anything else.
std::optional<long long> parse_dong(std::string_view text);
// A date as typed or as the workbook reader gives it: dd/mm/yyyy (d/m too) or yyyy-mm-dd.
std::optional<Date> parse_sheet_date(std::string_view text);

}  // namespace tiendo::domain
