#pragma once
// R16: units merge and split. A closing unit names its successors; from the closing day its open work passes
// to them, while everything before stays its own. Pure rules: whether a closing is valid, which work passes,
// which successor takes it, and from when an assignment counts for the unit that holds it.
#include <optional>
#include <string>
#include <vector>

#include "domain/assignment_status.h"
#include "domain/date.h"
#include "domain/reporting_rule.h"

namespace tiendo::domain {

struct SuccessorFacts {
  long long unit_id = 0;
  ActiveSpan span;          // its active days as they stand
  bool in_subtree = false;  // the closing unit itself or one of its descendants
  bool closed = false;      // already closed by a succession of its own
};

struct ClosingError {
  std::string field;    // the request field at fault
  std::string message;  // Vietnamese, naming the field by its label
};

// A closing on `closing` (the successors' first day; the unit's last active day is the day before) is valid when
// the unit has not been closed by a succession already, is active the day before (it has at least one active day
// left to close: the closing is after its opening, and not after a closing day set earlier plus one), and every
// successor is named once, is another unit outside the closing unit's subtree, not closed itself, and active on
// the closing day.
std::optional<ClosingError> check_closing(Date closing, const ActiveSpan& unit, bool unit_closed,
                                          const std::vector<SuccessorFacts>& successors);

// The work that passes (R16): as it stands when the closing is recorded, not confirmed done and not cancelled;
// paused and waiting work passes too, as it may resume.
bool passes_on(const AssignmentFacts& f);

// Which successor (its index) takes an assignment: the one whose list names it, else the first.
std::size_t successor_for(long long assignment_id, const std::vector<std::vector<long long>>& named);

// An assignment received by succession counts for its new unit from its first day (held_from) on: the unit's
// active days narrowed to start no earlier (R1, R2 and R5 then follow from the narrowed span).
ActiveSpan held_span(const ActiveSpan& unit, std::optional<Date> held_from);

}  // namespace tiendo::domain
