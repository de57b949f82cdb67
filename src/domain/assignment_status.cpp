#include "domain/assignment_status.h"

#include <array>

#include "domain/names.h"

namespace tiendo::domain {

namespace {
constexpr std::array<std::string_view, 12> kStatusNames{
    "not_started",       "in_progress",           "due_soon", "overdue",     "done_on_time", "done_late",
    "recurring_updated", "recurring_not_updated", "waiting",  "no_deadline", "paused",       "cancelled"};
constexpr std::array<std::string_view, 3> kDecisionNames{"active", "paused", "cancelled"};
}  // namespace

std::string_view to_string(AssignmentStatus v) { return name_of(kStatusNames, v); }
std::optional<AssignmentStatus> assignment_status_from(std::string_view s) {
  return from_name<AssignmentStatus>(kStatusNames, s);
}
std::string_view to_string(Decision v) { return name_of(kDecisionNames, v); }
std::optional<Decision> decision_from(std::string_view s) { return from_name<Decision>(kDecisionNames, s); }

namespace {
AssignmentEvaluation status_of(const AssignmentFacts& f, Date as_of, Period judged, int due_soon_days) {
  AssignmentEvaluation e;
  (void)judged;  // the caller says whether the judged period's report carried the work (R5)
  e.updated_in_period = f.carried_in_judged_report;
  const bool decided = f.decision != Decision::active && (!f.decision_on || *f.decision_on <= as_of);
  if (decided) {
    e.status = f.decision == Decision::paused ? AssignmentStatus::paused : AssignmentStatus::cancelled;
    return e;
  }
  const bool done = f.confirmed_done_on.has_value() && *f.confirmed_done_on <= as_of;
  e.due = f.effective_due ? f.effective_due : f.original_due;

  if (f.kind == DeadlineKind::recurring) {
    // Recurring work is never closed: it is judged only on being updated every period.
    e.open = true;
    e.status = e.updated_in_period ? AssignmentStatus::recurring_updated : AssignmentStatus::recurring_not_updated;
    return e;
  }
  if (f.kind == DeadlineKind::conditional && !f.triggered_on.has_value() && !done) {
    e.status = AssignmentStatus::waiting;
    return e;
  }
  if (f.kind == DeadlineKind::conditional && f.triggered_on && *f.triggered_on > as_of && !done) {
    e.status = AssignmentStatus::waiting;
    return e;
  }
  if (done) {
    e.counts_in_ratios = true;  // R8: work done without a deadline is done on time
    const Date on = *f.confirmed_done_on;
    if (e.due && on > *e.due) {
      e.status = AssignmentStatus::done_late;
      e.overdue_days = static_cast<int>((on - *e.due).count());
    } else {
      e.status = AssignmentStatus::done_on_time;
    }
    e.late_against_original = f.original_due.has_value() && on > *f.original_due;
    return e;
  }
  e.open = true;
  e.late_against_original = f.original_due.has_value() && as_of > *f.original_due;
  e.counts_in_ratios = true;  // R7: in "share of all"; "share of work with a deadline" leaves no_deadline out
  if (!e.due) {
    e.status = AssignmentStatus::no_deadline;
    return e;
  }
  if (as_of > *e.due) {
    e.status = AssignmentStatus::overdue;
    e.overdue_days = static_cast<int>((as_of - *e.due).count());
    return e;
  }
  if ((*e.due - as_of).count() <= due_soon_days) {
    e.status = AssignmentStatus::due_soon;
    return e;
  }
  e.status =
      f.progress_percent == 0 && !f.last_update_period ? AssignmentStatus::not_started : AssignmentStatus::in_progress;
  return e;
}

}  // namespace

AssignmentEvaluation evaluate(const AssignmentFacts& f, Date as_of, Period judged, int due_soon_days) {
  AssignmentEvaluation e = status_of(f, as_of, judged, due_soon_days);
  e.update_owed = e.open && f.owes_judged_report;
  return e;
}

// The order in which open work asks for a leader's attention: late first, finished and cancelled last.
int attention_rank(AssignmentStatus s) {
  using S = AssignmentStatus;
  static constexpr S kOrder[] = {
      S::overdue, S::recurring_not_updated, S::due_soon,  S::not_started,  S::in_progress, S::no_deadline, S::waiting,
      S::paused,  S::recurring_updated,     S::done_late, S::done_on_time, S::cancelled};
  static_assert(std::size(kOrder) == kAssignmentStatusCount);
  for (size_t i = 0; i < std::size(kOrder); ++i)
    if (kOrder[i] == s) return static_cast<int>(i);
  return static_cast<int>(kAssignmentStatusCount);
}

}  // namespace tiendo::domain
