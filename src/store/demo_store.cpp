#include "store/demo_store.h"

namespace tiendo::store {

namespace {

constexpr const char* kOpenDated =
    "a.confirmed_done_on IS NULL AND a.decision = 'active' AND a.deadline_kind <> 'recurring' AND a.original_due IS "
    "NOT NULL";

std::optional<DatedAssignment> first_dated(Connection& c, const std::string& sql, const Params& params) {
  auto rows = c.query(sql, params);
  if (rows.empty()) return std::nullopt;
  return DatedAssignment{rows[0].i64(0), rows[0].text(1)};
}

}  // namespace

std::optional<DatedAssignment> first_open_assignment_due_after(Connection& c, Id unit_id, const std::string& day) {
  return first_dated(c,
                     std::string("SELECT a.id, a.original_due FROM assignments a WHERE a.unit_id = $1 AND ") +
                         kOpenDated + " AND a.original_due > $2 ORDER BY a.id LIMIT 1",
                     {unit_id, day});
}

std::optional<DatedAssignment> first_unextended_assignment_due_before(Connection& c, Id unit_id,
                                                                      const std::string& day) {
  return first_dated(c,
                     std::string("SELECT a.id, a.original_due FROM assignments a WHERE a.unit_id = $1 AND ") +
                         kOpenDated + " AND a.original_due < $2 AND a.effective_due IS NULL ORDER BY a.id LIMIT 1",
                     {unit_id, day});
}

std::optional<Id> first_open_assignment_elsewhere_due_before(Connection& c, Id except_unit_id, const std::string& day) {
  auto rows = c.query(
      "SELECT a.id FROM assignments a WHERE a.unit_id <> $1 AND a.confirmed_done_on IS NULL AND a.original_due < $2 "
      "AND a.deadline_kind <> 'recurring' ORDER BY a.id LIMIT 1",
      {except_unit_id, day});
  if (rows.empty()) return std::nullopt;
  return rows[0].i64(0);
}

std::vector<Id> open_unextended_assignments_due_before(Connection& c, const std::string& day, int limit) {
  std::vector<Id> out;
  for (const auto& r :
       c.query("SELECT a.id FROM assignments a WHERE a.confirmed_done_on IS NULL AND a.original_due < $1 AND "
               "a.deadline_kind <> 'recurring' AND a.effective_due IS NULL ORDER BY a.id LIMIT $2",
               {day, static_cast<long long>(limit)}))
    out.push_back(r.i64(0));
  return out;
}

std::vector<Id> unit_assignments_of_kind(Connection& c, Id unit_id, const std::string& deadline_kind) {
  std::vector<Id> out;
  for (const auto& r : c.query("SELECT id FROM assignments WHERE deadline_kind = $1 AND unit_id = $2 ORDER BY id",
                               {deadline_kind, unit_id}))
    out.push_back(r.i64(0));
  return out;
}

void insert_approved_extension(Connection& c, Id assignment_id, const std::string& requested_due,
                               const std::string& reason, const std::string& requested_at,
                               const std::string& decided_at) {
  c.query(
      "INSERT INTO extensions (assignment_id, previous_due, requested_due, reason, state, requested_at, decided_at) "
      "SELECT id, original_due, $2, $3, 'approved', $4, $5 FROM assignments WHERE id = $1",
      {assignment_id, requested_due, reason, requested_at, decided_at});
}

void discard_draft_report(Connection& c, Id report_id) {
  c.query("DELETE FROM report_indicator_values WHERE report_id = $1", {report_id});
  c.query("DELETE FROM report_state_history WHERE report_id = $1", {report_id});
  c.query("DELETE FROM reports WHERE id = $1", {report_id});
}

}  // namespace tiendo::store
