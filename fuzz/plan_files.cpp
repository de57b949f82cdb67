// The importers: .xlsx, .docx and .csv bytes read into tables, then into a plan. A file that cannot be
// read must end in FormatError (a 400 for the user); anything else is a bug.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "domain/plan_import.h"
#include "formats/csv.h"
#include "formats/docx_reader.h"
#include "formats/format_error.h"
#include "formats/xlsx_reader.h"

namespace {
void to_plan(const std::vector<tiendo::domain::TextTable>& tables) { (void)tiendo::domain::read_plan_tables(tables); }
}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (size < 1) return 0;
  const std::string_view bytes(reinterpret_cast<const char*>(data) + 1, size - 1);
  try {
    switch (data[0] % 3) {
      case 0: {
        std::vector<tiendo::domain::TextTable> sheets;
        for (auto& sheet : tiendo::formats::read_xlsx(bytes)) sheets.push_back(std::move(sheet.rows));
        to_plan(sheets);
        break;
      }
      case 1:
        to_plan(tiendo::formats::read_docx_tables(bytes));
        break;
      default:
        to_plan({tiendo::formats::read_csv(bytes)});
    }
  } catch (const tiendo::formats::FormatError&) {
  }
  return 0;
}
