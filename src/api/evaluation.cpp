#include "api/evaluation.h"

#include "store/report_store.h"

namespace tiendo::api {

using domain::Date;

PlanCalendar load_calendar(store::Connection& c, store::Id directive_id) {
  PlanCalendar cal;
  cal.row = store::reporting_rule(c, directive_id);
  const auto& r = cal.row;
  cal.rule.period_type = domain::period_type_from(r.period_type).value_or(domain::PeriodType::monthly);
  cal.rule.window = domain::data_window_from(r.data_window).value_or(domain::DataWindow::decree09);
  cal.rule.due_day = r.due_day;
  cal.rule.annual_due_month = static_cast<unsigned>(r.annual_due_month);
  cal.rule.annual_due_day = static_cast<unsigned>(r.annual_due_day);
  cal.rule.shift_to_working_day = r.shift_to_working_day;
  cal.rule.due_soon_days = r.due_soon_days;
  cal.rule.update_target = r.update_target;
  cal.weights = {r.weight_timeliness, r.weight_updates, r.weight_completion, r.weight_indicators};
  for (const auto& [day, name] : store::list_holidays(c)) {
    if (auto d = domain::parse_iso_date(day)) cal.holidays.holidays.insert(*d);
  }
  return cal;
}

domain::Period Evaluator::judged(store::Id directive_id) {
  auto it = judged_.find(directive_id);
  if (it == judged_.end()) {
    const auto& cal = calendar(directive_id);
    it = judged_.emplace(directive_id, domain::judged_period(cal.rule, cal.holidays, as_of_)).first;
  }
  return it->second;
}

const PlanCalendar& Evaluator::calendar(store::Id directive_id) {
  auto it = calendars_.find(directive_id);
  if (it == calendars_.end()) it = calendars_.emplace(directive_id, load_calendar(c_, directive_id)).first;
  return it->second;
}

namespace {
std::optional<Date> date_of(const std::optional<std::string>& s) {
  return s ? domain::parse_iso_date(*s) : std::nullopt;
}
}  // namespace

EvaluatedAssignment Evaluator::evaluate(const store::Assignment& a) {
  const PlanCalendar& cal = calendar(a.directive_id);
  domain::AssignmentFacts f;
  f.kind = domain::deadline_kind_from(a.deadline_kind).value_or(domain::DeadlineKind::unspecified);
  f.original_due = date_of(a.original_due);
  f.effective_due = date_of(a.effective_due);
  f.confirmed_done_on = date_of(a.confirmed_done_on);
  f.triggered_on = date_of(a.triggered_on);
  f.decision = domain::decision_from(a.decision).value_or(domain::Decision::active);
  f.decision_on = date_of(a.decision_on);
  if (a.last_update_period) f.last_update_period = domain::parse_period(*a.last_update_period);
  f.progress_percent = a.progress_percent;
  const domain::Period p = judged(a.directive_id);
  return EvaluatedAssignment{&a, domain::evaluate(f, as_of_, p, cal.rule.due_soon_days), p};
}

std::vector<EvaluatedAssignment> Evaluator::assignments(const store::AssignmentFilter& f) {
  const auto& rows = owned_.emplace_back(store::list_assignments(c_, f));
  std::vector<EvaluatedAssignment> out;
  out.reserve(rows.size());
  for (const auto& a : rows) out.push_back(evaluate(a));
  return out;
}

Rollup roll_up(const std::vector<EvaluatedAssignment>& items) {
  using S = domain::AssignmentStatus;
  Rollup r;
  for (const auto& it : items) {
    const auto& e = it.e;
    ++r.total;
    ++r.by_status[std::string(domain::to_string(e.status))];
    if (e.counts_in_ratios) {
      ++r.with_deadline;
      const bool done = e.status == S::done_on_time || e.status == S::done_late;
      if (done || e.status == S::overdue) ++r.due_by_date;
    }
    if (e.status == S::done_on_time) ++r.done_on_time;
    if (e.status == S::done_late) ++r.done_late;
    if (e.status == S::overdue) ++r.overdue;
    if (e.status == S::due_soon) ++r.due_soon;
    if (e.open) {
      ++r.open;
      if (e.updated_in_period) ++r.open_updated;
    }
  }
  return r;
}

std::vector<Obligation> report_obligations(store::Connection& c, Evaluator& ev, store::Id directive_id,
                                           domain::Period period, domain::Instant now,
                                           const std::vector<store::Assignment>& assignments,
                                           const std::optional<std::string>& scope_path) {
  const PlanCalendar& cal = ev.calendar(directive_id);
  const domain::Window window = domain::data_window(cal.rule, period);
  const Date due = domain::report_due_date(cal.rule, cal.holidays, period);
  // Judge as it stood at the end of as_of: history reads the same later as it did that day.
  const domain::Instant at = std::min(now, domain::end_of_vietnam_day(ev.as_of()));

  std::map<store::Id, Obligation> by_unit;
  for (const auto& a : assignments) {
    if (a.directive_id != directive_id) continue;
    const auto from = date_of(a.unit->active_from), to = date_of(a.unit->active_to);
    if ((from && *from > window.last) || (to && *to < window.first)) continue;  // unit closed or not yet open
    const auto done = date_of(a.confirmed_done_on);
    if (done && *done < window.first) continue;  // finished before the period began
    const auto decided = date_of(a.decision_on);
    if (a.decision != "active" && (!decided || *decided <= window.first)) continue;
    auto& o = by_unit[a.unit_id];
    o.unit_id = a.unit_id;
    o.unit_name = a.unit->name;
    o.peer_group = a.unit->peer_group;
    o.unit_path = a.unit->path;
  }
  for (auto& r : store::report_statuses(c, directive_id, period.key(), scope_path)) {
    auto it = by_unit.find(r.unit_id);
    if (it != by_unit.end()) it->second.report = std::move(r);
  }
  std::vector<Obligation> out;
  out.reserve(by_unit.size());
  for (auto& [id, o] : by_unit) {
    std::optional<domain::Instant> first;
    if (o.report && o.report->first_submitted_at) {
      auto t = domain::parse_iso_instant(*o.report->first_submitted_at);
      if (t && *t <= at) first = t;
    }
    o.timeliness = domain::timeliness(first, due, at);
    out.push_back(std::move(o));
  }
  return out;
}

}  // namespace tiendo::api

