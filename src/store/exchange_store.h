#pragma once
// Exchange with other systems: the named external systems and each item's code in them, the event
// subscriptions, the events themselves and their leased deliveries with the log of every attempt.
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "store/db.h"
#include "store/model.h"

namespace tiendo::store {

struct ExternalSystem {
  std::string code, name, note, created_at;
};
std::vector<ExternalSystem> list_external_systems(Connection& c);
std::optional<ExternalSystem> find_external_system(Connection& c, const std::string& code);
void insert_external_system(Connection& c, const ExternalSystem& s);

struct ExternalCode {
  Id id = 0;
  std::string entity;
  Id entity_id = 0;
  std::string system, system_name, code, note, valid_from;
};
// The codes an item carries now, by system.
std::vector<ExternalCode> external_codes_of(Connection& c, const std::string& entity, Id entity_id);
// The items that carry `code` in `system` now (several city items may share one upstream code).
std::vector<ExternalCode> find_by_external_code(Connection& c, const std::string& system, const std::string& code);
// Closes the item's current code in the system, if any, and opens `code` unless it is nothing; returns the
// code it replaced. The closed row stays: what an item was called upstream on a past day can be read.
std::optional<std::string> set_external_code(Connection& c, const std::string& entity, Id entity_id,
                                             const std::string& system, const std::optional<std::string>& code,
                                             const std::string& note, const std::string& at, std::optional<Id> by);

// Issue 18 exports: each item's code per system as known before `before` (now, when nothing), for one kind of
// item: entity_id -> system -> code.
std::map<Id, std::map<std::string, std::string>> external_codes_known(Connection& c, const std::string& entity,
                                                                      const std::optional<std::string>& before);
// Every unit's own code (the city's), by id.
std::map<Id, std::string> unit_codes(Connection& c);
// An indicator value counted now (the last submission of its indicator, unit and period), with the indicator's
// and unit's codes and names. A figure the unit left blank stays empty.
struct IndicatorValueExport {
  Id indicator_id = 0;
  std::string indicator_code, indicator_name, unit_of_measure;
  Id unit_id = 0;
  std::string unit_code, unit_name, period;
  std::optional<double> numerator, denominator, value, estimated_full_year;
  std::string updated_at;
};
// By indicator code, unit code and period; of one period when given.
std::vector<IndicatorValueExport> export_indicator_values(Connection& c, const std::optional<std::string>& period);

struct EventSubscription {
  Id id = 0;
  std::string name, url, secret, event_types;  // event_types: comma-separated
  bool active = true;
  std::string created_at;
  std::optional<std::string> outbox_system;  // set: the subscription is that system's outbox connector
};
Id insert_subscription(Connection& c, const EventSubscription& s, Id by);
std::vector<EventSubscription> list_subscriptions(Connection& c);
std::optional<EventSubscription> find_subscription(Connection& c, Id id);
void set_subscription_active(Connection& c, Id id, bool active);

// Records what happened once per key and queues one delivery for every active subscription to its type, in
// the caller's transaction; false when the key was recorded before (nothing queued again).
bool record_event(Connection& c, const std::string& event_id, const std::string& key, const std::string& type,
                  const std::string& occurred_at, const std::string& payload);

struct ClaimedDelivery {
  Id id = 0;
  int attempt = 0;  // this attempt's number, from 1
  std::string url, secret, event_id, type, payload;
};
// Leases up to `limit` due deliveries to the caller under `token` until `lease_until`. A delivery whose
// sender died stays leased until then, and is taken again after.
std::vector<ClaimedDelivery> claim_event_deliveries(Connection& c, const std::string& now,
                                                    const std::string& lease_until, const std::string& token,
                                                    int limit);

struct AttemptResult {
  bool sent = false;
  std::optional<int> http_status;
  std::string error;
  std::string started_at;
  long long duration_ms = 0;
};
// Records one attempt. Only the current lease holder moves the delivery (to sent, back to pending at
// `retry_at`, or to failed after `max_attempts`); an attempt whose lease was taken over is logged as
// superseded. Returns the outcome logged: "sent", "failed" or "superseded".
std::string finish_event_delivery(Connection& c, Id id, const std::string& token, const AttemptResult& r,
                                  const std::string& now, const std::string& retry_at, int max_attempts);

struct DeliveryFilter {
  std::optional<std::string> state;
  std::optional<Id> subscription_id;
};
// One event queued for one subscription, with the event it carries and where its sending stands.
struct EventDelivery {
  Id id = 0;
  std::string event_id, type, occurred_at;  // the event's
  Id subscription_id = 0;
  std::string subscription_name;
  std::string state;  // pending | sending | sent | failed
  long long attempts = 0;
  std::string next_attempt_at, last_error;
  std::optional<std::string> sent_at;
  std::string payload;  // the event's body, as sent
};
// Newest first.
std::vector<EventDelivery> list_event_deliveries(Connection& c, const DeliveryFilter& f, Page page, long long* total);
std::optional<EventDelivery> find_event_delivery(Connection& c, Id id);
// One attempt to send a delivery, as logged.
struct EventAttempt {
  long long attempt = 0;  // its number, from 1 (counted again from 1 after a replay)
  std::string started_at;
  std::string outcome;  // sent | failed | superseded
  std::optional<long long> http_status;
  std::string error;
  long long duration_ms = 0;
};
// In the order they were made.
std::vector<EventAttempt> event_attempts(Connection& c, Id delivery_id);
// A failed delivery goes back to pending with its attempts counted from zero; false when it is not failed.
bool replay_event_delivery(Connection& c, Id id, const std::string& now);

// Whether the day's scan of time-caused events was done; taking the day for it, false when another run or
// instance took it.
bool event_scan_day_done(Connection& c, const std::string& day);
bool claim_event_scan_day(Connection& c, const std::string& day, const std::string& at);
// The status each indicator's last "indicator status changed" event carried in `scope` ('city'):
// indicator_id -> (period, status); and recording a new one (migration 028).
std::map<Id, std::pair<std::string, std::string>> indicator_statuses_sent(Connection& c, const std::string& scope);
void record_indicator_status_sent(Connection& c, Id indicator_id, const std::string& scope, const std::string& period,
                                  const std::string& status, const std::string& at);

// Issue 18, item 2: programs from above and the city tasks that implement their tasks.
struct UpstreamProgram {
  Id directive_id = 0;
  std::string system, number, title, note, created_at;
  long long task_count = 0;
};
void insert_upstream_program(Connection& c, Id directive_id, const std::string& system, const std::string& note,
                             const std::string& at, Id by);
std::optional<UpstreamProgram> find_upstream_program(Connection& c, Id directive_id);
std::vector<UpstreamProgram> list_upstream_programs(Connection& c);
// Whether a directive has any task (a city plan is not turned into an upstream program).
bool directive_has_tasks(Connection& c, Id directive_id);

struct TaskLink {
  Id task_id = 0, upstream_task_id = 0;
  std::string task_code, task_name, directive_number;  // of the city task
  std::string upstream_code, upstream_name, upstream_number, upstream_system;
  std::string valid_from;
};
// The upstream tasks a city task implements now.
std::vector<TaskLink> upstream_links_of(Connection& c, Id task_id);
// Makes `upstream_task_ids` the city task's links: closes the others (valid_to = at), opens the new ones; the
// closed rows stay for past dates. Returns how many were opened and closed.
std::pair<int, int> set_upstream_links(Connection& c, Id task_id, const std::vector<Id>& upstream_task_ids,
                                       const std::string& at, std::optional<Id> by);
// A task of a program from above, as the program numbers and words it.
struct ProgramTask {
  Id id = 0;
  std::string code, name, deadline_text;
};
// A program's tasks as they existed before `before` (now, when nothing), in the program's order.
std::vector<ProgramTask> program_tasks(Connection& c, Id program_directive_id,
                                       const std::optional<std::string>& before);
// The links to one program's tasks known before `before` (now, when nothing), by upstream task.
std::map<Id, std::vector<TaskLink>> program_links_known(Connection& c, Id program_directive_id,
                                                        const std::optional<std::string>& before);

// Issue 18, item 3: the outbox to upstream systems.
struct OutboxTemplateRow {
  std::string system, columns_json, status_map_json, note;
  bool assumed = true;  // shipped, not yet checked against the real entry screen
  std::string updated_at;
};
std::vector<OutboxTemplateRow> list_outbox_templates(Connection& c);
std::optional<OutboxTemplateRow> find_outbox_template(Connection& c, const std::string& system);
void save_outbox_template(Connection& c, const OutboxTemplateRow& t, Id by);

// What a unit reported on an assignment whose city task implements an upstream task, from its last report for the
// period that was submitted (or beyond).
struct OutboxAssignmentSource {
  Id assignment_id = 0, unit_id = 0;
  std::string unit_name;
  std::string task_name;  // the city task's
  std::string system;     // the upstream program's
  Id upstream_task_id = 0;
  std::string upstream_task_code;  // as the program numbers it
  long long progress_percent = 0;
  std::string work_done, output_ref, difficulties;
  Id report_id = 0;
  std::string submitted_at;
};
// One per assignment and upstream task reported for `period` (of `system`'s programs only, when given).
std::vector<OutboxAssignmentSource> outbox_assignment_sources(Connection& c, const std::string& period,
                                                              const std::optional<std::string>& system);
// The files a report gives as evidence for one assignment, by name.
std::vector<std::string> evidence_names(Connection& c, Id report_id, Id assignment_id);
// A feedback initiative, solution or product order (sáng kiến, giải pháp, đặt hàng) listed upward to pakn.nq57.vn.
struct OutboxFeedbackSource {
  Id id = 0;
  std::string code, kind, title, body, field, received_on;
  std::optional<std::string> public_title, public_text;  // staff's moderated version, once written
};
// Those received in the month `period`, not refused or merged.
std::vector<OutboxFeedbackSource> outbox_feedback_sources(Connection& c, const std::string& period);

struct OutboxItem {
  Id id = 0;
  std::string kind;
  Id ref_id = 0;
  std::string period, system, upstream_code, payload, payload_hash;
  int version = 1;
  std::string state;                      // prepared | sent | acknowledged | failed (the connector's, when it sends)
  std::optional<std::string> channel;     // manual | http
  std::optional<std::string> entered_on;  // a clerk's day
  std::string external_ref;
  std::optional<std::string> marked_at, prepared_at;
  std::optional<Id> delivery_id;
  long long attempts = 0;  // the connector's
  std::string last_error;
};
// Inserts the item or, when its payload changed, replaces the payload and puts it back to prepared (a copy
// upstream must not drift silently). Returns the item and whether it is new or changed.
std::pair<OutboxItem, bool> upsert_outbox_item(Connection& c, const OutboxItem& item, const std::string& at);
std::optional<OutboxItem> find_outbox_item(Connection& c, Id id);
struct OutboxFilter {
  std::optional<std::string> system, state, period, kind;
};
std::vector<OutboxItem> list_outbox_items(Connection& c, const OutboxFilter& f, Page page, long long* total);
// A clerk's mark: entered upstream on `day` under `reference` (state sent), or upstream acknowledged it.
// False when the item is not in a state that allows it (only a prepared or failed item is entered; only an
// entered or sent one is acknowledged).
bool mark_outbox_entered(Connection& c, Id id, const std::string& day, const std::string& reference, Id by,
                         const std::string& at);
bool mark_outbox_acknowledged(Connection& c, Id id, const std::string& reference, Id by, const std::string& at);
// The active connector (a subscription bound to the system), if any.
std::optional<EventSubscription> outbox_connector(Connection& c, const std::string& system);
Id insert_connector(Connection& c, const EventSubscription& s, const std::string& system, Id by);
// Prepared items of the system that no connector delivery carries yet (new, changed, or made before the
// connector existed).
std::vector<OutboxItem> outbox_items_to_queue(Connection& c, const std::string& system);
// Records the item's event and queues it for the connector only; the item remembers the delivery.
void queue_outbox_item(Connection& c, Id item_id, Id subscription_id, const std::string& event_id,
                       const std::string& key, const std::string& occurred_at, const std::string& body);

}  // namespace tiendo::store
