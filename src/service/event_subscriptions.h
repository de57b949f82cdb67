#pragma once
// The admin's event subscriptions (issue 18, item 1) and their deliveries, the use cases: a subscription (or a
// system's outbox connector) to an allowed https:// address with its signing secret shown once, switched on and off;
// the delivery log with each attempt, a failed delivery replayed, and the scheduler's exchange work run now. Each
// write in the caller's transaction, raising service::Error and auditing; recording and sending events is
// service/exchange_job, the SQL store/exchange_store.
#include <boost/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "service/call.h"
#include "service/errors.h"
#include "service/exchange_job.h"
#include "store/exchange_store.h"

namespace tiendo::service {

boost::json::array event_subscriptions(store::Connection& c);

struct NewSubscription {
  std::string name, url;
  // Set: the subscription is that external system's outbox connector and gets its outbox items only.
  std::optional<std::string> outbox_system;
  bool event_types_given = false;        // the request named event types (not null)
  std::vector<std::string> event_types;  // as given, in order; an entry that is no type's name is refused
};
// Checks the address against the server's allowlist and the event types, and makes the secret, which only this
// answer shows: whoever holds it can sign as this server.
boost::json::object create_event_subscription(const Call& call, const ExchangeConfig& cfg, const NewSubscription& in);
boost::json::object set_event_subscription_active(const Call& call, store::Id id, std::optional<bool> active);

struct DeliveryPage {
  boost::json::array items;
  long long total = 0;
};
// Newest first.
DeliveryPage event_deliveries(store::Connection& c, const store::DeliveryFilter& f, store::Page page);
// One delivery with the event it carries and its log of attempts.
boost::json::object event_delivery(store::Connection& c, store::Id id);
// A delivery that gave up is tried again from its first attempt; one already sent is not (a receiver that lost it
// can ask by its event id, and "sent" is recorded once). Answers event_delivery.
boost::json::object replay_event_delivery(const Call& call, store::Id id);

// The scheduler's exchange work now: the day's time-caused events and one sending pass, counted.
boost::json::object run_event_deliveries(store::Database& db, const ExchangeConfig& cfg, domain::Instant now);

}  // namespace tiendo::service
