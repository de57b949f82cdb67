#include "service/nudge.h"

#include <algorithm>
#include <random>
#include <set>

#include "domain/text.h"
#include "service/audit.h"
#include "service/evaluation.h"
#include "service/reminder_job.h"
#include "store/plan_store.h"
#include "store/user_store.h"

namespace tiendo::service {

namespace json = boost::json;

namespace {

struct Nudge {
  store::Id unit_id = 0;
  std::string unit_name, key;
  Notice notice;
};

// The units that owe the judged period's report and have not sent it (as the reminder job finds them), in scope.
std::vector<Nudge> report_nudges(const Call& call, store::Id directive_id, const std::vector<store::Id>& only,
                                 const std::string& note) {
  auto& c = call.c;
  const auto d = store::find_directive(c, directive_id);
  if (!d || !d->has_plan) throw invalid("directive_id", "Văn bản này không có kế hoạch.");
  Evaluator ev(c, domain::vietnam_date(call.now), call.now);
  const auto& cal = ev.calendar(d->id);
  const auto period = ev.judged(d->id);
  const auto due = domain::report_due_date(cal.rule, cal.holidays, period);
  store::AssignmentFilter f;
  f.directive_id = d->id;
  f.scope_path = call.who.scope_path;
  std::vector<Nudge> out;
  std::set<store::Id> owing;
  for (const auto& o :
       report_obligations(c, ev, d->id, period, call.now, store::list_assignments(c, f), f.scope_path)) {
    const bool sent = o.report && o.report->state != "draft" && o.report->state != "returned";
    if (sent) continue;
    owing.insert(o.unit_id);
    if (!only.empty() && std::find(only.begin(), only.end(), o.unit_id) == only.end()) continue;
    Notice n{"manual_report",
             "Nhắc gửi báo cáo " + d->number + " " + period.vn_label(),
             "Đề nghị " + o.unit_name + " hoàn thành và gửi báo cáo " + period.vn_label() + " theo Kế hoạch " +
                 d->number + " (hạn nộp " + domain::vn_date(due) + ")." + (note.empty() ? "" : "\n" + note),
             "#/inbox",
             "Reminder to send the report " + d->number + " " + period.en_label(),
             o.unit_name + ": please complete and send the report for " + period.en_label() + " under plan " +
                 d->number + " (due " + domain::vn_date(due) + ")." + (note.empty() ? "" : "\n" + note)};
    out.push_back(Nudge{o.unit_id, o.unit_name,
                        "manual_report:" + std::to_string(d->id) + ":" + period.key() + ":" + std::to_string(o.unit_id),
                        std::move(n)});
  }
  for (const auto id : only) {
    if (!owing.contains(id))
      throw conflict("Đơn vị được chọn không còn nợ báo cáo kỳ này (đã gửi, hoặc ngoài phạm vi của bạn).", "unit_ids");
  }
  if (out.empty()) throw conflict("Không có đơn vị nào chưa gửi báo cáo kỳ này để nhắc.", "directive_id");
  return out;
}

// The units of overdue assignments, each with its assignment named.
std::vector<Nudge> assignment_nudges(const Call& call, const std::vector<store::Id>& ids, const std::string& note) {
  Evaluator ev(call.c, domain::vietnam_date(call.now), call.now);
  std::vector<Nudge> out;
  for (const auto id : ids) {
    auto a = store::find_assignment(call.c, id);
    if (!a || !call.who.in_scope(a->unit->path)) throw not_found("nhiệm vụ được giao");
    const auto x = ev.evaluate(*a);
    if (x.e.status != domain::AssignmentStatus::overdue)
      throw conflict(
          "Nhiệm vụ " + a->task->code + " của " + a->unit->name + " không quá hạn; chỉ nhắc nhiệm vụ quá hạn.",
          "assignment_ids");
    const std::string task = a->task->code + ". " + a->task->name;
    const std::string due = x.e.due ? domain::vn_date(*x.e.due) : "";
    Notice n{"manual_overdue",
             "Nhắc nhiệm vụ quá hạn: " + a->task->code + ". " + domain::clip(a->task->name, 120),
             "Nhiệm vụ \"" + task + "\" đã quá hạn " + std::to_string(x.e.overdue_days) + " ngày (thời hạn " + due +
                 "). Đề nghị " + a->unit->name +
                 " khẩn trương thực hiện, cập nhật tiến độ và báo cáo nguyên nhân, lộ trình hoàn thành." +
                 (note.empty() ? "" : "\n" + note),
             "#/assignment/" + std::to_string(a->id),
             "Overdue task reminder: " + a->task->code + ". " + domain::clip(a->task->name, 120),
             "The task \"" + task + "\" is " + domain::en_count(x.e.overdue_days, "day", "days") +
                 " overdue (deadline " + due + "). " + a->unit->name +
                 ": please carry it out without delay, update its progress and report the causes and the path to "
                 "completion." +
                 (note.empty() ? "" : "\n" + note)};
    out.push_back(Nudge{a->unit_id, a->unit->name, "manual_overdue:" + std::to_string(a->id), std::move(n)});
  }
  return out;
}

}  // namespace

json::object send_nudges(const Call& call, const NudgeInput& in) {
  if (in.directive_id.has_value() == !in.assignment_ids.empty())
    throw invalid("directive_id", "Chọn hoặc một kế hoạch (nhắc gửi báo cáo), hoặc các nhiệm vụ quá hạn để nhắc.");
  const auto nudges = in.directive_id ? report_nudges(call, *in.directive_id, in.unit_ids, in.note)
                                      : assignment_nudges(call, in.assignment_ids, in.note);
  json::array items;
  long long sent = 0;
  // Each press is its own event: the same reminder sent again reaches the bell again, even within the second
  // (the instant alone would make two presses one notification).
  const std::string at = domain::iso(call.now);
  const std::string press = at + ":" + std::to_string(std::random_device{}());
  for (const auto& n : nudges) {
    int reached = 0;
    for (const auto& u : store::users_of_unit(call.c, n.unit_id))
      if (u.role == "focal_point" || u.role == "unit_head") ++reached;
    if (!in.preview)
      sent += notify_unit(call.c, n.unit_id, {"focal_point", "unit_head"}, n.key + ":" + press, n.notice, at);
    items.push_back(json::object{{"unit_id", n.unit_id},
                                 {"unit_name", n.unit_name},
                                 {"title", n.notice.title},
                                 {"body", n.notice.body},
                                 {"title_en", n.notice.title_en},
                                 {"body_en", n.notice.body_en},
                                 {"users", reached}});
  }
  json::object out{{"preview", in.preview}, {"items", std::move(items)}, {"notifications", sent}};
  // Not value_or(assignment_ids.front()): its argument is evaluated first, on an empty list for a plan's reminders.
  if (!in.preview)
    audit(call.c, call.postgres, &call.who, call.now, "reminder",
          in.directive_id ? *in.directive_id : in.assignment_ids.front(),
          in.directive_id ? "send_report" : "send_overdue", nullptr, out);
  return out;
}

}  // namespace tiendo::service
