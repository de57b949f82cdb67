#include "service/dashboard_model.h"

#include <algorithm>

#include "service/computed_indicators.h"
#include "store/change_feed.h"
#include "store/plan_store.h"
#include "store/report_store.h"

namespace tiendo::service {

namespace {

using S = domain::AssignmentStatus;

void add(Rollup& to, const Rollup& r) {
  for (size_t i = 0; i < r.by_status.size(); ++i) to.by_status[i] += r.by_status[i];
  to.total += r.total;
  to.counted += r.counted;
  to.with_deadline += r.with_deadline;
  to.due_by_date += r.due_by_date;
  to.done_on_time += r.done_on_time;
  to.done_late += r.done_late;
  to.overdue += r.overdue;
  to.due_soon += r.due_soon;
  to.open += r.open;
  to.open_updated += r.open_updated;
}

UnitShare& share_of(std::map<store::Id, UnitShare>& shares, store::Id unit_id, const std::string& path,
                    size_t trend_points) {
  auto& s = shares[unit_id];
  if (s.unit_id == 0) {
    s.unit_id = unit_id;
    s.path = path;
    s.trend.resize(trend_points);
  }
  return s;
}

// In place (store::InPlace: a request answered on a network thread), a reader never waits for the model: not for
// a rebuild that holds it, not for changes someone else applies. It gives way and the request runs on a worker.
std::unique_lock<std::mutex> lock_in_turn(std::mutex& m) {
  if (!store::InPlace::on()) return std::unique_lock(m);
  std::unique_lock held(m, std::try_to_lock);
  if (!held.owns_lock()) throw store::WouldWait{};
  return held;
}

}  // namespace

int warning_reason(const domain::AssignmentEvaluation& e) {
  if (e.status == S::overdue) return 0;
  if (e.missed_update()) return 1;  // R5; recurring work is always open, so this covers it too
  if (e.status == S::due_soon) return 2;
  return 3;
}

// The full order, ties broken by plan, task and unit, so every database and every split gives one list.
bool warned_before(const WarningOrder& a, const WarningOrder& b) {
  if (a.reason != b.reason) return a.reason < b.reason;
  if (a.e->overdue_days != b.e->overdue_days) return a.e->overdue_days > b.e->overdue_days;
  if (a.reason == 2 && a.e->due && b.e->due && *a.e->due != *b.e->due) return *a.e->due < *b.e->due;
  if (a.plan_index != b.plan_index) return a.plan_index < b.plan_index;
  if (a.task_id != b.task_id) return a.task_id < b.task_id;
  return *a.unit_path < *b.unit_path;
}

bool warned_before(const WarningCandidate& a, const WarningCandidate& b) {
  return warned_before(WarningOrder{a.reason, &a.e, a.plan_index, a.a->task_id, &a.a->unit->path},
                       WarningOrder{b.reason, &b.e, b.plan_index, b.a->task_id, &b.a->unit->path});
}

void compute_from_feedback_and_st(store::Connection& c, Evaluator& ev, FigureFrame& f) {
  f.computed.clear();
  for (const auto& [plan, inds] : f.indicators)
    for (const auto& ind : inds)
      if (const auto source = computed_source(ind)) f.computed.emplace(ind.id, ev.computed(*source));
  // R11: read only when the ranking weighs feedback (the first plan's weights rank): items received from the start
  // of the judged period's year to as_of, by their lead unit of as_of.
  f.feedback.clear();
  if (!f.plans.empty() && f.calendars.at(f.plans.front().id).weights.feedback > 0) {
    const int year = f.judged.at(f.plans.front().id).year;
    const domain::Date last = std::min(f.as_of, domain::make_date(year, 12, 31));
    f.feedback = feedback_on_time_by_lead(c, domain::make_date(year, 1, 1), last);
  }
}

FigureFrame load_frame(store::Connection& c, Evaluator& ev, std::vector<store::Directive> plans) {
  FigureFrame f;
  f.as_of = ev.as_of();
  f.plans = std::move(plans);
  for (const auto& d : f.plans) {
    f.calendars.emplace(d.id, ev.calendar(d.id));
    f.judged.emplace(d.id, ev.judged(d.id));
    // The indicators and their targets as they were (issue 12).
    f.indicators[d.id] = store::list_indicators(
        c, store::IndicatorFilter{.directive_id = d.id, .known_before = ev.known_before()}, {1000, 0}, nullptr);
    for (auto& ind : f.indicators[d.id]) ev.patch(ind);
  }
  compute_from_feedback_and_st(c, ev, f);
  // Month over month: the same figures as they stood at each of the last six due dates of the first plan.
  if (!f.plans.empty()) {
    const auto& cal = f.calendars.at(f.plans.front().id);
    domain::Period p = domain::judged_period(cal.rule, cal.holidays, f.as_of);
    for (int i = 0; i < 6 && p.year == domain::year_of(f.as_of); ++i, p = domain::previous(p)) {
      f.trend_periods.insert(f.trend_periods.begin(), p);
      // R3: the first day period p is judged is the day after its due day.
      f.trend_dates.insert(
          f.trend_dates.begin(),
          std::min(domain::report_due_date(cal.rule, cal.holidays, p) + std::chrono::days{1}, f.as_of));
    }
  }
  return f;
}

std::optional<std::string> trend_kept_from(const FigureFrame& frame, domain::Instant now) {
  if (frame.trend_dates.empty()) return std::nullopt;
  return known_before(frame.trend_dates.front(), now);
}

std::map<store::Id, UnitShare> compute_shares(store::Connection& c, Evaluator& ev, domain::Instant now,
                                              const FigureFrame& frame, std::vector<store::Assignment> raw,
                                              const std::optional<std::string>& scope_path,
                                              std::optional<store::Id> only_unit, const SettledTrend* settled,
                                              bool keep_listed) {
  const size_t points = frame.trend_dates.size();
  // The points known from before are not evaluated again: their evaluators never read the history.
  const size_t reused = settled && only_unit ? std::min(settled->points, settled->trend.size()) : 0;
  std::map<store::Id, UnitShare> shares;
  std::map<store::Id, size_t> plan_index;
  for (size_t i = 0; i < frame.plans.size(); ++i) plan_index[frame.plans[i].id] = i;

  std::map<store::Id, std::vector<store::Assignment>> by_plan;
  ev.only_unit(only_unit);
  ev.within(scope_path);
  for (auto& a : raw) {
    ev.patch(a);  // a past date's rows show what was known then (issue 12)
    by_plan[a.directive_id].push_back(std::move(a));
  }

  ev.know(frame.calendars);
  ev.only_unit(only_unit);
  ev.within(scope_path);  // a past date reads the history of the subtree only
  std::vector<Evaluator> past;
  past.reserve(points);
  for (const auto& d : frame.trend_dates) {
    past.emplace_back(c, d, now).know(frame.calendars);
    past.back().only_unit(only_unit);
    past.back().within(scope_path);
  }

  for (const auto& [plan, rows] : by_plan) {
    for (const auto& a : rows) {
      UnitShare& s = share_of(shares, a.unit_id, a.unit->path, points);
      for (size_t i = reused; i < points; ++i) {
        const EvaluatedAssignment then = past[i].evaluate(a);
        if (then.counted) count(s.trend[i], then.e);
      }
      const EvaluatedAssignment x = ev.evaluate(a);
      if (keep_listed && !a.removed_at)  // a row removed today is kept for the trend only
        s.listed.push_back(ListedAssignment{std::make_shared<const store::Assignment>(a), x.e, x.judged, x.counted});
      if (!x.counted) continue;  // R1: outside its active days a unit has no work counted, no warning, no rank
      const auto& e = x.e;
      s.has_work = true;
      s.score.input.unit_id = a.unit_id;
      s.score.name = a.unit->name;
      s.score.peer_group = a.unit->peer_group;
      count(s.rollup, e);
      if (e.update_owed) {
        ++s.score.input.updates.denominator;
        if (e.updated_in_period) ++s.score.input.updates.numerator;
      }
      const bool done = e.status == S::done_on_time || e.status == S::done_late;
      if (e.counts_in_ratios && (done || e.status == S::overdue)) {
        ++s.score.input.completion.denominator;
        if (e.status == S::done_on_time) ++s.score.input.completion.numerator;
      }
      if (const int reason = warning_reason(e); reason < 3) {
        ++s.warning_total;
        s.warnings.push_back(
            WarningCandidate{std::make_shared<const store::Assignment>(a), e, x.judged, reason, plan_index[plan]});
      }
    }
    // Reports received for the judged period, and every period of the year for the ranking's timeliness.
    const auto judged = frame.judged.at(plan);
    // One unit's reports of the year in one query, not one per period.
    std::map<std::string, store::ReportStatus> of_unit;
    if (only_unit) of_unit = store::report_statuses_of_unit(c, plan, *only_unit);
    for (domain::Period p{judged.type, judged.year, 1}; p <= judged; p = domain::next(p)) {
      std::vector<store::ReportStatus> known;
      if (auto it = of_unit.find(p.key()); it != of_unit.end()) known.push_back(it->second);
      for (const auto& o : report_obligations(c, ev, plan, p, now, rows, scope_path, only_unit ? &known : nullptr)) {
        auto& s = share_of(shares, o.unit_id, o.unit_path, points);
        if (p == judged) s.reports[plan] = ObligationShare{o.timeliness, o.report ? o.report->state : "not_created"};
        if (o.timeliness == domain::Timeliness::pending) continue;
        ++s.score.input.timeliness.denominator;
        if (o.timeliness == domain::Timeliness::on_time) ++s.score.input.timeliness.numerator;
      }
    }
  }
  for (auto& [id, s] : shares) {
    const size_t keep = std::min(s.warnings.size(), kWarningsShown);
    std::partial_sort(s.warnings.begin(), s.warnings.begin() + static_cast<std::ptrdiff_t>(keep), s.warnings.end(),
                      [](const WarningCandidate& a, const WarningCandidate& b) { return warned_before(a, b); });
    s.warnings.resize(keep);
  }

  // Indicator values: summed per indicator (R9, R10), and each unit's figure for the judged period against
  // the target for its rank (R11). A unit outside its active days has no values (R1).
  std::map<store::Id, std::pair<store::Id, const store::Indicator*>> indicator_plan;
  std::set<int> years;
  for (const auto& [plan, inds] : frame.indicators) {
    for (const auto& ind : inds) {
      if (frame.computed.contains(ind.id)) continue;  // R19: computed city-wide, no unit reports or ranks by it
      indicator_plan[ind.id] = {plan, &ind};
      // R9: the active units assigned the indicator, in scope, are expected to report it.
      for (const auto& [unit_id, path] : ev.expected_units(ind)) {
        if (scope_path && !path.starts_with(*scope_path)) continue;
        if (only_unit && unit_id != *only_unit) continue;
        share_of(shares, unit_id, path, points).expected_indicators.insert(ind.id);
      }
    }
    years.insert(frame.judged.at(plan).year);
  }
  for (const int year : years) {
    std::map<std::pair<store::Id, store::Id>, std::vector<domain::UnitValue>> own;  // (unit, indicator)
    const auto values = store::indicator_values_of_year(c, year, scope_path, only_unit, ev.known_before());
    for (const auto& pv : values) {
      const auto& v = pv.value;
      auto it = indicator_plan.find(v.indicator_id);
      if (it == indicator_plan.end()) continue;
      const auto judged = frame.judged.at(it->second.first);
      if (judged.year != year) continue;
      if (!ev.active(v.unit_id)) continue;
      UnitShare& s = share_of(shares, v.unit_id, pv.path, points);
      if (auto uv = unit_value(v, year)) {
        s.values[v.indicator_id].emplace_back(*uv, ev.peer_group(v.unit_id, pv.peer_group));
        own[{v.unit_id, v.indicator_id}].push_back(*uv);
      }
    }
    for (const auto& [key, vs] : own) {
      const auto& [plan, ind] = indicator_plan.at(key.second);
      auto& s = shares.at(key.first);
      if (!s.has_work) continue;
      // The unit's own figure, exactly as the city's is made: this period's value, or the year so far.
      const auto how = domain::aggregation_from(ind->aggregation).value_or(domain::Aggregation::sum);
      const auto mine = domain::aggregate(how, vs, frame.judged.at(plan).number);
      if (!mine.value) continue;
      const auto comparator = domain::comparator_from(ind->comparator).value_or(domain::Comparator::at_least);
      s.score.achievement_sum +=
          domain::achievement({comparator, ind->target_value, ind->unit_of_measure}, *mine.value);
      ++s.score.input.indicator_values;
      s.score.indicators.push_back(ind->code);
    }
  }
  for (auto& [id, s] : shares) {
    auto& in = s.score.input;
    if (in.indicator_values > 0) in.indicator_achievement = s.score.achievement_sum / in.indicator_values;
  }
  if (reused) {
    if (auto it = shares.find(*only_unit); it != shares.end())
      std::copy_n(settled->trend.begin(), reused, it->second.trend.begin());
  }
  return shares;
}

RankingData ranking_of(const FigureFrame& frame, const std::vector<const UnitShare*>& shares) {
  RankingData data;
  if (!frame.plans.empty()) data.weights = frame.calendars.at(frame.plans.front().id).weights;
  for (const UnitShare* s : shares) {
    if (!s->has_work) continue;
    auto& u = data.units.emplace(s->unit_id, s->score).first->second;
    if (auto it = frame.feedback.find(s->unit_id); it != frame.feedback.end()) u.input.feedback = it->second;
  }
  return data;
}

DashboardFigures sum_shares(const FigureFrame& frame, const std::vector<const UnitShare*>& shares) {
  DashboardFigures f;
  f.as_of = frame.as_of;
  for (const auto& d : frame.plans) f.update_target = frame.calendars.at(d.id).rule.update_target;
  for (size_t i = 0; i < frame.trend_dates.size(); ++i)
    f.trend.push_back(TrendFigures{frame.trend_periods[i], frame.trend_dates[i], {}});
  // The first kWarningsShown in warning order, kept as a heap whose top is the last of them.
  std::vector<const WarningCandidate*> warnings;
  const auto in_order = [](const WarningCandidate* a, const WarningCandidate* b) { return warned_before(*a, *b); };
  std::map<store::Id, std::vector<std::pair<domain::UnitValue, std::string>>> values;
  std::map<store::Id, int> expected;
  for (const UnitShare* s : shares) {
    for (const store::Id ind : s->expected_indicators) ++expected[ind];
    add(f.rollup, s->rollup);
    if (s->has_work)
      f.units.push_back(UnitFigures{s->unit_id, s->score.name, s->score.peer_group, s->rollup, s->warning_total});
    for (size_t i = 0; i < f.trend.size(); ++i) add(f.trend[i].rollup, s->trend[i]);
    f.warning_total += s->warning_total;
    // Each unit's warnings come in warning order: once one is not among the first kWarningsShown so far, neither
    // is the rest of that unit's (the nation has ~4,000 units of up to 20 each; the page shows 20).
    for (const auto& w : s->warnings) {
      if (warnings.size() < kWarningsShown) {
        warnings.push_back(&w);
        std::push_heap(warnings.begin(), warnings.end(), in_order);
      } else if (warned_before(w, *warnings.front())) {
        std::pop_heap(warnings.begin(), warnings.end(), in_order);
        warnings.back() = &w;
        std::push_heap(warnings.begin(), warnings.end(), in_order);
      } else {
        break;
      }
    }
    for (const auto& [ind, vs] : s->values) values[ind].insert(values[ind].end(), vs.begin(), vs.end());
  }
  std::sort_heap(warnings.begin(), warnings.end(), in_order);
  for (const WarningCandidate* w : warnings) f.warnings.push_back(*w);

  std::map<store::Id, ReportFigures> reports;
  for (const auto& d : frame.plans) {
    const auto& cal = frame.calendars.at(d.id);
    const auto judged = frame.judged.at(d.id);
    reports[d.id] =
        ReportFigures{d.id, d.number, judged, domain::report_due_date(cal.rule, cal.holidays, judged), 0, {}, {}};
  }
  for (const UnitShare* s : shares) {
    for (const auto& [plan, o] : s->reports) {
      auto& r = reports.at(plan);
      ++r.expected;
      ++r.timeliness[std::string(domain::to_string(o.timeliness))];
      ++r.states[o.state];
    }
  }
  static const std::vector<std::pair<domain::UnitValue, std::string>> none;
  for (const auto& d : frame.plans) {
    f.reports.push_back(std::move(reports.at(d.id)));
    for (const auto& ind : frame.indicators.at(d.id)) {
      if (auto c = frame.computed.find(ind.id); c != frame.computed.end()) {
        f.indicators.emplace_back(ind, judge_computed(frame.calendars.at(d.id), frame.as_of, ind, c->second));
        continue;
      }
      auto it = values.find(ind.id);
      f.indicators.emplace_back(ind, judge_indicator(frame.calendars.at(d.id), frame.as_of, ind,
                                                     it == values.end() ? none : it->second, expected[ind.id]));
    }
  }
  f.ranking = ranking_of(frame, shares);
  return f;
}

RankingData ranking_data(store::Connection& c, Evaluator& ev, domain::Instant now,
                         const std::optional<std::string>& scope_path, const std::vector<store::Directive>& plans,
                         std::vector<store::Assignment> raw) {
  FigureFrame frame = load_frame(c, ev, plans);
  frame.trend_dates.clear();  // the ranking has no trend: six evaluations fewer per assignment
  frame.trend_periods.clear();
  const auto shares = compute_shares(c, ev, now, frame, std::move(raw), scope_path, std::nullopt);
  std::vector<const UnitShare*> all;
  for (const auto& [id, s] : shares) all.push_back(&s);
  return ranking_of(frame, all);
}

void DashboardModel::rebuild(store::Connection& c, domain::Instant now, domain::Date today) {
  const long long seq = store::current_seq(c);
  Evaluator ev(c, today, now);
  store::DirectiveFilter df;
  df.has_plan = true;
  auto frame =
      std::make_shared<FigureFrame>(load_frame(c, ev, store::list_directives(c, df, store::Page{1000, 0}, nullptr)));
  std::vector<store::Assignment> raw;
  for (const auto& d : frame->plans) {
    store::AssignmentFilter f;
    f.directive_id = d.id;
    f.kept_from = trend_kept_from(*frame, now);
    auto part = store::list_assignments(c, f);
    raw.insert(raw.end(), std::make_move_iterator(part.begin()), std::make_move_iterator(part.end()));
  }
  frame->plans_hold_all_work = !store::tasks_outside_plans(c);
  by_path_.clear();
  path_of_.clear();
  unit_seq_.clear();
  for (auto& [id, s] :
       compute_shares(c, ev, now, *frame, std::move(raw), std::nullopt, std::nullopt, nullptr, /*keep_listed=*/true)) {
    unit_seq_[id] = seq;
    path_of_[id] = s.path;
    std::string path = s.path;  // not s.path itself: the share is moved from before the key is made
    by_path_.emplace(std::move(path), std::make_shared<const UnitShare>(std::move(s)));
  }
  frame_ = std::move(frame);
  seq_ = seq;
  changed();
}

void DashboardModel::changed() { sums_.clear(); }

void DashboardModel::bring_up_to_date(store::Database& db, domain::Instant clock) {
  const domain::Date today = domain::vietnam_date(clock);
  // Shares are judged at the last second of today, not at the moment they are computed: a report
  // submitted after the clock was read but before the feed was is still counted, and every instance
  // judges alike. Within a day only the due-today reports could tell the two apart, and they are
  // pending either way until the day ends.
  const domain::Instant now = domain::end_of_vietnam_day(today) - std::chrono::seconds(1);
  std::unique_lock lock = lock_in_turn(mu_);
  if (db_ != &db || day_ != today) {
    // First use or a new day: everything again, while other readers wait.
    if (store::InPlace::on()) throw store::WouldWait{};
    db.read([&](store::Connection& c) { rebuild(c, now, today); });
    db_ = &db;
    day_ = today;
    return;
  }
  const long long known = seq_;
  lock.unlock();
  const long long seen = db.read([&](store::Connection& c) { return store::current_seq(c); });
  if (seen <= known) return;                           // nothing new
  if (store::InPlace::on()) throw store::WouldWait{};  // a worker applies them
  // One request applies the new changes while the others that found them wait for it, then find nothing new:
  // under a burst of saves, each changed unit's share is computed once, not once per reader that noticed it.
  // A reader owes its answer the changes it saw, not those that came after: once they are applied it goes on,
  // instead of waiting in line behind each later write.
  std::lock_guard applying(apply_mu_);
  lock.lock();
  if (seq_ >= seen) return;
  const long long base = seq_;
  const std::shared_ptr<const FigureFrame> frame = frame_;
  lock.unlock();

  // The changed units' shares are computed without the lock: readers of other scopes go on meanwhile.
  struct Computed {
    store::Id unit_id;
    std::string path;
    std::optional<UnitShare> share;
  };
  std::vector<Computed> computed;
  std::shared_ptr<const FigureFrame> refreshed;  // the frame with its computed figures again, when they may have moved
  const auto changes = db.read([&](store::Connection& c) {
    auto ch = store::changes_since(c, base);
    if (ch.structural || ch.last_seq == base) return ch;
    Evaluator ev(c, today, now);
    if (ch.computed) {
      auto f = std::make_shared<FigureFrame>(*frame);
      compute_from_feedback_and_st(c, ev, *f);
      refreshed = std::move(f);
    }
    // The trend dates before today: their figures are settled (R15), kept from the share installed now.
    const size_t settled_points = static_cast<size_t>(
        std::count_if(frame->trend_dates.begin(), frame->trend_dates.end(), [&](domain::Date d) { return d < today; }));
    for (const store::Id unit_id : ch.units) {
      auto unit = store::find_unit(c, unit_id);
      if (!unit) continue;
      SettledTrend settled{settled_points, {}};
      {
        std::lock_guard read_lock(mu_);
        if (auto it = by_path_.find(unit->path); it != by_path_.end() && it->second->unit_id == unit_id)
          settled.trend = it->second->trend;
      }
      std::vector<store::Assignment> raw;
      for (const auto& d : frame->plans) {
        store::AssignmentFilter f;
        f.directive_id = d.id;
        f.unit_id = unit_id;
        f.kept_from = trend_kept_from(*frame, now);
        auto part = store::list_assignments(c, f);
        raw.insert(raw.end(), std::make_move_iterator(part.begin()), std::make_move_iterator(part.end()));
      }
      auto shares = compute_shares(c, ev, now, *frame, std::move(raw), unit->path, unit_id, &settled, true);
      auto it = shares.find(unit_id);
      computed.push_back(
          {unit_id, unit->path, it == shares.end() ? std::nullopt : std::optional<UnitShare>(std::move(it->second))});
    }
    return ch;
  });
  if (changes.last_seq == base) return;

  lock.lock();
  if (frame_ != frame || day_ != today) return;  // rebuilt meanwhile: that rebuild saw these changes
  if (changes.structural) {
    if (seq_ < changes.last_seq) db.read([&](store::Connection& c) { rebuild(c, now, today); });
    return;
  }
  for (auto& x : computed) {
    // Another request may have installed a share computed from newer data: keep the newer one.
    auto& installed = unit_seq_[x.unit_id];
    if (installed > changes.last_seq) continue;
    installed = changes.last_seq;
    changed();
    by_path_.erase(x.path);
    path_of_.erase(x.unit_id);
    if (x.share) {
      path_of_[x.unit_id] = x.path;
      by_path_.emplace(x.path, std::make_shared<const UnitShare>(std::move(*x.share)));
    }
  }
  // Only the figures computed from feedback and S&T tasks (summed at answer time) changed: no share is recomputed.
  if (refreshed && seq_ <= changes.last_seq) {
    frame_ = std::move(refreshed);
    changed();
  }
  seq_ = std::max(seq_, changes.last_seq);
}

std::vector<std::shared_ptr<const UnitShare>> DashboardModel::in_scope(
    const std::optional<std::string>& scope_path) const {
  std::vector<std::shared_ptr<const UnitShare>> out;
  auto it = scope_path ? by_path_.lower_bound(*scope_path) : by_path_.begin();
  for (; it != by_path_.end() && (!scope_path || it->first.starts_with(*scope_path)); ++it) out.push_back(it->second);
  return out;
}

DashboardModel::Held DashboardModel::hold(const std::optional<std::string>& scope_path) const {
  std::lock_guard lock(mu_);
  return {frame_, in_scope(scope_path)};
}

std::vector<const UnitShare*> DashboardModel::Held::pointers() const {
  std::vector<const UnitShare*> out;
  out.reserve(shares.size());
  for (const auto& s : shares) out.push_back(s.get());
  return out;
}

DashboardModel::~DashboardModel() { follower_.stop(); }

void DashboardModel::follow(store::Database& db, domain::Instant now) {
  follower_.start(now, [this, &db](domain::Instant t) { bring_up_to_date(db, t); });
}

void DashboardModel::keep_current(store::Database& db, domain::Instant now) {
  follow(db, now);
  today_risks.keep_current(db, now);
}

struct DashboardModel::Kept {
  std::once_flag made;
  std::shared_ptr<const DashboardFigures> sum;
};

std::shared_ptr<const DashboardFigures> DashboardModel::figures(store::Database& db, domain::Instant now,
                                                                const std::optional<std::string>& scope_path) {
  bring_up_to_date(db, now);
  follow(db, now);
  std::shared_ptr<Kept> kept;
  {
    std::lock_guard lock(mu_);
    auto& slot = sums_[scope_path.value_or("")];
    if (!slot) slot = std::make_shared<Kept>();
    kept = slot;
  }
  // The shares are taken when the sum is made: a change since the slot was found only makes the sum newer, and
  // the change dropped the slot (changed()), so the next reader makes its own.
  std::call_once(kept->made, [&] {
    const auto held = hold(scope_path);
    kept->sum = std::make_shared<const DashboardFigures>(sum_shares(*held.frame, held.pointers()));
  });
  return kept->sum;
}

struct DashboardModel::Answer {
  std::weak_ptr<const DashboardFigures> of;
  std::once_flag made;
  std::shared_ptr<const std::string> text;
};

std::shared_ptr<const std::string> DashboardModel::answer(const std::shared_ptr<const DashboardFigures>& figures,
                                                          const std::string& key,
                                                          const std::function<std::string()>& make) {
  std::shared_ptr<Answer> a;
  {
    std::lock_guard lock(answers_mu_);
    auto& slot = answers_[key];
    // Figures that are gone or not these: the answer is made again (a freed figures' weak pointer never locks, so
    // new figures at the same address are never taken for the old).
    if (!slot || slot->of.lock() != figures) {
      // Answers of figures no longer held by anyone are dropped (the nation's is tens of kilobytes; a scope
      // read once a day would keep its answer to the end of the process).
      if (!slot) std::erase_if(answers_, [](const auto& kv) { return kv.second && kv.second->of.expired(); });
      slot = std::make_shared<Answer>();
      slot->of = figures;
    }
    a = slot;
  }
  std::call_once(a->made, [&] { a->text = std::make_shared<const std::string>(make()); });
  return a->text;
}

std::optional<DashboardModel::UnitWork> DashboardModel::unit_work(store::Database& db, domain::Instant now,
                                                                  store::Id unit_id) {
  bring_up_to_date(db, now);
  follow(db, now);
  const auto lock = lock_in_turn(mu_);
  if (!frame_ || !frame_->plans_hold_all_work) return std::nullopt;
  const auto path = path_of_.find(unit_id);
  if (path == path_of_.end()) return std::nullopt;
  const auto share = by_path_.find(path->second);
  if (share == by_path_.end() || share->second->unit_id != unit_id) return std::nullopt;
  return UnitWork{frame_, share->second};
}

RankingData DashboardModel::ranking(store::Database& db, domain::Instant now,
                                    const std::optional<std::string>& scope_path) {
  bring_up_to_date(db, now);
  follow(db, now);
  const auto held = hold(scope_path);
  return ranking_of(*held.frame, held.pointers());
}

}  // namespace tiendo::service
