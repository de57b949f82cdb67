#pragma once
// The dashboard as sums of unit shares. Every figure a leader sees (statuses, update compliance, reports
// received, trend, indicators, warnings, ranking) is a sum, a merge or a ranking over units, so it is kept
// per unit and summed over the subtree asked for. The resident model keeps today's shares of every unit
// in memory and recomputes only the units the change feed names, before answering: what a leader sees is
// as current as the request, and the nation costs a sum over ~4,000 shares instead of 134,000 evaluations.
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "service/evaluation.h"
#include "service/follower.h"
#include "service/risk_model.h"
#include "service/settled_cache.h"
#include "store/db.h"

namespace tiendo::service {

// One warned assignment, kept with what the warning order needs.
struct WarningCandidate {
  std::shared_ptr<const store::Assignment> a;
  domain::AssignmentEvaluation e;
  domain::Period judged;
  int reason = 0;  // 0 overdue, 1 not updated, 2 due soon
  size_t plan_index = 0;
};

// A unit's obligation to report for one plan's judged period.
struct ObligationShare {
  domain::Timeliness timeliness = domain::Timeliness::pending;
  std::string state;  // of its report, or "not_created"
};

// One of a unit's assignments as today's list shows it: the row, kept alive here, and its judgement.
struct ListedAssignment {
  std::shared_ptr<const store::Assignment> a;
  domain::AssignmentEvaluation e;
  domain::Period judged;
  bool counted = true;
};

struct UnitShare {
  store::Id unit_id = 0;
  std::string path;
  bool has_work = false;  // ranked only when it has assignments in the figures
  Rollup rollup;
  std::vector<Rollup> trend;                     // one per trend date
  std::map<store::Id, ObligationShare> reports;  // per plan
  UnitScore score;                               // ranking components
  int warning_total = 0;
  std::vector<WarningCandidate> warnings;  // the unit's first kWarningsShown, in warning order
  std::map<store::Id, std::vector<std::pair<domain::UnitValue, std::string>>>
      values;                               // per indicator: value, peer group
  std::set<store::Id> expected_indicators;  // R9: the indicators this (active) unit is assigned
  // Today's assignments of the unit in the plans, in the list's order (plan, task), kept by the resident model only:
  // a unit's list for today is read from them (DashboardModel::unit_work) instead of evaluated again.
  std::vector<ListedAssignment> listed;
};

inline constexpr size_t kWarningsShown = 20;

// The warning list's order (issue 14): overdue work first, the longest overdue first, then work with no update,
// then what falls due soon, the nearest first. 3: not on the list.
int warning_reason(const domain::AssignmentEvaluation& e);
struct WarningOrder {
  int reason = 0;
  const domain::AssignmentEvaluation* e = nullptr;
  size_t plan_index = 0;  // the plan's place in the plans listed (store::list_directives)
  store::Id task_id = 0;
  const std::string* unit_path = nullptr;
};
bool warned_before(const WarningOrder& a, const WarningOrder& b);
bool warned_before(const WarningCandidate& a, const WarningCandidate& b);

// What the dashboard needs besides the assignments: the plans, their calendars and indicators, the dates.
struct FigureFrame {
  domain::Date as_of;
  std::vector<store::Directive> plans;
  std::map<store::Id, PlanCalendar> calendars;                    // per plan
  std::map<store::Id, domain::Period> judged;                     // per plan
  std::map<store::Id, std::vector<store::Indicator>> indicators;  // per plan
  std::vector<domain::Period> trend_periods;                      // oldest first
  std::vector<domain::Date> trend_dates;
  // Whether the plans hold every assignment: a directive without a plan may have tasks too, and the resident
  // model then cannot list a unit's whole work.
  bool plans_hold_all_work = true;
  // R19: the figures of the indicators the system computes, at as_of, by indicator.
  std::map<store::Id, domain::ComputedFigure> computed;
  // R11: each lead unit's feedback answered on time, when the ranking's plan weighs it.
  std::map<store::Id, domain::Ratio> feedback;
};
FigureFrame load_frame(store::Connection& c, Evaluator& ev, std::vector<store::Directive> plans);
// The frame's figures computed from feedback items and S&T tasks (R19's indicators, R11's feedback component), at
// the evaluator's date: all a write to an item or a task can move (store::Changes::computed).
void compute_from_feedback_and_st(store::Connection& c, Evaluator& ev, FigureFrame& f);
// The assignment list of a frame with a trend also holds the rows removed since its earliest date: that date's
// point counts them as it did then (issue 12). Nothing when the frame has no earlier date.
std::optional<std::string> trend_kept_from(const FigureFrame& frame, domain::Instant now);

// The shares of the units that own `raw` (the assignments of a subtree, or of one unit) and of the units
// with indicator values in the subtree (or of `only_unit`). Warning candidates own copies of their rows.
// `settled`: a unit's trend points for dates before today, already computed (R15: the figures of a past date
// never change), reused instead of evaluated again when only that unit changed.
struct SettledTrend {
  size_t points = 0;          // the first `points` trend dates are before today
  std::vector<Rollup> trend;  // the unit's figures at those dates
};
// `keep_listed`: each share keeps its unit's rows and judgements for today's list (UnitShare::listed).
std::map<store::Id, UnitShare> compute_shares(store::Connection& c, Evaluator& ev, domain::Instant now,
                                              const FigureFrame& frame, std::vector<store::Assignment> raw,
                                              const std::optional<std::string>& scope_path,
                                              std::optional<store::Id> only_unit, const SettledTrend* settled = nullptr,
                                              bool keep_listed = false);

struct ReportFigures {
  store::Id directive_id = 0;
  std::string number;
  domain::Period judged;
  domain::Date due;
  long long expected = 0;
  std::map<std::string, int> timeliness, states;
};

struct TrendFigures {
  domain::Period period;
  domain::Date as_of;
  Rollup rollup;
};

// One unit's counts in the figures (issue 14, "who and where"): the figures' rollup is their sum.
struct UnitFigures {
  store::Id unit_id = 0;
  std::string name, peer_group;
  Rollup rollup;
  int warning_total = 0;
};

struct DashboardFigures {
  domain::Date as_of;
  double update_target = 0.9;
  Rollup rollup;
  std::vector<ReportFigures> reports;
  std::vector<TrendFigures> trend;
  std::vector<std::pair<store::Indicator, IndicatorEvaluation>> indicators;
  long long warning_total = 0;
  std::vector<WarningCandidate> warnings;  // the first kWarningsShown
  RankingData ranking;
  std::vector<UnitFigures> units;  // every unit with work counted, in path order
};

DashboardFigures sum_shares(const FigureFrame& frame, const std::vector<const UnitShare*>& shares);
RankingData ranking_of(const FigureFrame& frame, const std::vector<const UnitShare*>& shares);

// The components of every unit's rank over the given plans, from the first period of the year to the
// judged one, for the units that own `raw`.
RankingData ranking_data(store::Connection& c, Evaluator& ev, domain::Instant now,
                         const std::optional<std::string>& scope_path, const std::vector<store::Directive>& plans,
                         std::vector<store::Assignment> raw);

// Today's shares of every unit, kept current from the change feed; one per server process.
class DashboardModel {
 public:
  DashboardModel() = default;
  DashboardModel(const DashboardModel&) = delete;
  DashboardModel& operator=(const DashboardModel&) = delete;
  ~DashboardModel();

