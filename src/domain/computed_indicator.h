#pragma once
// R19: the figure of an indicator the system computes (IndicatorSource), as of a date, from the city's feedback
// figures (R17) or its S&T tasks' tracking (R18), each known at the end of that date. The numerator and the
// denominator are counts of items or tasks, so the figure can be checked against the rows behind it.
#include <optional>
#include <string>

#include "domain/date.h"
#include "domain/feedback.h"
#include "domain/indicator.h"
#include "domain/st_task.h"

namespace tiendo::domain {

struct ComputedFigure {
  IndicatorSource source = IndicatorSource::feedback_r1;
  long long numerator = 0, denominator = 0;
  std::optional<double> percent;  // 100 × numerator / denominator; nothing with nothing to count
  std::string rule;               // "R19 (R17: R1)", the rules it follows
  std::string why;                // the formula with its counts and date, in Vietnamese
};

// The feedback sources (feedback_r1, feedback_r2, feedback_rated_share) from the city's figures as of `as_of`.
ComputedFigure computed_from_feedback(IndicatorSource source, const FeedbackFigures& f, Date as_of);
// st_tracking from R18's tracking as of `as_of`.
ComputedFigure computed_from_st_tracking(const StTracking& t, Date as_of);

}  // namespace tiendo::domain
