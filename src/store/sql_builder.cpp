#include "store/sql_builder.h"

#include "domain/text.h"

namespace tiendo::store {

void add_text_search(Where& w, std::string_view column, std::string_view query) {
  // search_phrase keeps only letters, digits and single spaces, so no LIKE wildcard can reach the pattern.
  const std::string phrase = domain::search_phrase(query);
  if (phrase.empty()) return;
  w.add(std::string(column) + " LIKE ?", "% " + phrase + "%");
}

}  // namespace tiendo::store
