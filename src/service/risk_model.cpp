#include "service/risk_model.h"

#include <set>

#include "store/change_feed.h"
#include "store/plan_store.h"

namespace tiendo::service {

namespace {

// Each plan's thresholds, for the plans of the work kept (a plan that gets its first work is a plan change: the
// whole model is collected again, with it).
void add_rules(RiskSnapshot& s, Evaluator& ev, const RiskFacts& facts) {
  for (const auto& w : facts.work)
    if (!s.rules.contains(w.a->directive_id)) s.rules.emplace(w.a->directive_id, forecast_rules(ev, w.a->directive_id));
}

// Installs a unit's facts (none: the unit has no open work or difficulties left), to be judged by judge_units.
void install(RiskSnapshot& s, store::Id unit, RiskFacts facts) {
  if (facts.work.empty() && facts.obstacles.empty()) {
    s.units.erase(unit);
    return;
  }
  auto u = std::make_shared<RiskUnit>();
  u->facts = std::make_shared<const RiskFacts>(std::move(facts));
  s.units[unit] = std::move(u);
}

// Each plan's pace from every unit's work, and the work judged again where its facts (`changed`) or its plan's pace
// changed.
void judge_units(RiskSnapshot& s, const std::set<store::Id>& changed) {
  std::vector<const RiskWork*> work;
  for (const auto& [unit, u] : s.units)
    for (const auto& w : u->facts->work) work.push_back(&w);
  auto paces = plan_paces(work);
  for (auto& [unit, u] : s.units) {
    bool again = changed.contains(unit);
    for (const auto& w : u->facts->work) {
      if (again) break;
      auto old = s.paces.find(w.a->directive_id);
      again = old == s.paces.end() || old->second != paces.at(w.a->directive_id);
    }
    if (!again) continue;
    auto next = std::make_shared<RiskUnit>();
    next->facts = u->facts;
    for (const auto& w : next->facts->work)
      if (auto j = judge_work(w, paces.at(w.a->directive_id), s.day)) next->judged.push_back(std::move(*j));
    u = std::move(next);
  }
  s.paces = std::move(paces);
}

// Everything again: the first use, a new day, or a change of the plan, the unit tree or the calendar.
std::shared_ptr<const RiskSnapshot> rebuild(store::Connection& c, domain::Instant now, domain::Date today) {
  auto s = std::make_shared<RiskSnapshot>();
  s->day = today;
  s->seq = store::current_seq(c);  // read first: a change after it is applied again, never missed
  Evaluator ev(c, today, now);
  store::DirectiveFilter df;
  df.has_plan = true;
  for (const auto& d : store::list_directives(c, df, store::Page{1000, 0}, nullptr))
    s->rules.emplace(d.id, forecast_rules(ev, d.id));
  auto all = collect_risk_facts(c, ev, std::nullopt, std::nullopt);
  add_rules(*s, ev, all);
  std::map<store::Id, RiskFacts> by_unit;
  for (auto& w : all.work) by_unit[w.a->unit_id].work.push_back(std::move(w));
  for (auto& o : all.obstacles) by_unit[o.a->unit_id].obstacles.push_back(std::move(o));
  std::set<store::Id> changed;
  for (auto& [unit, facts] : by_unit) {
    install(*s, unit, std::move(facts));
    changed.insert(unit);
  }
  judge_units(*s, changed);
  s->context = std::make_shared<const RiskContext>(load_risk_context(c, ev));
  return s;
}

}  // namespace

std::shared_ptr<const RiskSnapshot> RiskModel::bring_up_to_date(store::Database& db, domain::Instant clock) {
  const domain::Date today = domain::vietnam_date(clock);
  // Judged at the last second of today, as the dashboard's shares: today's evaluation reads the rows as they are,
  // whatever the hour.
  const domain::Instant now = domain::end_of_vietnam_day(today) - std::chrono::seconds(1);
  std::lock_guard lock(mu_);
  // A request read its clock just before midnight and the follower has begun the new day: computed fresh.
  if (db_ == &db && snapshot_ && snapshot_->day > today) return nullptr;
  if (db_ != &db || !snapshot_ || snapshot_->day != today) {
    snapshot_ = db.read([&](store::Connection& c) { return rebuild(c, now, today); });
    db_ = &db;
    return snapshot_;
  }
  auto next = db.read([&](store::Connection& c) -> std::shared_ptr<const RiskSnapshot> {
    const auto ch = store::changes_since(c, snapshot_->seq, /*escalations=*/true);
    if (ch.last_seq == snapshot_->seq) return snapshot_;
    if (ch.structural) return rebuild(c, now, today);
    auto s = std::make_shared<RiskSnapshot>(*snapshot_);
    s->seq = ch.last_seq;
    if (!ch.units.empty()) {
      Evaluator ev(c, today, now);
      for (const store::Id unit : ch.units) {
        auto collected = collect_risk_facts(c, ev, std::nullopt, unit);
        add_rules(*s, ev, collected);
        install(*s, unit, std::move(collected));
      }
      judge_units(*s, ch.units);
    }
    return s;
  });
  snapshot_ = std::move(next);
  return snapshot_;
}

RiskModel::~RiskModel() { follower_.stop(); }

void RiskModel::follow(store::Database& db, domain::Instant now) {
  follower_.start(now, [this, &db](domain::Instant t) { bring_up_to_date(db, t); });
}

std::optional<std::shared_ptr<const std::string>> RiskModel::answer(
    store::Database& db, domain::Instant now, std::optional<store::Id> directive_id,
    const std::optional<std::string>& scope,
    const std::function<std::string(const RiskFindings&, const RiskContext&)>& make) {
  const auto s = bring_up_to_date(db, now);
  follow(db, now);
  if (!s || (directive_id && !s->rules.contains(*directive_id))) return std::nullopt;
  const std::string key = scope.value_or("") + '|' + (directive_id ? std::to_string(*directive_id) : std::string());
  const std::pair at{s->day, s->seq};
  {
    std::lock_guard lock(answers_mu_);
    if (answers_at_ == at) {
      if (auto it = answers_.find(key); it != answers_.end()) return it->second;
    }
  }
  std::vector<const JudgedWork*> judged;
  std::vector<const RiskObstacle*> obstacles;
  for (const auto& [unit, u] : s->units) {
    for (const auto& j : u->judged) judged.push_back(&j);
    for (const auto& o : u->facts->obstacles) obstacles.push_back(&o);
  }
  const auto findings = gather_risks(judged, obstacles, directive_id, scope,
                                     directive_id ? s->rules.at(*directive_id) : domain::ForecastRules{});
  auto body = std::make_shared<const std::string>(make(findings, *s->context));
  std::lock_guard lock(answers_mu_);
  if (answers_at_ < at) {  // a newer snapshot: the answers kept were made from older facts
    answers_.clear();
    answers_at_ = at;
  }
  // Kept for the scopes asked since the last change (a few leaders' views at most between two reports).
  if (answers_at_ == at && answers_.size() < 1000) answers_.emplace(key, body);
  return body;
}

}  // namespace tiendo::service
