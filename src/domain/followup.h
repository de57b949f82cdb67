#pragma once
// Following up work that slips (Decree 30): when a unit may ask to move an assignment's deadline, and when an
// overdue assignment may be reviewed. The use cases (service/followup) say each refusal in words.
#include <optional>

#include "domain/assignment_status.h"
#include "domain/date.h"

namespace tiendo::domain {

// Why an extension request is refused, checked in this order.
enum class ExtensionRefusal {
  none,
  recurring,  // recurring work has no deadline to move
  done,       // the work is confirmed done
  not_later,  // the requested deadline is not after the current one
};
// `current_due`: the effective deadline, else the original one; nothing when the work has no date.
ExtensionRefusal extension_refusal(bool recurring, bool done, std::optional<Date> current_due, Date requested_due);

// Why an overdue review is refused, checked in this order.
enum class ReviewRefusal {
  none,
  not_overdue,  // only work overdue today is reviewed
  not_future,   // the new deadline must come after today
};
ReviewRefusal review_refusal(AssignmentStatus status, Date new_due, Date today);

}  // namespace tiendo::domain
