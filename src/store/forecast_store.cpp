#include "store/forecast_store.h"

namespace tiendo::store {

void each_reported_line(Connection& c, const std::optional<std::string>& before,
                        const std::function<void(const ReportedLine&)>& fn) {
  // One pass in the order of submitted_report_items_latest: a period's lines arrive oldest first, so the last
  // one read is the one that counts (a resubmission replaces what the period said).
  std::optional<ReportedLine> held;
  c.each(
      "SELECT assignment_id, period, progress_percent, difficulties FROM submitted_report_items WHERE submitted_at < "
      "$1 ORDER BY assignment_id, period, submitted_at, id",
      {before.value_or("9999")}, [&](const RowView& r) {
        const Id id = r.i64(0);
        const auto period = r.view(1);
        if (held && (held->assignment_id != id || held->period != period)) fn(*held);
        held = ReportedLine{id, std::string(period), static_cast<int>(r.i64(2)), r.text(3)};
      });
  if (held) fn(*held);
}

}  // namespace tiendo::store
