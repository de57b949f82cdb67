#pragma once
// The .docx template parts (src/formats/docx_template), compiled in by cmake/embed_dir.cmake.
#include <string_view>
#include <utility>
#include <vector>

namespace tiendo::formats {
const std::vector<std::pair<std::string_view, std::string_view>>& docx_template_parts();
}  // namespace tiendo::formats
