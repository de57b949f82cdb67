#pragma once
// Loads facts from the store and computes what leaders see: assignment statuses, report obligations,
// indicator status and roll-ups, at any date. The dashboard's shares (dashboard_model.h) are built from
// these, for all units or only for those the change feed names.
#include <array>
#include <deque>
#include <map>
#include <optional>
#include <string>
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

namespace tiendo::api {

struct PlanCalendar {
  store::ReportingRuleRow row;
  domain::ReportingRule rule;
  domain::HolidayCalendar holidays;
  domain::RankingWeights weights;
};
PlanCalendar load_calendar(store::Connection& c, store::Id directive_id);

// Points at the assignment it judges: the rows are large and a dashboard judges a nation of them.
struct EvaluatedAssignment {
  const store::Assignment* a = nullptr;
  domain::AssignmentEvaluation e;
  domain::Period judged;
};

class Evaluator {
 public:
  Evaluator(store::Connection& c, domain::Date as_of) : c_(c), as_of_(as_of) {}
  const PlanCalendar& calendar(store::Id directive_id);
  // Calendars already loaded elsewhere (the resident model's), so evaluating one unit reads none.
  void know(const std::map<store::Id, PlanCalendar>& calendars) {
    calendars_.insert(calendars.begin(), calendars.end());
  }
  // The judged period of a plan at as_of (see domain::judged_period), computed once per plan.
  domain::Period judged(store::Id directive_id);
  // Loads and judges; the Evaluator keeps the rows alive for the results' pointers.
  std::vector<EvaluatedAssignment> assignments(const store::AssignmentFilter& f);
  // `a` must outlive the result.
  EvaluatedAssignment evaluate(const store::Assignment& a);
  domain::Date as_of() const { return as_of_; }

 private:
  store::Connection& c_;
  domain::Date as_of_;
  std::map<store::Id, PlanCalendar> calendars_;
  std::map<store::Id, domain::Period> judged_;
  std::deque<std::vector<store::Assignment>> owned_;
};

struct Rollup {
  std::array<int, domain::kAssignmentStatusCount> by_status{};  // indexed by domain::AssignmentStatus
  int total = 0;
  int with_deadline = 0;  // counted in on-time and overdue ratios
  int due_by_date = 0;    // with a deadline reached, or done
  int done_on_time = 0, done_late = 0, overdue = 0, due_soon = 0;
  int open = 0, open_updated = 0;  // update compliance: open work updated in the judged period
};
// Adds one evaluated assignment to the counts.
void count(Rollup& r, const domain::AssignmentEvaluation& e);
Rollup roll_up(const std::vector<EvaluatedAssignment>& items);

struct Obligation {
  store::Id unit_id = 0;
  std::string unit_name, peer_group, unit_path;
  std::optional<store::ReportStatus> report;
  domain::Timeliness timeliness = domain::Timeliness::pending;
};
// One obligation per unit with live work of the plan in the period. `assignments` are the plan's
// assignments within `scope_path` (loaded once by the caller, reused across periods).
std::vector<Obligation> report_obligations(store::Connection& c, Evaluator& ev, store::Id directive_id,
                                           domain::Period period, domain::Instant now,
                                           const std::vector<store::Assignment>& assignments,
                                           const std::optional<std::string>& scope_path,
                                           const std::vector<store::ReportStatus>* known = nullptr);

struct LevelEvaluation {
  std::string level;  // city | commune
  double target = 0;
  domain::AggregateResult aggregate;
  domain::IndicatorStatus status = domain::IndicatorStatus::no_data;
};

struct IndicatorEvaluation {
  domain::Period period;  // the judged period the figure stands for
  double elapsed = 0;     // share of the year gone
  domain::AggregateResult aggregate;
  domain::IndicatorStatus status = domain::IndicatorStatus::no_data;
  std::vector<LevelEvaluation> levels;
};

// Aggregates the values (with each unit's peer group) up to the judged period and judges them against the target.
IndicatorEvaluation judge_indicator(const PlanCalendar& cal, domain::Date as_of, const store::Indicator& ind,
                                    const std::vector<std::pair<domain::UnitValue, std::string>>& values);
// A stored value as the aggregation reads it; nothing when it is not of `year`.
std::optional<domain::UnitValue> unit_value(const store::IndicatorValue& v, int year);
// The same for the values of the units in scope, read from the store.
IndicatorEvaluation evaluate_indicator(store::Connection& c, Evaluator& ev, const store::Indicator& ind,
                                       const std::optional<std::string>& scope_path);

struct UnitScore {
  domain::RankingInput input;
  std::string name, peer_group;
  double achievement_sum = 0;
};
struct RankingData {
  std::map<store::Id, UnitScore> units;
  domain::RankingWeights weights;
};
}  // namespace tiendo::api
