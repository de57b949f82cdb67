// The user's own notifications (reminders), with the unread count and the e-mail delivery state
// (service/notifications); and the reminder run an operator can start by hand (service/reminder_job).
#include "api/json_io.h"
#include "api/router.h"
#include "service/notifications.h"
#include "service/reminder_job.h"

namespace tiendo::api {

namespace json = boost::json;

namespace {

Response list_notifications(Context& ctx) {
  const auto page = query_page(ctx.req);
  const auto call = call_of(ctx);
  return ctx.db.read(
      [&](store::Connection& c) { return json_response(200, service::notifications(c, call.who, page)); });
}

Response mark_read(Context& ctx) {
  const auto call = call_of(ctx);
  return ctx.db.write([&](store::Connection& c) {
    service::mark_notification_read(call.on(c), ctx.path_id());
    return json_response(200, json::object{{"ok", true}});
  });
}

Response preferences(Context& ctx) {
  const auto b = parse_body(ctx.req);
  const auto email = optional_bool(b, "email");
  if (!email) throw bad_request("email", "Cần chọn có hay không nhận thông báo qua thư điện tử.");
  const auto call = call_of(ctx);
  ctx.db.write([&](store::Connection& c) { service::set_email_preference(call.on(c), *email); });
  return json_response(200, json::object{{"email", *email}});
}

Response run_now(Context& ctx) {
  const int created = service::run_reminders(ctx.db, ctx.now, ctx.config.feedback_deadlines);
  return json_response(200, json::object{{"created", created}});
}

}  // namespace

void register_notifications(Router& r) {
  r.add("GET", "/api/v1/notifications", Permission::own_account, list_notifications);
  r.add("POST", "/api/v1/notifications/{id}/read", Permission::own_account, mark_read);
  r.add("PUT", "/api/v1/notifications/preferences", Permission::own_account, preferences);
  r.add("POST", "/api/v1/reminders/run", Permission::manage_plan, run_now);
}

}  // namespace tiendo::api
