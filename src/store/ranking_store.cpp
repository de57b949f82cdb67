#include "store/ranking_store.h"

#include "store/sql_builder.h"

namespace tiendo::store {

namespace {

// `ranking`: the JSON column or '' (the list leaves the published tables out).
std::string select(std::string_view ranking) {
  return "SELECT p.id, p.directive_id, p.peer_group, p.month, p.as_of, " + std::string(ranking) +
         ", p.published_by, p.published_at, COALESCE(d.number, ''), COALESCE(NULLIF(u.full_name, ''), u.username) "
         "FROM ranking_publications p LEFT JOIN directives d ON d.id = p.directive_id "
         "JOIN users u ON u.id = p.published_by";
}

RankingPublication from(const Row& x) {
  RankingPublication p;
  p.id = x.i64(0);
  if (auto v = x.opt_i64(1)) p.directive_id = *v;
  p.peer_group = x.text(2);
  p.month = x.text(3);
  p.as_of = x.text(4);
  p.ranking = x.text(5);
  p.published_by = x.i64(6);
  p.published_at = x.text(7);
  p.directive_number = x.text(8);
  p.published_by_name = x.text(9);
  return p;
}

}  // namespace

std::optional<Id> insert_ranking_publication(Connection& c, const RankingPublication& p) {
  // DO NOTHING rather than a caught error: on PostgreSQL an error would end the caller's transaction.
  auto rows = c.query(
      "INSERT INTO ranking_publications (directive_id, peer_group, month, as_of, ranking, published_by, published_at) "
      "VALUES ($1, $2, $3, $4, $5, $6, $7) ON CONFLICT DO NOTHING RETURNING id",
      {p.directive_id ? Param(*p.directive_id) : Param(nullptr), p.peer_group, p.month, p.as_of, p.ranking,
       p.published_by, p.published_at});
  if (rows.empty()) return std::nullopt;
  return rows[0].i64(0);
}

std::optional<RankingPublication> find_ranking_publication(Connection& c, Id id) {
  auto rows = c.query(select("p.ranking") + " WHERE p.id = $1", {id});
  if (rows.empty()) return std::nullopt;
  return from(rows[0]);
}

std::vector<RankingPublication> list_ranking_publications(Connection& c, const RankingPublicationFilter& f) {
  Where w;
  if (f.directive_id) w.add("p.directive_id = ?", *f.directive_id);
  if (f.all_plans_only) w.add_raw("p.directive_id IS NULL");
  if (f.peer_group) w.add("p.peer_group = ?", *f.peer_group);
  std::vector<RankingPublication> out;
  for (const auto& x : c.query(select("''") + w.sql() + " ORDER BY p.month DESC, p.id DESC", w.params()))
    out.push_back(from(x));
  return out;
}

}  // namespace tiendo::store
