#include "service/evaluation.h"

#include "domain/succession.h"
#include "store/plan_store.h"
#include "store/report_store.h"
#include "store/succession_store.h"

namespace tiendo::service {

using domain::Date;

PlanCalendar load_calendar(store::Connection& c, store::Id directive_id, const std::optional<std::string>& before) {
  PlanCalendar cal;
  // A past date is judged by the rule and the holidays in force at its end (issue 12).
  cal.row =
      before ? store::reporting_rule_known_before(c, directive_id, *before) : store::reporting_rule(c, directive_id);
  const auto& r = cal.row;
  cal.rule.period_type = domain::period_type_from(r.period_type).value_or(domain::PeriodType::monthly);
  cal.rule.window = domain::data_window_from(r.data_window).value_or(domain::DataWindow::decree09);
  cal.rule.due_day = r.due_day;
  cal.rule.annual_due_month = static_cast<unsigned>(r.annual_due_month);
  cal.rule.annual_due_day = static_cast<unsigned>(r.annual_due_day);
  cal.rule.shift_to_working_day = r.shift_to_working_day;
  cal.rule.due_soon_days = r.due_soon_days;
  cal.rule.update_target = r.update_target;
  cal.rule.first_period_lead_days = r.first_period_lead_days;
  cal.weights = {r.weight_timeliness, r.weight_updates, r.weight_completion, r.weight_indicators};
  // Directives are never edited in place: their issue date today is the one they always had.
  if (const auto d = store::find_directive_ref(c, directive_id); d && d->issued_on)
    cal.issued_on = domain::parse_iso_date(*d->issued_on);
  if (before) {
    for (const auto& day : store::holidays_known_before(c, *before))
      if (auto d = domain::parse_iso_date(day)) cal.holidays.holidays.insert(*d);
  } else {
    for (const auto& [day, name] : store::list_holidays(c))
      if (auto d = domain::parse_iso_date(day)) cal.holidays.holidays.insert(*d);
  }
  return cal;
}

std::optional<domain::Date> Evaluator::judged_due(store::Id directive_id) {
  auto it = judged_due_.find(directive_id);
  if (it == judged_due_.end()) {
    const auto& cal = calendar(directive_id);
    const domain::Period p = judged(directive_id);
    std::optional<domain::Date> due;
    if (cal.reported(p)) due = domain::report_due_date(cal.rule, cal.holidays, p);
    it = judged_due_.emplace(directive_id, due).first;
  }
  return it->second;
}

std::optional<std::string> known_before(domain::Date as_of, domain::Instant now) {
  if (as_of >= domain::vietnam_date(now)) return std::nullopt;
  return domain::iso(domain::end_of_vietnam_day(as_of));
}

Evaluator::Evaluator(store::Connection& c, domain::Date as_of, domain::Instant now)
    : c_(c), as_of_(as_of), historic_(as_of < domain::vietnam_date(now)), before_(service::known_before(as_of, now)) {}

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
  if (it == calendars_.end()) it = calendars_.emplace(directive_id, load_calendar(c_, directive_id, before_)).first;
  return it->second;
}

namespace {
std::optional<Date> date_of(const std::optional<std::string>& s) {
  return s ? domain::parse_iso_date(*s) : std::nullopt;
}
}  // namespace

domain::ActiveSpan active_span(const std::optional<std::string>& from, const std::optional<std::string>& to) {
  return domain::ActiveSpan{date_of(from), date_of(to)};
}

const std::set<store::Id>& Evaluator::carried(store::Id directive_id) {
  const auto key = std::pair{directive_id, only_unit_};
  auto it = carried_.find(key);
  if (it != carried_.end()) return it->second;
  std::set<store::Id> ids;
  const domain::Instant by = domain::end_of_vietnam_day(as_of_);
  for (const auto& [assignment, at] :
       store::submitted_items(c_, directive_id, judged(directive_id).key(), only_unit_)) {
    const auto t = domain::parse_iso_instant(at);
    if (t && *t < by) ids.insert(assignment);
  }
  return carried_.emplace(key, std::move(ids)).first->second;
}

