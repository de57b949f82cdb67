#pragma once
// S&T tasks (migration 016): the register entry, edited in place under its version, and the task's life,
// appended: stage and execution events with their documents, monthly updates, each with the day it was
// recorded. The rules are versions by effective date. The API shapes rows; service code turns them into
// domain facts.
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "domain/st_task.h"
#include "store/db.h"
#include "store/model.h"

namespace tiendo::store {

struct StProduct {
  std::string name, product_type;
  long long quantity = 1;
  std::string quality_spec;
  bool operator==(const StProduct&) const = default;
};
struct StYearBudget {
  int year = 0;
  long long budget_nsnn = 0;
  bool operator==(const StYearBudget&) const = default;
};

struct StTask {
  Id id = 0;
  std::string code;
  std::optional<std::string> national_code, national_code_on, registration_no;
  std::string title, level, kind, mode, problem, sector;
  Id host_unit_id = 0;
  std::string principal_investigator;
  Id managing_unit_id = 0;
  long long budget_nsnn = 0, budget_other = 0;
  std::optional<std::string> start_date, end_date;
  std::string uptake_plan, ip_plan, summary;
  std::string stage = "de_xuat";
  std::string created_at;
  std::optional<Id> created_by;
  long long version = 1;
  std::vector<StProduct> products;
  std::vector<StYearBudget> years;
  // Read with the task, never written through it.
  std::string host_unit_name, host_unit_path, managing_unit_name, managing_unit_path;
  bool operator==(const StTask&) const = default;
};

struct StEvent {
  Id id = 0, task_id = 0;
  std::string kind;
  std::optional<std::string> from_stage, to_stage;
  std::string doc_number, doc_date, signer_name, signer_position, file_ref;
  long long amount = 0;
  std::optional<std::string> new_end, requested_on, rating;
  std::optional<long long> votes_xuat_sac, votes_dat, votes_khong_dat;
  std::string note, recorded_at, recorded_on;
  std::optional<Id> recorded_by;
};

struct StUpdate {
  Id id = 0, task_id = 0;
  int year = 0, month = 0;
  double progress_percent = 0;
  std::string products_delivered;
  long long spent_to_date = 0;
  std::string problems, evidence, recorded_at, recorded_on;
  std::optional<Id> recorded_by;
};

// Inserts the entry with its products and yearly budgets.
Id insert_st_task(Connection& c, const StTask& t);
std::optional<StTask> find_st_task(Connection& c, Id id);
std::optional<StTask> find_st_task_by_code(Connection& c, const std::string& code);
// Writes the register fields (products and yearly budgets replaced) when still at `expected_version`:
// false when someone else changed it first (the caller answers 409).
bool update_st_task(Connection& c, const StTask& t, long long expected_version);
// Moves the current stage (the events are the history) and the version on.
bool set_st_task_stage(Connection& c, Id id, const std::string& stage, long long expected_version);

struct StTaskFilter {
  // A unit user's subtree: tasks it hosts or manages.
  std::optional<std::string> scope_path;
  std::optional<std::string> stage;
  std::optional<Id> host_unit_id;
  // The code on the national S&T platform (what GET /external-codes?system=khcn.quocgia looks up).
  std::optional<std::string> national_code;
};
// By code; products and yearly budgets filled in.
std::vector<StTask> list_st_tasks(Connection& c, const StTaskFilter& f);

Id insert_st_event(Connection& c, const StEvent& e);
// In the order recorded; every task's when `task_id` is nothing.
std::vector<StEvent> list_st_events(Connection& c, std::optional<Id> task_id);
Id insert_st_update(Connection& c, const StUpdate& u);
std::vector<StUpdate> list_st_updates(Connection& c, std::optional<Id> task_id);

// The year's state budget estimate of a task (migration 026), appended: the latest entry by a day stands.
struct StEstimate {
  Id id = 0, task_id = 0;
  int year = 0;
  long long amount = 0;
  std::string entered_at, entered_on;
  std::optional<Id> entered_by;
};
Id insert_st_estimate(Connection& c, const StEstimate& e);
// In the order entered; every task's when `task_id` is nothing.
std::vector<StEstimate> list_st_estimates(Connection& c, std::optional<Id> task_id);

// An S&T task linked to one assignment of the plan (migration 035): while it holds, the assignment's monthly
// progress is the task's monthly update of the same month. Kept, never rewritten: ending it sets `valid_to`.
struct StPlanLink {
  Id id = 0, st_task_id = 0, assignment_id = 0;
  std::string valid_from;               // a Vietnam day, included
  std::optional<std::string> valid_to;  // the first day it no longer holds; nothing: holding
  std::string created_at;
  std::optional<Id> created_by;
  std::optional<std::string> ended_at;
  std::optional<Id> ended_by;
  // Read with the link, never written through it.
  std::string st_task_code, st_task_title, task_code, task_name, unit_name;
  Id unit_id = 0, directive_id = 0;
};
Id insert_st_plan_link(Connection& c, const StPlanLink& l);
// Ends a holding link from `valid_to`: false when it was ended already (the caller answers 409).
bool end_st_plan_link(Connection& c, Id id, const std::string& valid_to, const std::string& at, std::optional<Id> by);
struct StPlanLinkFilter {
  std::optional<Id> st_task_id, assignment_id;
  // A unit's assignments of one plan (a report's lines).
  std::optional<Id> unit_id, directive_id;
  // Only the links holding on that day.
  std::optional<std::string> holding_on;
};
// Oldest first.
std::vector<StPlanLink> list_st_plan_links(Connection& c, const StPlanLinkFilter& f);

// A register import between upload and confirmation (migration 025): the workbook as read, in `sheet_json`.
struct StTaskImport {
  Id id = 0;
  std::string filename, state = "preview", sheet_json;
  Id created_by = 0;
  std::string created_at;
  std::optional<std::string> confirmed_at;
};
Id insert_st_task_import(Connection& c, const StTaskImport& i);
std::optional<StTaskImport> find_st_task_import(Connection& c, Id id);
// Marks it confirmed when it is still a preview: false when it was confirmed already (the caller answers 409).
bool confirm_st_task_import(Connection& c, Id id, const std::string& at);

std::vector<domain::StRules> list_st_rules(Connection& c);

// What the S&T readings must read again since a point of the audit log (store/change_feed.h: every write appends
// one entry, in commit order): the tasks whose register entry or life was written, or everything when what they
// all depend on changed (the unit tree their scope and names come from, the rules, the holidays).
struct StChanges {
  long long last_seq = 0;  // the newest audit id seen
  bool everything = false;
  std::set<Id> tasks;
};
StChanges st_changes_since(Connection& c, long long seq);
Id insert_st_rules(Connection& c, const domain::StRules& r, const std::string& created_at, std::optional<Id> by);

}  // namespace tiendo::store
