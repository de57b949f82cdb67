#pragma once
// Issue 17: early warning, apart from HTTP. The open work with a deadline that is at risk of finishing late at
// the evaluator's date — expected after its deadline from its reported progress (domain::forecast), or stalled —
// and the latest difficulties of the open work, for grouping. Read by GET /risks and by the weekly brief.
#include <optional>
#include <string>
#include <vector>

#include "domain/forecast.h"
#include "service/evaluation.h"

namespace tiendo::service {

struct Risk {
  const store::Assignment* a = nullptr;  // kept alive by the Evaluator
  domain::Date due;
  domain::AssignmentForecast f;
};

struct RiskFindings {
  int forecast_count = 0;
  int stalled_periods = 0;
  std::vector<Risk> items;  // by deadline, then assignment
  // The latest report's difficulties of open work in scope, and the assignment of each.
  std::vector<std::string> obstacle_texts;
  std::vector<store::Id> obstacle_of;
};

// Work of one plan (or all), within a unit subtree (or the whole city), as known at the end of ev.as_of().
// The plan's typical pace is the whole plan's whoever asks, so every forecast is the same in every view.
RiskFindings find_risks(store::Connection& c, Evaluator& ev, std::optional<store::Id> directive_id,
                        const std::optional<std::string>& scope);

}  // namespace tiendo::service
