#pragma once
// Issue 17: the weekly brief of new risks to each leader, run by the scheduler inside the server.
#include "domain/date.h"
#include "store/db.h"

namespace tiendo::service {

// Once per ISO week (the first run in it): to each city leader, the work newly at risk in the city since the
// same day a week before; to each directing leader, that of the tasks they direct (their name in the task's
// "lãnh đạo chỉ đạo"). In the app and, as the user chose, by e-mail; each item ends with its assignment's link.
// A restart or a second instance repeats nothing: the week is recorded with its notifications, each unique per
// user and week. Returns the notifications created.
int run_risk_briefs(store::Database& db, domain::Instant now);

}  // namespace tiendo::service
