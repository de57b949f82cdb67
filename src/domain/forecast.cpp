#include "domain/forecast.h"

#include <algorithm>
#include <cmath>
#include <map>

#include "domain/bottleneck.h"
#include "domain/text.h"

namespace tiendo::domain {

namespace {

// The q-quantile of a non-empty list, interpolated between neighbours (the usual "type 7").
double quantile(std::vector<double> v, double q) {
  std::sort(v.begin(), v.end());
  const double at = q * static_cast<double>(v.size() - 1);
  const auto lo = static_cast<size_t>(std::floor(at));
  const auto hi = std::min(v.size() - 1, lo + 1);
  return v[lo] + (v[hi] - v[lo]) * (at - static_cast<double>(lo));
}

double days_between(Date a, Date b) { return static_cast<double>((b - a).count()); }

// Months, as a leader counts them: 30 days and a half, rounded, at least one for the whole span.
int months(Date from, Date to) { return static_cast<int>(std::lround(days_between(from, to) / 30.44)); }

}  // namespace

std::string_view to_string(ForecastMethod m) {
  switch (m) {
    case ForecastMethod::done:
      return "done";
    case ForecastMethod::trend:
      return "trend";
    case ForecastMethod::plan_pace:
      return "plan_pace";
    case ForecastMethod::own_average:
      return "own_average";
    case ForecastMethod::none:
      return "none";
  }
  return "none";
}

std::optional<double> trend_pace(Date start, const std::vector<ProgressPoint>& points, const ForecastRules& r) {
  if (static_cast<int>(points.size()) < r.min_points) return std::nullopt;
  std::vector<ProgressPoint> series{{start, 0}};
  series.insert(series.end(), points.begin(), points.end());
  // The latest `window` points: a pace that changed long ago no longer speaks for the months ahead.
  const size_t keep = static_cast<size_t>(std::max(2, r.window));
  if (series.size() > keep) series.erase(series.begin(), series.end() - static_cast<long>(keep));
  std::vector<double> slopes;
  for (size_t i = 0; i < series.size(); ++i)
    for (size_t j = i + 1; j < series.size(); ++j) {
      const double dt = days_between(series[i].on, series[j].on);
      if (dt > 0) slopes.push_back((series[j].progress - series[i].progress) / dt);
    }
  if (slopes.empty()) return std::nullopt;
  return std::max(0.0, quantile(slopes, 0.5));  // progress is never taken back: no negative pace
}

std::optional<double> typical_pace(std::vector<double> paces) {
  std::erase_if(paces, [](double p) { return !(p > 0); });
  if (paces.empty()) return std::nullopt;
  return quantile(std::move(paces), 0.5);
}

std::optional<AssignmentForecast> forecast(const ForecastInput& in, const ForecastRules& r) {
  if (in.kind == DeadlineKind::recurring || !in.due) return std::nullopt;
  AssignmentForecast f;
  f.progress = in.points.empty() ? 0 : in.points.back().progress;
  const int elapsed = std::max(0, months(in.start, in.as_of));
  const int span = std::max(1, months(in.start, *in.due));
  std::string reason =
      "tiến độ " + vn_percent(f.progress) + " sau " + std::to_string(elapsed) + "/" + std::to_string(span) + " tháng";
  std::string reason_en = "progress " + vn_percent(f.progress) + " after " + std::to_string(elapsed) + "/" +
                          std::to_string(span) + " months";

  std::optional<Date> reached;  // the month the progress was first reported at 100 %
  for (const auto& p : in.points)
    if (p.progress >= 100) {
      reached = p.on;
      break;
    }
  if (in.done_on || reached) {
    f.method = ForecastMethod::done;
    f.expected_done = in.done_on ? in.done_on : reached;
    f.reason = "đã hoàn thành ngày " + vn_date(*f.expected_done);
    f.reason_en = "completed on " + vn_date(*f.expected_done);
    return f;
  }

  // Months since the progress last changed, the start (0 %) counted as a report: never-started work that
  // keeps reporting 0 % stalls as well.
  f.unchanged_periods = 0;
  for (auto it = in.points.rbegin(); it != in.points.rend(); ++it) {
    const auto next = std::next(it);
    const int before = next == in.points.rend() ? 0 : next->progress;
    if (before != it->progress) break;
    ++f.unchanged_periods;
  }
  f.stalled = f.unchanged_periods >= r.stalled_periods;
  if (f.stalled) {
    reason += "; " + std::to_string(f.unchanged_periods) + " kỳ liền không đổi";
    reason_en += "; unchanged for " + std::to_string(f.unchanged_periods) + " periods";
  }
  // The same obstacle written month after month: each report back from the latest that says what the latest says.
  if (!in.points.empty()) {
    const auto latest = content_words(in.points.back().difficulties);
    int repeated = 0;
    for (auto it = in.points.rbegin(); it != in.points.rend(); ++it, ++repeated)
      if (!same_obstacle(latest, content_words(it->difficulties))) break;
    if (repeated >= r.stalled_periods) {
      f.repeated_difficulty_periods = repeated;
      // The wording as written, less the full stop that would end the reason's sentence in its middle.
      f.repeated_difficulty = in.points.back().difficulties;
      while (!f.repeated_difficulty.empty() &&
             std::string_view(" .;").find(f.repeated_difficulty.back()) != std::string_view::npos)
        f.repeated_difficulty.pop_back();
      reason += "; cùng một khó khăn " + std::to_string(repeated) + " kỳ liền: " + f.repeated_difficulty;
      reason_en += "; the same difficulty for " + std::to_string(repeated) + " periods: " + f.repeated_difficulty;
    }
  }
  if (in.escalated_on) {
    const auto waited = static_cast<int>((in.as_of - *in.escalated_on).count());
    if (waited >= r.unanswered_days) {
      f.unanswered_days = waited;
      reason += "; kiến nghị vượt thẩm quyền từ " + vn_date(*in.escalated_on) + " chưa được trả lời " +
                std::to_string(waited) + " ngày";
      reason_en += "; a difficulty beyond the unit's authority, raised on " + vn_date(*in.escalated_on) +
                   ", unanswered for " + en_count(waited, "day", "days");
    }
  }

  if (auto pace = trend_pace(in.start, in.points, r)) {
    f.method = ForecastMethod::trend;
    f.pace = *pace;
  } else if (in.plan_pace) {
    f.method = ForecastMethod::plan_pace;
    f.pace = *in.plan_pace;
  } else if (!in.points.empty() && in.points.back().on > in.start) {
    // Early in a plan nobody has three reports yet: the straight line from the start through the latest report.
    f.method = ForecastMethod::own_average;
    f.pace = in.points.back().progress / days_between(in.start, in.points.back().on);
  }
  if (f.method == ForecastMethod::none) {
    f.at_risk = f.stalled || f.repeated_difficulty_periods > 0 || f.unanswered_days;
    f.reason = reason + "; chưa đủ số liệu để dự báo";
    f.reason_en = reason_en + "; not enough figures to forecast";
    return f;
  }
  if (f.pace > 0) {
    // From the day the latest figure stood; work not done by as_of is not done before it.
    const Date from = in.points.empty() ? in.as_of : in.points.back().on;
    const auto days = static_cast<int>(std::ceil((100 - f.progress) / f.pace));
    f.expected_done = std::max(in.as_of, from + std::chrono::days{days});
  }
  const std::string how = f.method == ForecastMethod::plan_pace     ? " (theo nhịp chung của kế hoạch)"
                          : f.method == ForecastMethod::own_average ? " (theo nhịp bình quân từ khi bắt đầu)"
                                                                    : "";
  if (!f.expected_done) {
    f.at_risk = true;
    reason += "; không có tiến triển để dự báo ngày xong";
    reason_en += "; no progress to forecast a finishing day";
  } else {
    const int late = static_cast<int>((*f.expected_done - *in.due).count());
    f.at_risk = f.stalled || f.repeated_difficulty_periods > 0 || f.unanswered_days || late > 0;
    const std::string how_en = f.method == ForecastMethod::plan_pace     ? " (at the plan's common pace)"
                               : f.method == ForecastMethod::own_average ? " (at its average pace since the start)"
                                                                         : "";
    reason += "; dự kiến xong " + vn_date(*f.expected_done) + how;
    reason += late > 0 ? ", sau hạn " + vn_date(*in.due) + " " + std::to_string(late) + " ngày"
                       : ", kịp hạn " + vn_date(*in.due);
    reason_en += "; expected done " + vn_date(*f.expected_done) + how_en;
    reason_en += late > 0 ? ", past the deadline " + vn_date(*in.due) + " by " + en_count(late, "day", "days")
                          : ", in time for the deadline " + vn_date(*in.due);
  }
  f.reason = reason;
  f.reason_en = reason_en;
  return f;
}

namespace {

std::vector<std::pair<int, double>> known_periods(const IndicatorSeries& s) {
  std::vector<std::pair<int, double>> known;
  for (size_t i = 0; i < s.months.size(); ++i)
    if (s.months[i]) known.emplace_back(static_cast<int>(i) + 1, *s.months[i]);
  return known;
}

std::optional<IndicatorForecast> extend(const IndicatorSeries& s, int through) {
  const auto known = known_periods(s);
  if (known.size() < 2 || through <= static_cast<int>(s.months.size())) return std::nullopt;
  IndicatorForecast f;
  f.months_known = static_cast<int>(known.size());
  if (s.cumulative) {
    std::vector<double> values;
    double sum = 0;
    for (const auto& [month, v] : known) {
      values.push_back(v);
      sum += v;
    }
    // Every period without a value yet, the unreported ones included, at the periods' median.
    const double remaining = static_cast<double>(through) - static_cast<double>(known.size());
    f.value = sum + remaining * quantile(values, 0.5);
    f.low = sum + remaining * quantile(values, 0.1);
    f.high = sum + remaining * quantile(values, 0.9);
    return f;
  }
  std::vector<double> slopes;
  for (size_t i = 0; i < known.size(); ++i)
    for (size_t j = i + 1; j < known.size(); ++j)
      slopes.push_back((known[j].second - known[i].second) / (known[j].first - known[i].first));
  const double ahead = static_cast<double>(through - known.back().first);
  const double last = known.back().second;
  f.value = last + ahead * quantile(slopes, 0.5);
  f.low = last + ahead * quantile(slopes, 0.1);
  f.high = last + ahead * quantile(slopes, 0.9);
  return f;
}

}  // namespace

std::optional<IndicatorForecast> forecast_indicator_at(const IndicatorSeries& s, int through) {
  auto f = extend(s, through);
  if (f && s.share) {
    // A rate that climbs steadily would pass 100 % on paper; no share can.
    f->value = std::clamp(f->value, 0.0, 100.0);
    f->low = std::clamp(f->low, 0.0, 100.0);
    f->high = std::clamp(f->high, 0.0, 100.0);
  }
  return f;
}

std::optional<IndicatorForecast> forecast_indicator(const IndicatorSeries& s) {
  return forecast_indicator_at(s, s.per_year);
}

std::optional<double> linear_projection(const IndicatorSeries& s, double baseline, int through) {
  const auto known = known_periods(s);
  if (known.empty()) return std::nullopt;
  if (s.cumulative) {
    double sum = 0;
    for (const auto& [month, v] : known) sum += v;
    return sum * through / static_cast<double>(s.months.size());
  }
  const auto& [month, last] = known.back();
  const double v = baseline + (last - baseline) * through / month;
  return s.share ? std::clamp(v, 0.0, 100.0) : v;
}

std::vector<ShortfallUnit> shortfall_units(Aggregation how, const Target& t, const std::vector<UnitValue>& values,
                                           int through, double elapsed, int expected) {
  // R10: a cumulative unit's figure is its sum of the year up to the period.
  std::map<long long, double> running;
  std::vector<const UnitValue*> current;
  for (const auto& v : values) {
    if (v.period_index > through) continue;
    if (v.value) running[v.unit_id] += *v.value;
    if (v.period_index != through) continue;
    const bool counted = how == Aggregation::ratio_of_sums ? v.numerator && v.denominator : v.value.has_value();
    if (counted) current.push_back(&v);
  }
  if (current.empty()) return {};
  const double sign = t.comparator == Comparator::at_most ? -1.0 : 1.0;  // "≤": above the target is short
  const auto n = static_cast<double>(current.size());
  double denominators = 0;
  for (const auto* v : current)
    if (v->denominator) denominators += *v->denominator;
  const double share = t.value / std::max(n, static_cast<double>(expected));
  std::vector<ShortfallUnit> out;
  double total = 0;
  for (const auto* v : current) {
    ShortfallUnit u{v->unit_id, v->value, 0};
    switch (how) {
      case Aggregation::ratio_of_sums:
        if (!(denominators > 0)) return {};
        u.gap = (t.value * *v->denominator - 100.0 * *v->numerator) / denominators;
        break;
      case Aggregation::average:
        u.gap = (t.value - *v->value) / n;
        break;
      case Aggregation::sum:
      case Aggregation::latest:
        u.gap = share - *v->value;
        break;
      case Aggregation::cumulative:
        u.value = running[v->unit_id];
        u.gap = share * std::clamp(elapsed, 0.0, 1.0) - *u.value;
        break;
    }
    u.gap *= sign;
    total += u.gap;
    if (u.gap > 1e-9) out.push_back(u);
  }
  if (!(total > 1e-9)) return {};  // the figure reaches its target: nobody pulls it below
  std::stable_sort(out.begin(), out.end(), [](const ShortfallUnit& x, const ShortfallUnit& y) {
    return x.gap != y.gap ? x.gap > y.gap : x.unit_id < y.unit_id;
  });
  return out;
}

}  // namespace tiendo::domain
