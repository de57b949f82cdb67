#include "service/feedback_figures.h"

#include <map>

#include "service/settled_cache.h"

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
  const auto kind = domain::feedback_kind_from(f.kind);
  x.initiative = kind && domain::adoptable(*kind);
  x.proposed_on = date(f.proposed_on);
  if (f.adoption == "adopted") x.adopted_on = date(f.adoption_decided_on);
  if (f.adoption == "not_adopted") x.not_adopted_on = date(f.adoption_decided_on);
  return x;
}

FeedbackFiguresByUnit feedback_figures(store::Connection& c, const store::FeedbackFilter& filter, domain::Date as_of,
                                       const std::optional<std::string>& scope_path) {
  std::map<store::Id, std::vector<domain::LeadChange>> changes;
  std::map<store::Id, std::pair<std::string, std::string>> units_named;  // id → name, path
  for (const auto& l : store::list_all_feedback_leads(c)) {
    changes[l.item_id].push_back({*domain::parse_iso_date(l.assigned_on), l.lead_unit_id});
    units_named[l.lead_unit_id] = {l.unit_name, l.unit_path};
  }
  std::vector<domain::FeedbackFacts> all;
  std::map<std::optional<store::Id>, std::vector<domain::FeedbackFacts>> by_unit;
  for (const auto& f : store::list_feedback(c, filter, 0, 0, nullptr)) {
    const auto lead = domain::lead_on(changes[f.id], as_of);
    if (scope_path) {
      const bool received_here = f.received_unit_path && f.received_unit_path->starts_with(*scope_path);
      const bool led_here = lead && units_named[*lead].second.starts_with(*scope_path);
      if (!received_here && !led_here) continue;
    }
    const auto x = feedback_facts(f);
    all.push_back(x);
    by_unit[lead].push_back(x);
  }
  FeedbackFiguresByUnit out;
  out.total = domain::feedback_figures(all, as_of);
  for (const auto& [unit_id, facts] : by_unit)
    out.units.push_back(
        {unit_id, unit_id ? units_named[*unit_id].first : std::string(), domain::feedback_figures(facts, as_of)});
  return out;
}

std::shared_ptr<const FeedbackFiguresByUnit> feedback_figures_kept(store::Connection& c,
                                                                   const store::FeedbackFilter& filter,
                                                                   domain::Date as_of,
                                                                   const std::optional<std::string>& scope_path) {
  // One server's readers share it; a few dozen keys cover the scopes and days people look at.
  static SettledCache<FeedbackFiguresByUnit> kept(64);
  const std::string key = store::feedback_mark(c) + "|" + domain::iso(as_of) + "|" + scope_path.value_or("*") + "|" +
                          filter.received_from.value_or("") + "|" + filter.received_to.value_or("");
  return kept.get(key, [&] { return feedback_figures(c, filter, as_of, scope_path); });
}

}  // namespace tiendo::service
