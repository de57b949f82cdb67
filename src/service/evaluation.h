#pragma once
// Loads facts from the store and computes what leaders see: assignment statuses, report obligations,
// indicator status and roll-ups, at any date. The dashboard's shares (dashboard_model.h) are built from
// these, for all units or only for those the change feed names.
#include <array>
#include <deque>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <tuple>
#include <unordered_map>
#include <vector>

#include "domain/assignment_status.h"
#include "domain/indicator.h"
#include "domain/ranking.h"
#include "domain/report_workflow.h"
#include "domain/reporting_rule.h"
#include "store/db.h"
#include "store/model.h"
#include "store/plan_store.h"
#include "store/report_store.h"

namespace tiendo::service {

struct PlanCalendar {
  store::ReportingRuleRow row;
  domain::ReportingRule rule;
  domain::HolidayCalendar holidays;
  domain::RankingWeights weights;
  std::optional<domain::Date> issued_on;  // the plan's issue date: R2's first reporting period follows from it
  // R2: period p is reported on (it is the plan's first reporting period or a later one).
  bool reported(domain::Period p) const { return domain::is_reporting_period(rule, holidays, issued_on, p); }
};
// `before`: the rule and holidays in force before that instant (a past date); without it, as they are now.
PlanCalendar load_calendar(store::Connection& c, store::Id directive_id,
                           const std::optional<std::string>& before = std::nullopt);

// Points at the assignment it judges: the rows are large and a dashboard judges a nation of them.
struct EvaluatedAssignment {
  const store::Assignment* a = nullptr;
  domain::AssignmentEvaluation e;
  domain::Period judged;
  // R1: its unit is active at as_of. Outside its active days an assignment is neither counted nor warned.
  bool counted = true;
};

// R1: a unit's active days.
domain::ActiveSpan active_span(const std::optional<std::string>& from, const std::optional<std::string>& to);

// Issue 12: the instant before which the facts of as_of are read (the end of that day), when it is a past day;
// nothing for today, whose facts are the rows as they are.
std::optional<std::string> known_before(domain::Date as_of, domain::Instant now);

// Issue 12: `as_of` means as known and as it was at the end of that day. For a past day (before the day of
// `now`) the Evaluator reads the facts from their history: an assignment's deadline, trigger, decision and
// confirmation as recorded by then, its progress from the reports submitted by then, the units' days, and the
// indicator values submitted by then; one query per kind for all the assignments it judges. For today it reads
// the facts as they are (which the history, read at the end of today, equals).
class Evaluator {
 public:
  Evaluator(store::Connection& c, domain::Date as_of, domain::Instant now);
  const PlanCalendar& calendar(store::Id directive_id);
  // Calendars already loaded elsewhere (the resident model's), so evaluating one unit reads none.
  // Today's calendars, loaded once and shared; a past date reads the rule and holidays in force then itself.
  void know(const std::map<store::Id, PlanCalendar>& calendars) {
    if (!historic_) calendars_.insert(calendars.begin(), calendars.end());
  }
  // The judged period of a plan at as_of (see domain::judged_period), computed once per plan.
  domain::Period judged(store::Id directive_id);
  // That period's due date: a unit owes its updates only if active then (R5); none when the judged period comes
  // before the plan's first reporting period (R2), since nothing is owed for it.
  std::optional<domain::Date> judged_due(store::Id directive_id);
  // Loads and judges; the Evaluator keeps the rows alive for the results' pointers.
  std::vector<EvaluatedAssignment> assignments(store::AssignmentFilter f);
  // `a` must outlive the result.
  EvaluatedAssignment evaluate(const store::Assignment& a);
  // Whether the row was work of as_of: created by its end and not removed by then (issue 12). A list loaded
  // for a trend holds rows removed since its earliest date (AssignmentFilter::kept_from).
  bool existed(const store::Assignment& a) const;
  domain::Date as_of() const { return as_of_; }
  // Whether the facts are read from their history (as_of is before today).
  bool historic() const { return historic_; }
  // The instant the history is read before (the end of as_of), when historic.
  const std::optional<std::string>& known_before() const { return before_; }
  // The facts of an assignment the rules judge, as known at the end of as_of.
  domain::AssignmentFacts facts(const store::Assignment& a);
  // R1: the active days of an assignment's unit, as known at the end of as_of; for an assignment received by
  // succession, from its first day only (R16).
  domain::ActiveSpan span(const store::Assignment& a);
  // Writes the facts known at the end of as_of into a row shown for that date (progress, deadline, ...).
  void patch(store::Assignment& a);
  // R5: the assignments carried by the plan's submitted reports for the judged period, submitted by the end of as_of.
  const std::set<store::Id>& carried(store::Id directive_id);
  // Only one unit's assignments will be evaluated from now on (or any unit's): reads that unit's reports only.
  void only_unit(std::optional<store::Id> unit_id) { only_unit_ = unit_id; }
  // Only assignments of this unit subtree (path "/1/5/") will be evaluated from now on: a past date reads the
  // history of the subtree, not the nation's.
  void within(std::optional<std::string> path) { within_ = std::move(path); }
  // R1: whether a unit is active at as_of (all units read once).
  bool active(store::Id unit_id);
  // R9: the active units assigned an indicator (its monitoring unit and its reporting group as its members
  // were at the end of as_of), with their paths.
  const std::vector<std::pair<store::Id, std::string>>& expected_units(const store::Indicator& ind);
  // The plan as it was at the end of as_of (historic only; today's rows are left as they are): an indicator's
  // targets, a task's deadline words.
  void patch(store::Indicator& ind);
  void patch(store::Task& t);
  // R12: a unit's peer group at the end of as_of (`now` when not historic or not known).
  const std::string& peer_group(store::Id unit_id, const std::string& now);
  // A report's state at the end of as_of; nothing when it did not exist yet. Not historic: `now`.
  std::optional<std::string> report_state(store::Id report_id, const std::string& now);

