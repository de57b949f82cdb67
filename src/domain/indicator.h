#pragma once
// Indicators: targets with a comparator, aggregation of unit values, and status against a linear
// trajectory from baseline to the year-end target.
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace tiendo::domain {

enum class Comparator { at_least, at_most, equal };
enum class Aggregation { ratio_of_sums, sum, cumulative, latest, average };
enum class IndicatorStatus { met, on_track, at_risk, no_data };

std::string_view to_string(Comparator c);
std::optional<Comparator> comparator_from(std::string_view s);
std::string_view to_string(Aggregation a);
std::optional<Aggregation> aggregation_from(std::string_view s);
std::string_view to_string(IndicatorStatus s);

// R19: where an indicator's figure comes from. `reported`: the units' submitted values (R9, R10);
// `national_portal`: typed monthly by the monitoring unit from the national public-service portal, with its
// evidence, and labelled so (nothing is computed here); the others the system computes, city-wide, as of each date,
// from the facts known at its end: the feedback figures of R17 (R1 answered on time, R2 satisfaction per Decision
// 766, the rated share) and the "theo dõi toàn trình" rate of R18. A computed indicator is never typed by a unit.
enum class IndicatorSource { reported, national_portal, feedback_r1, feedback_r2, feedback_rated_share, st_tracking };
std::string_view to_string(IndicatorSource s);
std::optional<IndicatorSource> indicator_source_from(std::string_view s);
bool is_computed(IndicatorSource s);

struct Target {
  Comparator comparator = Comparator::at_least;
  double value = 0;
  std::string unit_of_measure;  // "%", "sản phẩm"
};

// "≥80%", "100%", "5 sản phẩm", "≤ 3 ngày": the comparator defaults to "at least".
// A number as the documents write it: "1.500" and "20.000.000.000.000" group thousands with dots, "17,5"
// has a decimal comma; "17.5" and "1,234.5" are read too. Anything else (misplaced groups) is not a number.
std::optional<double> parse_vn_number(std::string_view text);
std::optional<Target> parse_target(std::string_view text);

// One unit's figure for one period. Rates carry numerator and denominator so they sum exactly.
struct UnitValue {
  long long unit_id = 0;
  int period_index = 0;  // ordinal of the period within the year, 1-based
  std::optional<double> numerator;
  std::optional<double> denominator;
  std::optional<double> value;
  std::optional<double> estimated_full_year;
};

struct AggregateResult {
  std::optional<double> value;
  std::optional<double> estimated_full_year;
  int units_reporting = 0;  // R9: the units with a value for the period (the count behind the figure)
  int units_expected = 0;   // R9: the active units assigned the indicator (set by the caller)
  double numerator_sum = 0;
  double denominator_sum = 0;
};

// R9/R10: the figure for period `through` (1-based ordinal within the year): only the values reported for
// that period; a cumulative indicator adds each reporting unit's values of the year up to it.
AggregateResult aggregate(Aggregation how, const std::vector<UnitValue>& values, int through);

struct TrajectoryRule {
  double baseline = 0;
  // How far below the straight line (as a share of the distance baseline -> target) still counts on track.
  double tolerance = 0.1;
};

// `elapsed` is the share of the year gone (0..1).
IndicatorStatus indicator_status(const Target& t, const TrajectoryRule& r, std::optional<double> actual,
                                 double elapsed);

// How much of the target is reached, capped to [0, 1]: the ranking's indicator component.
double achievement(const Target& t, double actual);

// R13: a target whose unit of measure is not "%" is a count ("5 sản phẩm", or a bare "5").
bool is_count(std::string_view unit_of_measure);
// R13: "4/5 sản phẩm" for a count, "17,5 %" for a share.
std::string figure_text(const Target& t, double actual);
// R9: "3/4 đơn vị có số liệu".
std::string coverage_text(int covered, int expected);

}  // namespace tiendo::domain
