#include "store/report_store.h"

#include "store/plan_store.h"
#include "store/sql_builder.h"

namespace tiendo::store {

namespace {
// The columns of an indicator value (table alias v), in the order value_from reads them.
constexpr const char* kValueColumns =
    "v.indicator_id, v.unit_id, v.period, v.numerator, v.denominator, v.value, v.estimated_full_year, v.report_id, "
    "v.updated_at";
IndicatorValue value_from(const Row& r) {
  return IndicatorValue{r.i64(0),     r.i64(1),     r.text(2),    r.opt_f64(3), r.opt_f64(4),
                        r.opt_f64(5), r.opt_f64(6), r.opt_i64(7), r.text(8)};
}
}  // namespace

namespace {
constexpr const char* kReportSelect =
    "SELECT r.id, r.directive_id, r.unit_id, r.period, r.state, r.version, r.summary, r.difficulties, r.proposals, "
    "r.first_submitted_at, r.submitted_at, r.approved_at, r.accepted_at, r.returned_at, r.submitted_by, "
    "r.approved_by, r.accepted_by, r.returned_by, r.return_reason, r.reopened_count, r.created_at, r.updated_at, "
    "u.name, u.path FROM reports r JOIN units u ON u.id = r.unit_id";

Report report_from(const Row& x) {
  Report r;
  r.id = x.i64(0);
  r.directive_id = x.i64(1);
  r.unit_id = x.i64(2);
  r.period = x.text(3);
  r.state = x.text(4);
  r.version = static_cast<int>(x.i64(5));
  r.summary = x.text(6);
  r.difficulties = x.text(7);
  r.proposals = x.text(8);
  r.first_submitted_at = x.opt_text(9);
  r.submitted_at = x.opt_text(10);
  r.approved_at = x.opt_text(11);
  r.accepted_at = x.opt_text(12);
  r.returned_at = x.opt_text(13);
  r.submitted_by = x.opt_i64(14);
  r.approved_by = x.opt_i64(15);
  r.accepted_by = x.opt_i64(16);
  r.returned_by = x.opt_i64(17);
  r.return_reason = x.text(18);
  r.reopened_count = static_cast<int>(x.i64(19));
  r.created_at = x.text(20);
  r.updated_at = x.text(21);
  r.unit_name = x.text(22);
  r.unit_path = x.text(23);
  return r;
}
}  // namespace

std::vector<Report> list_reports(Connection& c, const ReportFilter& f, Page page, long long* total) {
  Where w;
  // Issue 12: the state a report had before the instant, from its history ($1).
  std::string from = " FROM reports r JOIN units u ON u.id = r.unit_id";
  std::string select = kReportSelect;
  std::string state = "r.state";
  if (f.known_before) {
    w.add("h.valid_from < ?", *f.known_before);
    from +=
        " JOIN report_state_history h ON h.report_id = r.id AND h.id = (SELECT h2.id FROM report_state_history h2 "
        "WHERE h2.report_id = r.id AND h2.valid_from < $1 ORDER BY h2.valid_from DESC, h2.id DESC LIMIT 1)";
    select +=
        " JOIN report_state_history h ON h.report_id = r.id AND h.id = (SELECT h2.id FROM report_state_history "
        "h2 WHERE h2.report_id = r.id AND h2.valid_from < $1 ORDER BY h2.valid_from DESC, h2.id DESC LIMIT 1)";
    state = "h.state";
  }
  if (f.directive_id) w.add("r.directive_id = ?", *f.directive_id);
  if (f.unit_id) w.add("r.unit_id = ?", *f.unit_id);
  if (f.period) w.add("r.period = ?", *f.period);
  if (f.state) w.add(state + " = ?", *f.state);
  if (f.scope_path) w.add_subtree("u.path", *f.scope_path);
  const std::string where = w.sql();
  const std::string paging = w.page(page.limit, page.offset);
  std::vector<Report> out;
  // Oldest submission first: the review queue is worked in the order reports arrived.
  // As of a past instant, in the order they were created: the later submissions must not reorder the list.
  const std::string columns = f.known_before ? ", h.state, h.valid_from" : "";
  const std::string order =
      f.known_before ? " ORDER BY r.period DESC, r.created_at, r.id" : " ORDER BY r.period DESC, r.submitted_at, r.id";
  for (const auto& r :
       c.query(select.replace(select.find(" FROM reports"), 0, columns) + where + order + paging, w.params())) {
    out.push_back(report_from(r));
    if (f.known_before) {
      out.back().state = r.text(24);
      out.back().state_since = r.text(25);
    }
  }
  if (total) {
    Params p = w.params();
    p.resize(p.size() - 2);
    *total = c.query("SELECT COUNT(*)" + from + where, p).at(0).i64(0);
  }
  return out;
}

std::map<Id, std::string> report_states_before(Connection& c, const std::string& before, const HistoryScope& scope) {
  std::map<Id, std::string> out;
  Where w;
  w.add("h.valid_from < ?", before);
  std::string joins;
  if (scope.unit_id) {
    joins = " JOIN reports r ON r.id = h.report_id";
    w.add("r.unit_id = ?", *scope.unit_id);
  } else if (scope.path) {
    joins = " JOIN reports r ON r.id = h.report_id JOIN units u ON u.id = r.unit_id";
    w.add_subtree("u.path", *scope.path);
  }
  c.each(
      "SELECT report_id, state FROM (SELECT h.report_id, h.state, ROW_NUMBER() OVER (PARTITION BY h.report_id "
      "ORDER BY h.valid_from DESC, h.id DESC) AS rn FROM report_state_history h" +
          joins + w.sql() + ") x WHERE rn = 1",
      w.params(), [&](const RowView& r) { out.emplace(r.i64(0), std::string(r.view(1))); });
  return out;
}

std::optional<Report> find_report(Connection& c, Id id) {
  auto rows = c.query(std::string(kReportSelect) + " WHERE r.id = $1", {id});
  if (rows.empty()) return std::nullopt;
  return report_from(rows[0]);
}

std::optional<Report> find_report_for(Connection& c, Id directive_id, Id unit_id, const std::string& period) {
  auto rows = c.query(std::string(kReportSelect) + " WHERE r.directive_id = $1 AND r.unit_id = $2 AND r.period = $3",
                      {directive_id, unit_id, period});
  if (rows.empty()) return std::nullopt;
  return report_from(rows[0]);
}

namespace {
// Issue 12: a report's state as it became true at `at`, appended when it differs from the last one.
void record_state(Connection& c, Id id, const std::string& state, const std::string& at) {
  auto last = c.query(
      "SELECT state FROM report_state_history WHERE report_id = $1 ORDER BY valid_from DESC, id DESC LIMIT 1", {id});
  if (!last.empty() && last[0].text(0) == state) return;
  c.query("INSERT INTO report_state_history (report_id, valid_from, state) VALUES ($1, $2, $3)", {id, at, state});
}
}  // namespace

Id insert_report(Connection& c, const Report& r) {
  const Id id =
      c.query(
           "INSERT INTO reports (directive_id, unit_id, period, state, version, summary, difficulties, proposals, "
           "created_at, updated_at) VALUES ($1, $2, $3, $4, 1, $5, $6, $7, $8, $8) RETURNING id",
           {r.directive_id, r.unit_id, r.period, r.state, r.summary, r.difficulties, r.proposals, r.created_at})
          .at(0)
          .i64(0);
  record_state(c, id, r.state, r.created_at);
  return id;
}

std::optional<int> update_report(Connection& c, const Report& r, int expected_version) {
  auto rows = c.query(
      "UPDATE reports SET state = $1, version = version + 1, summary = $2, difficulties = $3, proposals = $4, "
      "first_submitted_at = $5, submitted_at = $6, approved_at = $7, accepted_at = $8, returned_at = $9, "
      "submitted_by = $10, approved_by = $11, accepted_by = $12, returned_by = $13, return_reason = $14, "
      "reopened_count = $15, updated_at = $16 WHERE id = $17 AND version = $18 RETURNING version",
      {r.state, r.summary, r.difficulties, r.proposals, opt(r.first_submitted_at), opt(r.submitted_at),
       opt(r.approved_at), opt(r.accepted_at), opt(r.returned_at), opt(r.submitted_by), opt(r.approved_by),
       opt(r.accepted_by), opt(r.returned_by), r.return_reason, static_cast<long long>(r.reopened_count), r.updated_at,
       r.id, static_cast<long long>(expected_version)});
  if (rows.empty()) return std::nullopt;
  record_state(c, r.id, r.state, r.updated_at);
  return static_cast<int>(rows[0].i64(0));
}

std::map<std::string, ReportStatus> report_statuses_of_unit(Connection& c, Id directive_id, Id unit_id) {
  std::map<std::string, ReportStatus> out;
  c.each("SELECT id, unit_id, state, first_submitted_at, period FROM reports WHERE directive_id = $1 AND unit_id = $2",
         {directive_id, unit_id}, [&](const RowView& r) {
           out[r.text(4)] = ReportStatus{r.i64(0), r.i64(1), r.text(2), r.opt_text(3)};
         });
  return out;
}

std::vector<ReportStatus> report_statuses(Connection& c, Id directive_id, const std::string& period,
                                          const std::optional<std::string>& scope_path) {
  Where w;
  w.add("r.directive_id = ?", directive_id);
  w.add("r.period = ?", period);
  if (scope_path) w.add_subtree("u.path", *scope_path);
  std::vector<ReportStatus> out;
  c.each(
      "SELECT r.id, r.unit_id, r.state, r.first_submitted_at FROM reports r JOIN units u ON u.id = r.unit_id" + w.sql(),
      w.params(), [&](const RowView& r) {
        out.push_back(ReportStatus{r.i64(0), r.i64(1), r.text(2), r.opt_text(3)});
      });
  return out;
}

namespace {
// The counted values as they are now, or (issue 12) as they stood before an instant: for each unit, indicator
// and period, the latest value submitted before it. The instant is the first parameter ($1) of `w`.
std::string values_from(Where& w, const std::optional<std::string>& submitted_before) {
  if (!submitted_before) return " FROM indicator_values v";
  w.add("? IS NOT NULL", *submitted_before);
  w.add_raw("v.rn = 1");
  return " FROM (SELECT s.indicator_id, s.unit_id, s.period, s.numerator, s.denominator, s.value, "
         "s.estimated_full_year, s.report_id, s.submitted_at AS updated_at, ROW_NUMBER() OVER (PARTITION BY "
         "s.indicator_id, s.unit_id, s.period ORDER BY s.submitted_at DESC, s.id DESC) AS rn FROM "
         "submitted_indicator_values s WHERE s.submitted_at < $1) v";
}
}  // namespace

std::vector<ScopedValue> indicator_values_in_scope(Connection& c, Id indicator_id, int year,
                                                   const std::optional<std::string>& scope_path,
                                                   const std::optional<std::string>& submitted_before) {
  Where w;
  const std::string from = values_from(w, submitted_before);
  w.add("v.indicator_id = ?", indicator_id);
  w.add("v.period LIKE ?", std::to_string(year) + "%");
  if (scope_path) w.add_subtree("u.path", *scope_path);
  std::vector<ScopedValue> out;
  for (const auto& r : c.query(std::string("SELECT ") + kValueColumns + ", u.peer_group" + from +
                                   " JOIN units u ON u.id = v.unit_id" + w.sql() + " ORDER BY v.unit_id, v.period",
                               w.params()))
    out.push_back(ScopedValue{value_from(r), r.text(9)});
  return out;
}

std::vector<PlacedValue> indicator_values_of_year(Connection& c, int year, const std::optional<std::string>& scope_path,
                                                  std::optional<Id> unit_id,
                                                  const std::optional<std::string>& submitted_before) {
  Where w;
  const std::string from = values_from(w, submitted_before);
  w.add("v.period LIKE ?", std::to_string(year) + "%");
  if (scope_path) w.add_subtree("u.path", *scope_path);
  if (unit_id) w.add("v.unit_id = ?", *unit_id);
  std::vector<PlacedValue> out;
  for (const auto& r :
       c.query(std::string("SELECT ") + kValueColumns + ", u.peer_group, u.path" + from +
                   " JOIN units u ON u.id = v.unit_id" + w.sql() + " ORDER BY v.indicator_id, v.unit_id, v.period",
               w.params()))
    out.push_back(PlacedValue{value_from(r), r.text(9), r.text(10)});
  return out;
}

std::vector<ReportItem> report_items(Connection& c, Id report_id) {
  std::vector<ReportItem> out;
  for (const auto& r : c.query(
           "SELECT i.assignment_id, i.progress_percent, i.work_done, i.output_ref, i.difficulties, i.proposals, "
           "i.exceeds_authority, i.declared_done_on, t.code, t.name FROM report_items i JOIN assignments a ON a.id = "
           "i.assignment_id JOIN tasks t ON t.id = a.task_id WHERE i.report_id = $1 ORDER BY t.id",
           {report_id})) {
    out.push_back(ReportItem{r.i64(0), static_cast<int>(r.i64(1)), r.text(2), r.text(3), r.text(4), r.text(5),
                             r.i64(6) != 0, r.opt_text(7), r.text(8), r.text(9)});
  }
  return out;
}

void save_report_item(Connection& c, Id report_id, const ReportItem& i) {
  c.query(
      "INSERT INTO report_items (report_id, assignment_id, progress_percent, work_done, output_ref, difficulties, "
      "proposals, exceeds_authority, declared_done_on) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) "
      "ON CONFLICT (report_id, assignment_id) DO UPDATE SET progress_percent = excluded.progress_percent, "
      "work_done = excluded.work_done, output_ref = excluded.output_ref, difficulties = excluded.difficulties, "
      "proposals = excluded.proposals, exceeds_authority = excluded.exceeds_authority, declared_done_on = "
      "excluded.declared_done_on",
      {report_id, i.assignment_id, static_cast<long long>(i.progress_percent), i.work_done, i.output_ref,
       i.difficulties, i.proposals, static_cast<long long>(i.exceeds_authority), opt(i.declared_done_on)});
}

std::set<Id> unit_assignment_ids(Connection& c, Id directive_id, Id unit_id, const std::set<Id>& among) {
  std::set<Id> out;
  if (among.empty()) return out;
  Params params{unit_id, directive_id};
  std::string in;
  for (const Id id : among) {
    params.push_back(id);
    in += (in.empty() ? "$" : ", $") + std::to_string(params.size());
  }
  c.each(
      "SELECT a.id FROM assignments a JOIN tasks t ON t.id = a.task_id WHERE a.unit_id = $1 AND t.directive_id = "
      "$2 AND a.id IN (" +
          in + ")",
      params, [&](const RowView& r) { out.insert(r.i64(0)); });
  return out;
}

std::vector<ReportableIndicator> reportable_indicators(Connection& c, Id directive_id, Id unit_id,
                                                       const std::string& unit_path) {
  std::vector<ReportableIndicator> out;
  c.each(
      "SELECT i.id, i.code, i.name, i.target_text, i.aggregation, i.unit_of_measure FROM indicators i LEFT JOIN units "
      "m ON m.id = i.monitoring_unit_id WHERE i.directive_id = $1 AND (substr(m.path, 1, length(CAST($2 AS TEXT))) = "
      "$2 OR EXISTS "
      "(SELECT 1 FROM unit_group_members g WHERE g.group_id = i.reporting_group_id AND g.unit_id = $3)) "
      // R19: an indicator the system computes is never typed by a unit: not reportable.
      "AND i.data_source IN ('reported', 'national_portal') ORDER BY i.id",
      {directive_id, unit_path, unit_id}, [&](const RowView& r) {
        out.push_back({r.i64(0), r.text(1), r.text(2), r.text(3), r.text(4), r.text(5)});
      });
  return out;
}

std::vector<IndicatorValue> indicator_values(Connection& c, std::optional<Id> indicator_id, std::optional<Id> unit_id,
                                             std::optional<Id> report_id, const std::optional<std::string>& year,
                                             const std::optional<std::string>& submitted_before) {
  Where w;
  const std::string from = values_from(w, submitted_before);
  if (indicator_id) w.add("indicator_id = ?", *indicator_id);
  if (unit_id) w.add("unit_id = ?", *unit_id);
  if (report_id) w.add("report_id = ?", *report_id);
  if (year) w.add("period LIKE ?", *year + "%");
  std::vector<IndicatorValue> out;
  for (const auto& r : c.query(
           std::string("SELECT ") + kValueColumns + from + w.sql() + " ORDER BY v.indicator_id, v.unit_id, v.period",
           w.params()))
    out.push_back(value_from(r));
  return out;
}

std::vector<IndicatorValue> report_indicator_values(Connection& c, Id report_id) {
  std::vector<IndicatorValue> out;
  for (const auto& r : c.query(
           "SELECT v.indicator_id, r.unit_id, r.period, v.numerator, v.denominator, v.value, v.estimated_full_year, "
           "v.report_id, v.updated_at FROM report_indicator_values v JOIN reports r ON r.id = v.report_id WHERE "
           "v.report_id = $1 ORDER BY v.indicator_id",
           {report_id}))
    out.push_back(value_from(r));
  return out;
}

void save_report_indicator_value(Connection& c, const IndicatorValue& v) {
  c.query(
      "INSERT INTO report_indicator_values (report_id, indicator_id, numerator, denominator, value, "
      "estimated_full_year, updated_at) VALUES ($1, $2, $3, $4, $5, $6, $7) ON CONFLICT (report_id, indicator_id) "
      "DO UPDATE SET numerator = excluded.numerator, denominator = excluded.denominator, value = excluded.value, "
      "estimated_full_year = excluded.estimated_full_year, updated_at = excluded.updated_at",
      {v.report_id.value_or(0), v.indicator_id, opt(v.numerator), opt(v.denominator), opt(v.value),
       opt(v.estimated_full_year), v.updated_at});
}

void submit_report(Connection& c, const Report& r, const std::string& at) {
  // Submissions are numbered per report: two within one second stay apart.
  const long long submission =
      1 +
      c.query("SELECT COALESCE(MAX(submission), 0) FROM submitted_reports WHERE report_id = $1", {r.id}).at(0).i64(0);
  c.query(
      "INSERT INTO submitted_reports (report_id, submission, summary, difficulties, proposals, submitted_by, "
      "submitted_at) VALUES ($1, $2, $3, $4, $5, $6, $7)",
      {r.id, submission, r.summary, r.difficulties, r.proposals, opt(r.submitted_by), at});
  for (const auto& i : report_items(c, r.id)) {
    c.query(
        "INSERT INTO submitted_report_items (report_id, assignment_id, period, progress_percent, work_done, "
        "output_ref, difficulties, proposals, exceeds_authority, declared_done_on, submission, submitted_at) VALUES "
        "($1, "
        "$2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)",
        {r.id, i.assignment_id, r.period, static_cast<long long>(i.progress_percent), i.work_done, i.output_ref,
         i.difficulties, i.proposals, static_cast<long long>(i.exceeds_authority), opt(i.declared_done_on), submission,
         at});
    record_progress(c, i.assignment_id, i.progress_percent, r.period, at, i.declared_done_on);
  }
  for (const auto& v : report_indicator_values(c, r.id)) {
    c.query(
        "INSERT INTO submitted_indicator_values (indicator_id, unit_id, period, numerator, denominator, value, "
        "estimated_full_year, report_id, submission, submitted_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)",
        {v.indicator_id, r.unit_id, r.period, opt(v.numerator), opt(v.denominator), opt(v.value),
         opt(v.estimated_full_year), r.id, submission, at});
    c.query(
        "INSERT INTO indicator_values (indicator_id, unit_id, period, numerator, denominator, value, "
        "estimated_full_year, report_id, updated_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) ON CONFLICT "
        "(indicator_id, unit_id, period) DO UPDATE SET numerator = excluded.numerator, denominator = "
        "excluded.denominator, value = excluded.value, estimated_full_year = excluded.estimated_full_year, "
        "report_id = excluded.report_id, updated_at = excluded.updated_at",
        {v.indicator_id, r.unit_id, r.period, opt(v.numerator), opt(v.denominator), opt(v.value),
         opt(v.estimated_full_year), r.id, at});
  }
}

namespace {
constexpr const char* kSubmittedItemColumns =
    "s.assignment_id, s.progress_percent, s.work_done, s.output_ref, s.difficulties, s.proposals, "
    "s.exceeds_authority, s.declared_done_on, t.code, t.name, s.period, s.submitted_at";
constexpr const char* kSubmittedItemFrom =
    " FROM submitted_report_items s JOIN assignments a ON a.id = s.assignment_id JOIN tasks t ON t.id = a.task_id";
SubmittedItem submitted_item_from(const Row& r) {
  return SubmittedItem{ReportItem{r.i64(0), static_cast<int>(r.i64(1)), r.text(2), r.text(3), r.text(4), r.text(5),
                                  r.i64(6) != 0, r.opt_text(7), r.text(8), r.text(9)},
                       r.text(10), r.text(11)};
}
}  // namespace

std::vector<SubmittedItem> submitted_items(Connection& c, Id report_id) {
  std::vector<SubmittedItem> out;
  for (const auto& r : c.query(std::string("SELECT ") + kSubmittedItemColumns + kSubmittedItemFrom +
                                   " WHERE s.report_id = $1 ORDER BY s.submission, s.id",
                               {report_id}))
    out.push_back(submitted_item_from(r));
  return out;
}

std::vector<ReportItem> last_submitted_items(Connection& c, Id report_id, const std::optional<std::string>& before) {
  std::vector<ReportItem> out;
  for (const auto& r : c.query(std::string("SELECT ") + kSubmittedItemColumns + kSubmittedItemFrom +
                                   " WHERE s.report_id = $1 AND s.submission = (SELECT MAX(submission) FROM "
                                   "submitted_report_items WHERE report_id = $1" +
                                   (before ? " AND submitted_at < $2" : "") + ") ORDER BY t.id",
                               before ? std::vector<Param>{report_id, *before} : std::vector<Param>{report_id}))
    out.push_back(submitted_item_from(r).item);
  return out;
}

std::map<Id, int> last_submitted_progress(Connection& c, Id report_id) {
  std::map<Id, int> out;
  c.each(
      "SELECT assignment_id, progress_percent FROM submitted_report_items WHERE report_id = $1 AND submission = "
      "(SELECT MAX(submission) FROM submitted_report_items WHERE report_id = $1)",
      {report_id}, [&](const RowView& r) { out[r.i64(0)] = static_cast<int>(r.i64(1)); });
  return out;
}

std::optional<SubmittedText> last_submitted_text(Connection& c, Id report_id,
                                                 const std::optional<std::string>& before) {
  auto rows = c.query(std::string("SELECT summary, difficulties, proposals, submitted_at FROM submitted_reports WHERE "
                                  "report_id = $1") +
                          (before ? " AND submitted_at < $2" : "") + " ORDER BY submission DESC LIMIT 1",
                      before ? std::vector<Param>{report_id, *before} : std::vector<Param>{report_id});
  if (rows.empty()) return std::nullopt;
  return SubmittedText{rows[0].text(0), rows[0].text(1), rows[0].text(2), rows[0].text(3)};
}

std::vector<IndicatorValue> submitted_values(Connection& c, Id indicator_id, Id unit_id, const std::string& period) {
  std::vector<IndicatorValue> out;
  for (const auto& r : c.query(
           "SELECT v.indicator_id, v.unit_id, v.period, v.numerator, v.denominator, v.value, v.estimated_full_year, "
           "v.report_id, v.submitted_at FROM submitted_indicator_values v WHERE v.indicator_id = $1 AND v.unit_id = $2 "
           "AND v.period = $3 ORDER BY v.submitted_at, v.id",
           {indicator_id, unit_id, period}))
    out.push_back(value_from(r));
  return out;
}

namespace {
constexpr const char* kEvidenceSelect =
    "SELECT id, report_id, assignment_id, sha256, filename, content_type, size_bytes, uploaded_by, uploaded_at "
    "FROM evidence";
Evidence evidence_from(const Row& r) {
  return Evidence{r.i64(0), r.i64(1), r.opt_i64(2), r.text(3), r.text(4), r.text(5), r.i64(6), r.opt_i64(7), r.text(8)};
}
}  // namespace

std::vector<Evidence> list_evidence(Connection& c, Id report_id) {
  std::vector<Evidence> out;
  for (const auto& r : c.query(std::string(kEvidenceSelect) + " WHERE report_id = $1 ORDER BY id", {report_id}))
    out.push_back(evidence_from(r));
  return out;
}

std::optional<Evidence> find_evidence(Connection& c, Id id) {
  auto rows = c.query(std::string(kEvidenceSelect) + " WHERE id = $1", {id});
  if (rows.empty()) return std::nullopt;
  return evidence_from(rows[0]);
}

Id insert_evidence(Connection& c, const Evidence& e) {
  return c
      .query(
          "INSERT INTO evidence (report_id, assignment_id, sha256, filename, content_type, size_bytes, uploaded_by, "
          "uploaded_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING id",
          {e.report_id, opt(e.assignment_id), e.sha256, e.filename, e.content_type, e.size_bytes, opt(e.uploaded_by),
           e.uploaded_at})
      .at(0)
      .i64(0);
}

std::vector<SubmittedLine> assignment_report_history(Connection& c, Id assignment_id,
                                                     const std::optional<std::string>& known_before) {
  // Without a cut-off, every submission counts: '9999' sorts after any instant.
  const std::string before = known_before.value_or("9999");
  std::vector<SubmittedLine> out;
  for (const auto& r : c.query(
           "SELECT r.id, r.period, r.state, s.submitted_at, s.progress_percent, s.work_done, s.output_ref, "
           "s.difficulties, s.proposals, s.exceeds_authority, s.declared_done_on FROM submitted_report_items s JOIN "
           "reports r ON r.id = s.report_id WHERE s.assignment_id = $1 AND s.submission = (SELECT MAX(x.submission) "
           "FROM submitted_report_items x WHERE x.report_id = s.report_id AND x.assignment_id = s.assignment_id AND "
           "x.submitted_at < $2) ORDER BY r.period DESC",
           {assignment_id, before})) {
    out.push_back(SubmittedLine{r.i64(0), r.text(1), r.text(2), r.opt_text(3), r.i64(4), r.text(5), r.text(6),
                                r.text(7), r.text(8), r.i64(9) != 0, r.opt_text(10)});
  }
  return out;
}

}  // namespace tiendo::store
