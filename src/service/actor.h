#pragma once
// Who runs a use case, as a service needs to know it: who signs the audit entry and the reviews, which unit
// subtree they reach, and their part in a report's order of steps. The API builds it from the session
// (api/principal); the command line and the scheduler act as the system.
#include <optional>
#include <string>

#include "domain/feedback.h"
#include "domain/report_workflow.h"
#include "domain/st_task.h"
#include "store/model.h"

namespace tiendo::service {

struct Actor {
  store::Id user_id = 0;  // 0: the system (command line, scheduler)
  std::string username;
  std::string role;  // the account's role code ("admin", "unit_head", …), for a rule that names one (delegation)
  store::Id unit_id = 0;
  std::optional<std::string> scope_path;  // nothing: the whole city
  domain::ReportRole report_role = domain::ReportRole::unit_staff;
  std::optional<store::Id> signs_for;  // the unit head a deputy approves for today (delegation)
  domain::FeedbackRole feedback_role = domain::FeedbackRole::reader;  // their part in the feedback inbox
  domain::StRole st_role = domain::StRole::other;                     // their part in the S&T register
  std::string unit_path;                                              // their own unit's, whatever their scope
  std::string source = "api";  // the channel their audit entries name: "api", or "cli" for the command line

  bool in_scope(const std::string& path) const { return !scope_path || path.starts_with(*scope_path); }
};

}  // namespace tiendo::service
