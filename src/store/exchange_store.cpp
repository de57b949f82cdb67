#include "store/exchange_store.h"

#include <set>
#include <stdexcept>

namespace tiendo::store {

namespace {

constexpr const char* kCodeSelect =
    "SELECT ec.id, ec.entity, ec.entity_id, ec.system, es.name, ec.code, ec.note, ec.valid_from FROM external_codes "
    "ec JOIN external_systems es ON es.code = ec.system ";

ExternalCode code_from(const Row& r) {
  return {r.i64(0), r.text(1), r.i64(2), r.text(3), r.text(4), r.text(5), r.text(6), r.text(7)};
}

EventSubscription subscription_from(const Row& r) {
  return {r.i64(0), r.text(1), r.text(2), r.text(3), r.text(4), r.i64(5) != 0, r.text(6), r.opt_text(7)};
}

constexpr const char* kDeliverySelect =
    "SELECT d.id, e.event_id, e.type, e.occurred_at, d.subscription_id, s.name, d.state, d.attempts, "
    "d.next_attempt_at, d.last_error, d.sent_at, e.payload FROM event_deliveries d JOIN events e ON e.id = "
    "d.event_id JOIN event_subscriptions s ON s.id = d.subscription_id ";

EventDelivery delivery_of(const Row& r) {
  return {r.i64(0),  r.text(1), r.text(2), r.text(3), r.i64(4),       r.text(5),
          r.text(6), r.i64(7),  r.text(8), r.text(9), r.opt_text(10), r.text(11)};
}

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

std::vector<IndicatorValueExport> export_indicator_values(Connection& c, const std::optional<std::string>& period) {
  const std::string sql =
      "SELECT v.indicator_id, i.code, i.name, i.unit_of_measure, v.unit_id, u.code, u.name, v.period, v.numerator, "
      "v.denominator, v.value, v.estimated_full_year, v.updated_at FROM indicator_values v JOIN indicators i ON i.id "
      "= v.indicator_id JOIN units u ON u.id = v.unit_id";
  const std::string order = " ORDER BY i.code, u.code, v.period";
  std::vector<IndicatorValueExport> out;
  for (const auto& r : period ? c.query(sql + " WHERE v.period = $1" + order, {*period}) : c.query(sql + order))
    out.push_back({r.i64(0), r.text(1), r.text(2), r.text(3), r.i64(4), r.text(5), r.text(6), r.text(7), r.opt_f64(8),
                   r.opt_f64(9), r.opt_f64(10), r.opt_f64(11), r.text(12)});
  return out;
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
  for (const auto& r : c.query("SELECT id, name, url, secret, event_types, active, created_at, outbox_system FROM "
                               "event_subscriptions ORDER "
                               "BY id"))
    out.push_back(subscription_from(r));
  return out;
}

std::optional<EventSubscription> find_subscription(Connection& c, Id id) {
  auto rows = c.query(
      "SELECT id, name, url, secret, event_types, active, created_at, outbox_system FROM event_subscriptions "
      "WHERE id = $1",
      {id});
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

std::vector<EventDelivery> list_event_deliveries(Connection& c, const DeliveryFilter& f, Page page, long long* total) {
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
  std::vector<EventDelivery> out;
  for (const auto& r : c.query(std::string(kDeliverySelect) + where + " ORDER BY d.id DESC LIMIT $" +
                                   std::to_string(params.size() - 1) + " OFFSET $" + std::to_string(params.size()),
                               params))
    out.push_back(delivery_of(r));
  return out;
}

std::optional<EventDelivery> find_event_delivery(Connection& c, Id id) {
  const auto rows = c.query(std::string(kDeliverySelect) + "WHERE d.id = $1", {id});
  if (rows.empty()) return std::nullopt;
  return delivery_of(rows[0]);
}

std::vector<EventAttempt> event_attempts(Connection& c, Id delivery_id) {
  std::vector<EventAttempt> out;
  for (const auto& r :
       c.query("SELECT attempt, started_at, outcome, http_status, error, duration_ms FROM event_attempts WHERE "
               "delivery_id = $1 ORDER BY id",
               {delivery_id}))
    out.push_back({r.i64(0), r.text(1), r.text(2), r.opt_i64(3), r.text(4), r.i64(5)});
  return out;
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

std::map<Id, std::pair<std::string, std::string>> indicator_statuses_sent(Connection& c, const std::string& scope) {
  std::map<Id, std::pair<std::string, std::string>> out;
  for (const auto& r :
       c.query("SELECT indicator_id, period, status FROM indicator_status_sent WHERE scope = $1", {scope}))
    out.emplace(r.i64(0), std::pair(r.text(1), r.text(2)));
  return out;
}

void record_indicator_status_sent(Connection& c, Id indicator_id, const std::string& scope, const std::string& period,
                                  const std::string& status, const std::string& at) {
  c.query(
      "INSERT INTO indicator_status_sent (indicator_id, scope, period, status, sent_at) VALUES ($1, $2, $3, $4, $5) "
      "ON CONFLICT (indicator_id, scope) DO UPDATE SET period = excluded.period, status = excluded.status, "
      "sent_at = excluded.sent_at",
      {indicator_id, scope, period, status, at});
}

namespace {

constexpr const char* kProgramSelect =
    "SELECT p.directive_id, p.system, d.number, d.title, p.note, p.created_at, (SELECT COUNT(*) FROM tasks t WHERE "
    "t.directive_id = p.directive_id AND t.removed_at IS NULL) FROM upstream_programs p JOIN directives d ON d.id = "
    "p.directive_id ";

UpstreamProgram program_from(const Row& r) {
  return {r.i64(0), r.text(1), r.text(2), r.text(3), r.text(4), r.text(5), r.i64(6)};
}

constexpr const char* kLinkSelect =
    "SELECT l.task_id, l.upstream_task_id, t.code, t.name, d.number, COALESCE(ec.code, ut.code), ut.name, ud.number, "
    "p.system, l.valid_from FROM task_links l JOIN tasks t ON t.id = l.task_id JOIN directives d ON d.id = "
    "t.directive_id JOIN tasks ut ON ut.id = l.upstream_task_id JOIN directives ud ON ud.id = ut.directive_id JOIN "
    "upstream_programs p ON p.directive_id = ut.directive_id LEFT JOIN external_codes ec ON ec.entity = 'task' AND "
    "ec.entity_id = ut.id AND ec.system = p.system AND ec.valid_to IS NULL ";

TaskLink link_from(const Row& r) {
  return {r.i64(0), r.i64(1), r.text(2), r.text(3), r.text(4), r.text(5), r.text(6), r.text(7), r.text(8), r.text(9)};
}

}  // namespace

void insert_upstream_program(Connection& c, Id directive_id, const std::string& system, const std::string& note,
                             const std::string& at, Id by) {
  c.query(
      "INSERT INTO upstream_programs (directive_id, system, note, created_at, created_by) VALUES ($1, $2, $3, $4, "
      "$5)",
      {directive_id, system, note, at, by});
}

std::optional<UpstreamProgram> find_upstream_program(Connection& c, Id directive_id) {
  auto rows = c.query(std::string(kProgramSelect) + "WHERE p.directive_id = $1", {directive_id});
  if (rows.empty()) return std::nullopt;
  return program_from(rows[0]);
}

std::vector<UpstreamProgram> list_upstream_programs(Connection& c) {
  std::vector<UpstreamProgram> out;
  for (const auto& r : c.query(std::string(kProgramSelect) + "ORDER BY d.number")) out.push_back(program_from(r));
  return out;
}

bool directive_has_tasks(Connection& c, Id directive_id) {
  return !c.query("SELECT 1 FROM tasks WHERE directive_id = $1 LIMIT 1", {directive_id}).empty();
}

std::vector<TaskLink> upstream_links_of(Connection& c, Id task_id) {
  std::vector<TaskLink> out;
  for (const auto& r :
       c.query(std::string(kLinkSelect) + "WHERE l.task_id = $1 AND l.valid_to IS NULL ORDER BY ud.number, ut.id",
               {task_id}))
    out.push_back(link_from(r));
  return out;
}

std::pair<int, int> set_upstream_links(Connection& c, Id task_id, const std::vector<Id>& upstream_task_ids,
                                       const std::string& at, std::optional<Id> by) {
  std::set<Id> wanted(upstream_task_ids.begin(), upstream_task_ids.end()), current;
  for (const auto& r :
       c.query("SELECT upstream_task_id FROM task_links WHERE task_id = $1 AND valid_to IS NULL", {task_id}))
    current.insert(r.i64(0));
  int opened = 0, closed = 0;
  for (Id id : current)
    if (!wanted.count(id)) {
      c.query("UPDATE task_links SET valid_to = $3 WHERE task_id = $1 AND upstream_task_id = $2 AND valid_to IS NULL",
              {task_id, id, at});
      ++closed;
    }
  for (Id id : wanted)
    if (!current.count(id)) {
      c.query("INSERT INTO task_links (task_id, upstream_task_id, valid_from, set_by) VALUES ($1, $2, $3, $4)",
              {task_id, id, at, opt(by)});
      ++opened;
    }
  return {opened, closed};
}

std::vector<ProgramTask> program_tasks(Connection& c, Id program_directive_id,
                                       const std::optional<std::string>& before) {
  const std::string sql = "SELECT id, code, name, deadline_text FROM tasks WHERE directive_id = $1 AND ";
  const auto rows = before ? c.query(sql + "created_at < $2 AND (removed_at IS NULL OR removed_at >= $2) ORDER BY id",
                                     {program_directive_id, *before})
                           : c.query(sql + "removed_at IS NULL ORDER BY id", {program_directive_id});
  std::vector<ProgramTask> out;
  for (const auto& r : rows) out.push_back({r.i64(0), r.text(1), r.text(2), r.text(3)});
  return out;
}

std::map<Id, std::vector<TaskLink>> program_links_known(Connection& c, Id program_directive_id,
                                                        const std::optional<std::string>& before) {
  std::map<Id, std::vector<TaskLink>> out;
  const std::string sql = std::string(kLinkSelect) + "WHERE ut.directive_id = $1 AND ";
  const auto rows =
      before ? c.query(sql + "l.valid_from < $2 AND (l.valid_to IS NULL OR l.valid_to >= $2) ORDER BY d.number, t.id",
                       {program_directive_id, *before})
             : c.query(sql + "l.valid_to IS NULL ORDER BY d.number, t.id", {program_directive_id});
  for (const auto& r : rows) {
    auto l = link_from(r);
    out[l.upstream_task_id].push_back(std::move(l));
  }
  return out;
}

std::vector<OutboxTemplateRow> list_outbox_templates(Connection& c) {
  std::vector<OutboxTemplateRow> out;
  for (const auto& r : c.query("SELECT system, columns_json, status_map_json, note, assumed, updated_at FROM "
                               "outbox_templates ORDER BY system"))
    out.push_back({r.text(0), r.text(1), r.text(2), r.text(3), r.i64(4) != 0, r.text(5)});
  return out;
}

std::optional<OutboxTemplateRow> find_outbox_template(Connection& c, const std::string& system) {
  auto rows = c.query(
      "SELECT system, columns_json, status_map_json, note, assumed, updated_at FROM outbox_templates WHERE system = "
      "$1",
      {system});
  if (rows.empty()) return std::nullopt;
  const auto& r = rows[0];
  return OutboxTemplateRow{r.text(0), r.text(1), r.text(2), r.text(3), r.i64(4) != 0, r.text(5)};
}

void save_outbox_template(Connection& c, const OutboxTemplateRow& t, Id by) {
  c.query(
      "INSERT INTO outbox_templates (system, columns_json, status_map_json, note, assumed, updated_at, updated_by) "
      "VALUES ($1, $2, $3, $4, $5, $6, $7) ON CONFLICT (system) DO UPDATE SET columns_json = EXCLUDED.columns_json, "
      "status_map_json = EXCLUDED.status_map_json, note = EXCLUDED.note, assumed = EXCLUDED.assumed, updated_at = "
      "EXCLUDED.updated_at, updated_by = EXCLUDED.updated_by",
      {t.system, t.columns_json, t.status_map_json, t.note, static_cast<long long>(t.assumed ? 1 : 0), t.updated_at,
       by});
}

std::vector<OutboxAssignmentSource> outbox_assignment_sources(Connection& c, const std::string& period,
                                                              const std::optional<std::string>& system) {
  std::string sql =
      "SELECT a.id, a.unit_id, u.name, t.name, p.system, l.upstream_task_id, ut.code, ri.progress_percent, "
      "ri.work_done, ri.output_ref, ri.difficulties, r.id, r.submitted_at FROM task_links l JOIN tasks ut ON ut.id = "
      "l.upstream_task_id JOIN upstream_programs p ON p.directive_id = ut.directive_id JOIN tasks t ON t.id = "
      "l.task_id AND t.removed_at IS NULL JOIN assignments a ON a.task_id = t.id AND a.removed_at IS NULL JOIN units "
      "u ON u.id = a.unit_id JOIN report_items ri ON ri.assignment_id = a.id JOIN reports r ON r.id = ri.report_id "
      "AND r.period = $1 AND r.state IN ('submitted', 'approved', 'accepted') WHERE l.valid_to IS NULL AND r.id = "
      "(SELECT MAX(r2.id) FROM reports r2 JOIN report_items ri2 ON ri2.report_id = r2.id WHERE ri2.assignment_id = "
      "a.id AND r2.period = $1 AND r2.state IN ('submitted', 'approved', 'accepted'))";
  Params params{period};
  if (system) {
    sql += " AND p.system = $2";
    params.emplace_back(*system);
  }
  std::vector<OutboxAssignmentSource> out;
  for (const auto& r : c.query(sql + " ORDER BY p.system, a.id, l.upstream_task_id", params))
    out.push_back({r.i64(0), r.i64(1), r.text(2), r.text(3), r.text(4), r.i64(5), r.text(6), r.i64(7), r.text(8),
                   r.text(9), r.text(10), r.i64(11), r.text(12)});
  return out;
}

std::vector<std::string> evidence_names(Connection& c, Id report_id, Id assignment_id) {
  std::vector<std::string> out;
  for (const auto& r : c.query("SELECT filename FROM evidence WHERE report_id = $1 AND assignment_id = $2 ORDER BY id",
                               {report_id, assignment_id}))
    out.push_back(r.text(0));
  return out;
}

std::vector<OutboxFeedbackSource> outbox_feedback_sources(Connection& c, const std::string& period) {
  // received_on is an ISO day: its first seven characters are its month.
  std::vector<OutboxFeedbackSource> out;
  for (const auto& r : c.query(
           "SELECT id, code, kind, title, body, field, received_on, public_title, public_text FROM feedback_items "
           "WHERE "
           "kind IN ('sang_kien', "
           "'giai_phap', 'dat_hang') AND state NOT IN ('not_accepted', 'merged') AND substr(received_on, 1, 7) = $1 "
           "ORDER BY id",
           {period}))
    out.push_back(
        {r.i64(0), r.text(1), r.text(2), r.text(3), r.text(4), r.text(5), r.text(6), r.opt_text(7), r.opt_text(8)});
  return out;
}

namespace {

// The item's state as shown: a clerk's mark, else what the connector's delivery says.
constexpr const char* kOutboxSelect =
    "SELECT o.id, o.kind, o.ref_id, o.period, o.system, o.upstream_code, o.payload, o.payload_hash, o.version, CASE "
    "WHEN o.state <> 'prepared' THEN o.state WHEN d.state = 'sent' THEN 'sent' WHEN d.state = 'failed' THEN "
    "'failed' ELSE 'prepared' END, CASE WHEN o.channel IS NOT NULL THEN o.channel WHEN d.state = 'sent' THEN 'http' "
    "END, o.entered_on, o.external_ref, CASE WHEN o.marked_at IS NOT NULL THEN o.marked_at ELSE d.sent_at END, "
    "o.prepared_at, o.delivery_id, COALESCE(d.attempts, 0), COALESCE(d.last_error, '') FROM outbox_items o LEFT "
    "JOIN event_deliveries d ON d.id = o.delivery_id ";
constexpr const char* kOutboxState =
    "(CASE WHEN o.state <> 'prepared' THEN o.state WHEN d.state = 'sent' THEN 'sent' WHEN d.state = 'failed' THEN "
    "'failed' ELSE 'prepared' END)";

OutboxItem outbox_from(const Row& r) {
  OutboxItem o;
  o.id = r.i64(0);
  o.kind = r.text(1);
  o.ref_id = r.i64(2);
  o.period = r.text(3);
  o.system = r.text(4);
  o.upstream_code = r.text(5);
  o.payload = r.text(6);
  o.payload_hash = r.text(7);
  o.version = static_cast<int>(r.i64(8));
  o.state = r.text(9);
  o.channel = r.opt_text(10);
  o.entered_on = r.opt_text(11);
  o.external_ref = r.text(12);
  o.marked_at = r.opt_text(13);
  o.prepared_at = r.opt_text(14);
  o.delivery_id = r.opt_i64(15);
  o.attempts = r.i64(16);
  o.last_error = r.text(17);
  return o;
}

}  // namespace

std::pair<OutboxItem, bool> upsert_outbox_item(Connection& c, const OutboxItem& item, const std::string& at) {
  const auto existing = c.query(
      "SELECT id, payload_hash FROM outbox_items WHERE kind = $1 AND ref_id = $2 AND period = $3 AND system = $4 AND "
      "upstream_code = $5",
      {item.kind, item.ref_id, item.period, item.system, item.upstream_code});
  bool changed = true;
  Id id = 0;
  // Another instance preparing at the same moment may insert first: its row is then the one compared.
  const auto inserted =
      existing.empty()
          ? c.query(
                "INSERT INTO outbox_items (kind, ref_id, period, system, upstream_code, payload, payload_hash, "
                "prepared_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8) ON CONFLICT (kind, ref_id, period, system, "
                "upstream_code) DO NOTHING RETURNING id",
                {item.kind, item.ref_id, item.period, item.system, item.upstream_code, item.payload, item.payload_hash,
                 at})
          : Rows{};
  if (!inserted.empty()) {
    id = inserted[0].i64(0);
  } else if (existing.empty()) {
    // Inserted by the other instance since the look-up above: its row is the one compared.
    const auto theirs = c.query(
        "SELECT id FROM outbox_items WHERE kind = $1 AND ref_id = $2 AND period = $3 AND system = $4 AND "
        "upstream_code = $5",
        {item.kind, item.ref_id, item.period, item.system, item.upstream_code});
    if (theirs.empty()) throw std::runtime_error("outbox item neither inserted nor found");
    return {*find_outbox_item(c, theirs[0].i64(0)), false};
  } else {
    id = existing[0].i64(0);
    changed = existing[0].text(1) != item.payload_hash;
    // A changed report re-prepares what was entered upstream: the copy there is now out of date.
    if (changed)
      c.query(
          "UPDATE outbox_items SET payload = $2, payload_hash = $3, version = version + 1, state = 'prepared', channel "
          "= NULL, delivery_id = NULL, entered_on = NULL, external_ref = '', marked_by = NULL, marked_at = NULL, "
          "prepared_at = $4 WHERE id = $1",
          {id, item.payload, item.payload_hash, at});
  }
  auto found = find_outbox_item(c, id);
  if (!found) throw std::runtime_error("outbox item " + std::to_string(id) + " not readable");
  return {*found, changed};
}

std::optional<OutboxItem> find_outbox_item(Connection& c, Id id) {
  auto rows = c.query(std::string(kOutboxSelect) + "WHERE o.id = $1", {id});
  if (rows.empty()) return std::nullopt;
  return outbox_from(rows[0]);
}

std::vector<OutboxItem> list_outbox_items(Connection& c, const OutboxFilter& f, Page page, long long* total) {
  std::string where = "WHERE 1 = 1";
  Params params;
  auto add = [&](const std::optional<std::string>& v, const std::string& column) {
    if (!v) return;
    params.push_back(*v);
    where += " AND " + column + " = $" + std::to_string(params.size());
  };
  add(f.system, "o.system");
  add(f.state, kOutboxState);
  add(f.period, "o.period");
  add(f.kind, "o.kind");
  const std::string from = " FROM outbox_items o LEFT JOIN event_deliveries d ON d.id = o.delivery_id ";
  if (total) *total = c.query("SELECT COUNT(*)" + from + where, params)[0].i64(0);
  params.push_back(page.limit);
  params.push_back(page.offset);
  std::vector<OutboxItem> out;
  for (const auto& r : c.query(std::string(kOutboxSelect) + where + " ORDER BY o.system, o.period, o.id LIMIT $" +
                                   std::to_string(params.size() - 1) + " OFFSET $" + std::to_string(params.size()),
                               params))
    out.push_back(outbox_from(r));
  return out;
}

bool mark_outbox_entered(Connection& c, Id id, const std::string& day, const std::string& reference, Id by,
                         const std::string& at) {
  // Entered by hand only while nothing was sent: a delivery the connector got through is not entered twice.
  return !c.query(
               "UPDATE outbox_items SET state = 'sent', channel = 'manual', entered_on = $2, external_ref = $3, "
               "marked_by = $4, marked_at = $5 WHERE id = $1 AND state = 'prepared' AND NOT EXISTS (SELECT 1 FROM "
               "event_deliveries d WHERE d.id = outbox_items.delivery_id AND d.state IN ('sent', 'sending')) "
               "RETURNING id",
               {id, day, reference, by, at})
              .empty();
}

bool mark_outbox_acknowledged(Connection& c, Id id, const std::string& reference, Id by, const std::string& at) {
  // Without a reference the one given when it was entered stays.
  const std::string set_ref = reference.empty() ? "external_ref = external_ref" : "external_ref = $4";
  Params params{id, by, at};
  if (!reference.empty()) params.push_back(reference);
  return !c.query("UPDATE outbox_items SET state = 'acknowledged', channel = COALESCE(channel, 'http'), " + set_ref +
                      ", marked_by = $2, marked_at = $3 WHERE id = $1 AND (state = 'sent' OR (state = 'prepared' AND "
                      "EXISTS (SELECT 1 FROM event_deliveries d WHERE d.id = outbox_items.delivery_id AND d.state = "
                      "'sent'))) RETURNING id",
                  params)
              .empty();
}

std::optional<EventSubscription> outbox_connector(Connection& c, const std::string& system) {
  auto rows = c.query(
      "SELECT id, name, url, secret, event_types, active, created_at, outbox_system FROM event_subscriptions WHERE "
      "outbox_system = $1 AND active = 1 ORDER BY id DESC LIMIT 1",
      {system});
  if (rows.empty()) return std::nullopt;
  return subscription_from(rows[0]);
}

Id insert_connector(Connection& c, const EventSubscription& s, const std::string& system, Id by) {
  return c
      .query(
          "INSERT INTO event_subscriptions (name, url, secret, event_types, active, created_at, created_by, "
          "outbox_system) VALUES ($1, $2, $3, $4, 1, $5, $6, $7) RETURNING id",
          {s.name, s.url, s.secret, s.event_types, s.created_at, by, system})[0]
      .i64(0);
}

std::vector<OutboxItem> outbox_items_to_queue(Connection& c, const std::string& system) {
  std::vector<OutboxItem> out;
  for (const auto& r :
       c.query(std::string(kOutboxSelect) +
                   "WHERE o.system = $1 AND o.state = 'prepared' AND o.delivery_id IS NULL ORDER BY o.id",
               {system}))
    out.push_back(outbox_from(r));
  return out;
}

void queue_outbox_item(Connection& c, Id item_id, Id subscription_id, const std::string& event_id,
                       const std::string& key, const std::string& occurred_at, const std::string& body) {
  auto ev = c.query(
      "INSERT INTO events (event_id, event_key, type, occurred_at, payload) VALUES ($1, $2, 'outbox_item', $3, $4) ON "
      "CONFLICT (event_key) DO NOTHING RETURNING id",
      {event_id, key, occurred_at, body});
  // Two preparing runs at once: the second finds the key taken and leaves the first's delivery.
  if (ev.empty()) return;
  const auto d = c.query(
      "INSERT INTO event_deliveries (event_id, subscription_id, next_attempt_at) VALUES ($1, $2, $3) RETURNING id",
      {ev[0].i64(0), subscription_id, occurred_at});
  c.query("UPDATE outbox_items SET delivery_id = $2 WHERE id = $1", {item_id, d[0].i64(0)});
}

}  // namespace tiendo::store
