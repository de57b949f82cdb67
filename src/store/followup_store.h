#pragma once
// Following up overdue work: extension requests, overdue reviews, explanation requests, escalations,
// and the notifications (with their e-mail deliveries) that reminders create, each read back as a named struct.
#include <optional>
#include <string>
#include <vector>

#include "store/db.h"
#include "store/model.h"

namespace tiendo::store {

// A request to move an assignment's deadline, with the work it concerns; decided once by the standing agency.
struct Extension {
  Id id = 0, assignment_id = 0;
  std::optional<std::string> previous_due;
  std::string requested_due, reason, state, requested_at;  // state: pending, approved, refused
  std::optional<std::string> decided_at;
  Id unit_id = 0;
  std::string unit_name, unit_path, task_code, task_name;
  std::optional<std::string> original_due;
};
// Each list: rows in scope (unit subtree), newest first; `state` filters when given.
std::vector<Extension> list_extensions(Connection& c, const std::optional<std::string>& scope_path,
                                       const std::optional<std::string>& state);
std::optional<Extension> find_extension(Connection& c, Id id);
Id insert_extension(Connection& c, Id assignment_id, const std::optional<std::string>& previous_due,
                    const std::string& requested_due, const std::string& reason, Id by, const std::string& at);
bool has_pending_extension(Connection& c, Id assignment_id);
// Each decision below applies once: false when the row is no longer in the state it expects.
bool decide_extension(Connection& c, Id id, const std::string& state, Id by, const std::string& at);

// An overdue assignment's review (Decree 30 follow-up): cause, who is responsible, remedy, new deadline, roadmap.
struct OverdueReview {
  Id id = 0, assignment_id = 0;
  std::string cause, responsible_unit, responsible_person, remedy, new_due, roadmap, state, created_at;  // open, closed
  std::optional<std::string> closed_at;
  Id unit_id = 0;
  std::string unit_name, unit_path, task_code, task_name;
};
std::vector<OverdueReview> list_overdue_reviews(Connection& c, const std::optional<std::string>& scope_path,
                                                const std::optional<std::string>& state);
std::optional<OverdueReview> find_overdue_review(Connection& c, Id id);
Id insert_overdue_review(Connection& c, Id assignment_id, const std::string& cause, const std::string& responsible_unit,
                         const std::string& responsible_person, const std::string& remedy, const std::string& new_due,
                         const std::string& roadmap, Id by, const std::string& at);
bool close_overdue_review(Connection& c, Id id, const std::string& at);

// A leader's request that a unit explain work or an indicator, answered once by its deadline.
struct Explanation {
  Id id = 0, unit_id = 0;
  std::string unit_name, unit_path;
  std::optional<Id> assignment_id, indicator_id;
  std::string question, due_on, requested_at;
  std::optional<std::string> answer, answered_at;
  std::string requested_by_name;
};
std::vector<Explanation> list_explanations(Connection& c, const std::optional<std::string>& scope_path,
                                           std::optional<bool> answered);
std::optional<Explanation> find_explanation(Connection& c, Id id);
Id insert_explanation(Connection& c, Id unit_id, std::optional<Id> assignment_id, std::optional<Id> indicator_id,
                      const std::string& question, const std::string& due_on, Id by, const std::string& at);
bool answer_explanation(Connection& c, Id id, const std::string& answer, Id by, const std::string& at);

// A report item flagged "vượt thẩm quyền" in a report that left the unit, with any answer recorded, and the unit
// that follows it up now when its own was merged or split (R16).
struct Escalation {
  Id report_id = 0, assignment_id = 0, unit_id = 0;
  std::string unit_name, period, task_code, task_name, difficulties, proposals;
  std::optional<std::string> submitted_at, answer, answered_at;
  std::optional<Id> held_by_unit_id;
  std::optional<std::string> held_by_unit_name;
};
std::vector<Escalation> list_escalations(Connection& c, const std::optional<std::string>& scope_path,
                                         std::optional<bool> answered);
bool escalation_exists(Connection& c, Id report_id, Id assignment_id, const std::optional<std::string>& scope_path);
bool answer_escalation(Connection& c, Id report_id, Id assignment_id, const std::string& answer, Id by,
                       const std::string& at);

// What a notification says, in Vietnamese and in English (written together, from the same facts), and where it
// leads ("#/inbox", "#/report/12").
struct NotificationContent {
  std::string kind, title, body, link, title_en, body_en;
};
// Inserts unless the user already has this event; returns the new id, or nothing when it existed.
std::optional<Id> insert_notification(Connection& c, Id user_id, const std::string& event_key,
                                      const NotificationContent& n, const std::string& at);
// One notification in a user's bell, with its e-mail delivery when one was queued.
struct NotificationRow {
  Id id = 0;
  NotificationContent content;
  std::string created_at;
  std::optional<std::string> read_at;
  struct Email {
    std::string state, last_error;
    long long attempts = 0;
  };
  std::optional<Email> email;
};
std::vector<NotificationRow> list_notifications(Connection& c, Id user_id, Page page, long long* total,
                                                long long* unread);
bool mark_notification_read(Connection& c, Id id, Id user_id, const std::string& at);
void set_email_preference(Connection& c, Id user_id, bool email);
void queue_delivery(Connection& c, Id notification_id, const std::string& address, const std::string& at);
// Leases up to `limit` deliveries that are due; a crashed sender's lease expires and another takes over.
struct ClaimedMail {
  Id id = 0, notification_id = 0;
  std::string address;
  long long attempts = 0;  // this one included
};
std::vector<ClaimedMail> claim_deliveries(Connection& c, const std::string& now, const std::string& lease_until,
                                          int limit);
// What an e-mail of a notification says; none when the notification is gone.
std::optional<NotificationContent> notification_text(Connection& c, Id notification_id);
void finish_delivery(Connection& c, Id id, bool sent, const std::string& error, const std::string& now,
                     const std::string& retry_at);

std::optional<std::string> last_reminder_day(Connection& c, Id directive_id);
bool reminder_day_done(Connection& c, Id directive_id, const std::string& day);
void record_reminder_day(Connection& c, Id directive_id, const std::string& day, const std::string& at);
// The weekly brief of new risks (issue 17): whether an ISO week's brief is done, and recording it.
bool risk_brief_sent(Connection& c, const std::string& week);
void record_risk_brief(Connection& c, const std::string& week, const std::string& at);

}  // namespace tiendo::store
