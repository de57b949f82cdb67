#pragma once
// A person's own notifications (reminders and the workflow's notices, each in Vietnamese and English) as the API
// runs them: the page of them with the unread count and each e-mail's delivery state, one marked read, and whether
// they are also sent by e-mail. Only the person's own: another's notification is not found. The SQL is
// store/followup_store; what creates them is reminder_job and the use cases that notify.
#include <boost/json.hpp>

#include "service/call.h"
#include "store/db.h"

namespace tiendo::service {

// Newest first: {items, total, unread}.
boost::json::object notifications(store::Connection& c, const Actor& who, store::Page page);
void mark_notification_read(const Call& call, store::Id id);
void set_email_preference(const Call& call, bool email);

}  // namespace tiendo::service
