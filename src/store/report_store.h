#pragma once
// Periodic reports: the report, one item per assignment, indicator values and evidence files.
#include <map>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "store/db.h"
#include "store/model.h"

namespace tiendo::store {

struct ReportFilter {
  std::optional<Id> directive_id, unit_id;
  std::optional<std::string> period, state, scope_path;
  // Issue 12: the reports as they stood before this instant: those created by then, each in the state it had
  // then (`state` filters on it).
  std::optional<std::string> known_before;
};
std::vector<Report> list_reports(Connection& c, const ReportFilter& f, Page page, long long* total);
std::optional<Report> find_report(Connection& c, Id id);
std::optional<Report> find_report_for(Connection& c, Id directive_id, Id unit_id, const std::string& period);
Id insert_report(Connection& c, const Report& r);
// Writes state and workflow columns and bumps the version: the new version, none when `expected_version` is
// stale. A new state is appended to the report's state history at r.updated_at (issue 12), as insert_report's
// first one.
std::optional<int> update_report(Connection& c, const Report& r, int expected_version);
// Issue 12: each report's state as known before `before` (an instant), of the reports of `scope`:
// report id -> state. A report with none did not exist yet.
std::map<Id, std::string> report_states_before(Connection& c, const std::string& before, const HistoryScope& scope);

// Just what timeliness needs, for every report of a plan's period: a nation's worth is read often.
struct ReportStatus {
  Id report_id = 0;
  Id unit_id = 0;
  std::string state;
  std::optional<std::string> first_submitted_at;
};
// Every report of one unit for a plan, by period: one query where a period-by-period scan would be many.
std::map<std::string, ReportStatus> report_statuses_of_unit(Connection& c, Id directive_id, Id unit_id);
std::vector<ReportStatus> report_statuses(Connection& c, Id directive_id, const std::string& period,
                                          const std::optional<std::string>& scope_path);

std::vector<ReportItem> report_items(Connection& c, Id report_id);
void save_report_item(Connection& c, Id report_id, const ReportItem& item);
// Which of `among` are assignments of the unit in the plan (the lines its reports may hold): a save checks the
// lines it was sent, reading those alone, not every assignment of the unit.
std::set<Id> unit_assignment_ids(Connection& c, Id directive_id, Id unit_id, const std::set<Id>& among);

// The indicators of a plan a unit reports, in one query: those it (or an office beneath it, `unit_path` being its
// path) monitors, and those whose reporting group it is in.
struct ReportableIndicator {
  Id id = 0;
  std::string code, name, target_text, aggregation, unit_of_measure;
};
std::vector<ReportableIndicator> reportable_indicators(Connection& c, Id directive_id, Id unit_id,
                                                       const std::string& unit_path);

// The counted values: what submitted reports said (one row per indicator, unit and period, the latest
// submission's). Only `submit_report` writes them; a draft never does.
std::vector<IndicatorValue> indicator_values(Connection& c, std::optional<Id> indicator_id, std::optional<Id> unit_id,
                                             std::optional<Id> report_id, const std::optional<std::string>& year,
                                             const std::optional<std::string>& submitted_before = std::nullopt);

// The values typed into one report, whatever its state: the report's own rows, which count for nothing
// until the report is submitted. `unit_id` and `period` of the answer are the report's.
std::vector<IndicatorValue> report_indicator_values(Connection& c, Id report_id);
// Saves a value line of a report (v.report_id); the counted values are left as they were.
void save_report_indicator_value(Connection& c, const IndicatorValue& v);

// The submission of a report at `at`: its lines become the counted facts and are appended, with `at`, to
// the submitted records (submitted_reports, submitted_report_items, submitted_indicator_values), which are
// never rewritten.
// Each item updates its assignment (`record_progress`: an older period never rewinds the current
// progress); each value replaces the counted value of its indicator, unit and period.
void submit_report(Connection& c, const Report& r, const std::string& at);

// The submitted records of a report: each submission's lines, oldest first.
struct SubmittedItem {
  ReportItem item;
  std::string period, submitted_at;
};
std::vector<SubmittedItem> submitted_items(Connection& c, Id report_id);
// The lines of the report's latest submission (empty when it was never submitted): what the documents read
// while a returned or reopened report is being corrected. `before`: the latest submission before that
// instant (a past date's document reads what was submitted by the end of that date).
std::vector<ReportItem> last_submitted_items(Connection& c, Id report_id,
                                             const std::optional<std::string>& before = std::nullopt);
// Just the progress of each line of the report's latest submission, by assignment: what the next period's form
// shows beside each line ("Kỳ trước"), without the lines' texts.
std::map<Id, int> last_submitted_progress(Connection& c, Id report_id);
// What the report as a whole said at its latest submission (nullopt when it was never submitted).
struct SubmittedText {
  std::string summary, difficulties, proposals, submitted_at;
};
std::optional<SubmittedText> last_submitted_text(Connection& c, Id report_id,
                                                 const std::optional<std::string>& before = std::nullopt);
// Every submitted value of one indicator, unit and period, oldest first; updated_at is the submission instant.
std::vector<IndicatorValue> submitted_values(Connection& c, Id indicator_id, Id unit_id, const std::string& period);

// An indicator's values of one year from the units of a subtree, with each unit's peer group.
struct ScopedValue {
  IndicatorValue value;
  std::string peer_group;
};
// With `submitted_before` (an instant, issue 12): each unit's and period's latest value submitted before it,
// as the counted value stood then; without it, the counted values as they are now.
std::vector<ScopedValue> indicator_values_in_scope(Connection& c, Id indicator_id, int year,
                                                   const std::optional<std::string>& scope_path,
                                                   const std::optional<std::string>& submitted_before = std::nullopt);

// Every value of `year` in a subtree or of one unit, with where its unit sits: what the dashboard sums.
struct PlacedValue {
  IndicatorValue value;
  std::string peer_group, path;
};
std::vector<PlacedValue> indicator_values_of_year(Connection& c, int year, const std::optional<std::string>& scope_path,
                                                  std::optional<Id> unit_id,
                                                  const std::optional<std::string>& submitted_before = std::nullopt);

std::vector<Evidence> list_evidence(Connection& c, Id report_id);

// What a unit said of one assignment each period, from the latest submission of each report (made before
// `known_before` when given), newest period first.
struct SubmittedLine {
  Id report_id = 0;
  std::string period, state;
  std::optional<std::string> submitted_at;
  long long progress_percent = 0;
  std::string work_done, output_ref, difficulties, proposals;
  bool exceeds_authority = false;
  std::optional<std::string> declared_done_on;
};
std::vector<SubmittedLine> assignment_report_history(Connection& c, Id assignment_id,
                                                     const std::optional<std::string>& known_before);
std::optional<Evidence> find_evidence(Connection& c, Id id);
Id insert_evidence(Connection& c, const Evidence& e);

}  // namespace tiendo::store
