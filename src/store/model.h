#pragma once
#include <compare>
// Rows of the database as plain structs: what the store reads and writes, named as in the glossary.
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace tiendo::store {

using Id = long long;

// Issue 12: whose history a past date reads: one unit's, a unit subtree's (path "/1/5/"), or the nation's.
struct HistoryScope {
  std::optional<Id> unit_id;
  std::optional<std::string> path;
  auto operator<=>(const HistoryScope&) const = default;
};

struct Unit {
  Id id = 0;
  std::optional<Id> parent_id;
  std::string code, name, short_name;
  std::string kind;        // city, department, commune, ward, special_zone, office, police, party, other
  std::string peer_group;  // department | commune | other: ranking compares like with like
  std::optional<std::string> active_from, active_to;
  std::string path;  // "/1/5/": the unit subtree is every path with this prefix
};

struct UnitGroup {
  Id id = 0;
  std::string code, name;
  std::vector<Id> member_ids;
};

struct Directive {
  Id id = 0;
  std::string number, kind, issuer;
  std::optional<std::string> issued_on;
  std::string title;
  std::optional<int> year;
  bool has_plan = false;
  std::vector<Id> basis_ids;
};

struct ReportingRuleRow {
  Id directive_id = 0;
  std::string period_type = "monthly", data_window = "decree09";
  int due_day = 20, annual_due_month = 11, annual_due_day = 30;
  bool shift_to_working_day = false;
  int due_soon_days = 7;
  double update_target = 0.9, at_risk_tolerance = 0.1;
  double weight_timeliness = 0.25, weight_updates = 0.25, weight_completion = 0.3, weight_indicators = 0.2;
  double weight_feedback = 0;  // R11: feedback answered on time of the items a unit led (0: not ranked by it)
  int feedback_min_items = 5;  // R11: the feedback component counts for a unit with at least this many judged items
  std::string remind_days_before = "5,1";
  int remind_days_after = 1;
  int digest_weekday = 1;
  std::string annual_remind_days_before = "10,3,1";
  int stalled_periods = 3;          // issue 17: progress unchanged for this many reports: stalled
  int unanswered_days = 30;         // issue 17: a "vượt thẩm quyền" flag unanswered this many days: at risk
  int first_period_lead_days = 10;  // R2: the first period's report is due at least this many days after issue
};

struct LevelTarget {
  std::string level;  // city | commune
  std::string target_text;
  double target_value = 0;
  std::optional<Id> monitoring_unit_id;
};

struct Indicator {
  Id id = 0;
  Id directive_id = 0;
  std::string code, name, target_text, comparator;
  double target_value = 0;
  std::string unit_of_measure, aggregation;
  double baseline = 0;
  std::optional<Id> monitoring_unit_id, reporting_group_id;
  std::string notes;
  std::vector<LevelTarget> level_targets;
  std::string data_source = "reported";  // R19: domain::IndicatorSource, as of the date read (see Evaluator::patch)
};

struct Task {
  Id id = 0;
  Id directive_id = 0;
  std::string code, name, lead_text, coordinating_text, directing_leader, output;
  std::string deadline_text, deadline_kind;
  std::optional<std::string> deadline_due;
  std::string field;
  std::optional<Id> indicator_id;
  std::string notes;
  std::vector<Id> coordinator_ids;
};

// What every assignment of a task (or of a unit) shares: read once, pointed at by many.
struct TaskHeader {
  std::string code, name, directing_leader, field;
};
struct UnitHeader {
  std::string name, path, peer_group;
  std::optional<std::string> active_from, active_to;
};

struct Assignment {
  Id id = 0;
  Id task_id = 0;
  Id unit_id = 0;
  std::optional<Id> via_group_id;
  std::string deadline_kind;
  std::optional<std::string> original_due, effective_due, triggered_on;
  std::string decision = "active";
  std::optional<std::string> decision_on;
  int progress_percent = 0;
  std::optional<std::string> last_update_period, last_update_at, declared_done_on, confirmed_done_on;
  std::optional<Id> confirmed_by;
  std::string created_at;                 // issue 12: counts for a past date from this instant
  std::optional<std::string> removed_at;  // and until this one
  Id directive_id = 0;
  std::shared_ptr<const TaskHeader> task;
  std::shared_ptr<const UnitHeader> unit;
};

struct Report {
  Id id = 0;
  Id directive_id = 0;
  Id unit_id = 0;
  std::string period, state;
  int version = 1;
  std::string summary, difficulties, proposals;
  std::optional<std::string> first_submitted_at, submitted_at, approved_at, accepted_at, returned_at;
  std::optional<Id> submitted_by, approved_by, accepted_by, returned_by;
  std::string return_reason;
  int reopened_count = 0;
  std::string created_at, updated_at;
  std::string unit_name, unit_path;
  std::optional<std::string> state_since;  // issue 12: read as of a past instant, since when `state` held
};

struct ReportItem {
  Id assignment_id = 0;
  int progress_percent = 0;
  std::string work_done, output_ref, difficulties, proposals;
  bool exceeds_authority = false;
  std::optional<std::string> declared_done_on;
  std::string task_code, task_name;  // joined
};

struct IndicatorValue {
  Id indicator_id = 0;
  Id unit_id = 0;
  std::string period;
  std::optional<double> numerator, denominator, value, estimated_full_year;
  std::optional<Id> report_id;
  std::string updated_at;
};

struct Evidence {
  Id id = 0;
  Id report_id = 0;
  std::optional<Id> assignment_id;
  std::string sha256, filename, content_type;
  long long size_bytes = 0;
  std::optional<Id> uploaded_by;
  std::string uploaded_at;
};

struct User {
  Id id = 0;
  std::string username, full_name, password_hash, role;
  Id unit_id = 0;
  std::string email;
  bool active = true;
  std::string unit_path, unit_name;  // joined
  bool notify_email = true;
};

struct AuditEntry {
  Id id = 0;
  std::string at;
  std::optional<Id> user_id;
  std::string username, source, entity, entity_id, action, before_json, after_json, prev_hash, hash;
};

struct Page {
  long long limit = 50;
  long long offset = 0;
};

}  // namespace tiendo::store
