#pragma once
// Reads the tables of a .docx document (a directive's appendices) as tables of text.
#include <string_view>
#include <vector>

#include "formats/format_error.h"

namespace tiendo::formats {

// Every table of the body in order; a cell spanning columns is followed by empty cells so the columns
// stay aligned. Throws FormatError for a file that is not a Word document.
std::vector<Table> read_docx_tables(std::string_view bytes);

}  // namespace tiendo::formats
