#pragma once
// Who may see a feedback item or an S&T task: the same answer for the item's own routes and for the lookup by
// external code (issue 18), so a code never shows an item its page would not.
#include "api/principal.h"
#include "store/feedback_store.h"
#include "store/st_task_store.h"

namespace tiendo::api {

// The city-wide roles, and the officers of the unit that received it, leads it or coordinates it now (or of a
// unit above).
bool feedback_in_scope(const Principal& p, const store::FeedbackItem& f,
                       const std::vector<store::FeedbackCoordinator>& coordinators);
// The tasks hosted or managed within the caller's subtree: a host organisation's officers see only its own.
bool st_task_in_scope(const Principal& p, const store::StTask& t);

}  // namespace tiendo::api
