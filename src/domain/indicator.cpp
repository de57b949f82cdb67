#include "domain/indicator.h"

#include <algorithm>
#include <array>
#include <cmath>
#include <cstdio>
#include <map>

#include "domain/names.h"
#include "domain/text.h"

namespace tiendo::domain {

namespace {
constexpr std::array<std::string_view, 3> kComparators{"at_least", "at_most", "equal"};
constexpr std::array<std::string_view, 5> kAggregations{"ratio_of_sums", "sum", "cumulative", "latest", "average"};
constexpr std::array<std::string_view, 4> kStatuses{"met", "on_track", "at_risk", "no_data"};
constexpr std::array<std::string_view, 6> kSources{"reported",    "national_portal",      "feedback_r1",
                                                   "feedback_r2", "feedback_rated_share", "st_tracking"};

void trim(std::string_view& s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
}
}  // namespace

std::string_view to_string(Comparator v) { return name_of(kComparators, v); }
std::optional<Comparator> comparator_from(std::string_view s) { return from_name<Comparator>(kComparators, s); }
std::string_view to_string(Aggregation v) { return name_of(kAggregations, v); }
std::optional<Aggregation> aggregation_from(std::string_view s) { return from_name<Aggregation>(kAggregations, s); }
std::string_view to_string(IndicatorStatus v) { return name_of(kStatuses, v); }
std::string_view to_string(IndicatorSource v) { return name_of(kSources, v); }
std::optional<IndicatorSource> indicator_source_from(std::string_view s) {
  return from_name<IndicatorSource>(kSources, s);
}
bool is_computed(IndicatorSource s) { return s != IndicatorSource::reported && s != IndicatorSource::national_portal; }

std::optional<double> parse_vn_number(std::string_view s) {
  if (s.empty() || s.front() == '.' || s.front() == ',' || s.back() == '.' || s.back() == ',') return std::nullopt;
  const auto dots = std::count(s.begin(), s.end(), '.');
  const auto commas = std::count(s.begin(), s.end(), ',');
  // The decimal mark: the last separator when both appear ("1.234,5"; "1,234.5"), a lone comma
  // ("17,5"), a lone dot unless it is followed by exactly three digits after a non-zero whole part
  // ("17.5", "0.125"; but "1.500" is one thousand five hundred); repeated, a mark groups thousands.
  char decimal = 0;
  if (dots && commas) {
    decimal = s.find_last_of(".,") == s.rfind(',') ? ',' : '.';
  } else if (commas == 1) {
    decimal = ',';
  } else if (dots == 1) {
    const auto at = s.find('.');
    const bool thousands = s.size() - at - 1 == 3 && s.substr(0, at) != "0";
    decimal = thousands ? 0 : '.';
  }
  const char group = decimal == ',' ? '.' : decimal == '.' ? ',' : (dots ? '.' : ',');
  if (decimal && std::count(s.begin(), s.end(), decimal) > 1) return std::nullopt;
  std::string digits;
  size_t since_group = 0;
  bool grouped = false, in_fraction = false;
  for (size_t k = 0; k < s.size(); ++k) {
    const char ch = s[k];
    if (ch == group) {
      if (in_fraction || (grouped && since_group != 3) || (!grouped && (since_group == 0 || since_group > 3)))
        return std::nullopt;
      grouped = true;
      since_group = 0;
    } else if (ch == decimal) {
      if (grouped && since_group != 3) return std::nullopt;
      in_fraction = true;
      digits.push_back('.');
    } else if (ch >= '0' && ch <= '9') {
      digits.push_back(ch);
      ++since_group;
    } else {
      return std::nullopt;
    }
  }
  if (grouped && !in_fraction && since_group != 3) return std::nullopt;
  try {
    size_t used = 0;
    const double v = std::stod(digits, &used);
    if (used != digits.size()) return std::nullopt;
    return v;
  } catch (...) {
    return std::nullopt;
  }
}

std::optional<Target> parse_target(std::string_view text) {
  trim(text);
  Target t;
  if (text.starts_with("≥") || text.starts_with(">=")) {
    text.remove_prefix(text.starts_with("≥") ? std::string_view("≥").size() : 2);
  } else if (text.starts_with("≤") || text.starts_with("<=")) {
    t.comparator = Comparator::at_most;
    text.remove_prefix(text.starts_with("≤") ? std::string_view("≤").size() : 2);
  } else if (text.starts_with("=")) {
    t.comparator = Comparator::equal;
    text.remove_prefix(1);
  }
  trim(text);
  size_t i = 0;
  while (i < text.size() && ((text[i] >= '0' && text[i] <= '9') || text[i] == ',' || text[i] == '.')) ++i;
  const auto value = parse_vn_number(text.substr(0, i));
  if (!value) return std::nullopt;
  // "1e20 sản phẩm": not a number followed by its unit.
  if (i < text.size() && (text[i] == 'e' || text[i] == 'E') && i + 1 < text.size() &&
      ((text[i + 1] >= '0' && text[i + 1] <= '9') || text[i + 1] == '+' || text[i + 1] == '-'))
    return std::nullopt;
  t.value = *value;
  std::string_view rest = text.substr(i);
  trim(rest);
  t.unit_of_measure = std::string(rest);
  return t;
}

AggregateResult aggregate(Aggregation how, const std::vector<UnitValue>& values, int through) {
  AggregateResult r;
  // R9: only the values reported for period `through` (nothing carried from an earlier period);
  // R10: a cumulative unit's value is the sum of its values of the year up to `through`.
  std::map<long long, const UnitValue*> current;
  std::map<long long, double> running;
  for (const auto& v : values) {
    if (v.period_index > through) continue;
    if (v.value) running[v.unit_id] += *v.value;
    if (v.period_index == through) current[v.unit_id] = &v;
  }
  double sum = 0, est_sum = 0;
  int est_count = 0;
  for (const auto& [unit, v] : current) {
    if (how == Aggregation::ratio_of_sums) {
      if (!v->numerator || !v->denominator) continue;
      r.numerator_sum += *v->numerator;
      r.denominator_sum += *v->denominator;
    } else if (how == Aggregation::cumulative) {
      if (!v->value) continue;
      sum += running[unit];
    } else {
      if (!v->value) continue;
      sum += *v->value;
    }
    if (v->estimated_full_year) {
      est_sum += *v->estimated_full_year;
      ++est_count;
    }
    ++r.units_reporting;
  }
  if (r.units_reporting == 0) return r;
  switch (how) {
    case Aggregation::ratio_of_sums:
      if (r.denominator_sum > 0) r.value = 100.0 * r.numerator_sum / r.denominator_sum;
      break;
    case Aggregation::average:
      r.value = sum / r.units_reporting;
      break;
    case Aggregation::sum:
    case Aggregation::cumulative:
    case Aggregation::latest:
      r.value = sum;
      break;
  }
  if (est_count > 0) {
    r.estimated_full_year =
        (how == Aggregation::ratio_of_sums || how == Aggregation::average) ? est_sum / est_count : est_sum;
  }
  return r;
}

IndicatorStatus indicator_status(const Target& t, const TrajectoryRule& r, std::optional<double> actual,
                                 double elapsed) {
  if (!actual) return IndicatorStatus::no_data;
  const double a = *actual;
  constexpr double eps = 1e-9;
  switch (t.comparator) {
    case Comparator::at_least:
      if (a + eps >= t.value) return IndicatorStatus::met;
      break;
    case Comparator::at_most:
      if (a - eps <= t.value) return IndicatorStatus::met;
      break;
    case Comparator::equal:
      if (std::fabs(a - t.value) <= eps) return IndicatorStatus::met;
      break;
  }
  elapsed = std::clamp(elapsed, 0.0, 1.0);
  const double distance = t.value - r.baseline;
  const double expected = r.baseline + distance * elapsed;
  const double slack = std::fabs(distance) * r.tolerance;
  const bool lower_is_better = t.comparator == Comparator::at_most || distance < 0;
  const bool on_track = lower_is_better ? a <= expected + slack : a >= expected - slack;
  return on_track ? IndicatorStatus::on_track : IndicatorStatus::at_risk;
}

double achievement(const Target& t, double actual) {
  if (t.comparator == Comparator::at_most) {
    if (actual <= t.value) return 1.0;
    return actual <= 0 ? 0.0 : std::clamp(t.value / actual, 0.0, 1.0);
  }
  if (t.value <= 0) return 1.0;
  return std::clamp(actual / t.value, 0.0, 1.0);
}

bool is_count(std::string_view unit_of_measure) {
  std::string_view u = unit_of_measure;
  trim(u);
  return u != "%";
}

namespace {
std::string vn_number(double v) {
  char buf[64];
  const double r = std::round(v * 10) / 10;
  if (std::fabs(r - std::round(r)) < 1e-9) {
    std::snprintf(buf, sizeof buf, "%.0f", r);
  } else {
    std::snprintf(buf, sizeof buf, "%.1f", r);
  }
  std::string s = buf;
  for (char& c : s) {
    if (c == '.') c = ',';
  }
  return s;
}
}  // namespace

std::string figure_text(const Target& t, double actual) {
  if (!is_count(t.unit_of_measure)) return vn_percent(actual);
  std::string out = vn_number(actual) + "/" + vn_number(t.value);
  if (!t.unit_of_measure.empty()) out += " " + t.unit_of_measure;
  return out;
}

std::string coverage_text(int covered, int expected) {
  return std::to_string(covered) + "/" + std::to_string(expected) + " đơn vị có số liệu";
}

}  // namespace tiendo::domain
