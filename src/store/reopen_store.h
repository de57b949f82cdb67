#pragma once
// Requests to reopen an accepted report (issue 14): asked by the unit's focal point with a reason, decided by
// the standing agency. A request is written once and decided once; the decided ones are the record.
#include <optional>
#include <string>
#include <vector>

#include "store/db.h"
#include "store/model.h"

namespace tiendo::store {

struct ReopenRequest {
  Id id = 0;
  Id report_id = 0;
  std::string reason;
  Id requested_by = 0;
  std::string requested_at;
  std::optional<std::string> decision;  // granted | refused; none while pending
  std::string decision_note;
  std::optional<Id> decided_by;
  std::optional<std::string> decided_at;
  // joined
  std::string requested_by_name, decided_by_name, unit_name, unit_path, period, directive_number;
  Id unit_id = 0, directive_id = 0;
};

Id insert_reopen_request(Connection& c, const ReopenRequest& r);
std::optional<ReopenRequest> find_reopen_request(Connection& c, Id id);
std::optional<ReopenRequest> latest_reopen_request(Connection& c, Id report_id);
// Requests of the reports in `scope_path` (all without it), pending only or decided only when asked; newest first.
std::vector<ReopenRequest> list_reopen_requests(Connection& c, const std::optional<std::string>& scope_path,
                                                std::optional<bool> pending);
// Records the decision of a pending request; false when it was decided meanwhile.
bool decide_reopen_request(Connection& c, Id id, const std::string& decision, const std::string& note, Id by,
                           const std::string& at);

}  // namespace tiendo::store
