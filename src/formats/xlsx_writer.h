#pragma once
// Writes tables as an .xlsx workbook through libxlsxwriter: a title, a frozen header row, group rows
// merged across the table, wrapped text, and real numbers, percentages and dates (never text).
#include <chrono>
#include <functional>
#include <optional>
#include <string>
#include <variant>
#include <vector>

#include "domain/date.h"

namespace tiendo::formats {

struct Percent {
  double share = 0;  // 0.175 shows as 17,5 % in a Vietnamese Excel
};
using XlsxValue = std::variant<std::monostate, std::string, double, Percent, domain::Date>;

struct XlsxColumn {
  std::string header;
  double width = 12;
};

struct XlsxRow {
  enum class Kind { item, group, sub };  // group: TT plus one text merged across; sub: italic
  Kind kind = Kind::item;
  std::vector<XlsxValue> cells;
};

struct XlsxSheet {
  std::string name;                      // at most 31 characters
  std::vector<std::string> title_lines;  // bold, centred above the table
  std::vector<XlsxColumn> columns;
  std::vector<XlsxRow> rows;
};

// `progress(done, total)` is called as rows are written, for a progress line or bar.
// `created`: the workbook's creation time (docProps/core.xml). Given, the same sheets give the same bytes; left
// out, libxlsxwriter writes the wall clock.
std::string write_xlsx(const std::vector<XlsxSheet>& sheets, const std::function<void(size_t, size_t)>& progress = {},
                       std::optional<std::chrono::sys_seconds> created = std::nullopt);

}  // namespace tiendo::formats
