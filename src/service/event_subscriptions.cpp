#include "service/event_subscriptions.h"

#include <sodium.h>

#include "domain/exchange.h"
#include "domain/ranges.h"
#include "service/audit.h"
#include "service/json_out.h"

namespace tiendo::service {

namespace json = boost::json;

namespace {

json::object to_json(const store::EventSubscription& s) {
  json::array types;
  for (const auto& t : domain::split_event_types(s.event_types)) types.push_back(json::value(t));
  return json::object{{"id", s.id},
                      {"name", s.name},
                      {"url", s.url},
                      {"event_types", types},
                      {"active", s.active},
                      {"created_at", s.created_at},
                      {"outbox_system", nullable(s.outbox_system)}};
}

json::object delivery_json(const store::EventDelivery& d) {
  return json::object{{"id", d.id},
                      {"event_id", d.event_id},
                      {"event_type", d.type},
                      {"occurred_at", d.occurred_at},
                      {"subscription_id", d.subscription_id},
                      {"subscription_name", d.subscription_name},
                      {"state", d.state},
                      {"attempts", d.attempts},
                      {"next_attempt_at", d.next_attempt_at},
                      {"last_error", d.last_error},
                      {"sent_at", nullable(d.sent_at)}};
}

std::string new_secret() {
  unsigned char raw[32];
  randombytes_buf(raw, sizeof raw);
  char hex[65];
  sodium_bin2hex(hex, sizeof hex, raw, sizeof raw);
  return hex;
}

}  // namespace

json::array event_subscriptions(store::Connection& c) {
  json::array items;
  for (const auto& s : store::list_subscriptions(c)) items.push_back(to_json(s));
  return items;
}

json::object create_event_subscription(const Call& call, const ExchangeConfig& cfg, const NewSubscription& in) {
  store::EventSubscription s;
  s.name = in.name;
  s.url = in.url;
  const auto url = domain::parse_https_url(s.url);
  if (!url) throw invalid("url", "Trường " + domain::quoted_field("url") + " phải là địa chỉ https:// hợp lệ.");
  if (!domain::destination_allowed(*url, cfg.allowlist))
    throw invalid("url", "Địa chỉ nhận chưa có trong danh sách cho phép của máy chủ (cấu hình khi khởi động máy chủ).");
  if (in.outbox_system) {
    if (in.event_types_given)
      throw invalid("event_types", "Kênh gửi hộp thư đi chỉ nhận các mục của hệ thống, không chọn loại sự kiện.");
    s.event_types = "outbox_item";
  } else {
    if (in.event_types.empty())
      throw invalid("event_types",
                    "Trường " + domain::quoted_field("event_types") + " là danh sách loại sự kiện, không rỗng.");
    for (const auto& t : in.event_types) {
      if (!domain::known_event_type(t))
        throw invalid("event_types", "Loại sự kiện không hợp lệ trong " + domain::quoted_field("event_types") + ".");
      if (!s.event_types.empty()) s.event_types += ',';
      s.event_types += t;
    }
  }
  s.secret = new_secret();
  s.created_at = domain::iso(call.now);
  if (in.outbox_system && !store::find_external_system(call.c, *in.outbox_system))
    throw invalid("outbox_system", "Không có hệ thống ngoài này.");
  s.id = in.outbox_system ? store::insert_connector(call.c, s, *in.outbox_system, call.who.user_id)
                          : store::insert_subscription(call.c, s, call.who.user_id);
  s.outbox_system = in.outbox_system;
  auto out = to_json(s);
  audit(call.c, call.postgres, &call.who, call.now, "event_subscription", s.id, "create", nullptr, out);
  out["secret"] = s.secret;
  return out;
}

json::object set_event_subscription_active(const Call& call, store::Id id, std::optional<bool> active) {
  if (!active) throw invalid("active", "Trường " + domain::quoted_field("active") + " là bắt buộc.");
  const auto s = store::find_subscription(call.c, id);
  if (!s) throw not_found("đăng ký nhận sự kiện");
  store::set_subscription_active(call.c, s->id, *active);
  audit(call.c, call.postgres, &call.who, call.now, "event_subscription", s->id, *active ? "activate" : "deactivate",
        json::object{{"active", s->active}}, json::object{{"active", *active}});
  return to_json(*store::find_subscription(call.c, s->id));
}

DeliveryPage event_deliveries(store::Connection& c, const store::DeliveryFilter& f, store::Page page) {
  DeliveryPage out;
  for (const auto& d : store::list_event_deliveries(c, f, page, &out.total)) out.items.push_back(delivery_json(d));
  return out;
}

json::object event_delivery(store::Connection& c, store::Id id) {
  const auto d = store::find_event_delivery(c, id);
  if (!d) throw not_found("lần chuyển sự kiện");
  auto out = delivery_json(*d);
  out["payload"] = json::parse(d->payload);
  json::array attempts;
  for (const auto& a : store::event_attempts(c, id)) {
    attempts.push_back(json::object{{"attempt", a.attempt},
                                    {"started_at", a.started_at},
                                    {"outcome", a.outcome},
                                    {"http_status", nullable(a.http_status)},
                                    {"error", a.error},
                                    {"duration_ms", a.duration_ms}});
  }
  out["log"] = std::move(attempts);
  return out;
}

json::object replay_event_delivery(const Call& call, store::Id id) {
  const auto before = event_delivery(call.c, id);
  if (!store::replay_event_delivery(call.c, id, domain::iso(call.now)))
    throw conflict("Chỉ gửi lại được sự kiện đã gửi thất bại hẳn.", "state");
  audit(call.c, call.postgres, &call.who, call.now, "event_delivery", id, "replay",
        json::object{{"state", before.at("state")}}, json::object{{"state", "pending"}});
  return event_delivery(call.c, id);
}

json::object run_event_deliveries(store::Database& db, const ExchangeConfig& cfg, domain::Instant now) {
  const int recorded = scan_time_events(db, now);
  const int sent = deliver_events(db, cfg, now);
  return json::object{{"events_recorded", recorded}, {"sent", sent}};
}

}  // namespace tiendo::service
