#pragma once
// What changed since a point of the audit log. Every write appends exactly one chained audit entry in its
// own transaction, and the chain's lock makes audit ids follow commit order, so "entries after id N" is a
// complete list of the writes a reader has not seen — on any server instance sharing the database.
#include <set>

#include "store/db.h"
#include "store/model.h"

namespace tiendo::store {

struct Changes {
  long long last_seq = 0;  // the newest audit id seen
  // Something other than one unit's own work changed (plan, unit tree, calendar): recompute everything.
  bool structural = false;
  // Feedback items or S&T tasks changed: only the figures the system computes from them (R19's indicators, the
  // ranking's feedback component, R11) can have moved, no unit's own work.
  bool computed = false;
  std::set<Id> units;  // units whose reports, assignments or figures changed
};

long long current_seq(Connection& c);
// `escalations`: an answer to a "vượt thẩm quyền" flag counts as a change of its report's unit (it moves no figure of
// the dashboard, but it ends a risk: issue 17).
Changes changes_since(Connection& c, long long seq, bool escalations = false);

}  // namespace tiendo::store
