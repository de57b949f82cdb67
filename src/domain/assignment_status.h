#pragma once
#include <cstddef>
// The status of one assignment (a task for one unit) at a given date, computed from facts only.
#include <optional>
#include <string_view>

#include "domain/date.h"
#include "domain/deadline.h"
#include "domain/reporting_rule.h"

namespace tiendo::domain {

enum class AssignmentStatus {
  not_started,
  in_progress,  // open, on time
  due_soon,     // open, due within the rule's due_soon_days
  overdue,
  done_on_time,
  done_late,
  recurring_updated,      // recurring work updated in the judged period
  recurring_not_updated,  // recurring work with no update in the judged period
  waiting,                // conditional work not yet triggered
  no_deadline,            // roadmap without a milestone, or words that name no date
  paused,
  cancelled,
};

inline constexpr std::size_t kAssignmentStatusCount = static_cast<std::size_t>(AssignmentStatus::cancelled) + 1;

std::string_view to_string(AssignmentStatus s);
std::optional<AssignmentStatus> assignment_status_from(std::string_view s);

enum class Decision { active, paused, cancelled };
std::string_view to_string(Decision d);
std::optional<Decision> decision_from(std::string_view s);

struct AssignmentFacts {
  DeadlineKind kind = DeadlineKind::unspecified;
  std::optional<Date> original_due;       // from the directive's words
  std::optional<Date> effective_due;      // after an approved extension, or the next milestone of a roadmap
  std::optional<Date> confirmed_done_on;  // completion counts from the standing agency's confirmation
  std::optional<Date> triggered_on;       // for conditional work: when the awaited guidance arrived
  Decision decision = Decision::active;
  std::optional<Date> decision_on;           // from when a pause or cancellation holds
  std::optional<Period> last_update_period;  // the latest period whose report updated this assignment
  // R5: the unit's report for the judged period, submitted by the end of as_of, carries this assignment.
  bool carried_in_judged_report = false;
  // R5: its unit owed the judged period's report (active on that period's due date, R2); work of a unit that
  // opened after that day is not judged on updates until its first period falls due.
  bool owes_judged_report = true;
  int progress_percent = 0;
};

struct AssignmentEvaluation {
  AssignmentStatus status = AssignmentStatus::not_started;
  std::optional<Date> due;             // the deadline judged against (effective)
  int overdue_days = 0;                // for overdue: days past due at as_of; for done_late: days late
  bool late_against_original = false;  // done after the original deadline, whatever the extension
  bool updated_in_period = false;
  // R7: whether the status counts in the denominators of on-time and overdue ratios (every status but
  // recurring, waiting, paused and cancelled; open work without a deadline counts in "share of all").
  bool counts_in_ratios = false;
  // Whether the work is still open at as_of (for update compliance and the warning list).
  bool open = false;
  // Open work whose unit owed the judged period's report: the denominator of update compliance (R5).
  bool update_owed = false;
  // Owed an update in the judged period and did not get one: counted as missed and warned about (R5).
  bool missed_update() const { return update_owed && !updated_in_period; }
};

// `judged` is the period the update compliance is judged against (see judged_period).
AssignmentEvaluation evaluate(const AssignmentFacts& f, Date as_of, Period judged, int due_soon_days);

// A status's place when work is listed or summed up by what needs attention (0: most; overdue first): the warning
// list's order, a group's worst status, an upstream task's worst.
int attention_rank(AssignmentStatus s);

}  // namespace tiendo::domain
