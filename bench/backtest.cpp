// Issue 17: the early-warning backtest (bench/BACKTEST.md says how its history is generated; the data are
// synthetic). For each month-end M of the demo year, every open assignment with a dated deadline D, M < D <
// today, is judged from what was known at the end of M (service::Evaluator, issue 12) by the forecast
// (domain::forecast) and by today's naive rules, and compared with what happened by D.
//
//   build/tiendo demo --db /tmp/demo.db && build/bench_backtest --db /tmp/demo.db
#include <CLI/CLI.hpp>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <limits>
#include <map>

#include "domain/forecast.h"
#include "service/evaluation.h"
#include "service/risks.h"
#include "store/plan_store.h"

using namespace tiendo;
using domain::Date;

namespace {

struct Seen {  // one assignment at one month-end, as known then
  int progress = 0;
  std::optional<std::string> period;
  std::optional<Date> confirmed;
};

struct Case {    // one open assignment at one month-end, with what followed
  int lead = 0;  // days from the month-end to the deadline
  bool late = false;
  std::optional<Date> done;  // confirmed completion, as known today
  Date due, as_of, start;
  Date reported;  // the day the latest known progress stood (its report's data window end)
  int progress = 0;
  domain::AssignmentForecast f;
};

// One indicator at one month-end: its value `ahead` periods past the judged period, as forecast from the series
// known then and by the straight line, and as it turned out (known today).
struct IndicatorCase {
  bool share = false;
  double truth = 0, forecast = 0, low = 0, high = 0, line = 0;
};

struct Counts {
  int tp = 0, fp = 0, fn = 0, tn = 0;
  void add(bool flagged, bool late) { (flagged ? (late ? tp : fp) : (late ? fn : tn))++; }
  double precision() const { return tp + fp ? static_cast<double>(tp) / (tp + fp) : std::nan(""); }
  double recall() const { return tp + fn ? static_cast<double>(tp) / (tp + fn) : std::nan(""); }
};

// A score per case (higher: more likely late); the best recall with precision at least `p` over all thresholds.
double recall_at(const std::vector<std::pair<double, bool>>& scored, double p) {
  std::vector<double> ts;
  for (const auto& s : scored) ts.push_back(s.first);
  double best = 0;
  for (double t : ts) {
    Counts c;
    for (const auto& [score, late] : scored) c.add(score >= t, late);
    if (c.tp + c.fp > 0 && c.precision() >= p - 1e-12) best = std::max(best, c.recall());
  }
  return best;
}

// The linear trajectory: the share of the time from the start to the deadline gone by `at`.
double linear_share(const Case& k, Date at) {
  return 100.0 * static_cast<double>((at - k.start).count()) /
         std::max(1.0, static_cast<double>((k.due - k.start).count()));
}

}  // namespace