namespace tiendo::api {

IndicatorEvaluation evaluate_indicator(store::Connection& c, Evaluator& ev, const store::Indicator& ind,
                                       const std::optional<std::string>& scope_path) {
  const PlanCalendar& cal = ev.calendar(ind.directive_id);
  IndicatorEvaluation out;
  out.period = domain::judged_period(cal.rule, cal.holidays, ev.as_of());
  const int per_year = domain::periods_per_year(out.period.type);
  out.elapsed = static_cast<double>(out.period.number) / per_year;

  std::vector<domain::UnitValue> all, city, commune;
  for (const auto& sv : store::indicator_values_in_scope(c, ind.id, out.period.year, scope_path)) {
    const auto& v = sv.value;
    auto p = domain::parse_period(v.period);
    if (!p || p->year != out.period.year) continue;
    domain::UnitValue uv{v.unit_id, p->number, v.numerator, v.denominator, v.value, v.estimated_full_year};
    all.push_back(uv);
    (sv.peer_group == "commune" ? commune : city).push_back(uv);
  }
  const auto how = domain::aggregation_from(ind.aggregation).value_or(domain::Aggregation::sum);
  const auto comparator = domain::comparator_from(ind.comparator).value_or(domain::Comparator::at_least);
  const domain::TrajectoryRule trajectory{ind.baseline, cal.row.at_risk_tolerance};
  out.aggregate = domain::aggregate(how, all, out.period.number);
  out.status = domain::indicator_status({comparator, ind.target_value, ind.unit_of_measure}, trajectory,
                                        out.aggregate.value, out.elapsed);
  for (const auto& lt : ind.level_targets) {
    LevelEvaluation le;
    le.level = lt.level;
    le.target = lt.target_value;
    le.aggregate = domain::aggregate(how, lt.level == "commune" ? commune : city, out.period.number);
    le.status = domain::indicator_status({comparator, lt.target_value, ind.unit_of_measure}, trajectory,
                                         le.aggregate.value, out.elapsed);
    out.levels.push_back(std::move(le));
  }
  return out;
}

RankingData ranking_data(store::Connection& c, Evaluator& ev, domain::Instant now,
                         const std::optional<std::string>& scope_path, const std::vector<store::Directive>& ds,
                         const std::vector<store::Assignment>& raw, const std::vector<EvaluatedAssignment>& evaluated) {
  RankingData data;
  data.weights = ds.empty() ? domain::RankingWeights{} : ev.calendar(ds.front().id).weights;
  auto& units = data.units;
  for (const auto& x : evaluated) {
    auto& u = units[x.a->unit_id];
    u.input.unit_id = x.a->unit_id;
    u.name = x.a->unit->name;
    u.peer_group = x.a->unit->peer_group;
    using S = domain::AssignmentStatus;
    if (x.e.open) {
      ++u.input.updates.denominator;
      if (x.e.updated_in_period) ++u.input.updates.numerator;
    }
    const bool done = x.e.status == S::done_on_time || x.e.status == S::done_late;
    if (x.e.counts_in_ratios && (done || x.e.status == S::overdue)) {
      ++u.input.completion.denominator;
      if (x.e.status == S::done_on_time) ++u.input.completion.numerator;
    }
  }
  for (const auto& d : ds) {
    const auto judged = ev.judged(d.id);
    for (domain::Period p{judged.type, judged.year, 1}; p <= judged; p = domain::next(p)) {
      for (const auto& o : report_obligations(c, ev, d.id, p, now, raw, scope_path)) {
        auto it = units.find(o.unit_id);
        if (it == units.end() || o.timeliness == domain::Timeliness::pending) continue;
        ++it->second.input.timeliness.denominator;
        if (o.timeliness == domain::Timeliness::on_time) ++it->second.input.timeliness.numerator;
      }
    }
    // Indicator achievement: each unit's latest figure this year against the indicator's target.
    for (const auto& ind :
         store::list_indicators(c, store::IndicatorFilter{.directive_id = d.id}, {1000, 0}, nullptr)) {
      if (ind.aggregation == "sum" || ind.aggregation == "cumulative") continue;  // a share of a city total
      const auto comparator = domain::comparator_from(ind.comparator).value_or(domain::Comparator::at_least);
      std::map<store::Id, store::IndicatorValue> latest;
      for (const auto& v :
           store::indicator_values(c, ind.id, std::nullopt, std::nullopt, std::to_string(judged.year))) {
        if (v.period <= judged.key()) latest[v.unit_id] = v;
      }
      for (const auto& [unit_id, v] : latest) {
        auto it = units.find(unit_id);
        if (it == units.end()) continue;
        std::optional<double> actual = v.value;
        if (v.numerator && v.denominator && *v.denominator > 0) actual = 100.0 * *v.numerator / *v.denominator;
        if (!actual) continue;
        it->second.achievement_sum += domain::achievement({comparator, ind.target_value, ind.unit_of_measure}, *actual);
        ++it->second.input.indicator_values;
      }
    }
  }
  for (auto& [id, u] : units) {
    if (u.input.indicator_values > 0) u.input.indicator_achievement = u.achievement_sum / u.input.indicator_values;
  }
  return data;
}

}  // namespace tiendo::api
