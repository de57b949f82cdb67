#pragma once
// The city's plans as the public page shows them (issue 15): each plan's tasks by name with their status as of a
// date, nothing else — no units' reports, notes or people — so a citizen can point a feedback item at the task it
// concerns and see how that task stands.
#include <string>
#include <vector>

#include "domain/date.h"
#include "store/db.h"
#include "store/model.h"

namespace tiendo::service {

struct PublicTask {
  store::Id id = 0;
  std::string code, name, field;
  std::string status;  // vocabulary "task_status"
};

struct PublicPlan {
  store::Id id = 0;
  std::string number, title;
  std::vector<PublicTask> tasks;  // in the plan's order
};

// Every plan (a directive with tasks) as it was at the end of `as_of`, newest first.
std::vector<PublicPlan> public_plans(store::Connection& c, domain::Date as_of, domain::Instant now);

}  // namespace tiendo::service
