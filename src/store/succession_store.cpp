#include "store/succession_store.h"

namespace tiendo::store {

std::vector<Succession> successions_of(Connection& c, Id unit_id) {
  std::vector<Succession> out;
  for (const auto& r :
       c.query("SELECT s.id, s.unit_id, s.successor_id, u.name, su.name, s.position, s.closing_date, s.reason, "
               "s.recorded_at, (SELECT COUNT(*) FROM assignment_successions x WHERE x.succession_id = s.id) FROM "
               "unit_successions s JOIN units u ON u.id = s.unit_id JOIN units su ON su.id = s.successor_id WHERE "
               "s.unit_id = $1 OR s.successor_id = $1 ORDER BY s.closing_date, s.id",
               {unit_id})) {
    out.push_back(Succession{r.i64(0), r.i64(1), r.i64(2), r.text(3), r.text(4), static_cast<int>(r.i64(5)), r.text(6),
                             r.text(7), r.text(8), static_cast<int>(r.i64(9))});
  }
  return out;
}

bool closed_by_succession(Connection& c, Id unit_id) {
  return !c.query("SELECT 1 FROM unit_successions WHERE unit_id = $1", {unit_id}).empty();
}

Id insert_succession(Connection& c, const Succession& s, std::optional<Id> by) {
  return c
      .query(
          "INSERT INTO unit_successions (unit_id, successor_id, position, closing_date, reason, recorded_at, "
          "recorded_by) VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id",
          {s.unit_id, s.successor_id, static_cast<long long>(s.position), s.closing_date, s.reason, s.recorded_at,
           opt(by)})
      .at(0)
      .i64(0);
}

Id pass_assignment(Connection& c, const Assignment& from, Id to_unit, Id succession_id, const std::string& closing_date,
                   const std::string& at) {
  auto held = c.query("SELECT id FROM assignments WHERE task_id = $1 AND unit_id = $2", {from.task_id, to_unit});
  const bool joined = !held.empty();
  Id to = 0;
  if (joined) {
    to = held[0].i64(0);
  } else {
    to = c.query(
              "INSERT INTO assignments (task_id, unit_id, via_group_id, deadline_kind, original_due, effective_due, "
              "triggered_on, decision, decision_on, progress_percent, last_update_period, last_update_at, created_at) "
              "VALUES ($1, $2, NULL, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12) RETURNING id",
              {from.task_id, to_unit, from.deadline_kind, opt(from.original_due), opt(from.effective_due),
               opt(from.triggered_on), from.decision, opt(from.decision_on),
               static_cast<long long>(from.progress_percent), opt(from.last_update_period), opt(from.last_update_at),
               at})
             .at(0)
             .i64(0);
    // Issue 12: the new assignment's facts, known from now (as every change of them is).
    const auto fact = [&](const char* name) {
      c.query(
          "INSERT INTO assignment_history (assignment_id, fact, valid_from, effective_due, triggered_on, decision, "
          "decision_on, confirmed_done_on, confirmed_by) SELECT id, $1, $2, effective_due, triggered_on, decision, "
          "decision_on, confirmed_done_on, confirmed_by FROM assignments WHERE id = $3",
          {std::string(name), at, to});
    };
    if (from.effective_due) fact("due");
    if (from.triggered_on) fact("trigger");
    if (from.decision != "active") fact("decision");
  }
  c.query(
      "INSERT INTO assignment_successions (from_assignment_id, to_assignment_id, succession_id, held_from, joined, "
      "progress_percent, last_update_period, last_update_at, recorded_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)",
      {from.id, to, succession_id, closing_date, static_cast<long long>(joined ? 1 : 0),
       static_cast<long long>(from.progress_percent), opt(from.last_update_period), opt(from.last_update_at), at});
  return to;
}

void move_followups(Connection& c, Id from, Id to, Id to_unit, Id succession_id, FollowupsMoved& moved) {
  const auto changed = [](const Rows& rows) { return static_cast<int>(rows.size()); };
  moved.extensions += changed(
      c.query("UPDATE extensions SET assignment_id = $1 WHERE assignment_id = $2 AND state = 'pending' RETURNING id",
              {to, from}));
  moved.overdue_reviews += changed(
      c.query("UPDATE overdue_reviews SET assignment_id = $1 WHERE assignment_id = $2 AND state = 'open' RETURNING id",
              {to, from}));
  moved.explanations += changed(c.query(
      "UPDATE explanation_requests SET assignment_id = $1, unit_id = $2 WHERE assignment_id = $3 AND answered_at IS "
      "NULL RETURNING id",
      {to, to_unit, from}));
  // An escalation stays on the report that raised it; its holder (the unit that follows it up and sees it) moves.
  moved.escalations += changed(c.query(
      "INSERT INTO escalation_holders (report_id, assignment_id, unit_id, succession_id) SELECT i.report_id, "
      "i.assignment_id, $1, $2 FROM report_items i JOIN reports r ON r.id = i.report_id WHERE i.assignment_id = $3 "
      "AND i.exceeds_authority = 1 AND r.state IN ('submitted', 'approved', 'accepted') AND NOT EXISTS (SELECT 1 "
      "FROM escalation_answers ea WHERE ea.report_id = i.report_id AND ea.assignment_id = i.assignment_id) "
      "RETURNING report_id",
      {to_unit, succession_id, from}));
}

int move_unit_explanations(Connection& c, Id unit_id, Id successor_id) {
  return static_cast<int>(
      c.query("UPDATE explanation_requests SET unit_id = $1 WHERE unit_id = $2 AND answered_at IS NULL RETURNING id",
              {successor_id, unit_id})
          .size());
}

void each_received_assignment(Connection& c, const std::function<void(const RowView&)>& fn) {
  c.each(
      "SELECT to_assignment_id, held_from, recorded_at, progress_percent, last_update_period, last_update_at FROM "
      "assignment_successions WHERE joined = 0",
      {}, fn);
}

}  // namespace tiendo::store
