#include "service/notifications.h"

#include "service/errors.h"
#include "service/json_out.h"
#include "store/followup_store.h"

namespace tiendo::service {

namespace json = boost::json;

json::object notifications(store::Connection& c, const Actor& who, store::Page page) {
  long long total = 0, unread = 0;
  json::array items;
  for (const auto& n : store::list_notifications(c, who.user_id, page, &total, &unread)) {
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
  return json::object{{"items", std::move(items)}, {"total", total}, {"unread", unread}};
}

void mark_notification_read(const Call& call, store::Id id) {
  if (!store::mark_notification_read(call.c, id, call.who.user_id, domain::iso(call.now))) throw not_found("thông báo");
}

void set_email_preference(const Call& call, bool email) {
  store::set_email_preference(call.c, call.who.user_id, email);
}

}  // namespace tiendo::service
