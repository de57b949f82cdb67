#include "store/forecast_store.h"

namespace tiendo::store {

void each_reported_progress(Connection& c, const std::optional<std::string>& before,
                            const std::function<void(Id, const std::string&, int)>& fn) {
  // One pass in the order of submitted_report_items_latest: a period's lines arrive oldest first, so the last
  // one read is the one that counts (a resubmission replaces what the period said).
  std::optional<std::pair<Id, std::string>> held;
  int progress = 0;
  c.each(
      "SELECT assignment_id, period, progress_percent FROM submitted_report_items WHERE submitted_at < $1 ORDER BY "
      "assignment_id, period, submitted_at, id",
      {before.value_or("9999")}, [&](const RowView& r) {
        std::pair<Id, std::string> key{r.i64(0), std::string(r.view(1))};
        if (held && *held != key) fn(held->first, held->second, progress);
        held = std::move(key);
        progress = static_cast<int>(r.i64(2));
      });
  if (held) fn(held->first, held->second, progress);
}

}  // namespace tiendo::store
