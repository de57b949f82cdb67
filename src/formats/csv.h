#pragma once
// CSV as spreadsheets save it: UTF-8 with or without BOM, comma, semicolon or tab separated (detected
// from the first line), quoted fields with doubled quotes and line breaks inside.
#include <string_view>

#include "formats/format_error.h"

namespace tiendo::formats {

// Throws FormatError for text that is not UTF-8 (a legacy TCVN3 or Windows-1258 file) or too many rows.
Table read_csv(std::string_view bytes);

bool valid_utf8(std::string_view s);

}  // namespace tiendo::formats
