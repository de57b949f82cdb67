#pragma once
// Builds a WHERE clause with numbered placeholders, so filters compose without string splicing of values.
#include <string>

#include "store/db.h"

namespace tiendo::store {

class Where {
 public:
  // `condition` uses "?" for the one value it takes; it becomes $n.
  Where& add(std::string_view condition, Param value) {
    params_.push_back(std::move(value));
    std::string c(condition);
    if (auto pos = c.find('?'); pos != std::string::npos) c.replace(pos, 1, "$" + std::to_string(params_.size()));
    clauses_.push_back(std::move(c));
    return *this;
  }
  // Rows of the unit subtree under `path` ("/1/5/"): a range, so both databases use the path index.
  Where& add_subtree(std::string_view column, const std::string& path) {
    std::string end = path;
    end.back() = static_cast<char>('/' + 1);  // "/1/5/" -> "/1/50": every path under it sorts between
    add(std::string(column) + " >= ?", path);
    return add(std::string(column) + " < ?", end);
  }
  Where& add_raw(std::string_view condition) {
    clauses_.emplace_back(condition);
    return *this;
  }
  std::string sql() const {
    std::string s;
    for (size_t i = 0; i < clauses_.size(); ++i) s += (i == 0 ? " WHERE " : " AND ") + clauses_[i];
    return s;
  }
  // Appends LIMIT/OFFSET parameters and returns the clause.
  std::string page(long long limit, long long offset) {
    params_.push_back(limit);
    params_.push_back(offset);
    return " LIMIT $" + std::to_string(params_.size() - 1) + " OFFSET $" + std::to_string(params_.size());
  }
  const Params& params() const { return params_; }

 private:
  std::vector<std::string> clauses_;
  Params params_;
};

// A query becomes one phrase matched at word starts against a search_text column (see domain::search_key).
void add_text_search(Where& w, std::string_view column, std::string_view query);

}  // namespace tiendo::store
