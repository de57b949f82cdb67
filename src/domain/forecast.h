#pragma once
// Issue 17: early warning. From an assignment's progress as known at the end of each reported month, when it
// is expected to finish and whether that is after its deadline; from an indicator's monthly values, its
// full-year value with an 80 % range. Pure: the caller reads the history (service::Evaluator, as known at as_of).
// The forecasts are shown beside the rule-based status and never enter the ranking (R11).
#include <optional>
#include <string>
#include <vector>

#include "domain/date.h"
#include "domain/deadline.h"
#include "domain/indicator.h"

namespace tiendo::domain {

// Progress as a report gave it, on the last day of its data window (the day the figure stood), one per
// reported period, with the difficulties that report wrote for the work (empty: none).
struct ProgressPoint {
  Date on;
  int progress = 0;
  std::string difficulties;
};

struct ForecastRules {
  // Progress unchanged, or the same difficulty written (domain::same_obstacle), for this many reported months in a
  // row: stalled. One setting for both: the "N periods" of stalled work.
  int stalled_periods = 3;
  int window = 6;            // the pace is read from the latest reports only, so a late spurt shows
  int min_points = 3;        // fewer reports than this: the plan's typical pace
  int unanswered_days = 30;  // a "vượt thẩm quyền" flag unanswered this many days: at risk
};

struct ForecastInput {
  DeadlineKind kind = DeadlineKind::exact;
  Date start;               // work counted from here at 0 % (the plan's issue day or the assignment's first day)
  std::optional<Date> due;  // the deadline judged against (effective); nothing: no forecast
  Date as_of;
  std::optional<Date> done_on;        // confirmed completion known at as_of
  std::vector<ProgressPoint> points;  // ascending by date, all on or before as_of
  // The plan's typical pace in percent per day (typical_pace of its other assignments); nothing if unknown.
  std::optional<double> plan_pace;
  // The day the oldest "vượt thẩm quyền" flag still unanswered at the end of as_of was raised; nothing if none.
  std::optional<Date> escalated_on;
};

enum class ForecastMethod { done, trend, plan_pace, own_average, none };
std::string_view to_string(ForecastMethod m);

struct AssignmentForecast {
  ForecastMethod method = ForecastMethod::none;
  std::optional<Date> expected_done;  // nothing: no pace to extend (no progress at all, or no history)
  double pace = 0;                    // percent per day used
  int progress = 0;                   // the latest known
  int unchanged_periods = 0;          // reported months since the progress last changed
  bool stalled = false;
  // Reported months in a row, up to the latest, whose difficulties say the same obstacle as the latest's; set from
  // `stalled_periods` on (below it, 0).
  int repeated_difficulty_periods = 0;
  std::string repeated_difficulty;     // the latest wording of it, when set
  std::optional<int> unanswered_days;  // days a flag beyond the unit's authority waits, from `unanswered_days` on
  // "có nguy cơ trễ hạn": expected after the deadline, stalled, the same difficulty repeated, or waiting on an answer
  bool at_risk = false;
  std::string reason;     // in Vietnamese, e.g. "tiến độ 30 % sau 8/12 tháng; 3 kỳ liền không đổi"
  std::string reason_en;  // the same in English: "progress 30 % after 8/12 months; unchanged for 3 periods"
};

// The pace of one history: the median of the slopes between every two of its latest `window` points
// (Theil–Sen), the start counted as a point at 0 %. Nothing with fewer than `min_points` reports.
std::optional<double> trend_pace(Date start, const std::vector<ProgressPoint>& points, const ForecastRules& r = {});

// A plan's typical pace: the median of its assignments' trend paces (those with a pace); nothing if none.
std::optional<double> typical_pace(std::vector<double> paces);

// One sentence for a leader: the expected day is the latest reported progress continued at the median monthly
// pace of the latest reports (with fewer than three reports the plan's typical pace, or before the plan has one
// its own average pace since the start), never before as_of; late or stalled work is at risk, and so is work that
// reported the same difficulty `stalled_periods` months in a row ("cùng một khó khăn 3 kỳ liền: …") and work whose
// difficulty beyond its unit's authority ("vượt thẩm quyền") has waited `unanswered_days` for an answer.
// Nothing for work the forecast does not apply to: recurring, or without a dated deadline.
std::optional<AssignmentForecast> forecast(const ForecastInput& in, const ForecastRules& r = {});

// An indicator's series as known at as_of: the city's figure of each period 1..m of the year (a period without a
// value is nothing). `cumulative`: each period holds what was added in it and the year's value is their sum;
// otherwise the latest period's figure is the value. `per_year`: 12 for monthly reporting, 4 for quarterly.
struct IndicatorSeries {
  std::vector<std::optional<double>> months;
  bool cumulative = false;
  int per_year = 12;
  bool share = false;  // a percentage: the forecast and its range stay within 0..100 %
};
struct IndicatorForecast {
  double value = 0, low = 0, high = 0;  // the value at the period forecast and its 80 % range
  int months_known = 0;
};
// The value at period `through` (after the series): cumulative, the sum so far plus every period not yet known
// at the median of the periods seen, the range putting them all at the 10th or 90th percentile; otherwise the
// latest value continued at the median period-to-period change (Theil–Sen), the range from the 10th and 90th
// percentiles of those slopes. Nothing with fewer than two periods known or `through` not after the series.
std::optional<IndicatorForecast> forecast_indicator_at(const IndicatorSeries& s, int through);
// The full-year value: at the year's last period; nothing once the year is complete (the value is known).
std::optional<IndicatorForecast> forecast_indicator(const IndicatorSeries& s);
// The naive rule it is measured against (bench/backtest): the straight line from the baseline at the year's start
// through the latest figure (cumulative: the sum so far at the same rate per period), read at `through`.
std::optional<double> linear_projection(const IndicatorSeries& s, double baseline, int through);

// One unit's part in the gap between the figure of a period and its target, in the figure's own terms
// (percentage points for a rate, the indicator's unit for a total).
struct ShortfallUnit {
  long long unit_id = 0;
  std::optional<double> value;  // its own figure of the period (a cumulative unit's sum of the year)
  double gap = 0;
};
// The units whose values of period `through` pull the figure below its target (above it for "≤"), largest part
// first; nothing when the figure reaches it. Per aggregation, the parts add up to the figure's gap:
// ratio of sums, target × d_u / Σd − 100 × n_u / Σd; average, (target − v_u) / n; sum and latest, the target
// shared evenly among the units assigned it (`expected`, at least those reporting) less v_u; cumulative, that
// share of the target by the share of the year gone (`elapsed`, the straight line) less the unit's sum of the year.
// Only the units with a value of that period count (R9); the others show in the coverage.
std::vector<ShortfallUnit> shortfall_units(Aggregation how, const Target& t, const std::vector<UnitValue>& values,
                                           int through, double elapsed, int expected);

}  // namespace tiendo::domain