  // The figures of the subtree at `scope_path` (all units when empty) over every plan, at today's date.
  // The first call also starts a follower that applies the change feed every 50 ms, so a request
  // usually finds its shares current and only checks; `db` must outlive the model.
  // A scope's sum is kept until a share or the frame changes: leaders reading the same scope between two writes
  // share one sum (the nation's is ~4,000 shares), and those who ask while it is being made wait for it instead
  // of each making it again.
  std::shared_ptr<const DashboardFigures> figures(store::Database& db, domain::Instant now,
                                                  const std::optional<std::string>& scope_path);
  // An answer made from kept figures (the page's JSON, its gzip twin), kept as long as those figures are the
  // scope's: made once per change by the first reader, not once per reader. `key` tells the answers of one
  // figures apart (the scope and the encoding).
  std::shared_ptr<const std::string> answer(const std::shared_ptr<const DashboardFigures>& figures,
                                            const std::string& key, const std::function<std::string()>& make);
  RankingData ranking(store::Database& db, domain::Instant now, const std::optional<std::string>& scope_path);
  // Today's work of one unit, current with the change feed, held for the caller: the list of a unit for today
  // (issue 13) without evaluating anything. Nothing when the model cannot tell it whole (a directive without a
  // plan has tasks, or the unit has no share: no work in the plans).
  struct UnitWork {
    std::shared_ptr<const FigureFrame> frame;
    std::shared_ptr<const UnitShare> share;
  };
  std::optional<UnitWork> unit_work(store::Database& db, domain::Instant now, store::Id unit_id);
  // Starts the followers of today's figures and risks now, at the server's start: they build both models in the
  // background, so the first leader of the morning does not wait for them (6 s each at national size).
  void keep_current(store::Database& db, domain::Instant now);
  // R15: the figures and rankings of dates that have ended, computed once per key (date, scope, filters).
  SettledCache<DashboardFigures> past_figures{32};
  SettledCache<RankingData> past_rankings{32};
  // Issue 17: GET /risks of ended dates (the serialized answer), by date, scope and plan.
  SettledCache<std::string> past_risks{32};
  // Issue 17: today's, kept current from the change feed as the figures are.
  RiskModel today_risks;

 private:
  void bring_up_to_date(store::Database& db, domain::Instant now);
  void follow(store::Database& db, domain::Instant now);
  void rebuild(store::Connection& c, domain::Instant now, domain::Date today);  // under mu_
  std::vector<std::shared_ptr<const UnitShare>> in_scope(const std::optional<std::string>& scope_path) const;
  // The frame and the shares of a scope, taken under the lock and summed after it: a share is never changed in
  // place (a change installs a new one), so readers of the nation sum at once instead of one after another.
  struct Held {
    std::shared_ptr<const FigureFrame> frame;
    std::vector<std::shared_ptr<const UnitShare>> shares;
    std::vector<const UnitShare*> pointers() const;
  };
  Held hold(const std::optional<std::string>& scope_path) const;

  mutable std::mutex mu_;
  std::mutex apply_mu_;  // held by the one request applying the change feed (bring_up_to_date), never inside mu_
  const store::Database* db_ = nullptr;
  std::optional<domain::Date> day_;
  long long seq_ = 0;  // the change feed is applied up to here
  std::shared_ptr<const FigureFrame> frame_;
  std::map<std::string, std::shared_ptr<const UnitShare>> by_path_;  // ordered by path: a subtree is one range
  std::map<store::Id, std::string> path_of_;                         // each share's unit, to its key above
  std::map<store::Id, long long> unit_seq_;  // the feed position each unit's share was computed at
  // The sums kept since a share or the frame last changed, by scope path ("" for all units), each made once by
  // whoever asks first.
  struct Kept;
  std::map<std::string, std::shared_ptr<Kept>> sums_;
  struct Answer;
  std::mutex answers_mu_;
  std::map<std::string, std::shared_ptr<Answer>> answers_;
  void changed();  // under mu_

  Follower follower_;
};

}  // namespace tiendo::service
