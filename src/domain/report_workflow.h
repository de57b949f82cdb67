#pragma once
// The life of a periodic report: draft -> submitted -> approved (unit head) -> accepted or returned
// (standing agency), and its timeliness against the rule's due date.
#include <optional>
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

// Which state an action leads to. Who may act is the API's concern; this is the order of things.
Transition transition(ReportState from, ReportAction action);

// A report counts from its first submission: returning it for a fix does not make a punctual unit late.
Timeliness timeliness(std::optional<Instant> first_submitted_at, Date due, Instant now);

}  // namespace tiendo::domain
