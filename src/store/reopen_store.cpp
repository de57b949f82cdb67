#include "store/reopen_store.h"

#include "store/sql_builder.h"

namespace tiendo::store {

namespace {

constexpr const char* kSelect =
    "SELECT q.id, q.report_id, q.reason, q.requested_by, q.requested_at, q.decision, q.decision_note, q.decided_by, "
    "q.decided_at, COALESCE(NULLIF(ru.full_name, ''), ru.username), "
    "COALESCE(NULLIF(du.full_name, ''), du.username, ''), u.name, u.path, r.period, d.number, u.id, d.id "
    "FROM report_reopen_requests q JOIN reports r ON r.id = q.report_id JOIN units u ON u.id = r.unit_id "
    "JOIN directives d ON d.id = r.directive_id JOIN users ru ON ru.id = q.requested_by "
    "LEFT JOIN users du ON du.id = q.decided_by";

ReopenRequest from(const Row& x) {
  ReopenRequest q;
  q.id = x.i64(0);
  q.report_id = x.i64(1);
  q.reason = x.text(2);
  q.requested_by = x.i64(3);
  q.requested_at = x.text(4);
  q.decision = x.opt_text(5);
  q.decision_note = x.text(6);
  if (auto v = x.opt_i64(7)) q.decided_by = *v;
  q.decided_at = x.opt_text(8);
  q.requested_by_name = x.text(9);
  q.decided_by_name = x.text(10);
  q.unit_name = x.text(11);
  q.unit_path = x.text(12);
  q.period = x.text(13);
  q.directive_number = x.text(14);
  q.unit_id = x.i64(15);
  q.directive_id = x.i64(16);
  return q;
}

std::optional<ReopenRequest> one(Rows rows) {
  if (rows.empty()) return std::nullopt;
  return from(rows[0]);
}

}  // namespace

Id insert_reopen_request(Connection& c, const ReopenRequest& r) {
  return c
      .query(
          "INSERT INTO report_reopen_requests (report_id, reason, requested_by, requested_at) VALUES ($1, $2, $3, $4) "
          "RETURNING id",
          {r.report_id, r.reason, r.requested_by, r.requested_at})
      .at(0)
      .i64(0);
}

std::optional<ReopenRequest> find_reopen_request(Connection& c, Id id) {
  return one(c.query(std::string(kSelect) + " WHERE q.id = $1", {id}));
}

std::optional<ReopenRequest> latest_reopen_request(Connection& c, Id report_id) {
  return one(c.query(std::string(kSelect) + " WHERE q.report_id = $1 ORDER BY q.id DESC LIMIT 1", {report_id}));
}

std::vector<ReopenRequest> list_reopen_requests(Connection& c, const std::optional<std::string>& scope_path,
                                                std::optional<bool> pending) {
  Where w;
  if (scope_path) w.add_subtree("u.path", *scope_path);
  if (pending) w.add_raw(*pending ? "q.decision IS NULL" : "q.decision IS NOT NULL");
  std::vector<ReopenRequest> out;
  for (const auto& x : c.query(std::string(kSelect) + w.sql() + " ORDER BY q.id DESC", w.params()))
    out.push_back(from(x));
  return out;
}

bool decide_reopen_request(Connection& c, Id id, const std::string& decision, const std::string& note, Id by,
                           const std::string& at) {
  // Guarded by the pending state: of two simultaneous decisions only the first changes the row.
  return !c.query(
               "UPDATE report_reopen_requests SET decision = $1, decision_note = $2, decided_by = $3, decided_at = $4 "
               "WHERE id = $5 AND decision IS NULL RETURNING id",
               {decision, note, by, at, id})
              .empty();
}

}  // namespace tiendo::store
