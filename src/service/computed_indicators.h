#pragma once
// R19: the figures an indicator can take as its data source instead of the units' values — the city's feedback
// figures (R17) and its S&T tasks' tracking rate (R18) — as of a date; and R11's feedback component, each unit's
// feedback answered on time as lead unit. Read from the stores the feedback and S&T pages read, computed by the
// same domain functions, so the indicator and those pages never disagree.
#include <map>

#include "domain/computed_indicator.h"
#include "domain/feedback.h"
#include "domain/ranking.h"
#include "store/db.h"
#include "store/model.h"

namespace tiendo::service {

// The figure of a computed source, city-wide, as known at the end of `as_of`.
domain::ComputedFigure computed_figure(store::Connection& c, domain::IndicatorSource source, domain::Date as_of);

// R11: per lead unit on `as_of` (domain::lead_on), R17's R1 of the items received from `from` to `as_of`:
// answered on time / judged (answered + overdue unanswered), as known at the end of `as_of`.
std::map<store::Id, domain::Ratio> feedback_on_time_by_lead(store::Connection& c, domain::Date from,
                                                            domain::Date as_of);

}  // namespace tiendo::service
