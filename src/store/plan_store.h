#pragma once
// The plan: units and groups, directives with their reporting rule, indicators, tasks and assignments.
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "store/db.h"
#include "store/model.h"

namespace tiendo::store {

struct UnitFilter {
  std::optional<std::string> q, kind, peer_group, scope_path;
  std::optional<Id> parent_id;
};
std::vector<Unit> list_units(Connection& c, const UnitFilter& f, Page page, long long* total);
std::optional<Unit> find_unit(Connection& c, Id id);
std::optional<Unit> find_unit_by_code(Connection& c, const std::string& code);
// The top of the unit tree (the city), the first one made when there are several; none in an empty database.
std::optional<Unit> root_unit(Connection& c);
// `at`: the instant the change is made, recorded in the unit's history (issue 12).
Id insert_unit(Connection& c, const Unit& u, const std::string& at);  // computes path from the parent
void update_unit(Connection& c, const Unit& u, const std::string& at);

// Issue 12: each unit's days and group as known before `before` (an instant): unit id, active_from, active_to,
// peer_group. A unit with no row did not exist yet.
void each_unit_known_before(Connection& c, const std::string& before,
                            const std::function<void(Id, const std::optional<std::string>&,
                                                     const std::optional<std::string>&, const std::string&)>& fn);

std::vector<UnitGroup> list_unit_groups(Connection& c, const std::optional<std::string>& q, Page page,
                                        long long* total);
std::optional<UnitGroup> find_unit_group(Connection& c, Id id);
std::optional<UnitGroup> find_unit_group_by_code(Connection& c, const std::string& code);
// `at`: the instant the group is made, from which its members count (issue 12).
Id insert_unit_group(Connection& c, const UnitGroup& g, const std::string& at);
// Issue 12: the members of a group from `at` on: who joins is appended to its history as a member, who leaves
// as no longer one. Returns (joined, left).
std::pair<std::vector<Id>, std::vector<Id>> set_group_members(Connection& c, Id group_id,
                                                              const std::vector<Id>& member_ids, const std::string& at);
// Issue 14: a group defined by rule holds every unit of the kinds it names; no kinds is a hand-made group.
std::vector<std::string> group_member_kinds(Connection& c, Id group_id);
void set_group_member_kinds(Connection& c, Id group_id, const std::vector<std::string>& kinds);
// The groups defined by rule: group id -> the kinds it names.
std::map<Id, std::vector<std::string>> rule_groups(Connection& c);
// The units a rule naming `kinds` holds on `today` (an ISO date): of those kinds, not ended before it.
std::vector<Id> units_of_kinds(Connection& c, const std::vector<std::string>& kinds, const std::string& today);
// How many members each group has now: group id -> count (groups without members absent).
std::map<Id, long long> unit_group_sizes(Connection& c);
// The groups a unit is a member of now.
std::vector<Id> groups_of_unit(Connection& c, Id unit_id);
// Issue 12: each group's members as known before `before` (an instant): group id -> unit ids.
std::map<Id, std::vector<Id>> group_members_known_before(Connection& c, const std::string& before);

struct DirectiveFilter {
  std::optional<std::string> q, kind;
  std::optional<int> year;
  std::optional<bool> has_plan;
};
std::vector<Directive> list_directives(Connection& c, const DirectiveFilter& f, Page page, long long* total);
std::optional<Directive> find_directive(Connection& c, Id id);
std::optional<Directive> find_directive_by_number(Connection& c, const std::string& number);
Id insert_directive(Connection& c, const Directive& d);
// The directives that name `basis_id` as their basis (the plans implementing it), oldest first.
struct DirectiveRef {
  Id id = 0;
  std::string number, title;
  std::optional<std::string> issued_on;  // R2: a plan's first reporting period follows from it
};
std::vector<DirectiveRef> directives_based_on(Connection& c, Id basis_id);
// A directive's number, title and issue date alone (a report's heading, its notices, its first period): one row,
// not its bases.
std::optional<DirectiveRef> find_directive_ref(Connection& c, Id id);
// What a plan holds, and the codes already taken in it (an import must not repeat them).
struct PlanContents {
  long long indicator_count = 0, task_count = 0;
};
PlanContents plan_contents(Connection& c, Id directive_id);
std::vector<std::string> task_codes(Connection& c, Id directive_id);
std::vector<std::string> indicator_codes(Connection& c, Id directive_id);

ReportingRuleRow reporting_rule(Connection& c, Id directive_id);  // defaults when none is stored
// Issue 12: the rule in force before `before` (its history), defaults when none was stored then.
ReportingRuleRow reporting_rule_known_before(Connection& c, Id directive_id, const std::string& before);
// `at`: the instant it takes effect, appended to the rule's history in the same transaction.
void save_reporting_rule(Connection& c, const ReportingRuleRow& r, const std::string& at);
std::vector<std::pair<std::string, std::string>> list_holidays(Connection& c);
// Issue 12: the holidays as they were before `before`.
std::vector<std::string> holidays_known_before(Connection& c, const std::string& before);
void save_holiday(Connection& c, const std::string& day, const std::string& name, const std::string& at);
void delete_holiday(Connection& c, const std::string& day, const std::string& at);

struct IndicatorFilter {
  std::optional<std::string> q;
  std::optional<Id> directive_id, monitoring_unit_id;
  std::optional<std::string> known_before;  // issue 12: only those created before this instant
};
std::vector<Indicator> list_indicators(Connection& c, const IndicatorFilter& f, Page page, long long* total);
std::optional<Indicator> find_indicator(Connection& c, Id id);
// `at`: the instant it is created; its targets are appended to their history then (issue 12).
Id insert_indicator(Connection& c, const Indicator& i, const std::string& at);
// Issue 12: a new target for the indicator and for the levels named in `i.level_targets`, from `at` on.
void update_indicator_target(Connection& c, const Indicator& i, const std::string& at);
// Issue 12: an indicator's target at one level as it was on some day.
struct IndicatorTargetKnown {
  Id indicator_id = 0;
  std::string level;  // city | commune; '' for the indicator itself
  std::string target_text, comparator;
  double target_value = 0;
};
// Each indicator's targets, one per level, as known before `before`.
std::vector<IndicatorTargetKnown> indicator_targets_before(Connection& c, const std::string& before);
// R19: a new data source from `at` on (the column and its history); the dates before keep theirs.
void update_indicator_source(Connection& c, Id indicator_id, const std::string& source, const std::string& at);
// R19: each indicator's data source as recorded before `before`; an indicator absent was reported then.
std::map<Id, std::string> indicator_sources_before(Connection& c, const std::string& before);

struct TaskFilter {
  std::optional<std::string> q, deadline_kind, directing_leader, field;
  std::optional<Id> directive_id;
  std::optional<Id> unit_id;  // tasks with an assignment for this unit
  // Issue 12: the tasks that existed before this instant (created before, removed after); without it, the
  // tasks not removed.
  std::optional<std::string> known_before;
};
std::vector<Task> list_tasks(Connection& c, const TaskFilter& f, Page page, long long* total);
std::optional<Task> find_task(Connection& c, Id id);
// `at`: the instant it is created, from which it counts for a past date (issue 12).
Id insert_task(Connection& c, const Task& t, const std::string& at);
// Inserts the task with one assignment per lead unit and per member of each lead group; an empty
// lead_text is written from the groups' and units' names. Returns the assignment ids created.
std::vector<Id> create_task(Connection& c, Task& t, const std::vector<Id>& lead_units,
                            const std::vector<UnitGroup>& lead_groups, const std::string& at);
// One assignment per unit, skipping units that already have one; returns the ids created.
std::vector<Id> assign_task(Connection& c, const Task& t, const std::vector<Id>& unit_ids, std::optional<Id> via_group,
                            const std::string& at);
// Issue 12: new deadline words for a task (and its assignments' original deadline) from `at` on.
void update_task_deadline(Connection& c, const Task& t, const std::string& at);
// Issue 12: the task and its assignments are removed from `at` on; the rows stay for the dates before.
void remove_task(Connection& c, Id task_id, const std::string& at);
// Issue 12: a unit leaving a group no longer owes the group's tasks from `at` on.
void remove_group_assignments(Connection& c, Id group_id, Id unit_id, const std::string& at);
// The tasks assigned to a group (not removed): what reaches a unit joining it.
std::vector<Task> group_tasks(Connection& c, Id group_id);
// Issue 12: each task's deadline as known before `before`: task_id, deadline_text, deadline_kind, deadline_due.
void each_task_deadline_before(Connection& c, const std::string& before, const std::function<void(const RowView&)>& fn);

struct AssignmentFilter {
  std::optional<Id> directive_id, unit_id, task_id;
  std::optional<std::string> scope_path;  // unit subtree
  std::optional<std::string> q, directing_leader, field, peer_group;
  // Issue 12: the assignments that existed before this instant (created before, removed after); without it,
  // the assignments not removed.
  std::optional<std::string> known_before;
  // Also those removed at or after this instant: a trend's earlier dates still count them (issue 12).
  std::optional<std::string> kept_from;
};
// Whether a directive without a plan has assignments: the dashboard's model then does not hold every unit's work.
bool tasks_outside_plans(Connection& c);
// All matching assignments: statuses are computed after loading, so paging happens above the store.
std::vector<Assignment> list_assignments(Connection& c, const AssignmentFilter& f);
std::optional<Assignment> find_assignment(Connection& c, Id id);
// Each change below is appended to assignment_history with `at`, the instant it is made (issue 12).
void confirm_assignment(Connection& c, Id id, const std::optional<std::string>& done_on, std::optional<Id> by,
                        const std::string& at);
void set_assignment_decision(Connection& c, Id id, const std::string& decision, const std::optional<std::string>& on,
                             const std::string& at);
void set_effective_due(Connection& c, Id id, const std::optional<std::string>& due, const std::string& at);
void trigger_assignment(Connection& c, Id id, const std::string& on, const std::optional<std::string>& due,
                        const std::string& at);
// A submitted item: the progress of the latest period submitted is the current one (an older period never
// rewinds it); last_update_period only moves forward.
// Issue 12: the facts of the assignments (of `scope`) as known before `before` (an instant), one
// query for all. `fact_fn` gets, for each assignment and fact (due | trigger | decision | done), its latest row:
// assignment_id, fact, effective_due, triggered_on, decision, decision_on, confirmed_done_on, confirmed_by.
// `progress_fn` gets each assignment's latest submitted progress of its latest period (R14):
// assignment_id, period, progress_percent, submitted_at. `declared_fn` gets each assignment's latest declared
// completion day submitted: assignment_id, declared_done_on.
void each_assignment_fact_before(Connection& c, const std::string& before, const HistoryScope& scope,
                                 const std::function<void(const RowView&)>& fact_fn);
void each_progress_before(Connection& c, const std::string& before, const HistoryScope& scope,
                          const std::function<void(const RowView&)>& progress_fn);
void each_declared_before(Connection& c, const std::string& before, const HistoryScope& scope,
                          const std::function<void(const RowView&)>& declared_fn);
void record_progress(Connection& c, Id id, int percent, const std::string& period, const std::string& at,
                     const std::optional<std::string>& declared_done_on);

// R5: (assignment, first submission time) for every item of the plan's reports of `period` that were submitted.
// Of one unit's reports only, when `unit_id` is given.
std::vector<std::pair<Id, std::string>> submitted_items(Connection& c, Id directive_id, const std::string& period,
                                                        std::optional<Id> unit_id = std::nullopt);

}  // namespace tiendo::store
