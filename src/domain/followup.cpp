#include "domain/followup.h"

namespace tiendo::domain {

ExtensionRefusal extension_refusal(bool recurring, bool done, std::optional<Date> current_due, Date requested_due) {
  if (recurring) return ExtensionRefusal::recurring;
  if (done) return ExtensionRefusal::done;
  if (current_due && requested_due <= *current_due) return ExtensionRefusal::not_later;
  return ExtensionRefusal::none;
}

ReviewRefusal review_refusal(AssignmentStatus status, Date new_due, Date today) {
  if (status != AssignmentStatus::overdue) return ReviewRefusal::not_overdue;
  if (new_due <= today) return ReviewRefusal::not_future;
  return ReviewRefusal::none;
}

}  // namespace tiendo::domain