 private:
  void load_units();
  struct Deadline {  // a task's deadline at the end of as_of (historic only)
    std::string text, kind;
    std::optional<std::string> due;
  };
  const Deadline* deadline(store::Id task_id);
  std::optional<std::map<store::Id, Deadline>> deadlines_;
  std::optional<std::unordered_map<store::Id, std::string>> known_groups_;  // unit -> peer group
  std::optional<std::map<store::Id, std::vector<store::Id>>> members_;      // group -> units
  std::optional<std::map<std::pair<store::Id, std::string>, std::tuple<std::string, std::string, double>>> targets_;
  std::map<store::HistoryScope, std::map<store::Id, std::string>> report_states_;
  std::unordered_map<store::Id, std::shared_ptr<const store::UnitHeader>> headers_;
  struct Known {  // an assignment's facts at the end of as_of (historic only)
    std::optional<domain::Date> effective_due, triggered_on, decision_on, confirmed_done_on;
    domain::Decision decision = domain::Decision::active;
    std::optional<domain::Period> last_update_period;
    int progress_percent = 0;
    std::optional<store::Id> confirmed_by;
    std::optional<domain::Instant> last_update_at;
    std::optional<domain::Date> declared_done_on;
  };
  const Known& known(store::Id assignment_id);
  struct Received {  // R16: an assignment created by a succession
    domain::Date held_from;
    std::string recorded_at;
    int progress_percent = 0;
    std::optional<domain::Period> last_update_period;
    std::optional<domain::Instant> last_update_at;
  };
  const std::unordered_map<store::Id, Received>& received();
  std::optional<std::unordered_map<store::Id, Received>> received_;
  store::Connection& c_;
  domain::Date as_of_;
  bool historic_ = false;
  std::optional<std::string> before_;
  // Loaded once (for the unit evaluated, or all), on first use.
  store::HistoryScope history_scope() const;
  std::optional<store::HistoryScope> known_for_, declared_for_;
  std::unordered_map<store::Id, Known> known_;
  std::optional<std::unordered_map<store::Id, domain::ActiveSpan>> known_spans_;
  std::map<store::Id, PlanCalendar> calendars_;
  std::map<store::Id, domain::Period> judged_;
  std::map<store::Id, std::optional<domain::Date>> judged_due_;
  std::deque<std::vector<store::Assignment>> owned_;
  std::optional<store::Id> only_unit_;
  std::optional<std::string> within_;
  std::map<std::pair<store::Id, std::optional<store::Id>>, std::set<store::Id>> carried_;
  std::optional<std::map<store::Id, std::pair<bool, std::string>>> units_;  // active at as_of, path
  std::map<store::Id, std::vector<std::pair<store::Id, std::string>>> expected_;
};

struct Rollup {
  std::array<int, domain::kAssignmentStatusCount> by_status{};  // indexed by domain::AssignmentStatus
  int total = 0;
  int counted = 0;        // R7: all but recurring, waiting, paused and cancelled: "share of all"
  int with_deadline = 0;  // R7: of those, the ones with a deadline (or done): "share of work with a deadline"
  int due_by_date = 0;    // with a deadline reached, or done
  int done_on_time = 0, done_late = 0, overdue = 0, due_soon = 0;
  int open = 0, open_updated = 0;  // update compliance: open work updated in the judged period
};
// Adds one evaluated assignment to the counts (R7, R8).
void count(Rollup& r, const domain::AssignmentEvaluation& e);
Rollup roll_up(const std::vector<EvaluatedAssignment>& items);
// A task's status code (vocabulary "task_status") from its assignments' counts: not assigned, overdue, done,
// due soon or in progress, the first that holds.
std::string_view task_status(const Rollup& r);

struct Obligation {
  store::Id unit_id = 0;
  std::string unit_name, peer_group, unit_path;
  std::optional<store::ReportStatus> report;
  domain::Timeliness timeliness = domain::Timeliness::pending;
};
// R2: one obligation per unit active on the period's due date that leads live work of the plan in the period.
// `assignments` are the plan's assignments within `scope_path` (loaded once by the caller, reused across periods).
std::vector<Obligation> report_obligations(store::Connection& c, Evaluator& ev, store::Id directive_id,
                                           domain::Period period, domain::Instant now,
                                           const std::vector<store::Assignment>& assignments,
                                           const std::optional<std::string>& scope_path,
                                           const std::vector<store::ReportStatus>* known = nullptr);

struct LevelEvaluation {
  std::string level;  // city | commune
  double target = 0;
  domain::Target against;  // comparator, value and unit of measure (R13)
  domain::AggregateResult aggregate;
  domain::IndicatorStatus status = domain::IndicatorStatus::no_data;
};

struct IndicatorEvaluation {
  domain::Period period;  // the judged period the figure stands for
  double elapsed = 0;     // share of the year gone
  domain::Target target;  // comparator, value and unit of measure (R13)
  bool cumulative = false;
  domain::AggregateResult aggregate;
  domain::IndicatorStatus status = domain::IndicatorStatus::no_data;
  std::vector<LevelEvaluation> levels;
};

// R9/R10: aggregates the values (with each unit's peer group) of the judged period and judges them against
// the target; `expected` is the number of active units assigned the indicator in scope.
IndicatorEvaluation judge_indicator(const PlanCalendar& cal, domain::Date as_of, const store::Indicator& ind,
                                    const std::vector<std::pair<domain::UnitValue, std::string>>& values,
                                    int expected = 0);
// A stored value as the aggregation reads it; nothing when it is not of `year`.
std::optional<domain::UnitValue> unit_value(const store::IndicatorValue& v, int year);
// The same for the values of the units in scope, read from the store.
IndicatorEvaluation evaluate_indicator(store::Connection& c, Evaluator& ev, const store::Indicator& ind,
                                       const std::optional<std::string>& scope_path);

struct UnitScore {
  domain::RankingInput input;
  std::string name, peer_group;
  double achievement_sum = 0;
  std::vector<std::string> indicators;  // R11: codes of the indicators counted in the indicator component
};
struct RankingData {
  std::map<store::Id, UnitScore> units;
  domain::RankingWeights weights;
};
}  // namespace tiendo::service
