#pragma once
// The scheduler's work, run inside the server (no external cron): turn due reminders into notifications,
// once each, and deliver the e-mail ones, retrying failures.
#include "domain/date.h"
#include "mail/smtp.h"
#include "store/db.h"

namespace tiendo::service {

// Creates the notifications of every reminder due from the day after the last run up to today, one
// transaction per plan and day. A restart in the middle repeats nothing: each day is recorded with its
// notifications, and each notification is unique per user and event.
int run_reminders(store::Database& db, domain::Instant now);

// Sends the e-mail deliveries that are due; returns how many were sent. A web client's link in a notification's
// body ("#/assignment/12", after a space or a line's start) becomes an address under public_url in the e-mail.
int deliver_mail(store::Database& db, const mail::SmtpConfig& smtp, const std::string& public_url, domain::Instant now);

}  // namespace tiendo::service