int main(int argc, char** argv) {
  CLI::App app{"Issue 17 early-warning backtest"};
  std::string db_url;
  int year = 2026, last_month = 10;
  app.add_option("--db", db_url)->required();
  app.add_option("--year", year)->capture_default_str();
  app.add_option("--last-month", last_month, "the last month-end forecast from")->capture_default_str();
  int ahead = 3;
  app.add_option("--ahead", ahead, "indicators: periods ahead of the judged period")->capture_default_str();
  CLI11_PARSE(app, argc, argv);

  const auto now = std::chrono::floor<std::chrono::seconds>(std::chrono::system_clock::now());
  const Date today = domain::vietnam_date(now);
  auto db = store::Database::open(db_url, 1);
  std::vector<Case> cases;
  std::vector<IndicatorCase> indicator_cases;
  int due_soon_days = 7;
  db->read([&](store::Connection& c) {
    // What happened: each assignment's deadline and confirmation as known today.
    service::Evaluator truth(c, today, now);
    std::map<store::Id, std::pair<domain::AssignmentEvaluation, const store::Assignment*>> final;
    for (const auto& e : truth.assignments({})) final[e.a->id] = {e.e, e.a};
    std::map<store::Id, Date> plan_start;
    std::map<store::Id, domain::ReportingRule> rules;
    for (const auto& d : store::list_directives(c, {}, {1000, 0}, nullptr)) {
      if (d.issued_on) plan_start[d.id] = *domain::parse_iso_date(*d.issued_on);
      if (d.has_plan) rules[d.id] = truth.calendar(d.id).rule;
    }
    if (!final.empty()) due_soon_days = truth.calendar(final.begin()->second.second->directive_id).rule.due_soon_days;

    // The history: every month-end from January of the year before, as known at its end.
    std::vector<Date> ends;
    std::vector<std::map<store::Id, Seen>> seen;
    for (int y = year - 1; y <= year; ++y)
      for (unsigned m = 1; m <= 12; ++m) {
        const Date end = domain::last_day_of_month(y, m);
        if (y == year && static_cast<int>(m) > last_month) break;
        service::Evaluator ev(c, end, now);
        std::map<store::Id, Seen> at;
        for (const auto& e : ev.assignments({}))
          at[e.a->id] = {
              e.a->progress_percent, e.a->last_update_period,
              e.e.status == domain::AssignmentStatus::done_on_time || e.e.status == domain::AssignmentStatus::done_late
                  ? std::optional<Date>(end)
                  : std::nullopt};
        ends.push_back(end);
        seen.push_back(std::move(at));
      }

    // Indicators: the series as known today is what happened; at each month-end of the year, the series known then
    // (service::indicator_outlooks, through the Evaluator: values submitted by the end of that day) forecast
    // `ahead` periods past its judged period, where the year's data reach (the demo has no complete year).
    std::map<store::Id, domain::IndicatorSeries> happened;
    std::map<store::Id, double> baseline;
    {
      service::Evaluator ev(c, today, now);
      for (auto& o : service::indicator_outlooks(c, ev, std::nullopt, std::nullopt)) {
        baseline[o.indicator.id] = o.indicator.baseline;
        if (o.period.year == year) happened[o.indicator.id] = std::move(o.series);
      }
    }
    for (unsigned m = 1; m <= static_cast<unsigned>(last_month); ++m) {
      service::Evaluator ev(c, domain::last_day_of_month(year, m), now);
      for (const auto& o : service::indicator_outlooks(c, ev, std::nullopt, std::nullopt)) {
        const auto h = happened.find(o.indicator.id);
        const int through = o.period.number + ahead;
        if (o.period.year != year || h == happened.end() || through > static_cast<int>(h->second.months.size()))
          continue;
        std::optional<double> truth;
        if (o.series.cumulative) {
          truth = 0;
          for (int i = 0; i < through; ++i) *truth += h->second.months[static_cast<size_t>(i)].value_or(0);
        } else {
          truth = h->second.months[static_cast<size_t>(through - 1)];
        }
        const auto fc = domain::forecast_indicator_at(o.series, through);
        const auto line = domain::linear_projection(o.series, baseline[o.indicator.id], through);
        if (!truth || !fc || !line) continue;
        indicator_cases.push_back({o.series.share, *truth, fc->value, fc->low, fc->high, *line});
      }
    }

    for (size_t k = 0; k < ends.size(); ++k) {
      if (domain::year_of(ends[k]) != year) continue;
      // Per plan: the forecast inputs of all its dated work, the plan's typical pace from them, then the cases.
      std::map<store::Id, std::vector<std::pair<store::Id, domain::ForecastInput>>> by_plan;
      for (const auto& [id, s] : seen[k]) {
        const auto& [e, a] = final.at(id);
        if (!e.due || s.confirmed) continue;  // done by then: nothing to warn about
        const auto kind = domain::deadline_kind_from(a->deadline_kind).value_or(domain::DeadlineKind::unspecified);
        // As GET /risks: dated work and roadmaps with a milestone.
        if (!domain::has_fixed_due(kind) && kind != domain::DeadlineKind::roadmap) continue;
        domain::ForecastInput in;
        in.kind = kind;
        in.start = plan_start.at(a->directive_id);
        in.due = e.due;
        in.as_of = ends[k];
        const auto& rule = rules.at(a->directive_id);
        std::optional<std::string> last;
        for (size_t j = 0; j <= k; ++j) {
          auto it = seen[j].find(id);
          if (it == seen[j].end() || !it->second.period || it->second.period == last) continue;
          last = it->second.period;  // a new period reported: a point of its history, dated its window's end
          const auto p = domain::parse_period(*last);
          in.points.push_back({domain::data_window(rule, *p).last, it->second.progress});
        }
        by_plan[a->directive_id].push_back({id, in});
      }
      for (auto& [plan, list] : by_plan) {
        std::vector<double> paces;
        for (const auto& [id, in] : list)
          if (auto p = domain::trend_pace(in.start, in.points)) paces.push_back(*p);
        const auto pace = domain::typical_pace(paces);
        for (auto& [id, in] : list) {
          in.plan_pace = pace;
          const auto& [e, a] = final.at(id);
          using S = domain::AssignmentStatus;  // decided by today: done on time, done late or overdue
          if (e.status != S::done_on_time && e.status != S::done_late && e.status != S::overdue) continue;
          if (*in.due <= ends[k] || *in.due >= today) continue;  // overdue already, or not yet decided
          Case cs;
          cs.lead = static_cast<int>((*in.due - ends[k]).count());
          cs.done =
              e.status == domain::AssignmentStatus::done_on_time || e.status == domain::AssignmentStatus::done_late
                  ? domain::parse_iso_date(a->confirmed_done_on.value_or(""))
                  : std::nullopt;
          cs.late = e.status != domain::AssignmentStatus::done_on_time;
          cs.due = *in.due;
          cs.as_of = in.as_of;
          cs.start = in.start;
          cs.progress = in.points.empty() ? 0 : in.points.back().progress;
          cs.reported = in.points.empty() ? in.start : in.points.back().on;
          cs.f = *domain::forecast(in);
          cases.push_back(cs);
        }
      }
    }
  });

  std::printf(
      "Issue 17 backtest on %s (SYNTHETIC data: bench/BACKTEST.md), %zu open assignment-months with a "
      "deadline decided by today %s\n",
      db_url.c_str(), cases.size(), domain::vn_date(today).c_str());
  std::printf(
      "Naive rules: due within %d days (the plan's rule), linear trajectory (progress below the share of\n"
      "the time from the plan's start to the deadline).\n\n",
      due_soon_days);
  std::printf(
      "| lead (days) | cases | late | rule | flagged | precision | recall | recall at the forecast's "
      "precision |\n|---|---|---|---|---|---|---|---|\n");
  for (const auto& [lo, hi] : {std::pair{1, 30}, std::pair{31, 60}, std::pair{61, 90}}) {
    struct Rule {
      const char* name;
      Counts c;
      std::vector<std::pair<double, bool>> scored;  // a score per case, higher: more likely late
    };
    std::vector<Rule> rules{{"forecast (at risk)", {}, {}},
                            {"linear trajectory at as_of", {}, {}},
                            {"linear trajectory at the report's day", {}, {}},
                            {"due within N days", {}, {}}};
    int n = 0, late = 0;
    for (const auto& k : cases) {
      if (k.lead < lo || k.lead > hi) continue;
      ++n;
      late += k.late;
      // The forecast's score: days past the deadline expected; stalled or no pace: very late; done: never.
      const double past = k.f.method == domain::ForecastMethod::done ? -1e6
                          : k.f.expected_done ? static_cast<double>((*k.f.expected_done - k.due).count())
                                              : (k.f.method == domain::ForecastMethod::none ? -1e5 : 1e6);
      const double flags[] = {static_cast<double>(k.f.at_risk), linear_share(k, k.as_of) - k.progress,
                              linear_share(k, k.reported) - k.progress, static_cast<double>(due_soon_days - k.lead)};
      const double scores[] = {k.f.stalled ? std::max(past, 1e5) : past, flags[1], flags[2], flags[3]};
      for (size_t i = 0; i < rules.size(); ++i) {
        rules[i].c.add(i == 0 ? flags[0] > 0 : flags[i] > 0 || (i == 3 && flags[i] == 0), k.late);
        rules[i].scored.emplace_back(scores[i], k.late);
      }
    }
    const double p = rules[0].c.precision();
    for (const auto& r : rules)
      std::printf("| %d–%d | %d | %d | %s | %d | %.3f | %.3f | %.3f |\n", lo, hi, n, late, r.name, r.c.tp + r.c.fp,
                  r.c.precision(), r.c.recall(), std::isnan(p) ? std::nan("") : recall_at(r.scored, p));
  }

  // Completion date, for the cases confirmed done later: the forecast, the straight line from the start through
  // the latest progress (read at as_of, and at the report's day), and "it finishes on its deadline".
  double e_fc = 0, e_due = 0, e_lin = 0, e_rep = 0;
  int n_fc = 0, n_lin = 0, n_done = 0;
  for (const auto& k : cases) {
    if (!k.done) continue;
    ++n_done;
    e_due += std::abs(static_cast<double>((*k.done - k.due).count()));
    if (k.f.expected_done && k.f.method != domain::ForecastMethod::done) {
      e_fc += std::abs(static_cast<double>((*k.done - *k.f.expected_done).count()));
      ++n_fc;
    }
    if (k.progress > 0) {
      const auto line = [&](Date at) {
        const double days = static_cast<double>((at - k.start).count()) * 100.0 / k.progress;
        return std::abs(static_cast<double>((*k.done - (k.start + std::chrono::days{std::lround(days)})).count()));
      };
      e_lin += line(k.as_of);
      e_rep += line(k.reported);
      ++n_lin;
    }
  }
  const auto mean = [](double sum, int n) { return n ? sum / n : std::nan(""); };
  std::printf(
      "\nCompletion date, cases confirmed done later (%d): mean absolute error in days — forecast %.1f (%d with "
      "a date); straight line from the start through the latest progress %.1f read at as_of, %.1f at the "
      "report's day (%d with progress); the deadline itself %.1f (%d)\n",
      n_done, mean(e_fc, n_fc), n_fc, mean(e_lin, n_lin), mean(e_rep, n_lin), n_lin, mean(e_due, n_done), n_done);

  // Indicators: mean absolute error of the value `ahead` periods on, shares (percentage points) and counts apart.
  for (const bool share : {true, false}) {
    double e_fc = 0, e_line = 0;
    int n = 0, inside = 0;
    for (const auto& k : indicator_cases) {
      if (k.share != share) continue;
      ++n;
      e_fc += std::abs(k.forecast - k.truth);
      e_line += std::abs(k.line - k.truth);
      inside += k.low - 1e-9 <= k.truth && k.truth <= k.high + 1e-9;
    }
    std::printf(
        "\nIndicators (%s), value %d periods past the judged period, %d indicator-months: mean absolute error — "
        "forecast %.2f, straight line from the baseline through the latest figure %.2f; the truth inside the "
        "forecast's 80 %% range %d times (%.0f %%)\n",
        share ? "rates, in percentage points" : "counts and amounts, in their unit", ahead, n, mean(e_fc, n),
        mean(e_line, n), inside, n ? 100.0 * inside / n : std::nan(""));
  }
  return 0;
}
