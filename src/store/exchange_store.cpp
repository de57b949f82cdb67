#include "store/exchange_store.h"

namespace tiendo::store {

namespace {

constexpr const char* kCodeSelect =
    "SELECT ec.id, ec.entity, ec.entity_id, ec.system, es.name, ec.code, ec.note, ec.valid_from FROM external_codes "
    "ec JOIN external_systems es ON es.code = ec.system ";

ExternalCode code_from(const Row& r) {
  return {r.i64(0), r.text(1), r.i64(2), r.text(3), r.text(4), r.text(5), r.text(6), r.text(7)};
}

EventSubscription subscription_from(const Row& r) {
  return {r.i64(0), r.text(1), r.text(2), r.text(3), r.text(4), r.i64(5) != 0, r.text(6)};
}

constexpr const char* kDeliverySelect =
    "SELECT d.id, e.event_id, e.type, e.occurred_at, d.subscription_id, s.name, d.state, d.attempts, "
    "d.next_attempt_at, d.last_error, d.sent_at, e.payload FROM event_deliveries d JOIN events e ON e.id = "
    "d.event_id JOIN event_subscriptions s ON s.id = d.subscription_id ";

}  // namespace

std::vector<ExternalSystem> list_external_systems(Connection& c) {
  std::vector<ExternalSystem> out;
  for (const auto& r : c.query("SELECT code, name, note, created_at FROM external_systems ORDER BY created_at, code"))
    out.push_back({r.text(0), r.text(1), r.text(2), r.text(3)});
  return out;
}

std::optional<ExternalSystem> find_external_system(Connection& c, const std::string& code) {
  auto rows = c.query("SELECT code, name, note, created_at FROM external_systems WHERE code = $1", {code});
  if (rows.empty()) return std::nullopt;
  return ExternalSystem{rows[0].text(0), rows[0].text(1), rows[0].text(2), rows[0].text(3)};
}

void insert_external_system(Connection& c, const ExternalSystem& s) {
  c.query("INSERT INTO external_systems (code, name, note, created_at) VALUES ($1, $2, $3, $4)",
          {s.code, s.name, s.note, s.created_at});
}

std::vector<ExternalCode> external_codes_of(Connection& c, const std::string& entity, Id entity_id) {
  std::vector<ExternalCode> out;
  for (const auto& r :
       c.query(std::string(kCodeSelect) + "WHERE ec.entity = $1 AND ec.entity_id = $2 AND ec.valid_to IS NULL ORDER BY "
                                          "ec.system",
               {entity, entity_id}))
    out.push_back(code_from(r));
  return out;
}

std::vector<ExternalCode> find_by_external_code(Connection& c, const std::string& system, const std::string& code) {
  std::vector<ExternalCode> out;
  for (const auto& r : c.query(std::string(kCodeSelect) +
                                   "WHERE ec.system = $1 AND ec.code = $2 AND ec.valid_to IS NULL ORDER BY ec.entity, "
                                   "ec.entity_id LIMIT 1000",
                               {system, code}))
    out.push_back(code_from(r));
  return out;
}

std::optional<std::string> set_external_code(Connection& c, const std::string& entity, Id entity_id,
                                             const std::string& system, const std::optional<std::string>& code,
                                             const std::string& note, const std::string& at, std::optional<Id> by) {
  auto closed = c.query(
      "UPDATE external_codes SET valid_to = $4 WHERE entity = $1 AND entity_id = $2 AND system = $3 AND valid_to IS "
      "NULL RETURNING code",
      {entity, entity_id, system, at});
  if (code) {
    c.query(
        "INSERT INTO external_codes (entity, entity_id, system, code, note, valid_from, set_by) VALUES ($1, $2, $3, "
        "$4, $5, $6, $7)",
        {entity, entity_id, system, *code, note, at, opt(by)});
  }
  return closed.empty() ? std::nullopt : std::optional(closed[0].text(0));
}

std::map<Id, std::map<std::string, std::string>> external_codes_known(Connection& c, const std::string& entity,
                                                                      const std::optional<std::string>& before) {
  std::map<Id, std::map<std::string, std::string>> out;
  const auto rows =
      before ? c.query(
                   "SELECT entity_id, system, code FROM external_codes WHERE entity = $1 AND valid_from < $2 AND "
                   "(valid_to IS NULL OR valid_to >= $2)",
                   {entity, *before})
             : c.query("SELECT entity_id, system, code FROM external_codes WHERE entity = $1 AND valid_to IS NULL",
                       {entity});
  for (const auto& r : rows) out[r.i64(0)][r.text(1)] = r.text(2);
  return out;
}

std::map<Id, std::string> unit_codes(Connection& c) {
  std::map<Id, std::string> out;
  for (const auto& r : c.query("SELECT id, code FROM units")) out[r.i64(0)] = r.text(1);
  return out;
}

Rows export_indicator_values(Connection& c, const std::optional<std::string>& period) {
  const std::string sql =
      "SELECT v.indicator_id, i.code, i.name, i.unit_of_measure, v.unit_id, u.code, u.name, v.period, v.numerator, "
      "v.denominator, v.value, v.estimated_full_year, v.updated_at FROM indicator_values v JOIN indicators i ON i.id "
      "= v.indicator_id JOIN units u ON u.id = v.unit_id";
  const std::string order = " ORDER BY i.code, u.code, v.period";
  return period ? c.query(sql + " WHERE v.period = $1" + order, {*period}) : c.query(sql + order);
}

Id insert_subscription(Connection& c, const EventSubscription& s, Id by) {
  return c
      .query(
          "INSERT INTO event_subscriptions (name, url, secret, event_types, active, created_at, created_by) VALUES "
          "($1, $2, $3, $4, 1, $5, $6) RETURNING id",
          {s.name, s.url, s.secret, s.event_types, s.created_at, by})[0]
      .i64(0);
}

std::vector<EventSubscription> list_subscriptions(Connection& c) {
  std::vector<EventSubscription> out;
  for (const auto& r :
       c.query("SELECT id, name, url, secret, event_types, active, created_at FROM event_subscriptions ORDER BY id"))
    out.push_back(subscription_from(r));
  return out;
}

std::optional<EventSubscription> find_subscription(Connection& c, Id id) {
  auto rows = c.query(
      "SELECT id, name, url, secret, event_types, active, created_at FROM event_subscriptions WHERE id = $1", {id});
  if (rows.empty()) return std::nullopt;
  return subscription_from(rows[0]);
}

void set_subscription_active(Connection& c, Id id, bool active) {
  c.query("UPDATE event_subscriptions SET active = $1 WHERE id = $2", {static_cast<long long>(active ? 1 : 0), id});
}

bool record_event(Connection& c, const std::string& event_id, const std::string& key, const std::string& type,
                  const std::string& occurred_at, const std::string& payload) {
  auto rows = c.query(
      "INSERT INTO events (event_id, event_key, type, occurred_at, payload) VALUES ($1, $2, $3, $4, $5) ON CONFLICT "
      "(event_key) DO NOTHING RETURNING id",
      {event_id, key, type, occurred_at, payload});
  if (rows.empty()) return false;
  c.query(
      "INSERT INTO event_deliveries (event_id, subscription_id, next_attempt_at) SELECT $1, id, $2 FROM "
      "event_subscriptions WHERE active = 1 AND (',' || event_types || ',') LIKE ('%,' || $3 || ',%')",
      {rows[0].i64(0), occurred_at, type});
  return true;
}

std::vector<ClaimedDelivery> claim_event_deliveries(Connection& c, const std::string& now,
                                                    const std::string& lease_until, const std::string& token,
                                                    int limit) {
  // As with e-mail: the state test is repeated outside the subquery, so PostgreSQL rechecks a row another
  // instance has just leased and two senders never hold the same delivery.
  const auto claimed = c.query(
      "UPDATE event_deliveries SET state = 'sending', lease_until = $2, lease_token = $3, attempts = attempts + 1 "
      "WHERE id IN (SELECT id FROM event_deliveries WHERE (state = 'pending' OR (state = 'sending' AND lease_until < "
      "$1)) AND next_attempt_at <= $1 ORDER BY next_attempt_at, id LIMIT $4) AND (state = 'pending' OR (state = "
      "'sending' AND lease_until < $1)) RETURNING id, attempts",
      {now, lease_until, token, static_cast<long long>(limit)});
  std::vector<ClaimedDelivery> out;
  for (const auto& r : claimed) {
    auto rows = c.query(
        "SELECT s.url, s.secret, e.event_id, e.type, e.payload FROM event_deliveries d JOIN events e ON e.id = "
        "d.event_id JOIN event_subscriptions s ON s.id = d.subscription_id WHERE d.id = $1",
        {r.i64(0)});
    out.push_back({r.i64(0), static_cast<int>(r.i64(1)), rows[0].text(0), rows[0].text(1), rows[0].text(2),
                   rows[0].text(3), rows[0].text(4)});
  }
  return out;
}

std::string finish_event_delivery(Connection& c, Id id, const std::string& token, const AttemptResult& r,
                                  const std::string& now, const std::string& retry_at, int max_attempts) {
  Rows moved;
  if (r.sent) {
    moved = c.query(
        "UPDATE event_deliveries SET state = 'sent', sent_at = $1, last_error = '', lease_until = NULL WHERE id = $2 "
        "AND lease_token = $3 AND state = 'sending' RETURNING attempts",
        {now, id, token});
  } else {
    moved = c.query(
        "UPDATE event_deliveries SET state = CASE WHEN attempts >= $4 THEN 'failed' ELSE 'pending' END, last_error = "
        "$1, next_attempt_at = $2, lease_until = NULL WHERE id = $3 AND lease_token = $5 AND state = 'sending' "
        "RETURNING attempts",
        {r.error, retry_at, id, static_cast<long long>(max_attempts), token});
  }
  const std::string outcome = moved.empty() ? "superseded" : (r.sent ? "sent" : "failed");
  const auto attempt = c.query("SELECT attempts FROM event_deliveries WHERE id = $1", {id});
  c.query(
      "INSERT INTO event_attempts (delivery_id, attempt, started_at, outcome, http_status, error, duration_ms) VALUES "
      "($1, $2, $3, $4, $5, $6, $7)",
      {id, moved.empty() ? attempt[0].i64(0) : moved[0].i64(0), r.started_at, outcome, opt(r.http_status), r.error,
       r.duration_ms});
  return outcome;
}

Rows list_event_deliveries(Connection& c, const DeliveryFilter& f, Page page, long long* total) {
  std::string where = "WHERE 1 = 1";
  Params params;
  if (f.state) {
    params.push_back(*f.state);
    where += " AND d.state = $" + std::to_string(params.size());
  }
  if (f.subscription_id) {
    params.push_back(*f.subscription_id);
    where += " AND d.subscription_id = $" + std::to_string(params.size());
  }
  if (total) *total = c.query("SELECT COUNT(*) FROM event_deliveries d " + where, params)[0].i64(0);
  params.push_back(page.limit);
  params.push_back(page.offset);
  return c.query(std::string(kDeliverySelect) + where + " ORDER BY d.id DESC LIMIT $" +
                     std::to_string(params.size() - 1) + " OFFSET $" + std::to_string(params.size()),
                 params);
}

std::optional<Row> find_event_delivery(Connection& c, Id id) {
  auto rows = c.query(std::string(kDeliverySelect) + "WHERE d.id = $1", {id});
  if (rows.empty()) return std::nullopt;
  return rows[0];
}

Rows event_attempts(Connection& c, Id delivery_id) {
  return c.query(
      "SELECT attempt, started_at, outcome, http_status, error, duration_ms FROM event_attempts WHERE delivery_id = "
      "$1 ORDER BY id",
      {delivery_id});
}

bool replay_event_delivery(Connection& c, Id id, const std::string& now) {
  return !c.query(
               "UPDATE event_deliveries SET state = 'pending', attempts = 0, next_attempt_at = $1, lease_until = NULL "
               "WHERE id = $2 AND state = 'failed' RETURNING id",
               {now, id})
              .empty();
}

bool event_scan_day_done(Connection& c, const std::string& day) {
  return !c.query("SELECT 1 FROM event_scan_days WHERE day = $1", {day}).empty();
}

bool claim_event_scan_day(Connection& c, const std::string& day, const std::string& at) {
  return !c.query("INSERT INTO event_scan_days (day, ran_at) VALUES ($1, $2) ON CONFLICT DO NOTHING RETURNING day",
                  {day, at})
              .empty();
}

}  // namespace tiendo::store
