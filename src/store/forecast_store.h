#pragma once
// Issue 17: the history the forecasts read — each assignment's progress as each period's report last submitted
// it, and the difficulties of its latest report, as known before an instant (R14, R15).
#include <functional>
#include <optional>
#include <string>

#include "store/db.h"
#include "store/model.h"

namespace tiendo::store {

// Calls `fn(assignment_id, period, progress_percent)` once per assignment and reported period, with the period's
// latest submission before `before` (every submission without it), by assignment, the latest period first.
void each_reported_progress(Connection& c, const std::optional<std::string>& before,
                            const std::function<void(Id, std::string_view, int)>& fn);

// Calls `fn(assignment_id, difficulties)` for each assignment whose latest submitted line before `before` (the
// latest period's latest submission, as record_progress counts it) names difficulties.
void each_latest_difficulties(Connection& c, const std::optional<std::string>& before,
                              const std::function<void(Id, std::string_view)>& fn);

// Calls `fn(task_id, unit_name)` for each coordinating unit of each task (the plan's current coordinators: they
// are not kept in the plan's history).
void each_task_coordinator(Connection& c, const std::function<void(Id, std::string_view)>& fn);

}  // namespace tiendo::store
