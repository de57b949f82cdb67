#pragma once
// Reads the sheets of an .xlsx workbook as tables of text. Dates (cells with a date format) come out as
// dd/mm/yyyy, the way a deadline is written, so the deadline words parser reads them too.
#include <string>
#include <string_view>
#include <vector>

#include "formats/format_error.h"

namespace tiendo::formats {

struct Sheet {
  std::string name;
  Table rows;  // row i is spreadsheet row i+1; trailing empty cells dropped
};

constexpr std::size_t kMaxImportRows = 10000;

// Throws FormatError for a file that is not a workbook, or has more than kMaxImportRows rows in a sheet.
std::vector<Sheet> read_xlsx(std::string_view bytes);

}  // namespace tiendo::formats
