#pragma once
// An S&T task that is also one of the plan's tasks (issue 16): the standing agency links it to one assignment, and
// while the link holds the assignment's progress in its unit's report comes from the task's monthly update of the
// report's month — keyed once, by the host or the managing unit, never again by the plan's unit. The report keeps
// the line (the unit's work done and difficulties stay its own), shows where the progress came from, refuses a
// different progress, and takes the update's at submission, so the submitted record — what every figure reads as of
// a date — carries the derived progress and a later update never changes a past date.
#include <boost/json.hpp>
#include <map>
#include <optional>
#include <string>

#include "domain/date.h"
#include "store/db.h"
#include "store/model.h"
#include "store/st_task_store.h"

namespace tiendo::service {

// One linked line of a report, as it stands on a day.
struct StDerivedLine {
  store::StPlanLink link;
  std::optional<store::StUpdate> update;  // the task's latest update for the report's month(s); nothing: none yet
  int line_progress = 0;                  // the line's progress as saved (kept while the task has no update)
  int progress() const;
};
using StDerivedLines = std::map<store::Id, StDerivedLine>;  // by assignment

// The report's lines whose assignment is linked on `day`, each with its task's latest update recorded by the end of
// that day for the report's month (for a quarter, half-year or year: its latest month updated).
StDerivedLines st_derived_lines(store::Connection& c, const store::Report& r, domain::Date day);

// A line the unit saves (`index` in the body's items): a linked line's progress is its task's; a different value is
// refused (naming items[index].progress_percent), the same or none takes it.
void st_check_saved_line(const StDerivedLines& derived, store::ReportItem& item, bool progress_given, size_t index);

// Before a submission: every linked line takes its task's progress as it stands on `day` (and, when the unit left
// them empty, the task's products delivered as work done and its problems as difficulties).
void st_apply_derived_lines(store::Connection& c, const store::Report& r, domain::Date day);

// Where a line's progress comes from, for the report's page (null for a line of the unit's own).
boost::json::value st_derived_json(const StDerivedLines& derived, store::Id assignment_id);

}  // namespace tiendo::service
