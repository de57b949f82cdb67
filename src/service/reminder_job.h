#pragma once
// The scheduler's work, run inside the server (no external cron): turn due reminders into notifications,
// once each, and deliver the e-mail ones, retrying failures.
#include <string>
#include <string_view>
#include <vector>

#include "domain/date.h"
#include "domain/feedback.h"
#include "mail/smtp.h"
#include "store/db.h"
#include "store/followup_store.h"
#include "store/model.h"

namespace tiendo::service {

// One notice: in the bell of each user, and by e-mail to those who chose it; once per user and event key. Its
// English is written beside the Vietnamese: {kind, title, body, link, title_en, body_en}.
using Notice = store::NotificationContent;
// One user; 1 when notified, 0 when the user already had this event.
int notify_user(store::Connection& c, const store::User& u, const std::string& key, const Notice& n,
                const std::string& at);
// The active users of a unit with one of `roles` ("focal_point", "unit_head"); how many were notified.
int notify_unit(store::Connection& c, store::Id unit_id, const std::vector<std::string_view>& roles,
                const std::string& key, const Notice& n, const std::string& at);
// Every active user of a role (the standing agency).
int notify_role(store::Connection& c, std::string_view role, const std::string& key, const Notice& n,
                const std::string& at);

// Creates the notifications of every reminder due from the day after the last run up to today, one
// transaction per plan and day, then those of explanation requests, feedback items and S&T tasks' monthly
// updates due soon or late today. A restart in the middle repeats nothing: each day is recorded with its notifications,
// and each notification is unique per user and event.
int run_reminders(store::Database& db, domain::Instant now, const domain::FeedbackDeadlines& feedback);

// Sends the e-mail deliveries that are due; returns how many were sent. A web client's link in a notification's
// body ("#/assignment/12", after a space or a line's start) becomes an address under public_url in the e-mail.
int deliver_mail(store::Database& db, const mail::SmtpConfig& smtp, const std::string& public_url, domain::Instant now);

}  // namespace tiendo::service
