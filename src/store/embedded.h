#pragma once
// Files compiled into the binary by cmake/embed.cmake: migrations and the OpenAPI document.
#include <string_view>
#include <vector>

namespace tiendo::store {

struct EmbeddedFile {
  std::string_view name;
  std::string_view content;
};

const std::vector<EmbeddedFile>& sqlite_migrations();
const std::vector<EmbeddedFile>& postgresql_migrations();
std::string_view openapi_document();

}  // namespace tiendo::store
