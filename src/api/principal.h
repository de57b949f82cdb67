#pragma once
// Who is asking, and what their role and unit subtree allow.
#include <string>
#include <string_view>

#include "service/actor.h"
#include "store/model.h"

namespace tiendo::api {

// host: an officer of an S&T task's host organisation (issue 16), who works only on the tasks it hosts.
enum class Role { admin, standing_agency, leader, directing_leader, unit_head, focal_point, viewer, host };

std::string_view to_string(Role r);
bool role_from(std::string_view s, Role& out);

enum class Permission {
  read_plan,       // directives, indicators, tasks, units, groups: the plan is shared by every city role
  read_unit_data,  // assignments, reports, evidence, dashboards, within the unit subtree
  manage_plan,     // create directives, indicators, tasks; rules, holidays
  manage_units,    // units, groups
  manage_users,
  draft_report,    // focal point: create, edit, submit, upload evidence
  approve_report,  // unit head: approve or send back the own unit's report
  review_report,   // standing agency: accept or return, confirm completion
  return_report,   // unit head (before approval) or standing agency (after): send back with a reason
  read_audit,
  request_explanation,  // leaders and the standing agency ask a unit to explain
  answer_explanation,   // the unit's focal point or head answers
  answer_escalation,    // the committee's answer to what exceeds a unit's authority
  read_synthesis,       // the city's synthesis reports and appendices: whole-city roles
  compile_synthesis,    // the standing agency writes the synthesis report's narrative
  handle_feedback,      // feedback items: the standing agency and the units' officers and heads (domain/feedback says
                        // which step each may take on which item)
  manage_exchange,      // external systems, event subscriptions and their delivery log: the admin
  own_account,          // one's session, password and notifications: every signed-in person, hosts too
  work_st_tasks,        // the S&T task register within one's scope, its stage steps and monthly updates
                        // (domain/st_task says who may take which): every city role and the host's officers
};

struct Principal {
  store::Id user_id = 0;
  std::string username, full_name;
  Role role = Role::viewer;
  store::Id unit_id = 0;
  std::string unit_path;
  // The unit head this user approves for today under a delegation (issue 14): approval and sending back as
  // the head would, signed "KT.".
  std::optional<store::Id> signs_for;

  bool can(Permission p) const;
  // Whole-city roles see every unit; the others see their own unit and what lies beneath it.
  bool sees_all_units() const;
  bool in_scope(const std::string& path) const { return sees_all_units() || path.starts_with(unit_path); }
  // The subtree filter to apply to a query, or nothing for whole-city roles.
  std::optional<std::string> scope_path() const { return sees_all_units() ? std::nullopt : std::optional(unit_path); }
  // The same person as a use case sees them (service/actor).
  service::Actor actor() const;
};

}  // namespace tiendo::api
