#include "service/dashboard.h"

#include <chrono>

#include "service/errors.h"
#include "service/units.h"
#include "store/plan_store.h"

namespace tiendo::service {

namespace {

// Today's figures over every plan with no filter come from the resident model; anything else is computed.
bool resident(domain::Date as_of, domain::Instant now, std::initializer_list<const std::optional<std::string>*> text,
              std::optional<store::Id> directive_id) {
  if (directive_id) return false;
  for (const auto* f : text) {
    if (*f) return false;
  }
  return as_of == domain::vietnam_date(now);
}

// R15: a date whose end has passed has figures that never change. The margin lets a write that began before
// midnight (and is dated then) commit before the date's figures are kept.
bool settled(domain::Date as_of, domain::Instant now) {
  return now >= domain::end_of_vietnam_day(as_of) + std::chrono::minutes(10);
}

// What a computed answer depends on: its date, its scope and its filters.
std::string settled_key(domain::Date as_of, const DashboardScope& s, const DashboardFilters& f) {
  std::string key = domain::iso(as_of) + '|' + s.path.value_or("");
  key += '|' + (f.directive_id ? std::to_string(*f.directive_id) : std::string());
  for (const auto* text : {&f.directing_leader, &f.field, &f.peer_group}) key += '|' + text->value_or("");
  return key;
}

DashboardFigures computed_figures(store::Connection& c, domain::Date as_of, domain::Instant now,
                                  const DashboardScope& s, const DashboardFilters& f) {
  const auto ds = dashboard_plans(c, f.directive_id);
  Evaluator ev(c, as_of, now);
  const FigureFrame frame = load_frame(c, ev, ds);
  const auto shares =
      compute_shares(c, ev, now, frame, dashboard_assignments(c, as_of, now, s, f, ds, trend_kept_from(frame, now)),
                     s.path, std::nullopt);
  std::vector<const UnitShare*> all;
  for (const auto& [id, share] : shares) all.push_back(&share);
  return sum_shares(frame, all);
}

}  // namespace

DashboardScope dashboard_scope(store::Connection& c, const Actor& who, std::optional<store::Id> unit_id) {
  const store::Id id = unit_id.value_or(who.scope_path ? who.unit_id : 0);
  if (id == 0) {
    const auto root = store::root_unit(c);
    return DashboardScope{std::nullopt, root ? root->id : 0, root ? root->name : ""};
  }
  const auto u = scoped_unit(c, who, id);
  return DashboardScope{u.parent_id ? std::optional(u.path) : std::nullopt, u.id, u.name};
}

std::vector<store::Directive> dashboard_plans(store::Connection& c, std::optional<store::Id> directive_id) {
  if (directive_id) {
    auto d = store::find_directive(c, *directive_id);
    if (!d || !d->has_plan) throw invalid("directive_id", "Văn bản này không có kế hoạch.");
    return {*d};
  }
  store::DirectiveFilter f;
  f.has_plan = true;
  return store::list_directives(c, f, store::Page{1000, 0}, nullptr);
}

std::vector<store::Assignment> dashboard_assignments(store::Connection& c, domain::Date as_of, domain::Instant now,
                                                     const DashboardScope& s, const DashboardFilters& filters,
                                                     const std::vector<store::Directive>& plans,
                                                     const std::optional<std::string>& kept_from) {
  std::vector<store::Assignment> all;
  for (const auto& d : plans) {
    store::AssignmentFilter f;
    f.directive_id = d.id;
    f.scope_path = s.path;
    f.directing_leader = filters.directing_leader;
    f.field = filters.field;
    f.peer_group = filters.peer_group;
    f.known_before = known_before(as_of, now);  // the plan as it was (issue 12)
    f.kept_from = kept_from;
    const auto group = f.peer_group;
    if (f.known_before) f.peer_group.reset();  // a past date's peer groups are those of its end (R12, issue 12)
    auto part = store::list_assignments(c, f);
    all.insert(all.end(), std::make_move_iterator(part.begin()), std::make_move_iterator(part.end()));
    if (f.known_before && group) {
      Evaluator ev(c, as_of, now);
      std::erase_if(all,
                    [&](const store::Assignment& a) { return ev.peer_group(a.unit_id, a.unit->peer_group) != *group; });
    }
  }
  return all;
}

bool resident_figures(const DashboardFilters& f, domain::Date as_of, domain::Instant now) {
  return resident(as_of, now, {&f.directing_leader, &f.field, &f.peer_group}, f.directive_id);
}

std::shared_ptr<const DashboardFigures> dashboard_figures(store::Database& db, DashboardModel& model,
                                                          const DashboardScope& s, const DashboardFilters& f,
                                                          domain::Date as_of, domain::Instant now) {
  const auto compute = [&] {
    return db.read_replica([&](store::Connection& c) { return computed_figures(c, as_of, now, s, f); });
  };
  if (resident_figures(f, as_of, now)) return model.figures(db, now, s.path);
  if (settled(as_of, now)) return model.past_figures.get(settled_key(as_of, s, f), compute);
  return std::make_shared<const DashboardFigures>(compute());
}

std::shared_ptr<const RankingData> dashboard_ranking(store::Database& db, DashboardModel& model,
                                                     const DashboardScope& s, const DashboardFilters& f,
                                                     domain::Date as_of, domain::Instant now) {
  const auto compute = [&] {
    return db.read_replica([&](store::Connection& c) {
      const auto ds = dashboard_plans(c, f.directive_id);
      Evaluator ev(c, as_of, now);
      return ranking_data(c, ev, now, s.path, ds, dashboard_assignments(c, as_of, now, s, f, ds));
    });
  };
  if (resident(as_of, now, {&f.directing_leader, &f.field}, f.directive_id))
    return std::make_shared<const RankingData>(model.ranking(db, now, s.path));
  if (settled(as_of, now)) return model.past_rankings.get(settled_key(as_of, s, f), compute);  // f narrows compute
  return std::make_shared<const RankingData>(compute());
}

}  // namespace tiendo::service
