#include "store/sql_builder.h"

#include <sstream>

#include "domain/text.h"

namespace tiendo::store {

void add_text_search(Where& w, std::string_view column, std::string_view query) {
  std::istringstream words(domain::fold(query));
  std::string word;
  while (words >> word) {
    // LIKE wildcards typed by a user are matched literally.
    std::string escaped;
    for (char ch : word) {
      if (ch == '%' || ch == '_' || ch == '\\') escaped.push_back('\\');
      escaped.push_back(ch);
    }
    w.add(std::string(column) + " LIKE ? ESCAPE '\\'", "%" + escaped + "%");
  }
}

}  // namespace tiendo::store
