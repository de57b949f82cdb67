#pragma once
// PDF from a .docx through LibreOffice headless (Debian's libreoffice-writer-nogui): the PDF is the
// same document the .docx is, laid out by a full word processor with the fonts the system has
// (Times New Roman is rendered with its metric twin Liberation Serif, which has every Vietnamese glyph).
#include <chrono>
#include <string>
#include <string_view>

namespace tiendo::formats {

// Throws std::runtime_error when LibreOffice is missing, fails or exceeds `timeout`.
std::string docx_to_pdf(std::string_view docx, std::chrono::seconds timeout = std::chrono::seconds(120));

}  // namespace tiendo::formats
