#pragma once
// Issue 17: the history the forecasts read — each assignment's progress as each period's report last submitted
// it, and the difficulties of its latest report, as known before an instant (R14, R15). With `unit_id`, only that
// unit's assignments (the resident risk model collects one unit again after its report).
#include <functional>
#include <optional>
#include <string>

#include "store/db.h"
#include "store/model.h"

namespace tiendo::store {

// Calls `fn(assignment_id, period, progress_percent, line_id)` once per assignment and reported period, with the
// period's latest submission before `before` (every submission without it), by assignment, the latest period first.
// The line (a submitted_report_items id) is how each_difficulties finds what that report wrote.
void each_reported_progress(Connection& c, const std::optional<std::string>& before,
                            const std::function<void(Id, std::string_view, int, Id)>& fn,
                            std::optional<Id> unit_id = std::nullopt);

// Calls `fn(line_id, difficulties)` for each submitted line before `before` that names difficulties.
void each_difficulties(Connection& c, const std::optional<std::string>& before,
                       const std::function<void(Id, std::string_view)>& fn, std::optional<Id> unit_id = std::nullopt);

// Calls `fn(assignment_id, raised_at)` for each report line flagged "vượt thẩm quyền" whose latest submission before
// `before` still carries the flag and which was not answered before `before`; raised_at is the first submission
// carrying it since it was last cleared (issue 17: a flag unanswered for N days puts the work at risk).
void each_unanswered_escalation(Connection& c, const std::optional<std::string>& before,
                                const std::function<void(Id, std::string_view)>& fn,
                                std::optional<Id> unit_id = std::nullopt);

// Calls `fn(task_id, unit_name)` for each coordinating unit of each task, removed tasks included. A task's
// coordinators are set when it is created and never changed (no route changes them), so they are also those it had
// at any past date it existed (R15); a route that changes them must give them a history first.
void each_task_coordinator(Connection& c, const std::function<void(Id, std::string_view)>& fn);

}  // namespace tiendo::store
