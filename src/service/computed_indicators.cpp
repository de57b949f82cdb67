#include "service/computed_indicators.h"

#include "service/st_figures.h"

namespace tiendo::service {

domain::FeedbackFacts feedback_facts(const store::FeedbackItem& f) {
  auto date = [](const std::optional<std::string>& s) -> std::optional<domain::Date> {
    return s ? domain::parse_iso_date(*s) : std::nullopt;
  };
  domain::FeedbackFacts x;
  x.received = *domain::parse_iso_date(f.received_on);
  x.answer_due = *domain::parse_iso_date(f.answer_due);
  x.extended_due = date(f.extended_due);
  x.extended_on = date(f.extended_on);
  if (f.state == "not_accepted" || f.state == "merged" || f.state == "forwarded")
    x.left_competence_on = date(f.classified_on);
  x.first_published_on = date(f.first_published_on);
  if (f.rating) x.rating = domain::feedback_rating_from(*f.rating);
  x.rated_on = date(f.rated_on);
  if (f.reopen_late) x.reopened_late_on = date(f.reopened_on);
  return x;
}

domain::ComputedFigure computed_figure(store::Connection& c, domain::IndicatorSource source, domain::Date as_of) {
  if (source == domain::IndicatorSource::st_tracking)
    return domain::computed_from_st_tracking(st_task_figures(c, std::nullopt, as_of).figures.tracking, as_of);
  store::FeedbackFilter filter;
  filter.received_to = domain::iso(as_of);  // feedback_figures leaves later items out too; this reads fewer
  std::vector<domain::FeedbackFacts> facts;
  for (const auto& f : store::list_feedback(c, filter, 0, 0, nullptr)) facts.push_back(feedback_facts(f));
  return domain::computed_from_feedback(source, domain::feedback_figures(facts, as_of), as_of);
}

std::map<store::Id, domain::Ratio> feedback_on_time_by_lead(store::Connection& c, domain::Date from,
                                                            domain::Date as_of) {
  std::map<store::Id, std::vector<domain::LeadChange>> changes;
  for (const auto& l : store::list_all_feedback_leads(c))
    changes[l.item_id].push_back({*domain::parse_iso_date(l.assigned_on), l.lead_unit_id});
  store::FeedbackFilter filter;
  filter.received_from = domain::iso(from);
  filter.received_to = domain::iso(as_of);
  std::map<store::Id, std::vector<domain::FeedbackFacts>> by_unit;
  for (const auto& f : store::list_feedback(c, filter, 0, 0, nullptr)) {
    if (const auto lead = domain::lead_on(changes[f.id], as_of)) by_unit[*lead].push_back(feedback_facts(f));
  }
  std::map<store::Id, domain::Ratio> out;
  for (const auto& [unit, facts] : by_unit) {
    const auto g = domain::feedback_figures(facts, as_of);
    out[unit] = domain::Ratio{static_cast<int>(g.answered_on_time), static_cast<int>(g.answered + g.overdue)};
  }
  return out;
}

}  // namespace tiendo::service
