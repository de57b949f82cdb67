#pragma once
// The life of a periodic report: draft -> submitted -> approved (unit head) -> accepted or returned
// (standing agency), and its timeliness against the rule's due date.
#include <optional>
#include <string>
#include <string_view>

#include "domain/date.h"

namespace tiendo::domain {

enum class ReportState { draft, submitted, approved, accepted, returned };
enum class ReportAction { edit, submit, approve, accept, send_back, withdraw, reopen };
enum class Timeliness { pending, on_time, late, missing };

std::string_view to_string(ReportState s);
std::optional<ReportState> report_state_from(std::string_view s);
std::string_view to_string(ReportAction a);
std::optional<ReportAction> report_action_from(std::string_view s);
std::string_view to_string(Timeliness t);

struct Transition {
  bool allowed = false;
  ReportState to = ReportState::draft;
  bool reopens = false;  // an accepted report back to a draft, only on the standing agency's grant
};

// Which state an action leads to, whoever takes it: the order of things.
Transition transition(ReportState from, ReportAction action);

// Who takes a step, as far as the order of things depends on it. The permission to take a kind of step at all is
// the role's (api/principal); which report, in which state, is decided here.
enum class ReportRole {
  unit_staff,       // the unit's focal point and officers, and roles without a say on the report's order
  unit_head,        // the unit head, or a deputy signing for the head (delegation)
  standing_agency,  // Sở KH&CN
};

// A step allowed, where it leads; or refused, with the Vietnamese reason naming the state (field "state").
struct StepDecision {
  bool allowed = false;
  ReportState to = ReportState::draft;
  std::string refusal;
};

// The one rule of a report's steps by role: the transition above, and for a return, whose turn it is — the unit
// head (or deputy) returns what the unit submitted, the standing agency what the head approved.
StepDecision report_step(ReportState from, ReportAction action, ReportRole by);

// A report counts from its first submission: returning it for a fix does not make a punctual unit late.
Timeliness timeliness(std::optional<Instant> first_submitted_at, Date due, Instant now);

}  // namespace tiendo::domain
