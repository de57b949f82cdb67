#pragma once
// Issue 17: the progress history the forecasts read — each assignment's progress as each period's report last
// submitted it, as known before an instant (R14, R15).
#include <functional>
#include <optional>
#include <string>

#include "store/db.h"
#include "store/model.h"

namespace tiendo::store {

// Calls `fn(assignment_id, period, progress_percent)` once per assignment and reported period, with the
// period's latest submission before `before` (every submission without it), by assignment then period.
void each_reported_progress(Connection& c, const std::optional<std::string>& before,
                            const std::function<void(Id, const std::string&, int)>& fn);

}  // namespace tiendo::store
