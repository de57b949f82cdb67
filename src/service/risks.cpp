#include "service/risks.h"

#include <algorithm>
#include <map>
#include <tuple>
#include <unordered_map>
#include <unordered_set>

#include "service/units.h"
#include "store/forecast_store.h"
#include "store/plan_store.h"

namespace tiendo::service {

RiskFacts collect_risk_facts(store::Connection& c, Evaluator& ev, std::optional<store::Id> directive_id,
                             std::optional<store::Id> only_unit) {
  RiskFacts out;
  store::AssignmentFilter f;
  f.directive_id = directive_id;
  f.unit_id = only_unit;
  ev.only_unit(only_unit);
  const auto rows = ev.assignments(f);
  struct Line {
    std::string period;
    int progress = 0;
    store::Id line = 0;
  };
  std::unordered_map<store::Id, std::vector<Line>> history;  // latest period first
  store::each_reported_progress(
      c, ev.known_before(),
      [&](store::Id id, std::string_view period, int progress, store::Id line) {
        history[id].push_back({std::string(period), progress, line});
      },
      only_unit);
  // What the latest reports wrote: the latest for the grouping of obstacles, the latest months' for the same
  // difficulty repeated (at most the largest stalled_periods a plan may set, 12).
  std::unordered_map<store::Id, std::string> difficulties;  // by line
  {
    std::unordered_set<store::Id> wanted;
    for (const auto& [id, lines] : history)
      for (size_t i = 0; i < lines.size() && i < 12; ++i) wanted.insert(lines[i].line);
    store::each_difficulties(
        c, ev.known_before(),
        [&](store::Id line, std::string_view text) {
          if (wanted.contains(line)) difficulties.emplace(line, std::string(text));
        },
        only_unit);
  }
  const auto written = [&](store::Id line) {
    auto it = difficulties.find(line);
    return it == difficulties.end() ? std::string() : it->second;
  };
  // Rows are shared with the findings, which outlive the Evaluator (the resident model keeps them).
  std::unordered_map<const store::Assignment*, std::shared_ptr<const store::Assignment>> owned;
  const auto own = [&](const store::Assignment* a) {
    auto& p = owned[a];
    if (!p) p = std::make_shared<const store::Assignment>(*a);
    return p;
  };
  for (const auto& x : rows) {
    if (!x.counted || !x.e.open) continue;
    auto h = history.find(x.a->id);
    if (h == history.end()) continue;
    auto text = written(h->second.front().line);
    if (!text.empty()) out.obstacles.push_back({own(x.a), std::move(text)});
  }
  // The oldest flag beyond the unit's authority still unanswered at the end of as_of, per assignment.
  std::unordered_map<store::Id, domain::Date> escalated;
  store::each_unanswered_escalation(
      c, ev.known_before(),
      [&](store::Id id, std::string_view at) {
        const auto t = domain::parse_iso_instant(at);
        if (!t) return;
        const auto day = domain::vietnam_date(*t);
        auto [it, fresh] = escalated.emplace(id, day);
        if (!fresh && day < it->second) it->second = day;
      },
      only_unit);
  std::map<store::Id, std::optional<domain::Date>> issued;
  for (const auto& x : rows) {
    const auto& a = *x.a;
    // Open work with a deadline: all of it gives the plan's pace (as in bench/backtest.cpp).
    if (!x.counted || !x.e.open || !x.e.due || a.decision != "active") continue;
    const auto kind = domain::deadline_kind_from(a.deadline_kind).value_or(domain::DeadlineKind::unspecified);
    if (!domain::has_fixed_due(kind) && kind != domain::DeadlineKind::roadmap) continue;
    auto it = issued.find(a.directive_id);
    if (it == issued.end()) {
      const auto d = store::find_directive(c, a.directive_id);
      it = issued.emplace(a.directive_id, d && d->issued_on ? domain::parse_iso_date(*d->issued_on) : std::nullopt)
               .first;
    }
    domain::ForecastInput in;
    in.kind = kind;
    // Work counts from the plan's issue day, or from its own first day when it came later.
    const auto created = domain::parse_iso_instant(a.created_at);
    const auto first = created ? std::optional(domain::vietnam_date(*created)) : std::nullopt;
    in.start = it->second && (!first || *first < *it->second) ? *it->second : first.value_or(ev.as_of());
    in.due = x.e.due;
    in.as_of = ev.as_of();
    if (auto e = escalated.find(a.id); e != escalated.end()) in.escalated_on = e->second;
    const auto& rule = ev.calendar(a.directive_id).rule;
    if (auto h = history.find(a.id); h != history.end())
      for (auto line = h->second.rbegin(); line != h->second.rend(); ++line)  // oldest first
        if (auto per = domain::parse_period(line->period)) {
          const auto on = domain::data_window(rule, *per).last;
          if (on >= in.start && on <= in.as_of) in.points.push_back({on, line->progress, written(line->line)});
        }
    const auto rules = forecast_rules(ev, a.directive_id);
    const auto pace = domain::trend_pace(in.start, in.points, rules);
    out.work.push_back({own(x.a), std::move(in), rules, pace});
  }
  return out;
}

domain::ForecastRules forecast_rules(Evaluator& ev, store::Id plan) {
  const auto& row = ev.calendar(plan).row;
  domain::ForecastRules r;
  r.stalled_periods = row.stalled_periods;
  r.unanswered_days = row.unanswered_days;
  return r;
}

std::map<store::Id, std::optional<double>> plan_paces(const std::vector<const RiskWork*>& work) {
  std::map<store::Id, std::vector<double>> paces;
  for (const RiskWork* w : work) {
    auto& of_plan = paces[w->a->directive_id];
    if (w->pace) of_plan.push_back(*w->pace);
  }
  std::map<store::Id, std::optional<double>> out;
  for (auto& [plan, list] : paces) out.emplace(plan, domain::typical_pace(std::move(list)));
  return out;
}

std::optional<JudgedWork> judge_work(const RiskWork& w, std::optional<double> plan_pace, domain::Date as_of) {
  // Flagged before its deadline only: overdue work is on the warning list already (at risk, then overdue).
  if (*w.in.due < as_of) return std::nullopt;
  auto in = w.in;
  in.plan_pace = plan_pace;
  auto fc = domain::forecast(in, w.rules);
  if (!fc) return std::nullopt;
  return JudgedWork{&w, std::move(*fc)};
}

RiskFindings gather_risks(const std::vector<const JudgedWork*>& judged,
                          const std::vector<const RiskObstacle*>& obstacles, std::optional<store::Id> directive_id,
                          const std::optional<std::string>& scope, const domain::ForecastRules& said) {
  RiskFindings out;
  const auto in_view = [&](const store::Assignment& a) {
    return (!directive_id || a.directive_id == *directive_id) && (!scope || a.unit->path.starts_with(*scope));
  };
  std::vector<const RiskObstacle*> listed;
  for (const RiskObstacle* o : obstacles)
    if (in_view(*o->a)) listed.push_back(o);
  // In the assignment list's order (plan, task, unit), whichever way the facts were gathered: the grouping keeps
  // the first wording it meets.
  std::sort(listed.begin(), listed.end(), [](const RiskObstacle* x, const RiskObstacle* y) {
    return std::tie(x->a->directive_id, x->a->task_id, x->a->unit->path, x->a->id) <
           std::tie(y->a->directive_id, y->a->task_id, y->a->unit->path, y->a->id);
  });
  for (const RiskObstacle* o : listed) {
    out.obstacle_texts.push_back(o->text);
    out.obstacle_of.push_back(o->a->id);
  }
  out.stalled_periods = said.stalled_periods;
  out.unanswered_days = said.unanswered_days;
  for (const JudgedWork* j : judged) {
    if (!in_view(*j->w->a)) continue;
    ++out.forecast_count;
    if (j->f.at_risk) out.items.push_back({j->w->a, *j->w->in.due, j->f});
  }
  std::sort(out.items.begin(), out.items.end(),
            [](const Risk& x, const Risk& y) { return std::tie(x.due, x.a->id) < std::tie(y.due, y.a->id); });
  return out;
}

std::optional<std::string> risks_scope(store::Connection& c, const Actor& who, std::optional<store::Id> unit_id) {
  if (unit_id) return scoped_unit(c, who, *unit_id).path;
  return who.scope_path;
}

RiskFindings find_risks(store::Connection& c, Evaluator& ev, std::optional<store::Id> directive_id,
                        const std::optional<std::string>& scope) {
  // The whole plan, whoever asks: its typical pace, and so every forecast, is the same in every view.
  const auto facts = collect_risk_facts(c, ev, directive_id, std::nullopt);
  std::vector<const RiskWork*> work;
  for (const auto& w : facts.work) work.push_back(&w);
  const auto paces = plan_paces(work);
  std::vector<JudgedWork> judged;
  for (const RiskWork* w : work)
    if (!scope || w->a->unit->path.starts_with(*scope))
      if (auto j = judge_work(*w, paces.at(w->a->directive_id), ev.as_of())) judged.push_back(std::move(*j));
  std::vector<const JudgedWork*> judged_of;
  for (const auto& j : judged) judged_of.push_back(&j);
  std::vector<const RiskObstacle*> obstacles;
  for (const auto& o : facts.obstacles) obstacles.push_back(&o);
  // One plan asked: its own thresholds (as in force at the end of as_of, R15); all plans: each plan's own, and the
  // defaults are said.
  return gather_risks(judged_of, obstacles, directive_id, scope,
                      directive_id ? forecast_rules(ev, *directive_id) : domain::ForecastRules{});
}

RiskContext load_risk_context(store::Connection& c, Evaluator& ev) {
  RiskContext out;
  store::each_task_coordinator(
      c, [&](store::Id task, std::string_view name) { out.coordinators[task].emplace_back(std::string(name)); });
  std::map<store::Id, std::string> group_name;
  for (const auto& g : store::list_unit_groups(c, std::nullopt, store::Page{100000, 0}, nullptr))
    group_name[g.id] = g.name;
  for (const auto& [group, members] : store::group_members_known_before(c, ev.known_before().value_or("9999")))
    for (auto unit : members) out.groups_of[unit].push_back(group_name[group]);
  return out;
}

domain::IndicatorSeries indicator_series(domain::Aggregation how, const std::vector<domain::UnitValue>& values,
                                         int through, int per_year) {
  domain::IndicatorSeries s;
  s.cumulative = how == domain::Aggregation::cumulative;
  s.per_year = per_year;
  s.months.resize(static_cast<size_t>(std::max(0, through)));
  for (int k = 1; k <= through; ++k) {
    auto& slot = s.months[static_cast<size_t>(k - 1)];
    if (!s.cumulative) {
      slot = domain::aggregate(how, values, k).value;
      continue;
    }
    // What the units added in period k: the year's value is their sum.
    for (const auto& v : values)
      if (v.period_index == k && v.value) slot = slot.value_or(0) + *v.value;
  }
  return s;
}

std::vector<IndicatorOutlook> indicator_outlooks(store::Connection& c, Evaluator& ev,
                                                 std::optional<store::Id> directive_id,
                                                 const std::optional<std::string>& scope) {
  store::IndicatorFilter f;
  f.directive_id = directive_id;
  f.known_before = ev.known_before();  // the plan as it was (issue 12)
  std::vector<IndicatorOutlook> out;
  std::unordered_map<store::Id, std::string> names;
  for (auto& ind : store::list_indicators(c, f, store::Page{100000, 0}, nullptr)) {
    ev.patch(ind);
    const auto& cal = ev.calendar(ind.directive_id);
    IndicatorOutlook o;
    o.period = domain::judged_period(cal.rule, cal.holidays, ev.as_of());
    const int per_year = domain::periods_per_year(o.period.type);
    const auto how = domain::aggregation_from(ind.aggregation).value_or(domain::Aggregation::sum);
    std::vector<domain::UnitValue> values;
    // Values submitted by the end of as_of only (R14, R15), of units active then (R1).
    for (const auto& sv : store::indicator_values_in_scope(c, ind.id, o.period.year, scope, ev.known_before())) {
      if (!ev.active(sv.value.unit_id)) continue;
      if (auto uv = unit_value(sv.value, o.period.year)) values.push_back(*uv);
    }
    o.series = indicator_series(how, values, o.period.number, per_year);
    o.series.share = !domain::is_count(ind.unit_of_measure);
    o.forecast = domain::forecast_indicator(o.series);
    // What the screen shows: the straight line, since the forecast did not beat it in the backtest (issue 17:
    // a forecast is shown only once it beats the naive rule; bench/RESULTS.md). Nothing once the year is complete.
    if (static_cast<int>(o.series.months.size()) < o.series.per_year)
      o.projection = domain::linear_projection(o.series, ind.baseline, o.series.per_year);
    int expected = 0;
    for (const auto& [id, path] : ev.expected_units(ind))
      if (!scope || path.starts_with(*scope)) ++expected;
    const domain::Target target{domain::comparator_from(ind.comparator).value_or(domain::Comparator::at_least),
                                ind.target_value, ind.unit_of_measure};
    const auto parts = domain::shortfall_units(how, target, values, o.period.number,
                                               static_cast<double>(o.period.number) / per_year, expected);
    o.pulling_down_count = static_cast<int>(parts.size());
    for (size_t i = 0; i < parts.size() && i < kPullingDownShown; ++i) {
      auto name = names.find(parts[i].unit_id);
      if (name == names.end()) {
        const auto u = store::find_unit(c, parts[i].unit_id);
        name = names.emplace(parts[i].unit_id, u ? u->name : std::string()).first;
      }
      o.pulling_down.push_back({parts[i].unit_id, name->second, parts[i]});
    }
    o.indicator = std::move(ind);
    out.push_back(std::move(o));
  }
  return out;
}

}  // namespace tiendo::service
