// The user's own notifications (reminders), with the unread count and the e-mail delivery state; and
// the reminder run an operator can start by hand.
#include "api/json_io.h"
#include "api/router.h"
#include "service/reminder_job.h"
#include "store/followup_store.h"

namespace tiendo::api {

namespace json = boost::json;

namespace {

Response list_notifications(Context& ctx) {
  const auto page = query_page(ctx.req);
  return ctx.db.read([&](store::Connection& c) {
    long long total = 0, unread = 0;
    json::array items;
    for (const auto& n : store::list_notifications(c, ctx.user().user_id, page, &total, &unread)) {
      items.push_back(json::object{{"id", n.id},
                                   {"kind", n.content.kind},
                                   {"title", n.content.title},
                                   {"body", n.content.body},
                                   {"title_en", n.content.title_en},
                                   {"body_en", n.content.body_en},
                                   {"link", n.content.link},
                                   {"created_at", n.created_at},
                                   {"read_at", nullable(n.read_at)},
                                   {"email", n.email ? json::value(json::object{{"state", n.email->state},
                                                                                {"attempts", n.email->attempts},
                                                                                {"last_error", n.email->last_error}})
                                                     : json::value(nullptr)}});
    }
    return json_response(200, json::object{{"items", std::move(items)}, {"total", total}, {"unread", unread}});
  });
}

Response mark_read(Context& ctx) {
  return ctx.db.write([&](store::Connection& c) {
    if (!store::mark_notification_read(c, ctx.path_id(), ctx.user().user_id, domain::iso(ctx.now)))
      throw not_found("thông báo");
    return json_response(200, json::object{{"ok", true}});
  });
}

Response preferences(Context& ctx) {
  const auto b = parse_body(ctx.req);
  const auto email = optional_bool(b, "email");
  if (!email) throw bad_request("email", "Cần chọn có hay không nhận thông báo qua thư điện tử.");
  ctx.db.write([&](store::Connection& c) { store::set_email_preference(c, ctx.user().user_id, *email); });
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
