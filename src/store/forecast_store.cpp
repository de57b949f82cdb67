#include "store/forecast_store.h"

namespace tiendo::store {

void each_reported_progress(Connection& c, const std::optional<std::string>& before,
                            const std::function<void(Id, std::string_view, int)>& fn) {
  // In the order of the covering index submitted_report_items_latest (no sort, no row fetched): a period's latest
  // submission comes first, and the ones it replaced follow and are skipped. At national size (1.27 M lines)
  // reading the difficulties here too fetched every row and sorted them: 8.6 s for the nation.
  Id last_id = 0;
  std::string last_period;
  c.each(
      "SELECT assignment_id, period, progress_percent FROM submitted_report_items WHERE submitted_at < $1 ORDER BY "
      "assignment_id, period DESC, submitted_at DESC, id DESC",
      {before.value_or("9999")}, [&](const RowView& r) {
        const Id id = r.i64(0);
        const auto period = r.view(1);
        if (id == last_id && period == last_period) return;
        last_id = id;
        last_period = period;
        fn(id, period, static_cast<int>(r.i64(2)));
      });
}

void each_latest_difficulties(Connection& c, const std::optional<std::string>& before,
                              const std::function<void(Id, std::string_view)>& fn) {
  // One index search per assignment, as each_progress_before finds its progress.
  c.each(
      "SELECT a.id, i.difficulties FROM assignments a JOIN submitted_report_items i ON i.id = (SELECT j.id FROM "
      "submitted_report_items j WHERE j.assignment_id = a.id AND j.submitted_at < $1 ORDER BY j.period DESC, "
      "j.submitted_at DESC, j.id DESC LIMIT 1) WHERE i.difficulties <> ''",
      {before.value_or("9999")}, [&](const RowView& r) { fn(r.i64(0), r.view(1)); });
}

void each_task_coordinator(Connection& c, const std::function<void(Id, std::string_view)>& fn) {
  c.each(
      "SELECT tc.task_id, u.name FROM task_coordinators tc JOIN units u ON u.id = tc.unit_id ORDER BY tc.task_id, "
      "u.name",
      {}, [&](const RowView& r) { fn(r.i64(0), r.view(1)); });
}

}  // namespace tiendo::store
