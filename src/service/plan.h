#pragma once
// The plan's use cases: directives with their basis chain and reporting rule, the holidays, indicators (a new target
// or data source from now on), tasks (new deadline words from now on, removal from the plan) and the reading of
// deadline words — each write in the caller's transaction, raising service::Error and auditing what it writes with
// the same entries the resident models follow. The rules on typed values are domain/plan (and domain/indicator,
// domain/deadline); the SQL is store/plan_store; the workbook import is service/plan_import.
#include <boost/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "domain/date.h"
#include "service/call.h"
#include "service/errors.h"
#include "store/plan_store.h"

namespace tiendo::service {

// One page of a list and the number of rows before it was cut.
struct PlanPage {
  boost::json::array items;
  long long total = 0;
};

PlanPage list_directives(store::Connection& c, const store::DirectiveFilter& f, store::Page page);
// A directive with its basis chain upwards, the directives implementing it and, for a plan, its reporting rule,
// the period open and the one judged as of `as_of`, its first reporting period (R2) and what it holds.
boost::json::object directive_view(store::Connection& c, store::Id id, domain::Date as_of);
// A new directive; a plan gets the default reporting rule from now on.
boost::json::object create_directive(const Call& call, const store::Directive& d);

boost::json::object reporting_rule_view(store::Connection& c, store::Id directive_id);
// The fields of the reporting rule a person changed (nothing: kept), each already read within its range.
struct RuleChange {
  std::optional<std::string> period_type, data_window;
  std::optional<int> due_day, annual_due_month, annual_due_day;
  std::optional<bool> shift_to_working_day;
  std::optional<int> due_soon_days, stalled_periods, unanswered_days, first_period_lead_days;
  std::optional<double> update_target, at_risk_tolerance;
  bool weights = false;  // the weights were sent: R11 needs one above zero after the change
  std::optional<double> weight_timeliness, weight_updates, weight_completion, weight_indicators, weight_feedback;
  std::optional<int> feedback_min_items;
  std::optional<std::string> remind_days_before, annual_remind_days_before;
  std::optional<int> remind_days_after, digest_weekday;
};
// The plan's rule from now on (the dates before keep theirs).
boost::json::object update_reporting_rule(const Call& call, store::Id directive_id, const RuleChange& change);

PlanPage list_holidays(store::Connection& c);
boost::json::object save_holiday(const Call& call, domain::Date day, const std::string& name);
void delete_holiday(const Call& call, domain::Date day);

// The indicators of the filter as of `as_of` (the plan as it was then, issue 12), each with its evaluation over
// the actor's subtree.
PlanPage list_indicators(const Call& call, store::IndicatorFilter f, store::Page page, domain::Date as_of);
// One indicator with its evaluation and the values reported by the units the actor sees.
boost::json::object indicator_view(const Call& call, store::Id id, domain::Date as_of);
// An indicator as typed: its target read from the words, its summing and data source checked against the unit of
// measure, the target and the baseline against the kind of figure it counts.
struct NewIndicator {
  store::Id directive_id = 0;
  std::string code, name, target_text;
  std::optional<std::string> unit_of_measure, aggregation;  // nothing: the target's unit, its default summing
  std::optional<double> baseline;
  std::optional<store::Id> monitoring_unit_id, reporting_group_id;
  std::string notes;
  std::optional<std::string> data_source;
};
boost::json::object create_indicator(const Call& call, const NewIndicator& in);
// Issue 12: a new target from now on, for the indicator and for the levels named (each one it has).
boost::json::object update_indicator_target(const Call& call, store::Id id, const std::string& target_text,
                                            const std::vector<store::LevelTarget>& levels);
// R19: a new data source from now on; the dates before keep the one they had.
boost::json::object update_indicator_source(const Call& call, store::Id id, const std::string& data_source);

// The tasks of the filter as of `as_of`, each with the rollup of its assignments in the actor's subtree.
PlanPage list_tasks(const Call& call, store::TaskFilter f, store::Page page, domain::Date as_of);
boost::json::object task_view(const Call& call, store::Id id, domain::Date as_of);
// A task given to lead units and to every member of lead groups (administrative units only), its deadline read
// from the words.
struct NewTask {
  store::Task task;  // its deadline kind and day are read from deadline_text
  std::vector<store::Id> lead_unit_ids, lead_group_ids;
};
boost::json::object create_task(const Call& call, const NewTask& in);
// Issue 12: new deadline words for a task from now on (its assignments' original deadline with them).
boost::json::object update_task_deadline(const Call& call, store::Id id, const std::string& deadline_text);
// Issue 12: the task leaves the plan from now on; the dates before still count it.
void remove_task(const Call& call, store::Id id);

// Issue 14: deadline words as the server reads them (kind, label, day), asked while they are typed.
boost::json::object read_deadline_words(const std::string& text);

}  // namespace tiendo::service
