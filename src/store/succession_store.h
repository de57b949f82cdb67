#pragma once
// R16: units merge and split. The successions of a closed unit, the assignments that passed to its successors,
// and the follow-ups that went with them. Rows are appended; only the follow-ups' holder moves.
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "store/db.h"
#include "store/model.h"

namespace tiendo::store {

struct Succession {
  Id id = 0;
  Id unit_id = 0, successor_id = 0;
  std::string unit_name, successor_name;
  int position = 0;  // 0: the default successor
  std::string closing_date, reason, recorded_at;
  int assignments = 0;  // assignments it passed on
};

// The successions where the unit closed (its successors) and those where it succeeded (its predecessors).
std::vector<Succession> successions_of(Connection& c, Id unit_id);
bool closed_by_succession(Connection& c, Id unit_id);
Id insert_succession(Connection& c, const Succession& s, std::optional<Id> by);

struct FollowupsMoved {
  int extensions = 0, overdue_reviews = 0, explanations = 0, escalations = 0;
};

// Passes `from` on to `to_unit` from `closing_date`: to the successor's assignment of the same task when it holds
// one (joined), else to a new assignment with the same deadline, trigger and decision, starting with the progress
// last submitted for `from`. Returns the successor's assignment id.
Id pass_assignment(Connection& c, const Assignment& from, Id to_unit, Id succession_id, const std::string& closing_date,
                   const std::string& at);
// The open follow-ups of `from` (pending extension requests, open overdue reviews, unanswered explanation
// requests, unanswered escalations) go to `to` and its unit.
void move_followups(Connection& c, Id from, Id to, Id to_unit, Id succession_id, FollowupsMoved& moved);
// The closed unit's other unanswered explanation requests (about an indicator, or work that did not pass) go to
// its default successor, which answers for it from then on.
int move_unit_explanations(Connection& c, Id unit_id, Id successor_id);

// The assignments created by a succession (not joined), for the Evaluator: (to_assignment_id, held_from,
// recorded_at, progress_percent, last_update_period, last_update_at).
void each_received_assignment(Connection& c, const std::function<void(const RowView&)>& fn);

}  // namespace tiendo::store
