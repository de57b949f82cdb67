#include "domain/succession.h"

#include <algorithm>
#include <set>

namespace tiendo::domain {

std::optional<ClosingError> check_closing(Date closing, const ActiveSpan& unit, bool unit_closed,
                                          const std::vector<SuccessorFacts>& successors) {
  if (unit_closed) return ClosingError{"id", "Đơn vị này đã được sáp nhập hoặc chia tách trước đây."};
  const Date last = closing - std::chrono::days{1};
  if (unit.from && last < *unit.from)
    return ClosingError{"closing_date",
                        "Ngày sáp nhập phải sau ngày bắt đầu hoạt động của đơn vị (" + vn_date(*unit.from) + ")."};
  if (unit.to && last > *unit.to)
    return ClosingError{"closing_date", "Đơn vị đã ngừng hoạt động từ sau ngày " + vn_date(*unit.to) +
                                            "; ngày sáp nhập không được muộn hơn ngày " +
                                            vn_date(*unit.to + std::chrono::days{1}) + "."};
  if (successors.empty()) return ClosingError{"successors", "Cần nêu ít nhất một đơn vị kế thừa."};
  std::set<long long> seen;
  for (const auto& s : successors) {
    if (!seen.insert(s.unit_id).second) return ClosingError{"successors", "Một đơn vị kế thừa được nêu hai lần."};
    if (s.in_subtree)
      return ClosingError{"successors",
                          "Đơn vị kế thừa không được là chính đơn vị bị sáp nhập hay đơn vị trực thuộc nó."};
    if (s.closed) return ClosingError{"successors", "Đơn vị kế thừa đã được sáp nhập vào đơn vị khác."};
    if (!s.span.contains(closing))
      return ClosingError{"successors",
                          "Đơn vị kế thừa phải đang hoạt động vào ngày sáp nhập (" + vn_date(closing) + ")."};
  }
  return std::nullopt;
}

bool passes_on(const AssignmentFacts& f) { return !f.confirmed_done_on && f.decision != Decision::cancelled; }

std::size_t successor_for(long long assignment_id, const std::vector<std::vector<long long>>& named) {
  for (std::size_t i = 0; i < named.size(); ++i) {
    if (std::find(named[i].begin(), named[i].end(), assignment_id) != named[i].end()) return i;
  }
  return 0;
}

ActiveSpan held_span(const ActiveSpan& unit, std::optional<Date> held_from) {
  ActiveSpan s = unit;
  if (held_from && (!s.from || *s.from < *held_from)) s.from = held_from;
  return s;
}

}  // namespace tiendo::domain
