#include "service/st_figures.h"

#include "store/plan_store.h"

namespace tiendo::service {

domain::StTaskFacts st_task_facts(const store::StTask& t, const std::vector<store::StEvent>& events,
                                  const std::vector<store::StUpdate>& updates,
                                  const std::vector<store::StEstimate>& estimates) {
  domain::StTaskFacts f;
  f.id = t.id;
  f.code = t.code;
  f.budget_nsnn = t.budget_nsnn;
  f.sector = t.sector;
  f.problem = t.problem;
  if (t.start_date) f.start = domain::parse_iso_date(*t.start_date);
  if (t.end_date) f.end = domain::parse_iso_date(*t.end_date);
  if (t.national_code && t.national_code_on) f.national_code_on = domain::parse_iso_date(*t.national_code_on);
  for (const auto& e : events) {
    domain::StEventFact x;
    x.kind = *domain::st_event_kind_from(e.kind);
    if (e.to_stage) x.to = *domain::st_stage_from(*e.to_stage);
    x.doc_date = *domain::parse_iso_date(e.doc_date);
    x.recorded_on = *domain::parse_iso_date(e.recorded_on);
    x.amount = e.amount;
    if (e.new_end) x.new_end = domain::parse_iso_date(*e.new_end);
    if (e.rating) x.rating = domain::st_rating_from(*e.rating);
    f.events.push_back(x);
  }
  for (const auto& u : updates) {
    f.updates.push_back({u.year, static_cast<unsigned>(u.month), *domain::parse_iso_date(u.recorded_on)});
  }
  for (const auto& e : estimates) f.estimates.push_back({e.year, e.amount, *domain::parse_iso_date(e.entered_on)});
  return f;
}

domain::StRuleBook st_rule_book(store::Connection& c) { return domain::StRuleBook{store::list_st_rules(c)}; }

std::vector<StTaskWithFacts> st_tasks_with_facts(store::Connection& c, const store::StTaskFilter& filter) {
  // Every task's life in three reads, not three per task.
  std::map<store::Id, std::vector<store::StEvent>> events;
  std::map<store::Id, std::vector<store::StUpdate>> updates;
  std::map<store::Id, std::vector<store::StEstimate>> estimates;
  for (auto& e : store::list_st_events(c, std::nullopt)) events[e.task_id].push_back(std::move(e));
  for (auto& u : store::list_st_updates(c, std::nullopt)) updates[u.task_id].push_back(std::move(u));
  for (auto& e : store::list_st_estimates(c, std::nullopt)) estimates[e.task_id].push_back(std::move(e));
  std::vector<StTaskWithFacts> out;
  for (auto& t : store::list_st_tasks(c, filter)) {
    auto facts = st_task_facts(t, events[t.id], updates[t.id], estimates[t.id]);
    out.push_back({std::move(t), std::move(facts)});
  }
  return out;
}

StTaskFigures st_task_figures(store::Connection& c, const std::optional<std::string>& scope_path, domain::Date as_of) {
  store::StTaskFilter filter;
  filter.scope_path = scope_path;
  domain::HolidayCalendar cal;
  for (const auto& [day, name] : store::list_holidays(c)) {
    if (auto d = domain::parse_iso_date(day)) cal.holidays.insert(*d);
  }
  StTaskFigures out;
  std::vector<domain::StTaskFacts> facts;
  for (auto& x : st_tasks_with_facts(c, filter)) {
    facts.push_back(std::move(x.facts));
    out.tasks.emplace(x.task.id, std::move(x.task));
  }
  out.figures = domain::st_figures(st_rule_book(c), cal, facts, as_of);
  return out;
}

}  // namespace tiendo::service
