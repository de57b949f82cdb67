#pragma once
// Issue 17: the history the forecasts read — each assignment's progress and difficulties as each period's report
// last submitted them, as known before an instant (R14, R15).
#include <functional>
#include <optional>
#include <string>

#include "store/db.h"
#include "store/model.h"

namespace tiendo::store {

struct ReportedLine {
  Id assignment_id = 0;
  std::string period;
  int progress_percent = 0;
  std::string difficulties;
};
// Calls `fn` once per assignment and reported period, with the period's latest submission before `before`
// (every submission without it), by assignment then period.
void each_reported_line(Connection& c, const std::optional<std::string>& before,
                        const std::function<void(const ReportedLine&)>& fn);

}  // namespace tiendo::store
