// "Nhắc" from where the leader looks (issue 14, item 9): a reminder to the units that have not sent the judged
// period's report (one, several or all), or to the units of overdue assignments, through the reminders' own path
// (the bell, and e-mail per each user's choice), audited. With "preview" nothing is sent: the page shows the
// message and its recipients first.
#include <random>
#include <set>

#include "api/json_io.h"
#include "api/router.h"
#include "domain/text.h"
#include "service/evaluation.h"
#include "service/reminder_job.h"
#include "store/plan_store.h"
#include "store/user_store.h"

namespace tiendo::api {

namespace json = boost::json;
using service::Evaluator;
using service::Notice;
using service::notify_unit;
using service::report_obligations;

namespace {

struct Nudge {
  store::Id unit_id = 0;
  std::string unit_name, key;
  Notice notice;
};

std::vector<store::Id> ids_of(const json::object& body, const std::string& field) {
  std::vector<store::Id> out;
  auto it = body.find(field);
  if (it == body.end() || it->value().is_null()) return out;
  if (!it->value().is_array()) throw bad_request(field, "Trường " + label(field) + " phải là một danh sách mã số.");
  for (const auto& v : it->value().as_array()) {
    if (!v.is_int64() || v.as_int64() <= 0) throw bad_request(field, "Trường " + label(field) + " chỉ chứa mã số.");
    out.push_back(v.as_int64());
  }
  return out;
}

// The units that owe the judged period's report and have not sent it (as the reminder job finds them), in scope.
std::vector<Nudge> report_nudges(Context& ctx, store::Connection& c, store::Id directive_id,
                                 const std::vector<store::Id>& only, const std::string& note) {
  const auto d = store::find_directive(c, directive_id);
  if (!d || !d->has_plan) throw bad_request("directive_id", "Văn bản này không có kế hoạch.");
  Evaluator ev(c, domain::vietnam_date(ctx.now), ctx.now);
  const auto& cal = ev.calendar(d->id);
  const auto period = ev.judged(d->id);
  const auto due = domain::report_due_date(cal.rule, cal.holidays, period);
  store::AssignmentFilter f;
  f.directive_id = d->id;
  f.scope_path = ctx.user().scope_path();
  std::vector<Nudge> out;
  std::set<store::Id> owing;
  for (const auto& o : report_obligations(c, ev, d->id, period, ctx.now, store::list_assignments(c, f), f.scope_path)) {
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
std::vector<Nudge> assignment_nudges(Context& ctx, store::Connection& c, const std::vector<store::Id>& ids,
                                     const std::string& note) {
  Evaluator ev(c, domain::vietnam_date(ctx.now), ctx.now);
  std::vector<Nudge> out;
  for (const auto id : ids) {
    auto a = store::find_assignment(c, id);
    if (!a || !ctx.user().in_scope(a->unit->path)) throw not_found("nhiệm vụ được giao");
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

Response send(Context& ctx) {
  const auto body = parse_body(ctx.req);
  const bool preview = optional_bool(body, "preview").value_or(false);
  const std::string note = optional_string(body, "message", 2000).value_or("");
  const auto directive_id = optional_int(body, "directive_id", 1, INT64_MAX);
  const auto units = ids_of(body, "unit_ids");
  const auto assignments = ids_of(body, "assignment_ids");
  if (directive_id.has_value() == !assignments.empty())
    throw bad_request("directive_id", "Chọn hoặc một kế hoạch (nhắc gửi báo cáo), hoặc các nhiệm vụ quá hạn để nhắc.");
  const auto work = [&](store::Connection& c) {
    const auto nudges =
        directive_id ? report_nudges(ctx, c, *directive_id, units, note) : assignment_nudges(ctx, c, assignments, note);
    json::array items;
    long long sent = 0;
    // Each press is its own event: the same reminder sent again reaches the bell again, even within the second
    // (the instant alone would make two presses one notification).
    const std::string at = domain::iso(ctx.now);
    const std::string press = at + ":" + std::to_string(std::random_device{}());
    for (const auto& n : nudges) {
      int reached = 0;
      for (const auto& u : store::users_of_unit(c, n.unit_id))
        if (u.role == "focal_point" || u.role == "unit_head") ++reached;
      if (!preview) sent += notify_unit(c, n.unit_id, {"focal_point", "unit_head"}, n.key + ":" + press, n.notice, at);
      items.push_back(json::object{{"unit_id", n.unit_id},
                                   {"unit_name", n.unit_name},
                                   {"title", n.notice.title},
                                   {"body", n.notice.body},
                                   {"title_en", n.notice.title_en},
                                   {"body_en", n.notice.body_en},
                                   {"users", reached}});
    }
    json::object out{{"preview", preview}, {"items", std::move(items)}, {"notifications", sent}};
    // Not value_or(assignments.front()): its argument is evaluated first, on an empty list for a plan's reminders.
    if (!preview)
      audit(ctx, c, "reminder", directive_id ? *directive_id : assignments.front(),
            directive_id ? "send_report" : "send_overdue", nullptr, out);
    return out;
  };
  if (preview) return json_response(200, ctx.db.read(work));
  return json_response(200, ctx.db.write(work));
}

}  // namespace

void register_nudges(Router& r) { r.add("POST", "/api/v1/reminders/send", Permission::request_explanation, send); }

}  // namespace tiendo::api