void Evaluator::load_units() {
  if (units_) return;
  units_.emplace();
  if (historic_ && !known_spans_) {
    known_spans_.emplace();
    known_groups_.emplace();
    store::each_unit_known_before(c_, *before_,
                                  [&](store::Id id, const std::optional<std::string>& from,
                                      const std::optional<std::string>& to, const std::string& group) {
                                    known_spans_->emplace(id, active_span(from, to));
                                    known_groups_->emplace(id, group);
                                  });
  }
  for (const auto& u : store::list_units(c_, store::UnitFilter{}, store::Page{1'000'000'000, 0}, nullptr)) {
    bool active = active_span(u.active_from, u.active_to).contains(as_of_);
    if (historic_) {
      auto it = known_spans_->find(u.id);
      active = it != known_spans_->end() && it->second.contains(as_of_);  // no row: the unit did not exist yet
    }
    units_->emplace(u.id, std::pair{active, u.path});
  }
}

store::HistoryScope Evaluator::history_scope() const {
  if (only_unit_) return store::HistoryScope{only_unit_, std::nullopt};
  return store::HistoryScope{std::nullopt, within_};
}

const Evaluator::Known& Evaluator::known(store::Id assignment_id) {
  static const Known initial;
  if (!known_for_ || *known_for_ != history_scope()) {
    known_for_ = history_scope();
    known_.clear();
    declared_for_.reset();
    store::each_assignment_fact_before(c_, *before_, *known_for_, [&](const store::RowView& r) {
      Known& k = known_[r.i64(0)];
      const std::string_view fact = r.view(1);
      const auto day = [&](size_t i) {
        return r.null(i) ? std::nullopt : domain::parse_iso_date(std::string(r.view(i)));
      };
      if (fact == "due") {
        k.effective_due = day(2);
      } else if (fact == "trigger") {
        k.triggered_on = day(3);
      } else if (fact == "decision") {
        k.decision = domain::decision_from(r.view(4)).value_or(domain::Decision::active);
        k.decision_on = day(5);
      } else if (fact == "done") {
        k.confirmed_done_on = day(6);
        k.confirmed_by = r.null(7) ? std::nullopt : std::optional<store::Id>(r.i64(7));
      }
    });
    // R16: work received by a succession starts with the progress last submitted for the closed unit's, until the
    // successor submits its own (every one of which comes later).
    for (const auto& [id, r] : received()) {
      if (r.recorded_at >= *before_) continue;
      Known& k = known_[id];
      k.progress_percent = r.progress_percent;
      k.last_update_period = r.last_update_period;
      k.last_update_at = r.last_update_at;
    }
    store::each_progress_before(c_, *before_, *known_for_, [&](const store::RowView& r) {
      Known& k = known_[r.i64(0)];
      k.last_update_period = domain::parse_period(std::string(r.view(1)));
      k.progress_percent = static_cast<int>(r.i64(2));
      k.last_update_at = domain::parse_iso_instant(std::string(r.view(3)));
    });
  }
  auto it = known_.find(assignment_id);
  return it == known_.end() ? initial : it->second;
}

const Evaluator::Deadline* Evaluator::deadline(store::Id task_id) {
  if (!deadlines_) {
    deadlines_.emplace();
    store::each_task_deadline_before(c_, *before_, [&](const store::RowView& r) {
      deadlines_->emplace(r.i64(0), Deadline{std::string(r.view(1)), std::string(r.view(2)),
                                             r.null(3) ? std::nullopt : std::optional<std::string>(r.view(3))});
    });
  }
  auto it = deadlines_->find(task_id);
  return it == deadlines_->end() ? nullptr : &it->second;
}

domain::AssignmentFacts Evaluator::facts(const store::Assignment& a) {
  domain::AssignmentFacts f;
  f.kind = domain::deadline_kind_from(a.deadline_kind).value_or(domain::DeadlineKind::unspecified);
  f.original_due = date_of(a.original_due);
  if (historic_) {
    if (const Deadline* d = deadline(a.task_id)) {  // the task's deadline words as they were (issue 12)
      f.kind = domain::deadline_kind_from(d->kind).value_or(domain::DeadlineKind::unspecified);
      f.original_due = date_of(d->due);
    }
    const Known& k = known(a.id);
    f.effective_due = k.effective_due;
    f.confirmed_done_on = k.confirmed_done_on;
    f.triggered_on = k.triggered_on;
    f.decision = k.decision;
    f.decision_on = k.decision_on;
    f.last_update_period = k.last_update_period;
    f.progress_percent = k.progress_percent;
    return f;
  }
  f.effective_due = date_of(a.effective_due);
  f.confirmed_done_on = date_of(a.confirmed_done_on);
  f.triggered_on = date_of(a.triggered_on);
  f.decision = domain::decision_from(a.decision).value_or(domain::Decision::active);
  f.decision_on = date_of(a.decision_on);
  if (a.last_update_period) f.last_update_period = domain::parse_period(*a.last_update_period);
  f.progress_percent = a.progress_percent;
  return f;
}

const std::unordered_map<store::Id, Evaluator::Received>& Evaluator::received() {
  if (!received_) {
    received_.emplace();
    store::each_received_assignment(c_, [&](const store::RowView& r) {
      const auto held = domain::parse_iso_date(std::string(r.view(1)));
      if (!held) return;
      Received x{*held, std::string(r.view(2)), static_cast<int>(r.i64(3))};
      if (!r.null(4)) x.last_update_period = domain::parse_period(std::string(r.view(4)));
      if (!r.null(5)) x.last_update_at = domain::parse_iso_instant(std::string(r.view(5)));
      received_->emplace(r.i64(0), std::move(x));
    });
  }
  return *received_;
}

domain::ActiveSpan Evaluator::span(const store::Assignment& a) {
  const domain::Date never = domain::make_date(9999, 12, 31);
  std::optional<domain::Date> held_from;  // R16: received work counts for its new unit from the closing day
  if (auto r = received().find(a.id); r != received().end()) {
    if (historic_ && r->second.recorded_at >= *before_) return domain::ActiveSpan{never, never};  // not yet known
    held_from = r->second.held_from;
  }
  if (!historic_)
    return domain::held_span(a.unit ? active_span(a.unit->active_from, a.unit->active_to) : domain::ActiveSpan{},
                             held_from);
  load_units();
  auto it = known_spans_->find(a.unit_id);
  if (it != known_spans_->end()) return domain::held_span(it->second, held_from);
  return domain::ActiveSpan{never, never};  // the unit did not exist yet
}

void Evaluator::patch(store::Assignment& a) {
  if (!historic_) return;
  known(a.id);                                                // loads the facts first
  if (!declared_for_ || *declared_for_ != history_scope()) {  // shown only: read when a row is shown
    declared_for_ = history_scope();
    for (auto& [id, k] : known_) k.declared_done_on.reset();
    store::each_declared_before(c_, *before_, *declared_for_, [&](const store::RowView& r) {
      known_[r.i64(0)].declared_done_on = domain::parse_iso_date(std::string(r.view(1)));
    });
  }
  const Known& k = known(a.id);
  const auto text = [](const std::optional<domain::Date>& d) {
    return d ? std::optional<std::string>(domain::iso(*d)) : std::nullopt;
  };
  a.effective_due = text(k.effective_due);
  a.triggered_on = text(k.triggered_on);
  a.decision = std::string(domain::to_string(k.decision));
  a.decision_on = text(k.decision_on);
  a.confirmed_done_on = text(k.confirmed_done_on);
  a.confirmed_by = k.confirmed_by;
  a.progress_percent = k.progress_percent;
  a.last_update_at = k.last_update_at ? std::optional<std::string>(domain::iso(*k.last_update_at)) : std::nullopt;
  a.declared_done_on = text(k.declared_done_on);
  a.last_update_period = k.last_update_period ? std::optional<std::string>(k.last_update_period->key()) : std::nullopt;
  if (const Deadline* d = deadline(a.task_id)) {
    a.deadline_kind = d->kind;
    a.original_due = d->due;
  }
  if (a.unit && peer_group(a.unit_id, a.unit->peer_group) != a.unit->peer_group) {  // R12 as it was
    auto& h = headers_[a.unit_id];
    if (!h) {
      auto copy = *a.unit;
      copy.peer_group = peer_group(a.unit_id, a.unit->peer_group);
      h = std::make_shared<const store::UnitHeader>(std::move(copy));
    }
    a.unit = h;
  }
}

void Evaluator::patch(store::Task& t) {
  if (!historic_) return;
  if (const Deadline* d = deadline(t.id)) {
    t.deadline_text = d->text;
    t.deadline_kind = d->kind;
    t.deadline_due = d->due;
  }
}

void Evaluator::patch(store::Indicator& ind) {
  if (!historic_) return;
  if (!targets_) {
    targets_.emplace();
    for (auto& t : store::indicator_targets_before(c_, *before_))
      targets_->emplace(std::pair{t.indicator_id, std::move(t.level)},
                        std::tuple{std::move(t.target_text), std::move(t.comparator), t.target_value});
  }
  if (auto it = targets_->find({ind.id, ""}); it != targets_->end()) {
    std::tie(ind.target_text, ind.comparator, ind.target_value) = it->second;
  }
  for (auto& lt : ind.level_targets) {
    if (auto it = targets_->find({ind.id, lt.level}); it != targets_->end()) {
      lt.target_text = std::get<0>(it->second);
      lt.target_value = std::get<2>(it->second);
    }
  }
}

const std::string& Evaluator::peer_group(store::Id unit_id, const std::string& now) {
  if (!historic_) return now;
  load_units();
  auto it = known_groups_->find(unit_id);
  return it == known_groups_->end() ? now : it->second;
}

std::optional<std::string> Evaluator::report_state(store::Id report_id, const std::string& now) {
  if (!historic_) return now;
  // One query for the reports of the unit evaluated (or of all), as known at the end of as_of.
  const store::HistoryScope scope = history_scope();
  auto it = report_states_.find(scope);
  if (it == report_states_.end())
    it = report_states_.emplace(scope, store::report_states_before(c_, *before_, scope)).first;
  auto s = it->second.find(report_id);
  if (s == it->second.end()) return std::nullopt;
  return s->second;
}

bool Evaluator::active(store::Id unit_id) {
  load_units();
  auto it = units_->find(unit_id);
  return it != units_->end() && it->second.first;
}

const std::vector<std::pair<store::Id, std::string>>& Evaluator::expected_units(const store::Indicator& ind) {
  auto it = expected_.find(ind.id);
  if (it != expected_.end()) return it->second;
  load_units();
  std::set<store::Id> ids;
  if (ind.monitoring_unit_id) ids.insert(*ind.monitoring_unit_id);
  if (ind.reporting_group_id && historic_) {  // the members as they were (issue 12)
    if (!members_) members_ = store::group_members_known_before(c_, *before_);
    if (auto g = members_->find(*ind.reporting_group_id); g != members_->end())
      ids.insert(g->second.begin(), g->second.end());
  } else if (ind.reporting_group_id) {
    if (auto g = store::find_unit_group(c_, *ind.reporting_group_id))
      ids.insert(g->member_ids.begin(), g->member_ids.end());
  }
  std::vector<std::pair<store::Id, std::string>> out;
  for (const store::Id id : ids) {
    auto u = units_->find(id);
    if (u != units_->end() && u->second.first) out.emplace_back(id, u->second.second);
  }
  return expected_.emplace(ind.id, std::move(out)).first->second;
}

bool Evaluator::existed(const store::Assignment& a) const {
  if (!historic_) return !a.removed_at;  // today: a removed row is gone
  return a.created_at < *before_ && (!a.removed_at || *a.removed_at >= *before_);
}

EvaluatedAssignment Evaluator::evaluate(const store::Assignment& a) {
  const PlanCalendar& cal = calendar(a.directive_id);
  domain::AssignmentFacts f = facts(a);
  f.carried_in_judged_report = carried(a.directive_id).contains(a.id);
  const domain::Period p = judged(a.directive_id);
  const auto unit_span = a.unit ? span(a) : domain::ActiveSpan{};
  const auto due = judged_due(a.directive_id);
  f.owes_judged_report = due && unit_span.contains(*due);
  const bool counted = existed(a) && unit_span.contains(as_of_);
  return EvaluatedAssignment{&a, domain::evaluate(f, as_of_, p, cal.rule.due_soon_days), p, counted};
}

std::vector<EvaluatedAssignment> Evaluator::assignments(store::AssignmentFilter f) {
  f.known_before = before_;  // the assignments of the plan as it was (issue 12)
  auto& rows = owned_.emplace_back(store::list_assignments(c_, f));
  if (historic_) {  // R16: work received by a succession recorded after as_of did not exist yet
    std::erase_if(rows, [&](const store::Assignment& a) {
      auto r = received().find(a.id);
      return r != received().end() && r->second.recorded_at >= *before_;
    });
  }
  for (auto& a : rows) patch(a);
  std::vector<EvaluatedAssignment> out;
  out.reserve(rows.size());
  for (const auto& a : rows) out.push_back(evaluate(a));
  return out;
}

void count(Rollup& r, const domain::AssignmentEvaluation& e) {
  using S = domain::AssignmentStatus;
  ++r.total;
  ++r.by_status[static_cast<size_t>(e.status)];
  if (e.counts_in_ratios) {
    ++r.counted;
    if (e.status != S::no_deadline) ++r.with_deadline;
    if (e.status == S::done_on_time || e.status == S::done_late || e.status == S::overdue) ++r.due_by_date;
  }
  if (e.status == S::done_on_time) ++r.done_on_time;
  if (e.status == S::done_late) ++r.done_late;
  if (e.status == S::overdue) ++r.overdue;
  if (e.status == S::due_soon) ++r.due_soon;
  if (e.update_owed) {  // R5
    ++r.open;
    if (e.updated_in_period) ++r.open_updated;
  }
}

Rollup roll_up(const std::vector<EvaluatedAssignment>& items) {
  Rollup r;
  for (const auto& it : items) {
    if (it.counted) count(r, it.e);  // R1
  }
  return r;
}

std::string_view task_status(const Rollup& r) {
  const int done = r.done_on_time + r.done_late;
  return r.total == 0      ? "not_assigned"
         : r.overdue > 0   ? "overdue"
         : done == r.total ? "done"
         : r.due_soon > 0  ? "due_soon"
                           : "in_progress";
}

std::vector<Obligation> report_obligations(store::Connection& c, Evaluator& ev, store::Id directive_id,
                                           domain::Period period, domain::Instant now,
                                           const std::vector<store::Assignment>& assignments,
                                           const std::optional<std::string>& scope_path,
                                           const std::vector<store::ReportStatus>* known) {
  const PlanCalendar& cal = ev.calendar(directive_id);
  const domain::Window window = domain::data_window(cal.rule, period);
  // R2: nothing is owed for a period before the plan's first reporting period, nor by a plan without issue date.
  if (!cal.reported(period)) return {};
  const Date due = domain::report_due_date(cal.rule, cal.holidays, period);
  // Judge as it stood at the last second of as_of: history reads the same later as it did that day, and a
  // report due on as_of is still pending then (asked on the due day or a year later alike).
  const domain::Instant at = std::min(now, domain::end_of_vietnam_day(ev.as_of()) - std::chrono::seconds(1));

  std::map<store::Id, Obligation> by_unit;
  for (const auto& a : assignments) {
    if (a.directive_id != directive_id || !ev.existed(a)) continue;
    // R2: active on the due date (assignments are the lead units'; coordinating units have none).
    if (!domain::owes_report(ev.span(a), due, true)) continue;
    const domain::AssignmentFacts f = ev.facts(a);                             // as known at the end of as_of
    if (f.confirmed_done_on && *f.confirmed_done_on < window.first) continue;  // finished before the period began
    if (f.decision != domain::Decision::active && (!f.decision_on || *f.decision_on <= window.first)) continue;
    auto& o = by_unit[a.unit_id];
    o.unit_id = a.unit_id;
    o.unit_name = a.unit->name;
    o.peer_group = ev.peer_group(a.unit_id, a.unit->peer_group);
    o.unit_path = a.unit->path;
  }
  for (const auto& r : known ? *known : store::report_statuses(c, directive_id, period.key(), scope_path)) {
    auto it = by_unit.find(r.unit_id);
    if (it == by_unit.end()) continue;
    auto state = ev.report_state(r.report_id, r.state);  // as it stood at the end of as_of
    if (!state) continue;                                // created since
    it->second.report = r;
    it->second.report->state = std::move(*state);
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

}  // namespace tiendo::service

namespace tiendo::service {

IndicatorEvaluation judge_indicator(const PlanCalendar& cal, domain::Date as_of, const store::Indicator& ind,
                                    const std::vector<std::pair<domain::UnitValue, std::string>>& values,
                                    int expected) {
  IndicatorEvaluation out;
  out.period = domain::judged_period(cal.rule, cal.holidays, as_of);
  const int per_year = domain::periods_per_year(out.period.type);
  out.elapsed = static_cast<double>(out.period.number) / per_year;

  std::vector<domain::UnitValue> all, city, commune;
  for (const auto& [uv, peer_group] : values) {
    all.push_back(uv);
    (peer_group == "commune" ? commune : city).push_back(uv);
  }
  const auto how = domain::aggregation_from(ind.aggregation).value_or(domain::Aggregation::sum);
  const auto comparator = domain::comparator_from(ind.comparator).value_or(domain::Comparator::at_least);
  const domain::TrajectoryRule trajectory{ind.baseline, cal.row.at_risk_tolerance};
  out.aggregate = domain::aggregate(how, all, out.period.number);
  out.aggregate.units_expected = expected;
  out.target = {comparator, ind.target_value, ind.unit_of_measure};
  out.cumulative = how == domain::Aggregation::cumulative;
  out.status = domain::indicator_status({comparator, ind.target_value, ind.unit_of_measure}, trajectory,
                                        out.aggregate.value, out.elapsed);
  for (const auto& lt : ind.level_targets) {
    LevelEvaluation le;
    le.level = lt.level;
    le.target = lt.target_value;
    le.against = {comparator, lt.target_value, ind.unit_of_measure};
    le.aggregate = domain::aggregate(how, lt.level == "commune" ? commune : city, out.period.number);
    le.status = domain::indicator_status({comparator, lt.target_value, ind.unit_of_measure}, trajectory,
                                         le.aggregate.value, out.elapsed);
    out.levels.push_back(std::move(le));
  }
  return out;
}

IndicatorEvaluation evaluate_indicator(store::Connection& c, Evaluator& ev, const store::Indicator& ind,
                                       const std::optional<std::string>& scope_path) {
  const PlanCalendar& cal = ev.calendar(ind.directive_id);
  const int year = domain::judged_period(cal.rule, cal.holidays, ev.as_of()).year;
  std::vector<std::pair<domain::UnitValue, std::string>> values;
  for (const auto& sv : store::indicator_values_in_scope(c, ind.id, year, scope_path, ev.known_before())) {
    if (!ev.active(sv.value.unit_id)) continue;  // R1: a unit's values leave every indicator outside its active days
    if (auto uv = unit_value(sv.value, year)) values.emplace_back(*uv, ev.peer_group(sv.value.unit_id, sv.peer_group));
  }
  int expected = 0;
  for (const auto& [id, path] : ev.expected_units(ind)) {
    if (!scope_path || path.starts_with(*scope_path)) ++expected;
  }
  if (!ev.historic()) return judge_indicator(cal, ev.as_of(), ind, values, expected);
  store::Indicator then = ind;  // its targets as they were (issue 12)
  ev.patch(then);
  return judge_indicator(cal, ev.as_of(), then, values, expected);
}

std::optional<domain::UnitValue> unit_value(const store::IndicatorValue& v, int year) {
  auto p = domain::parse_period(v.period);
  if (!p || p->year != year) return std::nullopt;
  return domain::UnitValue{v.unit_id, p->number, v.numerator, v.denominator, v.value, v.estimated_full_year};
}

}  // namespace tiendo::service
