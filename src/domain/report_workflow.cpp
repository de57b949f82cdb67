#include "domain/report_workflow.h"

#include <array>

#include "domain/labels.h"
#include "domain/names.h"

namespace tiendo::domain {

namespace {
constexpr std::array<std::string_view, 5> kStates{"draft", "submitted", "approved", "accepted", "returned"};
constexpr std::array<std::string_view, 7> kActions{"edit",   "submit",   "approve", "accept",
                                                   "return", "withdraw", "reopen"};
constexpr std::array<std::string_view, 4> kTimeliness{"pending", "on_time", "late", "missing"};
}  // namespace

std::string_view to_string(ReportState v) { return name_of(kStates, v); }
std::optional<ReportState> report_state_from(std::string_view s) { return from_name<ReportState>(kStates, s); }
std::string_view to_string(ReportAction v) { return name_of(kActions, v); }
std::optional<ReportAction> report_action_from(std::string_view s) { return from_name<ReportAction>(kActions, s); }
std::string_view to_string(Timeliness v) { return name_of(kTimeliness, v); }

Transition transition(ReportState from, ReportAction action) {
  using S = ReportState;
  using A = ReportAction;
  switch (action) {
    case A::edit:
      if (from == S::draft || from == S::returned) return {true, from, false};
      return {};  // an accepted report is reopened only by a granted request, never by an edit
    case A::submit:
      if (from == S::draft || from == S::returned) return {true, S::submitted, false};
      return {};
    case A::approve:
      if (from == S::submitted) return {true, S::approved, false};
      return {};
    case A::accept:
      if (from == S::approved) return {true, S::accepted, false};
      return {};
    case A::send_back:
      if (from == S::submitted || from == S::approved) return {true, S::returned, false};
      return {};
    case A::withdraw:  // the focal point takes a sent report back until the unit head acts on it
      if (from == S::submitted) return {true, S::draft, false};
      return {};
    case A::reopen:  // the standing agency grants the focal point's request to reopen an accepted report
      if (from == S::accepted) return {true, S::draft, true};
      return {};
  }
  return {};
}

StepDecision report_step(ReportState from, ReportAction action, ReportRole by) {
  using S = ReportState;
  using A = ReportAction;
  const auto t = transition(from, action);
  auto refuse = [](std::string why) { return StepDecision{false, S::draft, std::move(why)}; };
  const std::string state = "\"" + std::string(vn_label(from)) + "\"";
  if (!t.allowed) {
    if (action == A::edit && from == S::accepted)
      return refuse("Báo cáo đã được cơ quan thường trực tiếp nhận; muốn sửa, hãy gửi đề nghị mở lại kèm lý do.");
    if (action == A::edit) return refuse("Báo cáo đang ở trạng thái " + state + ", không thể chỉnh sửa.");
    if (action == A::withdraw) return refuse("Chỉ rút lại được báo cáo đã gửi mà lãnh đạo đơn vị chưa phê duyệt.");
    return refuse("Không thể " + std::string(vn_verb(action)) + " báo cáo đang ở trạng thái " + state + ".");
  }
  if (action == A::send_back && by == ReportRole::unit_head && from != S::submitted)
    return refuse("Báo cáo đã được phê duyệt; chỉ cơ quan thường trực có thể trả lại.");
  if (action == A::send_back && by == ReportRole::standing_agency && from != S::approved)
    return refuse("Báo cáo chưa được lãnh đạo đơn vị phê duyệt.");
  return {true, t.to, {}};
}

Timeliness timeliness(std::optional<Instant> first_submitted_at, Date due, Instant now) {
  const Instant deadline = end_of_vietnam_day(due);
  if (first_submitted_at) return *first_submitted_at < deadline ? Timeliness::on_time : Timeliness::late;
  return now < deadline ? Timeliness::pending : Timeliness::missing;
}

}  // namespace tiendo::domain
