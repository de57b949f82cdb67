#include "service/reminder_job.h"

#include <spdlog/spdlog.h>

#include <algorithm>

#include "domain/feedback.h"
#include "domain/reminders.h"
#include "domain/st_task.h"
#include "domain/text.h"
#include "domain/vocabulary.h"
#include "service/evaluation.h"
#include "service/st_figures.h"
#include "store/feedback_store.h"
#include "store/followup_store.h"
#include "store/user_store.h"

namespace tiendo::service {

using domain::Date;

int notify_user(store::Connection& c, const store::User& u, const std::string& key, const Notice& n,
                const std::string& at) {
  const auto id = store::insert_notification(c, u.id, key, n, at);
  if (!id) return 0;
  if (u.notify_email && !u.email.empty()) store::queue_delivery(c, *id, u.email, at);
  return 1;
}

namespace {

int notify_users(store::Connection& c, const std::vector<store::User>& users, const std::string& key, const Notice& n,
                 const std::string& at) {
  int created = 0;
  for (const auto& u : users) created += notify_user(c, u, key, n, at);
  return created;
}

}  // namespace

int notify_unit(store::Connection& c, store::Id unit_id, const std::vector<std::string_view>& roles,
                const std::string& key, const Notice& n, const std::string& at) {
  auto users = store::users_of_unit(c, unit_id);
  std::erase_if(users,
                [&](const store::User& u) { return std::find(roles.begin(), roles.end(), u.role) == roles.end(); });
  return notify_users(c, users, key, n, at);
}

int notify_role(store::Connection& c, std::string_view role, const std::string& key, const Notice& n,
                const std::string& at) {
  long long total = 0;
  auto users = store::list_users(c, std::nullopt, store::Page{10000, 0}, &total);
  std::erase_if(users, [&](const store::User& u) { return u.role != role || !u.active; });
  return notify_users(c, users, key, n, at);
}

namespace {

domain::ReminderSchedule schedule_of(const PlanCalendar& cal) {
  domain::ReminderSchedule s;
  domain::parse_day_list(cal.row.remind_days_before, s.days_before);
  s.days_after = cal.row.remind_days_after;
  s.digest_weekday = cal.row.digest_weekday;
  domain::parse_day_list(cal.row.annual_remind_days_before, s.annual_days_before);
  return s;
}

// "… #/assignment/12" -> "… https://host/#/assignment/12": a link in the app, an address in an e-mail.
std::string absolute_links(const std::string& body, std::string base) {
  while (!base.empty() && base.back() == '/') base.pop_back();
  std::string out;
  for (size_t i = 0; i < body.size(); ++i) {
    if (body.compare(i, 2, "#/") == 0 && (i == 0 || body[i - 1] == ' ' || body[i - 1] == '\n')) out += base + "/";
    out.push_back(body[i]);
  }
  return out;
}

int notify(store::Connection& c, store::Id unit_id, bool heads_too, const std::string& key, const Notice& n,
           const std::string& at) {
  if (heads_too) return notify_unit(c, unit_id, {"focal_point", "unit_head"}, key, n, at);
  return notify_unit(c, unit_id, {"focal_point"}, key, n, at);
}

int remind_day(store::Connection& c, const store::Directive& d, Date day, domain::Instant now) {
  Evaluator ev(c, day, now);
  const PlanCalendar& cal = ev.calendar(d.id);
  const std::string at = domain::iso(now);
  store::AssignmentFilter f;
  f.directive_id = d.id;
  const auto assignments = store::list_assignments(c, f);
  int created = 0;
  for (const auto& e : domain::reminders_on(cal.rule, cal.holidays, schedule_of(cal), day)) {
    const std::string key = e.key() + ":" + std::to_string(d.id);
    const std::string due = domain::vn_date(e.due);
    if (e.kind == domain::ReminderKind::weekly_digest) {
      std::map<store::Id, std::pair<int, int>> per_unit;  // overdue, due soon
      for (const auto& a : assignments) {
        const auto x = ev.evaluate(a);
        if (x.e.status == domain::AssignmentStatus::overdue) ++per_unit[a.unit_id].first;
        if (x.e.status == domain::AssignmentStatus::due_soon) ++per_unit[a.unit_id].second;
      }
      for (const auto& [unit, counts] : per_unit) {
        Notice n{"weekly_digest",
                 "Tổng hợp tuần: " + std::to_string(counts.first) + " nhiệm vụ quá hạn, " +
                     std::to_string(counts.second) + " sắp đến hạn (" + d.number + ")",
                 "Đề nghị đơn vị cập nhật tiến độ, rà soát nguyên nhân và lộ trình hoàn thành các nhiệm vụ quá hạn.",
                 "#/inbox",
                 "Weekly summary: " + domain::en_count(counts.first, "task", "tasks") + " overdue, " +
                     std::to_string(counts.second) + " due soon (" + d.number + ")",
                 "Please update progress and review the causes of the overdue tasks and the path to completing them."};
        created += notify(c, unit, false, key, n, at);
      }
      continue;
    }
    // Reminders about a report: to the units that owe it and have not sent it.
    for (const auto& o : report_obligations(c, ev, d.id, e.period, now, assignments, std::nullopt)) {
      const bool sent = o.report && o.report->state != "draft" && o.report->state != "returned";
      if (sent) continue;
      const std::string vn = e.period.vn_label(), en = e.period.en_label();
      Notice n;
      switch (e.kind) {
        case domain::ReminderKind::before_due:
          n = {"before_due",
               "Nhắc báo cáo " + vn + " (" + d.number + "): hạn " + due,
               "Còn " + std::to_string(e.days) + " ngày đến hạn gửi báo cáo tiến độ " + vn + ".",
               "#/inbox",
               "Report reminder " + en + " (" + d.number + "): due " + due,
               domain::en_count(e.days, "day", "days") + " left to send the progress report for " + en + "."};
          break;
        case domain::ReminderKind::after_due:
          n = {"after_due",
               "Chưa nhận được báo cáo " + vn + " (" + d.number + ")",
               "Báo cáo đã quá hạn " + due + ". Đề nghị đơn vị gửi ngay; lãnh đạo đơn vị cùng nhận thông báo này.",
               "#/inbox",
               "Report for " + en + " (" + d.number + ") not received",
               "The report was due on " + due + ". Please send it now; the unit's head receives this notice too."};
          break;
        case domain::ReminderKind::annual_before:
          n = {"annual_before",
               "Nhắc báo cáo năm " + std::to_string(e.period.year) + ": hạn " + due,
               "Báo cáo năm cần số liệu thực hiện đến nay và ước thực hiện cả năm.",
               "#/inbox",
               "Annual report reminder " + std::to_string(e.period.year) + ": due " + due,
               "The annual report needs the figures achieved to date and the estimate for the whole year."};
          break;
        case domain::ReminderKind::weekly_digest:
          break;
      }
      created += notify(c, o.unit_id, e.kind == domain::ReminderKind::after_due, key, n, at);
    }
  }
  return created;
}

// An explanation request has reminders of its own: two days before its deadline and the day after it,
// to the unit's focal points and head, once each (the key names the request and the milestone).
int remind_explanations(store::Connection& c, Date today, domain::Instant now) {
  int created = 0;
  for (const auto& x : store::list_explanations(c, std::nullopt, false)) {
    const auto due = domain::parse_iso_date(x.due_on);
    if (!due) continue;
    const std::string id = std::to_string(x.id);
    const std::string question = domain::clip(x.question, 200);
    if (today >= *due - std::chrono::days{2} && today <= *due) {
      created += notify(c, x.unit_id, true, "explanation_due:" + id,
                        {"explanation_due", "Sắp đến hạn giải trình (" + domain::vn_date(*due) + ")", question,
                         "#/inbox", "Explanation due soon (" + domain::vn_date(*due) + ")", question},
                        domain::iso(now));
    }
    if (today > *due) {
      created += notify(c, x.unit_id, true, "explanation_overdue:" + id,
                        {"explanation_overdue", "Quá hạn giải trình (" + domain::vn_date(*due) + ")", question,
                         "#/inbox", "Explanation overdue (" + domain::vn_date(*due) + ")", question},
                        domain::iso(now));
    }
  }
  return created;
}

// A feedback item still owed an answer, when its answer is due soon and again the day after its last on-time
// day: to whoever must act next — the lead unit once chosen (its head too when the draft waits for approval or
// the answer is late), before that the desk that entered it, and the standing agency for the public page's
// items. Once per item, milestone and due day, so an extension brings reminders of its own.
int remind_feedback(store::Connection& c, const domain::FeedbackDeadlines& deadlines, Date today, domain::Instant now) {
  store::FeedbackFilter filter;
  filter.awaiting_answer = true;
  int created = 0;
  for (const auto& f : store::list_feedback(c, filter, 0, 0, nullptr)) {
    const std::string& due_iso = f.owed_by;
    const auto due = domain::parse_iso_date(due_iso);
    if (!due) continue;
    const auto urgency = domain::feedback_urgency(deadlines, today, *due);
    if (urgency == domain::FeedbackUrgency::none) continue;
    const bool late = urgency == domain::FeedbackUrgency::overdue;
    const std::string what = std::string(domain::vi_label("feedback_kind", f.kind)) + " " + f.code;
    const std::string what_en = std::string(domain::en_label("feedback_kind", f.kind)) + " " + f.code;
    const std::string when = domain::vn_date(*due);
    const std::string title = "«" + domain::clip(f.title, 160) + "»";
    std::string ask, ask_en;
    if (f.state == "assigned") {
      ask = "Đề nghị đơn vị chủ trì dự thảo câu trả lời và trình lãnh đạo đơn vị phê duyệt.";
      ask_en = "Please draft the answer and submit it to the unit head for approval.";
    } else if (f.state == "drafted") {
      ask = "Dự thảo câu trả lời đang chờ lãnh đạo đơn vị phê duyệt.";
      ask_en = "The draft answer awaits the unit head's approval.";
    } else {
      ask = "Đề nghị phân loại và giao đơn vị chủ trì trả lời.";
      ask_en = "Please classify it and assign a lead unit to answer it.";
    }
    const long long days_late = late ? (today - *due).count() : 0;
    const Notice n{late ? "feedback_overdue" : "feedback_due",
                   what + (late ? ": quá hạn trả lời (hạn " + when + ")" : ": sắp đến hạn trả lời (" + when + ")"),
                   title +
                       (late ? " đã quá hạn trả lời " + std::to_string(days_late) + " ngày. "
                             : " cần được trả lời trước hết ngày " + when + ". ") +
                       ask,
                   "#/phan-anh/" + std::to_string(f.id),
                   what_en + (late ? ": answer overdue (due " + when + ")" : ": answer due soon (" + when + ")"),
                   title +
                       (late ? " is " + domain::en_count(days_late, "day", "days") + " past its answer deadline. "
                             : " must be answered by the end of " + when + ". ") +
                       ask_en};
    const std::string key =
        std::string(late ? "feedback_overdue:" : "feedback_due:") + std::to_string(f.id) + ":" + due_iso;
    const std::string at = domain::iso(now);
    if (f.lead_unit_id && (f.state == "assigned" || f.state == "drafted")) {
      created += notify(c, *f.lead_unit_id, late || f.state == "drafted", key, n, at);
    } else if (f.received_unit_id) {
      created += notify(c, *f.received_unit_id, late, key, n, at);
    } else {
      created += notify_role(c, "standing_agency", key, n, at);
    }
  }
  return created;
}

// The monthly update of an S&T task (R18) owed and not yet recorded, when due soon and once late: to whoever may
// record it — the host role's officers of its host organisation and of those above it (a university's for its
// institute), and the managing unit's focal points — and once late the managing unit's head and the standing
// agency too. Once per task, month and milestone.
int remind_st_updates(store::Connection& c, Date today, domain::Instant now) {
  const auto book = st_rule_book(c);
  long long total = 0;
  auto hosts = store::list_users(c, std::nullopt, store::Page{10000, 0}, &total);
  std::erase_if(hosts, [](const store::User& u) { return u.role != domain::kHostRole || !u.active; });
  const std::string at = domain::iso(now);
  int created = 0;
  for (const auto& [t, facts] : st_tasks_with_facts(c, {})) {
    for (const auto& r : domain::st_update_reminders(book, facts, today)) {
      const bool late = r.urgency == domain::StUpdateUrgency::overdue;
      const std::string vn = r.month.vn_label(), en = r.month.en_label(), due = domain::vn_date(r.due);
      const std::string title = "«" + domain::clip(t.title, 160) + "»",
                        link = "#/nhiem-vu-khcn/" + std::to_string(t.id);
      const Notice n = late ? Notice{"st_update_overdue",
                                     "Quá hạn cập nhật " + vn + " của nhiệm vụ " + t.code,
                                     "Tiến độ, sản phẩm và kinh phí đã sử dụng " + vn + " của nhiệm vụ " + title +
                                         " chưa được cập nhật, đã quá hạn ngày " + due + ". Đề nghị cập nhật ngay.",
                                     link,
                                     "Monthly update for " + en + " of task " + t.code + " is overdue",
                                     "The progress, products and spending for " + en + " of the task " + title +
                                         ", due by " + due + ", have not been recorded. Please record them now."}
                            : Notice{"st_update_due",
                                     "Cập nhật " + vn + " của nhiệm vụ " + t.code + ": hạn " + due,
                                     "Đề nghị cập nhật tiến độ, sản phẩm và kinh phí đã sử dụng " + vn +
                                         " của nhiệm vụ " + title + " chậm nhất ngày " + due + ".",
                                     link,
                                     "Monthly update for " + en + " of task " + t.code + " due " + due,
                                     "Please record the progress, products and spending for " + en + " of the task " +
                                         title + " by " + due + "."};
      const std::string key =
          std::string(late ? "st_update_overdue:" : "st_update_due:") + std::to_string(t.id) + ":" + r.month.key();
      for (const auto& u : hosts) {
        if (t.host_unit_path.starts_with(u.unit_path)) created += notify_user(c, u, key, n, at);
      }
      created += notify(c, t.managing_unit_id, late, key, n, at);
      if (late) created += notify_role(c, "standing_agency", key, n, at);
    }
  }
  return created;
}

}  // namespace

int run_reminders(store::Database& db, domain::Instant now, const domain::FeedbackDeadlines& feedback) {
  const Date today = domain::vietnam_date(now);
  const auto plans = db.read([](store::Connection& c) {
    store::DirectiveFilter f;
    f.has_plan = true;
    return store::list_directives(c, f, store::Page{1000, 0}, nullptr);
  });
  int created = 0;
  for (const auto& d : plans) {
    const auto last = db.read([&](store::Connection& c) { return store::last_reminder_day(c, d.id); });
    // A first run starts today: a new server does not replay the past's reminders.
    Date day = last ? *domain::parse_iso_date(*last) + std::chrono::days{1} : today;
    for (; day <= today; day += std::chrono::days{1}) {
      created += db.write([&](store::Connection& c) {
        // Another instance may have done this day meanwhile: the day's record decides.
        if (store::reminder_day_done(c, d.id, domain::iso(day))) return 0;
        const int n = remind_day(c, d, day, now);
        store::record_reminder_day(c, d.id, domain::iso(day), domain::iso(now));
        return n;
      });
    }
  }
  created += db.write([&](store::Connection& c) { return remind_explanations(c, today, now); });
  created += db.write([&](store::Connection& c) { return remind_feedback(c, feedback, today, now); });
  created += db.write([&](store::Connection& c) { return remind_st_updates(c, today, now); });
  return created;
}

namespace {

// Vietnamese first; the English below it, for a reader who chose English on the page (notifications made
// before English was kept have none).
std::string mail_body(const Notice& n, const std::string& public_url) {
  std::string body = absolute_links(n.body, public_url);
  if (!n.title_en.empty()) body += "\n\n———\n" + n.title_en + "\n" + absolute_links(n.body_en, public_url);
  return body + "\n\n— Tiến Độ";
}

}  // namespace

int deliver_mail(store::Database& db, const mail::SmtpConfig& smtp, const std::string& public_url,
                 domain::Instant now) {
  if (smtp.host.empty()) return 0;
  const auto claimed = db.write([&](store::Connection& c) {
    return store::claim_deliveries(c, domain::iso(now), domain::iso(now + std::chrono::minutes(2)), 20);
  });
  int sent = 0;
  for (const auto& row : claimed) {
    const store::Id id = row.id;
    const auto note = db.read([&](store::Connection& c) { return store::notification_text(c, row.notification_id); });
    const std::string error =
        !note ? "thông báo không còn" : mail::send_mail(smtp, row.address, note->title, mail_body(*note, public_url));
    // Retry after 1, 2, 4 … minutes.
    const auto backoff = std::chrono::minutes(1LL << std::min<long long>(row.attempts, 10));
    db.write([&](store::Connection& c) {
      store::finish_delivery(c, id, error.empty(), error, domain::iso(now), domain::iso(now + backoff));
    });
    if (error.empty()) {
      ++sent;
    } else {
      spdlog::warn("e-mail {} to {} failed: {}", id, row.address, error);
    }
  }
  return sent;
}

}  // namespace tiendo::service
