#pragma once
// "Nhắc" from where the leader looks (issue 14, item 9): a reminder to the units that have not sent the judged
// period's report (one, several or all), or to the units of overdue assignments, through the reminders' own path
// (service/reminder_job: the bell, and e-mail per each user's choice), audited. With a preview nothing is sent or
// audited: the page shows the message and its recipients first. Runs in the caller's transaction (a read one for a
// preview) and raises service::Error.
#include <boost/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "service/call.h"
#include "service/errors.h"
#include "store/model.h"

namespace tiendo::service {

// Either a plan (its units that owe the judged period's report; `unit_ids`: only these) or overdue assignments.
struct NudgeInput {
  bool preview = false;
  std::string note;  // added to every message
  std::optional<store::Id> directive_id;
  std::vector<store::Id> unit_ids, assignment_ids;
};
// Each unit reached with its message and how many of its focal points and heads read it; how many notifications
// were created.
boost::json::object send_nudges(const Call& call, const NudgeInput& in);

}  // namespace tiendo::service
