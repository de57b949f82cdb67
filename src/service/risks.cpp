#include "service/risks.h"

#include <algorithm>
#include <map>
#include <tuple>
#include <unordered_map>

#include "store/forecast_store.h"
#include "store/plan_store.h"

namespace tiendo::service {

RiskFindings find_risks(store::Connection& c, Evaluator& ev, std::optional<store::Id> directive_id,
                        const std::optional<std::string>& scope) {
  RiskFindings out;
  store::AssignmentFilter f;
  f.directive_id = directive_id;
  // The whole plan, whoever asks: its typical pace, and so every forecast, is the same in every view.
  const auto rows = ev.assignments(f);
  std::unordered_map<store::Id, std::vector<std::pair<std::string, int>>> history;  // latest period first
  store::each_reported_progress(c, ev.known_before(), [&](store::Id id, std::string_view period, int progress) {
    history[id].emplace_back(std::string(period), progress);
  });
  std::unordered_map<store::Id, std::string> difficulties;  // of the latest report
  store::each_latest_difficulties(c, ev.known_before(),
                                  [&](store::Id id, std::string_view text) { difficulties[id] = std::string(text); });
  for (const auto& x : rows) {
    if (!x.counted || !x.e.open || (scope && !x.a->unit->path.starts_with(*scope))) continue;
    auto d = difficulties.find(x.a->id);
    if (d == difficulties.end()) continue;
    out.obstacle_texts.push_back(d->second);
    out.obstacle_of.push_back(x.a->id);
  }
  std::map<store::Id, std::optional<domain::Date>> issued;
  std::map<store::Id, std::vector<std::pair<const EvaluatedAssignment*, domain::ForecastInput>>> by_plan;
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
    const auto& rule = ev.calendar(a.directive_id).rule;
    if (auto h = history.find(a.id); h != history.end())
      for (auto line = h->second.rbegin(); line != h->second.rend(); ++line)  // oldest first
        if (auto per = domain::parse_period(line->first)) {
          const int progress = line->second;
          const auto on = domain::data_window(rule, *per).last;
          if (on >= in.start && on <= in.as_of) in.points.push_back({on, progress});
        }
    by_plan[a.directive_id].emplace_back(&x, std::move(in));
  }
  const domain::ForecastRules rules;
  out.stalled_periods = rules.stalled_periods;
  for (auto& [plan, list] : by_plan) {
    std::vector<double> paces;
    for (const auto& [x, in] : list)
      if (auto pace = domain::trend_pace(in.start, in.points, rules)) paces.push_back(*pace);
    const auto plan_pace = domain::typical_pace(paces);
    for (auto& [x, in] : list) {
      if (scope && !x->a->unit->path.starts_with(*scope)) continue;
      // Flagged before its deadline only: overdue work is on the warning list already (at risk, then overdue).
      if (*in.due < ev.as_of()) continue;
      in.plan_pace = plan_pace;
      auto fc = domain::forecast(in, rules);
      if (!fc) continue;
      ++out.forecast_count;
      if (fc->at_risk) out.items.push_back({x->a, *in.due, std::move(*fc)});
    }
  }
  std::sort(out.items.begin(), out.items.end(),
            [](const Risk& x, const Risk& y) { return std::tie(x.due, x.a->id) < std::tie(y.due, y.a->id); });
  return out;
}

}  // namespace tiendo::service
