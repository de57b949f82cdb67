#include "api/principal.h"

#include <array>

namespace tiendo::api {

namespace {
constexpr std::array<std::string_view, 8> kRoles{"admin",     "standing_agency", "leader", "directing_leader",
                                                 "unit_head", "focal_point",     "viewer", "host"};
}

std::string_view to_string(Role r) { return kRoles[static_cast<size_t>(r)]; }

bool role_from(std::string_view s, Role& out) {
  for (size_t i = 0; i < kRoles.size(); ++i) {
    if (kRoles[i] == s) {
      out = static_cast<Role>(i);
      return true;
    }
  }
  return false;
}

bool Principal::sees_all_units() const {
  return role == Role::admin || role == Role::standing_agency || role == Role::leader || role == Role::directing_leader;
}

service::Actor Principal::actor() const {
  service::Actor a;
  a.user_id = user_id;
  a.username = username;
  a.role = std::string(to_string(role));
  a.unit_id = unit_id;
  a.scope_path = scope_path();
  a.signs_for = signs_for;
  // A deputy signing for the head returns as the head would (checked first: the delegation is the head's).
  a.report_role = role == Role::unit_head || signs_for ? domain::ReportRole::unit_head
                  : role == Role::standing_agency      ? domain::ReportRole::standing_agency
                                                       : domain::ReportRole::unit_staff;
  a.feedback_role = role == Role::standing_agency ? domain::FeedbackRole::standing_agency
                    : role == Role::admin         ? domain::FeedbackRole::admin
                    : role == Role::unit_head     ? domain::FeedbackRole::unit_head
                    : role == Role::focal_point   ? domain::FeedbackRole::unit_officer
                                                  : domain::FeedbackRole::reader;
  a.st_role = role == Role::admin || role == Role::standing_agency   ? domain::StRole::managing_agency
              : role == Role::unit_head || role == Role::focal_point ? domain::StRole::unit_officer
              : role == Role::host                                   ? domain::StRole::host
                                                                     : domain::StRole::other;
  a.unit_path = unit_path;
  return a;
}

bool Principal::can(Permission p) const {
  using P = Permission;
  switch (p) {
    case P::read_plan:
    case P::read_unit_data:
      // A host organisation's officer sees nothing of the city's plan, reports or figures.
      return role != Role::host;
    case P::own_account:
    case P::work_st_tasks:
      return true;
    case P::manage_plan:
    case P::manage_units:
      return role == Role::admin || role == Role::standing_agency;
    case P::manage_users:
      return role == Role::admin;
    case P::draft_report:
      return role == Role::focal_point || role == Role::admin;
    case P::approve_report:
      return role == Role::unit_head || role == Role::admin || signs_for.has_value();
    case P::review_report:
      return role == Role::standing_agency || role == Role::admin;
    case P::return_report:
      return role == Role::unit_head || role == Role::standing_agency || role == Role::admin || signs_for.has_value();
    case P::read_audit:
      return role == Role::admin || role == Role::standing_agency;
    case P::request_explanation:
    case P::answer_escalation:
      return role == Role::admin || role == Role::standing_agency || role == Role::leader ||
             role == Role::directing_leader;
    case P::read_synthesis:
      return sees_all_units();
    case P::compile_synthesis:
      return role == Role::admin || role == Role::standing_agency;
    case P::handle_feedback:
      return role == Role::admin || role == Role::standing_agency || role == Role::unit_head ||
             role == Role::focal_point;
    case P::manage_exchange:
      return role == Role::admin;
    case P::answer_explanation:
      return role == Role::admin || role == Role::focal_point || role == Role::unit_head;
  }
  return false;
}

}  // namespace tiendo::api
