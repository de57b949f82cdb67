#pragma once
// The one error of file reading and writing: a Vietnamese message a person can act on. The API answers
// it as 400 with code "invalid_file"; nothing has been written when it is thrown.
#include <stdexcept>
#include <string>
#include <vector>

namespace tiendo::formats {

struct FormatError : std::runtime_error {
  explicit FormatError(const std::string& message) : std::runtime_error(message) {}
};

// Rows of cells as text, the common shape of every table read from .xlsx, .csv and .docx.
using Row = std::vector<std::string>;
using Table = std::vector<Row>;

}  // namespace tiendo::formats
