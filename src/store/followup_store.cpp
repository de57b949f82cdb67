#include "store/followup_store.h"

#include "store/sql_builder.h"

namespace tiendo::store {

namespace {
constexpr const char* kExtension =
    "SELECT e.id, e.assignment_id, e.previous_due, e.requested_due, e.reason, e.state, e.requested_at, e.decided_at, "
    "u.id, u.name, u.path, t.code, t.name, a.original_due FROM extensions e JOIN assignments a ON a.id = "
    "e.assignment_id JOIN units u ON u.id = a.unit_id JOIN tasks t ON t.id = a.task_id";
Extension extension_of(const Row& r) {
  return {r.i64(0),      r.i64(1), r.opt_text(2), r.text(3),  r.text(4),  r.text(5),  r.text(6),
          r.opt_text(7), r.i64(8), r.text(9),     r.text(10), r.text(11), r.text(12), r.opt_text(13)};
}
}  // namespace

std::vector<Extension> list_extensions(Connection& c, const std::optional<std::string>& scope_path,
                                       const std::optional<std::string>& state) {
  Where w;
  if (scope_path) w.add_subtree("u.path", *scope_path);
  if (state) w.add("e.state = ?", *state);
  std::vector<Extension> out;
  for (const auto& r : c.query(kExtension + w.sql() + " ORDER BY e.id DESC", w.params()))
    out.push_back(extension_of(r));
  return out;
}

std::optional<Extension> find_extension(Connection& c, Id id) {
  const auto rows = c.query(std::string(kExtension) + " WHERE e.id = $1", {id});
  if (rows.empty()) return std::nullopt;
  return extension_of(rows[0]);
}

bool has_pending_extension(Connection& c, Id assignment_id) {
  return !c.query("SELECT 1 FROM extensions WHERE assignment_id = $1 AND state = 'pending'", {assignment_id}).empty();
}

Id insert_extension(Connection& c, Id assignment_id, const std::optional<std::string>& previous_due,
                    const std::string& requested_due, const std::string& reason, Id by, const std::string& at) {
  return c
      .query(
          "INSERT INTO extensions (assignment_id, previous_due, requested_due, reason, state, requested_by, "
          "requested_at) VALUES ($1, $2, $3, $4, 'pending', $5, $6) RETURNING id",
          {assignment_id, opt(previous_due), requested_due, reason, by, at})
      .at(0)
      .i64(0);
}

bool decide_extension(Connection& c, Id id, const std::string& state, Id by, const std::string& at) {
  // Guarded by the state it expects: of simultaneous decisions, PostgreSQL lets the first through and
  // rechecks the others' WHERE on the row it committed, so they change nothing.
  return !c.query(
               "UPDATE extensions SET state = $1, decided_by = $2, decided_at = $3 WHERE id = $4 AND state = 'pending' "
               "RETURNING id",
               {state, by, at, id})
              .empty();
}

namespace {
constexpr const char* kOverdueReview =
    "SELECT r.id, r.assignment_id, r.cause, r.responsible_unit, r.responsible_person, r.remedy, r.new_due, "
    "r.roadmap, r.state, r.created_at, r.closed_at, u.id, u.name, u.path, t.code, t.name FROM overdue_reviews r JOIN "
    "assignments a ON a.id = r.assignment_id JOIN units u ON u.id = a.unit_id JOIN tasks t ON t.id = a.task_id";
OverdueReview overdue_review_of(const Row& r) {
  return {r.i64(0),  r.i64(1),  r.text(2),      r.text(3), r.text(4),  r.text(5),  r.text(6),  r.text(7),
          r.text(8), r.text(9), r.opt_text(10), r.i64(11), r.text(12), r.text(13), r.text(14), r.text(15)};
}
}  // namespace

std::vector<OverdueReview> list_overdue_reviews(Connection& c, const std::optional<std::string>& scope_path,
                                                const std::optional<std::string>& state) {
  Where w;
  if (scope_path) w.add_subtree("u.path", *scope_path);
  if (state) w.add("r.state = ?", *state);
  std::vector<OverdueReview> out;
  for (const auto& r : c.query(kOverdueReview + w.sql() + " ORDER BY r.id DESC", w.params()))
    out.push_back(overdue_review_of(r));
  return out;
}

std::optional<OverdueReview> find_overdue_review(Connection& c, Id id) {
  const auto rows = c.query(std::string(kOverdueReview) + " WHERE r.id = $1", {id});
  if (rows.empty()) return std::nullopt;
  return overdue_review_of(rows[0]);
}

Id insert_overdue_review(Connection& c, Id assignment_id, const std::string& cause, const std::string& responsible_unit,
                         const std::string& responsible_person, const std::string& remedy, const std::string& new_due,
                         const std::string& roadmap, Id by, const std::string& at) {
  return c
      .query(
          "INSERT INTO overdue_reviews (assignment_id, cause, responsible_unit, responsible_person, remedy, new_due, "
          "roadmap, created_by, created_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) RETURNING id",
          {assignment_id, cause, responsible_unit, responsible_person, remedy, new_due, roadmap, by, at})
      .at(0)
      .i64(0);
}

bool close_overdue_review(Connection& c, Id id, const std::string& at) {
  return !c.query(
               "UPDATE overdue_reviews SET state = 'closed', closed_at = $1 WHERE id = $2 AND state = 'open' "
               "RETURNING id",
               {at, id})
              .empty();
}

namespace {
constexpr const char* kExplanation =
    "SELECT x.id, x.unit_id, u.name, u.path, x.assignment_id, x.indicator_id, x.question, x.due_on, x.requested_at, "
    "x.answer, x.answered_at, us.full_name FROM explanation_requests x JOIN units u ON u.id = x.unit_id JOIN users "
    "us ON us.id = x.requested_by";
Explanation explanation_of(const Row& r) {
  return {r.i64(0),  r.i64(1),  r.text(2), r.text(3),     r.opt_i64(4),   r.opt_i64(5),
          r.text(6), r.text(7), r.text(8), r.opt_text(9), r.opt_text(10), r.text(11)};
}
}  // namespace

std::vector<Explanation> list_explanations(Connection& c, const std::optional<std::string>& scope_path,
                                           std::optional<bool> answered) {
  Where w;
  if (scope_path) w.add_subtree("u.path", *scope_path);
  if (answered) w.add_raw(*answered ? "x.answered_at IS NOT NULL" : "x.answered_at IS NULL");
  std::vector<Explanation> out;
  for (const auto& r : c.query(kExplanation + w.sql() + " ORDER BY x.id DESC", w.params()))
    out.push_back(explanation_of(r));
  return out;
}

std::optional<Explanation> find_explanation(Connection& c, Id id) {
  const auto rows = c.query(std::string(kExplanation) + " WHERE x.id = $1", {id});
  if (rows.empty()) return std::nullopt;
  return explanation_of(rows[0]);
}

Id insert_explanation(Connection& c, Id unit_id, std::optional<Id> assignment_id, std::optional<Id> indicator_id,
                      const std::string& question, const std::string& due_on, Id by, const std::string& at) {
  return c
      .query(
          "INSERT INTO explanation_requests (unit_id, assignment_id, indicator_id, question, due_on, requested_by, "
          "requested_at) VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id",
          {unit_id, opt(assignment_id), opt(indicator_id), question, due_on, by, at})
      .at(0)
      .i64(0);
}

bool answer_explanation(Connection& c, Id id, const std::string& answer, Id by, const std::string& at) {
  return !c.query(
               "UPDATE explanation_requests SET answer = $1, answered_by = $2, answered_at = $3 WHERE id = $4 AND "
               "answered_at IS NULL RETURNING id",
               {answer, by, at, id})
              .empty();
}

namespace {
// R16: the unit that follows an escalation up now: the latest successor it passed to, else the report's unit.
constexpr const char* kHolder =
    " LEFT JOIN (SELECT h.report_id, h.assignment_id, h.unit_id, hu.name, hu.path FROM escalation_holders h JOIN "
    "units hu ON hu.id = h.unit_id WHERE h.succession_id = (SELECT MAX(h2.succession_id) FROM escalation_holders h2 "
    "WHERE h2.report_id = h.report_id AND h2.assignment_id = h.assignment_id)) eh ON eh.report_id = i.report_id AND "
    "eh.assignment_id = i.assignment_id";
}  // namespace

std::vector<Escalation> list_escalations(Connection& c, const std::optional<std::string>& scope_path,
                                         std::optional<bool> answered) {
  Where w;
  w.add_raw("i.exceeds_authority = 1");
  w.add_raw("r.state IN ('submitted', 'approved', 'accepted')");
  if (scope_path) w.add_subtree("COALESCE(eh.path, u.path)", *scope_path);
  if (answered) w.add_raw(*answered ? "ea.answered_at IS NOT NULL" : "ea.answered_at IS NULL");
  const auto rows = c.query(
      "SELECT r.id, i.assignment_id, u.id, u.name, r.period, t.code, t.name, i.difficulties, i.proposals, "
      "r.submitted_at, ea.answer, ea.answered_at, eh.unit_id, eh.name FROM report_items i JOIN reports r ON r.id = "
      "i.report_id JOIN units u ON u.id = r.unit_id JOIN assignments a ON a.id = i.assignment_id JOIN tasks t ON "
      "t.id = a.task_id LEFT JOIN escalation_answers ea ON ea.report_id = i.report_id AND ea.assignment_id = "
      "i.assignment_id" +
          std::string(kHolder) + w.sql() + " ORDER BY r.submitted_at, r.id",
      w.params());
  std::vector<Escalation> out;
  for (const auto& r : rows)
    out.push_back({r.i64(0), r.i64(1), r.i64(2), r.text(3), r.text(4), r.text(5), r.text(6), r.text(7), r.text(8),
                   r.opt_text(9), r.opt_text(10), r.opt_text(11), r.opt_i64(12), r.opt_text(13)});
  return out;
}

bool escalation_exists(Connection& c, Id report_id, Id assignment_id, const std::optional<std::string>& scope_path) {
  Where w;
  w.add("i.report_id = ?", report_id);
  w.add("i.assignment_id = ?", assignment_id);
  w.add_raw("i.exceeds_authority = 1");
  if (scope_path) w.add_subtree("COALESCE(eh.path, u.path)", *scope_path);
  return !c.query("SELECT 1 FROM report_items i JOIN reports r ON r.id = i.report_id JOIN units u ON u.id = r.unit_id" +
                      std::string(kHolder) + w.sql(),
                  w.params())
              .empty();
}

bool answer_escalation(Connection& c, Id report_id, Id assignment_id, const std::string& answer, Id by,
                       const std::string& at) {
  // The primary key decides: a second answer, simultaneous or later, inserts nothing.
  return !c.query(
               "INSERT INTO escalation_answers (report_id, assignment_id, answer, answered_by, answered_at) VALUES "
               "($1, "
               "$2, $3, $4, $5) ON CONFLICT (report_id, assignment_id) DO NOTHING RETURNING report_id",
               {report_id, assignment_id, answer, by, at})
              .empty();
}

std::optional<Id> insert_notification(Connection& c, Id user_id, const std::string& event_key,
                                      const NotificationContent& n, const std::string& at) {
  auto rows = c.query(
      "INSERT INTO notifications (user_id, event_key, kind, title, body, link, title_en, body_en, created_at) VALUES "
      "($1, $2, $3, $4, $5, $6, $7, $8, $9) ON CONFLICT (user_id, event_key) DO NOTHING RETURNING id",
      {user_id, event_key, n.kind, n.title, n.body, n.link, n.title_en, n.body_en, at});
  if (rows.empty()) return std::nullopt;
  return rows[0].i64(0);
}

std::vector<NotificationRow> list_notifications(Connection& c, Id user_id, Page page, long long* total,
                                                long long* unread) {
  *total = c.query("SELECT COUNT(*) FROM notifications WHERE user_id = $1", {user_id}).at(0).i64(0);
  *unread =
      c.query("SELECT COUNT(*) FROM notifications WHERE user_id = $1 AND read_at IS NULL", {user_id}).at(0).i64(0);
  const auto rows = c.query(
      "SELECT n.id, n.kind, n.title, n.body, n.link, n.title_en, n.body_en, n.created_at, n.read_at, d.state, "
      "d.attempts, d.last_error FROM notifications n LEFT JOIN deliveries d ON d.notification_id = n.id AND "
      "d.channel = 'email' WHERE n.user_id = $1 ORDER BY n.id DESC LIMIT $2 OFFSET $3",
      {user_id, page.limit, page.offset});
  std::vector<NotificationRow> out;
  out.reserve(rows.size());
  for (const auto& r : rows) {
    NotificationRow n{r.i64(0),
                      {r.text(1), r.text(2), r.text(3), r.text(4), r.text(5), r.text(6)},
                      r.text(7),
                      r.opt_text(8),
                      std::nullopt};
    if (!r.null(9)) n.email = NotificationRow::Email{r.text(9), r.text(11), r.i64(10)};
    out.push_back(std::move(n));
  }
  return out;
}

bool mark_notification_read(Connection& c, Id id, Id user_id, const std::string& at) {
  return !c.query(
               "UPDATE notifications SET read_at = COALESCE(read_at, $1) WHERE id = $2 AND user_id = $3 RETURNING id",
               {at, id, user_id})
              .empty();
}

void set_email_preference(Connection& c, Id user_id, bool email) {
  c.query("UPDATE users SET notify_email = $1 WHERE id = $2", {static_cast<long long>(email), user_id});
}

void queue_delivery(Connection& c, Id notification_id, const std::string& address, const std::string& at) {
  c.query(
      "INSERT INTO deliveries (notification_id, channel, address, next_attempt_at) VALUES ($1, 'email', $2, $3) "
      "ON CONFLICT (notification_id, channel) DO NOTHING",
      {notification_id, address, at});
}

std::vector<ClaimedMail> claim_deliveries(Connection& c, const std::string& now, const std::string& lease_until,
                                          int limit) {
  // The state test is repeated outside the subquery: PostgreSQL rechecks it on a row another sender just
  // leased, so two instances never take the same message.
  const auto rows = c.query(
      "UPDATE deliveries SET state = 'sending', lease_until = $2, attempts = attempts + 1 WHERE id IN (SELECT id "
      "FROM deliveries WHERE (state = 'pending' OR (state = 'sending' AND lease_until < $1)) AND next_attempt_at <= "
      "$1 ORDER BY id LIMIT $3) AND (state = 'pending' OR (state = 'sending' AND lease_until < $1)) RETURNING id, "
      "notification_id, address, attempts",
      {now, lease_until, static_cast<long long>(limit)});
  std::vector<ClaimedMail> out;
  for (const auto& r : rows) out.push_back(ClaimedMail{r.i64(0), r.i64(1), r.text(2), r.i64(3)});
  return out;
}

std::optional<NotificationContent> notification_text(Connection& c, Id notification_id) {
  auto rows =
      c.query("SELECT kind, title, body, link, title_en, body_en FROM notifications WHERE id = $1", {notification_id});
  if (rows.empty()) return std::nullopt;
  const auto& r = rows[0];
  return NotificationContent{r.text(0), r.text(1), r.text(2), r.text(3), r.text(4), r.text(5)};
}

void finish_delivery(Connection& c, Id id, bool sent, const std::string& error, const std::string& now,
                     const std::string& retry_at) {
  if (sent) {
    c.query("UPDATE deliveries SET state = 'sent', sent_at = $1, last_error = '' WHERE id = $2", {now, id});
  } else {
    c.query(
        "UPDATE deliveries SET state = CASE WHEN attempts >= 8 THEN 'failed' ELSE 'pending' END, last_error = $1, "
        "next_attempt_at = $2 WHERE id = $3",
        {error, retry_at, id});
  }
}

std::optional<std::string> last_reminder_day(Connection& c, Id directive_id) {
  auto rows = c.query("SELECT MAX(day) FROM reminder_runs WHERE directive_id = $1", {directive_id});
  return rows.empty() ? std::nullopt : rows[0].opt_text(0);
}

bool reminder_day_done(Connection& c, Id directive_id, const std::string& day) {
  return !c.query("SELECT 1 FROM reminder_runs WHERE directive_id = $1 AND day = $2", {directive_id, day}).empty();
}

void record_reminder_day(Connection& c, Id directive_id, const std::string& day, const std::string& at) {
  c.query("INSERT INTO reminder_runs (directive_id, day, ran_at) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING",
          {directive_id, day, at});
}

bool risk_brief_sent(Connection& c, const std::string& week) {
  return !c.query("SELECT 1 FROM risk_brief_runs WHERE week = $1", {week}).empty();
}

void record_risk_brief(Connection& c, const std::string& week, const std::string& at) {
  c.query("INSERT INTO risk_brief_runs (week, ran_at) VALUES ($1, $2) ON CONFLICT DO NOTHING", {week, at});
}

}  // namespace tiendo::store
