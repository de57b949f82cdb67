#pragma once
// Issue 17: early warning, apart from HTTP. The open work with a deadline that is at risk of finishing late at
// the evaluator's date — expected after its deadline from its reported progress (domain::forecast), or stalled —
// and the latest difficulties of the open work, for grouping. Read by GET /risks and by the weekly brief.
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

#include "domain/forecast.h"
#include "service/actor.h"
#include "service/evaluation.h"

namespace tiendo::service {

struct Risk {
  std::shared_ptr<const store::Assignment> a;
  domain::Date due;
  domain::AssignmentForecast f;
};

struct RiskFindings {
  int forecast_count = 0;
  int stalled_periods = 0;
  int unanswered_days = 0;  // the rule: a flag beyond the unit's authority unanswered this many days
  std::vector<Risk> items;  // by deadline, then assignment
  // The latest report's difficulties of open work in scope, and the assignment of each.
  std::vector<std::string> obstacle_texts;
  std::vector<store::Id> obstacle_of;
};

// Work of one plan (or all), within a unit subtree (or the whole city), as known at the end of ev.as_of().
// The plan's typical pace is the whole plan's whoever asks, so every forecast is the same in every view.
// Issue 17: an indicator's full-year value forecast from its series as known at the end of as_of (R15), and the
// units whose values of the judged period pull the figure below its target (domain::shortfall_units).
struct IndicatorOutlook {
  store::Indicator indicator;  // as it was at as_of (its targets, issue 12)
  domain::Period period;       // the judged period: the series runs from the year's first to it
  domain::IndicatorSeries series;
  std::optional<domain::IndicatorForecast> forecast;  // kept for the backtest; not shown (it did not beat the line)
  std::optional<double> projection;                   // the full-year value by the straight line: shown
  struct Unit {
    store::Id unit_id = 0;
    std::string unit_name;
    domain::ShortfallUnit part;
  };
  std::vector<Unit> pulling_down;  // largest part first, at most kPullingDownShown
  int pulling_down_count = 0;      // all of them
};
inline constexpr size_t kPullingDownShown = 10;

// The series of one indicator from its values of the year (as the caller read them, known at as_of) up to period
// `through`: a cumulative indicator's additions of each period; otherwise the figure of each period (R9).
domain::IndicatorSeries indicator_series(domain::Aggregation how, const std::vector<domain::UnitValue>& values,
                                         int through, int per_year);

// The indicators of one plan (or all), within a unit subtree (or the whole city), as known at the end of ev.as_of().
std::vector<IndicatorOutlook> indicator_outlooks(store::Connection& c, Evaluator& ev,
                                                 std::optional<store::Id> directive_id,
                                                 const std::optional<std::string>& scope);

// The subtree a query reads (scoped like /assignments): the unit asked, within the actor's units (an unknown unit is
// invalid, one outside them forbidden), else the actor's own reach (nothing: the whole city).
std::optional<std::string> risks_scope(store::Connection& c, const Actor& who, std::optional<store::Id> unit_id);

RiskFindings find_risks(store::Connection& c, Evaluator& ev, std::optional<store::Id> directive_id,
                        const std::optional<std::string>& scope);

// The steps of find_risks. What the forecasts read of each piece of open work depends on that work alone, so the
// resident model (risk_model.h) keeps it per unit and collects again only the units the change feed names; the
// plan's typical pace needs the whole plan, and each forecast needs the plan's pace, so the model forecasts a unit's
// work again when its facts or its plan's pace change; an answer then only gathers the forecasts in scope.
struct RiskWork {  // open work with a deadline that can be forecast
  std::shared_ptr<const store::Assignment> a;
  domain::ForecastInput in;     // the plan's pace not yet set
  domain::ForecastRules rules;  // its plan's (as in force at the end of as_of)
  std::optional<double> pace;   // its own trend pace (domain::trend_pace), for the plan's typical pace
};
struct RiskObstacle {  // the latest report's difficulties of open work
  std::shared_ptr<const store::Assignment> a;
  std::string text;
};
struct RiskFacts {
  std::vector<RiskWork> work;
  std::vector<RiskObstacle> obstacles;
};
// Of one plan (or all) and one unit (or all), as known at the end of ev.as_of(). Sets ev's unit (only_unit).
RiskFacts collect_risk_facts(store::Connection& c, Evaluator& ev, std::optional<store::Id> directive_id,
                             std::optional<store::Id> only_unit);
// A plan's thresholds (stalled periods, unanswered days) as in force at the end of ev.as_of().
domain::ForecastRules forecast_rules(Evaluator& ev, store::Id plan);
// Each plan's typical pace: the median of its work's own paces (`work` holds whole plans).
std::map<store::Id, std::optional<double>> plan_paces(const std::vector<const RiskWork*>& work);
// One piece of work judged at its plan's pace; nothing when it is past its deadline (overdue work is on the warning
// list already) or cannot be forecast.
struct JudgedWork {
  const RiskWork* w = nullptr;
  domain::AssignmentForecast f;
};
std::optional<JudgedWork> judge_work(const RiskWork& w, std::optional<double> plan_pace, domain::Date as_of);
// The findings for one plan (or all) within a scope from the judged work and the obstacles (any order); `said`: the
// thresholds the answer states (the plan's, or the defaults for all plans).
RiskFindings gather_risks(const std::vector<const JudgedWork*>& judged,
                          const std::vector<const RiskObstacle*>& obstacles, std::optional<store::Id> directive_id,
                          const std::optional<std::string>& scope, const domain::ForecastRules& said);

// What ranks the bottlenecks besides the work: a task's coordinating units (fixed when the task is created, so those
// of any date: store::each_task_coordinator) and the unit groups each unit was a member of at the end of ev.as_of()
// (R15).
struct RiskContext {
  std::unordered_map<store::Id, std::vector<std::string>> coordinators;  // per task
  std::unordered_map<store::Id, std::vector<std::string>> groups_of;     // per unit
};
RiskContext load_risk_context(store::Connection& c, Evaluator& ev);

}  // namespace tiendo::service
