#include "store/forecast_store.h"

namespace tiendo::store {

namespace {
Params params(const std::optional<std::string>& before, std::optional<Id> unit_id) {
  Params p{before.value_or("9999")};
  if (unit_id) p.emplace_back(static_cast<long long>(*unit_id));
  return p;
}
}  // namespace

void each_reported_progress(Connection& c, const std::optional<std::string>& before,
                            const std::function<void(Id, std::string_view, int, Id)>& fn, std::optional<Id> unit_id) {
  // In the order of the covering index submitted_report_items_latest (no sort, no row fetched): a period's latest
  // submission comes first, and the ones it replaced follow and are skipped. At national size (1.27 M lines)
  // reading the difficulties here too fetched every row and sorted them: 8.6 s for the nation.
  Id last_id = 0;
  std::string last_period;
  c.each(std::string(
             "SELECT assignment_id, period, progress_percent, id FROM submitted_report_items WHERE submitted_at < $1") +
             (unit_id ? " AND assignment_id IN (SELECT id FROM assignments WHERE unit_id = $2)" : "") +
             " ORDER BY assignment_id, period DESC, submitted_at DESC, id DESC",
         params(before, unit_id), [&](const RowView& r) {
           const Id id = r.i64(0);
           const auto period = r.view(1);
           if (id == last_id && period == last_period) return;
           last_id = id;
           last_period = period;
           fn(id, period, static_cast<int>(r.i64(2)), r.i64(3));
         });
}

void each_difficulties(Connection& c, const std::optional<std::string>& before,
                       const std::function<void(Id, std::string_view)>& fn, std::optional<Id> unit_id) {
  // Apart from each_reported_progress, which reads its index alone: few lines name difficulties, and fetching
  // every line's text with the progress cost seconds at national size.
  c.each(std::string("SELECT id, difficulties FROM submitted_report_items WHERE submitted_at < $1 AND "
                     "difficulties <> ''") +
             (unit_id ? " AND assignment_id IN (SELECT id FROM assignments WHERE unit_id = $2)" : ""),
         params(before, unit_id), [&](const RowView& r) { fn(r.i64(0), r.view(1)); });
}

void each_unanswered_escalation(Connection& c, const std::optional<std::string>& before,
                                const std::function<void(Id, std::string_view)>& fn, std::optional<Id> unit_id) {
  c.each(
      "SELECT s.assignment_id, MIN(s.submitted_at) FROM submitted_report_items s WHERE s.exceeds_authority = 1 AND "
      "s.submitted_at < $1 AND NOT EXISTS (SELECT 1 FROM escalation_answers ea WHERE ea.report_id = s.report_id AND "
      "ea.assignment_id = s.assignment_id AND ea.answered_at < $1) AND NOT EXISTS (SELECT 1 FROM "
      "submitted_report_items l WHERE l.report_id = s.report_id AND l.assignment_id = s.assignment_id AND "
      "l.exceeds_authority = 0 AND l.submitted_at > s.submitted_at AND l.submitted_at < $1)" +
          std::string(unit_id ? " AND s.assignment_id IN (SELECT id FROM assignments WHERE unit_id = $2)" : "") +
          " GROUP BY s.report_id, s.assignment_id ORDER BY s.assignment_id",
      params(before, unit_id), [&](const RowView& r) { fn(r.i64(0), r.view(1)); });
}

void each_task_coordinator(Connection& c, const std::function<void(Id, std::string_view)>& fn) {
  c.each(
      "SELECT tc.task_id, u.name FROM task_coordinators tc JOIN units u ON u.id = tc.unit_id ORDER BY tc.task_id, "
      "u.name",
      {}, [&](const RowView& r) { fn(r.i64(0), r.view(1)); });
}

}  // namespace tiendo::store
