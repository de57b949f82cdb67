#include "store/review_store.h"

#include "store/sql_builder.h"

namespace tiendo::store {

namespace {

constexpr const char* kReviewSelect =
    "SELECT v.id, v.report_id, v.action, v.comment, v.by_user, v.on_behalf_of, v.at, "
    "COALESCE(NULLIF(b.full_name, ''), b.username), COALESCE(NULLIF(o.full_name, ''), o.username, '') "
    "FROM report_reviews v JOIN users b ON b.id = v.by_user LEFT JOIN users o ON o.id = v.on_behalf_of";

constexpr const char* kDelegationSelect =
    "SELECT g.id, g.unit_id, g.delegator_id, g.deputy_id, g.from_date, g.to_date, g.created_at, g.revoked_at, "
    "u.name, u.path, COALESCE(NULLIF(a.full_name, ''), a.username), COALESCE(NULLIF(p.full_name, ''), p.username) "
    "FROM approval_delegations g JOIN units u ON u.id = g.unit_id JOIN users a ON a.id = g.delegator_id "
    "JOIN users p ON p.id = g.deputy_id";

Delegation delegation_from(const Row& x) {
  Delegation d;
  d.id = x.i64(0);
  d.unit_id = x.i64(1);
  d.delegator_id = x.i64(2);
  d.deputy_id = x.i64(3);
  d.from_date = x.text(4);
  d.to_date = x.text(5);
  d.created_at = x.text(6);
  d.revoked_at = x.opt_text(7);
  d.unit_name = x.text(8);
  d.unit_path = x.text(9);
  d.delegator_name = x.text(10);
  d.deputy_name = x.text(11);
  return d;
}

}  // namespace

void insert_review(Connection& c, const ReportReview& r) {
  c.query(
      "INSERT INTO report_reviews (report_id, action, comment, by_user, on_behalf_of, at) "
      "VALUES ($1, $2, $3, $4, $5, $6)",
      {r.report_id, r.action, r.comment, r.by_user, opt(r.on_behalf_of), r.at});
}

std::vector<ReportReview> reviews_of(Connection& c, Id report_id) {
  std::vector<ReportReview> out;
  for (const auto& x : c.query(std::string(kReviewSelect) + " WHERE v.report_id = $1 ORDER BY v.id", {report_id})) {
    ReportReview r;
    r.id = x.i64(0);
    r.report_id = x.i64(1);
    r.action = x.text(2);
    r.comment = x.text(3);
    r.by_user = x.i64(4);
    if (auto v = x.opt_i64(5)) r.on_behalf_of = *v;
    r.at = x.text(6);
    r.by_name = x.text(7);
    r.on_behalf_of_name = x.text(8);
    out.push_back(std::move(r));
  }
  return out;
}

Id insert_delegation(Connection& c, const Delegation& d) {
  return c
      .query(
          "INSERT INTO approval_delegations (unit_id, delegator_id, deputy_id, from_date, to_date, created_at) "
          "VALUES ($1, $2, $3, $4, $5, $6) RETURNING id",
          {d.unit_id, d.delegator_id, d.deputy_id, d.from_date, d.to_date, d.created_at})
      .at(0)
      .i64(0);
}

std::optional<Delegation> find_delegation(Connection& c, Id id) {
  auto rows = c.query(std::string(kDelegationSelect) + " WHERE g.id = $1", {id});
  if (rows.empty()) return std::nullopt;
  return delegation_from(rows[0]);
}

std::vector<Delegation> list_delegations(Connection& c, const std::optional<std::string>& scope_path) {
  Where w;
  if (scope_path) w.add_subtree("u.path", *scope_path);
  std::vector<Delegation> out;
  for (const auto& x : c.query(std::string(kDelegationSelect) + w.sql() + " ORDER BY g.id DESC", w.params()))
    out.push_back(delegation_from(x));
  return out;
}

std::optional<Delegation> active_delegation(Connection& c, Id deputy_id, const std::string& day) {
  auto rows = c.query(std::string(kDelegationSelect) +
                          " WHERE g.deputy_id = $1 AND g.from_date <= $2 AND g.to_date >= $2 AND g.revoked_at IS NULL "
                          "ORDER BY g.id DESC LIMIT 1",
                      {deputy_id, day});
  if (rows.empty()) return std::nullopt;
  return delegation_from(rows[0]);
}

bool revoke_delegation(Connection& c, Id id, const std::string& at) {
  return !c.query("UPDATE approval_delegations SET revoked_at = $1 WHERE id = $2 AND revoked_at IS NULL RETURNING id",
                  {at, id})
              .empty();
}

}  // namespace tiendo::store
