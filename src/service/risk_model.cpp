#include "service/risk_model.h"

#include <algorithm>
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

// Each plan's pace from every unit's work, and the work judged again where its facts (`changed`) or the pace it reads
// changed; returns the units judged again besides `changed`. Work with a trend of its own (three reports or more)
// never reads its plan's pace (domain::forecast), so a submission that moves a plan's median pace judges again only
// the units with work that has less history: late in the year, none.
std::set<store::Id> judge_units(RiskSnapshot& s, const std::set<store::Id>& changed) {
  std::vector<const RiskWork*> work;
  for (const auto& [unit, u] : s.units)
    for (const auto& w : u->facts->work) work.push_back(&w);
  auto paces = plan_paces(work);
  std::set<store::Id> moved;
  for (auto& [unit, u] : s.units) {
    bool again = changed.contains(unit);
    for (const auto& w : u->facts->work) {
      if (again) break;
      if (w.pace) continue;
      auto old = s.paces.find(w.a->directive_id);
      again = old == s.paces.end() || old->second != paces.at(w.a->directive_id);
      if (again) moved.insert(unit);
    }
    if (!again) continue;
    auto next = std::make_shared<RiskUnit>();
    next->facts = u->facts;
    for (const auto& w : next->facts->work)
      if (auto j = judge_work(w, paces.at(w.a->directive_id), s.day)) next->judged.push_back(std::move(*j));
    u = std::move(next);
  }
  s.paces = std::move(paces);
  return moved;
}

// The unit tree path of a unit's facts (every piece of them is that unit's).
const std::string& unit_path(const RiskUnit& u) {
  return u.facts->work.empty() ? u.facts->obstacles.front().a->unit->path : u.facts->work.front().a->unit->path;
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
    keep_answers(*snapshot_);
    return snapshot_;
  }
  auto next = db.read([&](store::Connection& c) -> std::shared_ptr<const RiskSnapshot> {
    const auto ch = store::changes_since(c, snapshot_->seq, /*escalations=*/true);
    if (ch.last_seq == snapshot_->seq) return snapshot_;
    if (ch.structural) return rebuild(c, now, today);
    auto s = std::make_shared<RiskSnapshot>(*snapshot_);
    s->seq = ch.last_seq;
    s->touched.emplace();
    if (!ch.units.empty()) {
      Evaluator ev(c, today, now);
      for (const store::Id unit : ch.units) {
        auto collected = collect_risk_facts(c, ev, std::nullopt, unit);
        add_rules(*s, ev, collected);
        install(*s, unit, std::move(collected));
      }
      auto touched = judge_units(*s, ch.units);
      touched.insert(ch.units.begin(), ch.units.end());
      // Where the answers may have moved: each such unit as it was (its facts gone) and as it is.
      for (const store::Id unit : touched)
        for (const auto* of : {&snapshot_->units, static_cast<const decltype(s->units)*>(&s->units)})
          if (auto it = of->find(unit); it != of->end()) s->touched->push_back(unit_path(*it->second));
    }
    return s;
  });
  if (next != snapshot_) keep_answers(*next);
  snapshot_ = std::move(next);
  return snapshot_;
}

void RiskModel::keep_answers(const RiskSnapshot& s) {
  std::lock_guard lock(answers_mu_);
  answers_at_ = {s.day, s.seq};
  if (!s.touched) {
    answers_.clear();
    return;
  }
  // An answer for a scope holds only its units' work and difficulties (and the indicators' values its units
  // submitted): a change elsewhere leaves it as it is, exactly.
  std::erase_if(answers_, [&](const auto& kept) {
    const std::string& scope = kept.second.scope;
    return std::any_of(s.touched->begin(), s.touched->end(),
                       [&](const std::string& path) { return path.starts_with(scope); });
  });
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
    // Every answer kept holds for the latest snapshot (keep_answers drops the others as it installs one), which is
    // at least as current as `s`.
    std::lock_guard lock(answers_mu_);
    if (auto it = answers_.find(key); it != answers_.end() && answers_at_ >= at) return it->second.body;
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
  // Kept only if made from the latest snapshot (a newer one may have dropped this scope's answer meanwhile), for the
  // scopes asked since a change reached them (a few leaders' views at most).
  if (answers_at_ == at && answers_.size() < 1000) answers_.insert_or_assign(key, Kept{scope.value_or(""), body});
  return body;
}

}  // namespace tiendo::service
