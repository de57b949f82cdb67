#pragma once
// The dashboard's use cases as the API runs them: the scope a leader asks for (a unit's subtree within theirs), the
// plans and filters of the query, and the figures and the ranking's data for any date — today's unfiltered from the
// resident model (dashboard_model.h), a settled date's computed once and kept (R15), any other date or filter computed
// on the spot from the data, reading only the subtree asked.
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "domain/date.h"
#include "service/actor.h"
#include "service/dashboard_model.h"
#include "store/db.h"

namespace tiendo::service {

// The unit whose subtree the figures cover: `path` nothing for the whole city (the root unit).
struct DashboardScope {
  std::optional<std::string> path;
  store::Id unit_id = 0;
  std::string unit_name;
};
// `unit_id` when asked (an unknown unit is invalid, one outside the actor's units forbidden), else the actor's own
// unit, or the whole city for whole-city roles.
DashboardScope dashboard_scope(store::Connection& c, const Actor& who, std::optional<store::Id> unit_id);

// The query's filters: one plan (else every plan with a plan, in the dashboard's order), a directing leader, a field,
// a peer group (of a past date: the groups at its end, R12).
struct DashboardFilters {
  std::optional<store::Id> directive_id;
  std::optional<std::string> directing_leader, field, peer_group;
};

// The plans the figures read (a plan asked for without one is invalid).
std::vector<store::Directive> dashboard_plans(store::Connection& c, std::optional<store::Id> directive_id);
// The assignments of `plans` within the scope and filters, as the plan was at `as_of` (issue 12); `kept_from`: also
// the rows removed since (a trend's earliest date, see trend_kept_from).
std::vector<store::Assignment> dashboard_assignments(store::Connection& c, domain::Date as_of, domain::Instant now,
                                                     const DashboardScope& s, const DashboardFilters& f,
                                                     const std::vector<store::Directive>& plans,
                                                     const std::optional<std::string>& kept_from = std::nullopt);

// Whether the figures asked are today's over every plan with no filter: the resident model's, the same for every
// reader of the scope until the next write.
bool resident_figures(const DashboardFilters& f, domain::Date as_of, domain::Instant now);
// The dashboard's figures for a scope, filters and date: today's unfiltered from the resident model, a settled
// date's kept once (on the replica), any other computed.
std::shared_ptr<const DashboardFigures> dashboard_figures(store::Database& db, DashboardModel& model,
                                                          const DashboardScope& s, const DashboardFilters& f,
                                                          domain::Date as_of, domain::Instant now);
// The ranking's data (R11) the same way; its peer group is chosen when the table is made, so only the other filters
// keep today's from the resident model (a peer group given still narrows a computed one's assignments).
std::shared_ptr<const RankingData> dashboard_ranking(store::Database& db, DashboardModel& model,
                                                     const DashboardScope& s, const DashboardFilters& f,
                                                     domain::Date as_of, domain::Instant now);

}  // namespace tiendo::service
