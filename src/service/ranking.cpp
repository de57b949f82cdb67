#include "service/ranking.h"

#include <set>

#include "domain/labels.h"
#include "domain/vocabulary.h"
#include "service/audit.h"
#include "service/dashboard.h"
#include "service/errors.h"
#include "store/plan_store.h"

namespace tiendo::service {

namespace json = boost::json;

namespace {

json::value ratio_json(const domain::Ratio& r) {
  return json::object{{"numerator", r.numerator},
                      {"denominator", r.denominator},
                      {"share", r.share() ? json::value(*r.share()) : json::value(nullptr)}};
}

json::array codes(const std::vector<std::string>& v) {
  json::array a;
  for (const auto& s : v) a.push_back(json::value(s));
  return a;
}

std::string group_words(const std::string& g) { return std::string(domain::vi_label("peer_group", g)); }

json::object publication_json(const store::RankingPublication& p) {
  const auto month = domain::parse_period(p.month);
  return json::object{{"id", p.id},
                      {"directive_id", p.directive_id ? json::value(*p.directive_id) : json::value(nullptr)},
                      {"directive_number", p.directive_number},
                      {"peer_group", p.peer_group},
                      {"month", p.month},
                      {"month_label", month ? month->vn_label() : p.month},
                      {"as_of", p.as_of},
                      {"published_at", p.published_at},
                      {"published_by_name", p.published_by_name}};
}

}  // namespace

json::object ranking_json(const RankingData& data, const std::string& peer_group, size_t ends) {
  std::vector<domain::RankingInput> inputs;
  std::set<std::string> counted;  // R11: the indicators the component counts, named in the formula
  for (const auto& [id, u] : data.units) {
    if (u.peer_group != peer_group) continue;
    inputs.push_back(u.input);
    counted.insert(u.indicators.begin(), u.indicators.end());
  }
  const auto& weights = data.weights;
  json::array items;
  const auto ranked = domain::rank_units(inputs, weights);
  for (size_t i = 0; i < ranked.size(); ++i) {
    if (ends > 0 && i == ends && ranked.size() > 2 * ends) i = ranked.size() - ends;
    const auto& r = ranked[i];
    const auto& u = data.units.at(r.input.unit_id);
    items.push_back(json::object{
        {"rank", r.rank},
        {"unit_id", r.input.unit_id},
        {"unit_name", u.name},
        {"score", r.score ? json::value(*r.score) : json::value(nullptr)},
        {"components",
         json::object{{"timeliness", ratio_json(r.input.timeliness)},
                      {"updates", ratio_json(r.input.updates)},
                      {"completion", ratio_json(r.input.completion)},
                      {"indicators", json::object{{"achievement", r.input.indicator_achievement
                                                                      ? json::value(*r.input.indicator_achievement)
                                                                      : json::value(nullptr)},
                                                  {"values", r.input.indicator_values},
                                                  {"codes", codes(u.indicators)}}},
                      // R11: the items led, answered on time / judged; `counted` once at least the minimum
                      {"feedback", [&] {
                         json::object f = ratio_json(r.input.feedback).as_object();
                         f["counted"] =
                             weights.feedback > 0 && domain::feedback_component(r.input, weights).has_value();
                         return f;
                       }()}}}});
  }
  return json::object{{"peer_group", peer_group},
                      {"rule", "R11"},
                      {"formula", domain::ranking_formula(weights, {counted.begin(), counted.end()})},
                      {"weights", json::object{{"timeliness", weights.timeliness},
                                               {"updates", weights.updates},
                                               {"completion", weights.completion},
                                               {"indicators", weights.indicators},
                                               {"feedback", weights.feedback},
                                               {"feedback_min_items", weights.feedback_min_items}}},
                      {"items", std::move(items)}};
}

json::object publish_ranking(store::Database& db, DashboardModel& model, const Actor& who, domain::Instant now,
                             const RankingPublicationRequest& in) {
  const auto& period = in.month;
  const auto as_of = domain::last_day_of_month(period.year, static_cast<unsigned>(period.number));
  if (as_of >= domain::vietnam_date(now))
    throw conflict("Tháng " + period.vn_label().substr(std::string("tháng ").size()) +
                       " chưa kết thúc: chỉ công bố xếp hạng của tháng đã qua, khi số liệu đã chốt.",
                   "month");
  // The ranking exactly as GET /ranking answers for that date, plan and group: the same reading.
  const auto s = db.read([&](store::Connection& c) { return dashboard_scope(c, who, std::nullopt); });
  DashboardFilters f;
  f.directive_id = in.directive_id;
  f.peer_group = in.peer_group;
  json::object table = ranking_json(*dashboard_ranking(db, model, s, f, as_of, now), in.peer_group);
  table["as_of"] = domain::iso(as_of);
  return db.write([&](store::Connection& c) {
    // Each row keeps its unit's path, so a unit later reads its own place (and its subtree's) only.
    for (auto& item : table["items"].as_array()) {
      auto& o = item.as_object();
      const auto u = store::find_unit(c, o["unit_id"].as_int64());
      o["unit_path"] = u ? u->path : "";
    }
    store::RankingPublication p;
    p.directive_id = in.directive_id;
    p.peer_group = in.peer_group;
    p.month = period.key();
    p.as_of = domain::iso(as_of);
    p.ranking = json::serialize(table);
    p.published_by = who.user_id;
    p.published_at = domain::iso(now);
    const auto id = store::insert_ranking_publication(c, p);
    if (!id)
      throw conflict("Xếp hạng " + group_words(in.peer_group) + " " + period.vn_label() +
                         " của kế hoạch này đã được công bố; bảng đã công bố không thay đổi.",
                     "month");
    const auto saved = *store::find_ranking_publication(c, *id);
    auto out = publication_json(saved);
    audit(c, db.kind() == "postgresql", &who, now, "ranking_publication", *id, "publish", nullptr, out);
    out["ranking"] = std::move(table);
    for (auto& item : out["ranking"].as_object()["items"].as_array()) item.as_object().erase("unit_path");
    return out;
  });
}

json::array ranking_publications(store::Connection& c, const store::RankingPublicationFilter& f) {
  json::array items;
  for (const auto& p : store::list_ranking_publications(c, f)) items.push_back(publication_json(p));
  return items;
}

json::object ranking_publication(store::Connection& c, const Actor& who, store::Id id) {
  const auto p = store::find_ranking_publication(c, id);
  if (!p) throw not_found("bảng xếp hạng đã công bố");
  auto out = publication_json(*p);
  auto table = json::parse(p->ranking).as_object();
  json::array rows;
  for (auto& item : table["items"].as_array()) {
    auto& o = item.as_object();
    const bool mine = who.in_scope(std::string(o["unit_path"].as_string()));
    o.erase("unit_path");
    if (mine) rows.push_back(std::move(item));
  }
  table["total"] = static_cast<long long>(table["items"].as_array().size());
  table["items"] = std::move(rows);
  out["ranking"] = std::move(table);
  return out;
}

}  // namespace tiendo::service
