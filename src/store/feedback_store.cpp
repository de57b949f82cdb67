#include "store/feedback_store.h"

#include <algorithm>

namespace tiendo::store {

namespace {

constexpr const char* kColumns =
    "f.id, f.code, f.kind, f.field, f.channel, f.external_ref, f.title, f.body, f.sender_type, "
    "f.sender_name_sealed, f.contact_sealed, f.contact_hash, f.body_hash, f.address_hash, f.anonymous, "
    "f.consent_at, f.rating_token_hash, f.received_at, f.received_on, f.received_unit_id, f.entered_by, f.state, "
    "f.outcome_reason, f.merged_into, f.forwarded_to, f.classified_on, f.lead_unit_id, f.acknowledge_due, "
    "f.forward_due, f.answer_due, f.extended_due, f.extension_reason, f.extended_on, f.draft_answer, "
    "f.internal_note, f.public_answer, f.first_published_on, f.published_at, f.reopen_reason, f.reopened_on, "
    "f.reopen_late, f.rating, f.rating_reason, f.rated_on, f.version, f.public_title, f.public_text, "
    "f.public_anonymous, f.moderated_on, f.moderated_by, f.contact_erased_on, lu.name, lu.path, ru.name, ru.path, "
    "m.code, f.owed_by, f.adoption, f.proposed_on, f.proposed_by, f.adoption_decided_on, f.adoption_decided_by, "
    "f.adoption_reason, f.adopted_task_id, f.policy_change, at.code, at.name";
constexpr const char* kFrom =
    " FROM feedback_items f LEFT JOIN units lu ON lu.id = f.lead_unit_id LEFT JOIN units ru ON ru.id = "
    "f.received_unit_id LEFT JOIN feedback_items m ON m.id = f.merged_into "
    "LEFT JOIN tasks at ON at.id = f.adopted_task_id";

FeedbackItem read(const Row& r) {
  FeedbackItem f;
  size_t i = 0;
  f.id = r.i64(i++);
  f.code = r.text(i++);
  f.kind = r.text(i++);
  f.field = r.text(i++);
  f.channel = r.text(i++);
  f.external_ref = r.opt_text(i++);
  f.title = r.text(i++);
  f.body = r.text(i++);
  f.sender_type = r.text(i++);
  f.sender_name_sealed = r.opt_text(i++);
  f.contact_sealed = r.text(i++);
  f.contact_hash = r.text(i++);
  f.body_hash = r.text(i++);
  f.address_hash = r.opt_text(i++);
  f.anonymous = r.i64(i++) != 0;
  f.consent_at = r.text(i++);
  f.rating_token_hash = r.text(i++);
  f.received_at = r.text(i++);
  f.received_on = r.text(i++);
  f.received_unit_id = r.opt_i64(i++);
  f.entered_by = r.opt_i64(i++);
  f.state = r.text(i++);
  f.outcome_reason = r.opt_text(i++);
  f.merged_into = r.opt_i64(i++);
  f.forwarded_to = r.opt_text(i++);
  f.classified_on = r.opt_text(i++);
  f.lead_unit_id = r.opt_i64(i++);
  f.acknowledge_due = r.text(i++);
  f.forward_due = r.text(i++);
  f.answer_due = r.text(i++);
  f.extended_due = r.opt_text(i++);
  f.extension_reason = r.opt_text(i++);
  f.extended_on = r.opt_text(i++);
  f.draft_answer = r.opt_text(i++);
  f.internal_note = r.opt_text(i++);
  f.public_answer = r.opt_text(i++);
  f.first_published_on = r.opt_text(i++);
  f.published_at = r.opt_text(i++);
  f.reopen_reason = r.opt_text(i++);
  f.reopened_on = r.opt_text(i++);
  f.reopen_late = r.i64(i++) != 0;
  f.rating = r.opt_text(i++);
  f.rating_reason = r.opt_text(i++);
  f.rated_on = r.opt_text(i++);
  f.version = r.i64(i++);
  f.public_title = r.opt_text(i++);
  f.public_text = r.opt_text(i++);
  f.public_anonymous = r.i64(i++) != 0;
  f.moderated_on = r.opt_text(i++);
  f.moderated_by = r.opt_i64(i++);
  f.contact_erased_on = r.opt_text(i++);
  f.lead_unit_name = r.opt_text(i++);
  f.lead_unit_path = r.opt_text(i++);
  f.received_unit_name = r.opt_text(i++);
  f.received_unit_path = r.opt_text(i++);
  f.merged_into_code = r.opt_text(i++);
  f.owed_by = r.text(i++);
  f.adoption = r.opt_text(i++);
  f.proposed_on = r.opt_text(i++);
  f.proposed_by = r.opt_i64(i++);
  f.adoption_decided_on = r.opt_text(i++);
  f.adoption_decided_by = r.opt_i64(i++);
  f.adoption_reason = r.opt_text(i++);
  f.adopted_task_id = r.opt_i64(i++);
  f.policy_change = r.opt_text(i++);
  f.adopted_task_code = r.opt_text(i++);
  f.adopted_task_name = r.opt_text(i++);
  return f;
}

std::optional<FeedbackItem> one(const Rows& rows) {
  if (rows.empty()) return std::nullopt;
  return read(rows[0]);
}

}  // namespace

Id insert_feedback(Connection& c, const FeedbackItem& f) {
  return c
      .query(
          "INSERT INTO feedback_items (code, kind, field, channel, external_ref, title, body, sender_type, "
          "sender_name_sealed, contact_sealed, contact_hash, body_hash, address_hash, anonymous, consent_at, "
          "rating_token_hash, received_at, received_on, received_unit_id, entered_by, state, acknowledge_due, "
          "forward_due, answer_due, owed_by) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, "
          "$16, $17, $18, $19, $20, $21, $22, $23, $24, $24) RETURNING id",
          {f.code,
           f.kind,
           f.field,
           f.channel,
           opt(f.external_ref),
           f.title,
           f.body,
           f.sender_type,
           opt(f.sender_name_sealed),
           f.contact_sealed,
           f.contact_hash,
           f.body_hash,
           opt(f.address_hash),
           static_cast<long long>(f.anonymous),
           f.consent_at,
           f.rating_token_hash,
           f.received_at,
           f.received_on,
           opt(f.received_unit_id),
           opt(f.entered_by),
           f.state,
           f.acknowledge_due,
           f.forward_due,
           f.answer_due})
      .at(0)
      .i64(0);
}

std::optional<FeedbackItem> find_feedback(Connection& c, Id id) {
  return one(c.query(std::string("SELECT ") + kColumns + kFrom + " WHERE f.id = $1", {id}));
}

std::optional<FeedbackItem> find_feedback_by_code(Connection& c, const std::string& code) {
  return one(c.query(std::string("SELECT ") + kColumns + kFrom + " WHERE f.code = $1", {code}));
}

std::optional<FeedbackItem> find_feedback_duplicate(Connection& c, const std::string& contact_hash,
                                                    const std::string& body_hash) {
  return one(c.query(std::string("SELECT ") + kColumns + kFrom + " WHERE f.contact_hash = $1 AND f.body_hash = $2",
                     {contact_hash, body_hash}));
}

long long count_feedback_by_contact(Connection& c, const std::string& contact_hash, const std::string& since) {
  return c
      .query("SELECT COUNT(*) FROM feedback_items WHERE contact_hash = $1 AND received_at >= $2", {contact_hash, since})
      .at(0)
      .i64(0);
}

long long count_feedback_by_address(Connection& c, const std::string& address_hash, const std::string& since) {
  return c
      .query("SELECT COUNT(*) FROM feedback_items WHERE address_hash = $1 AND received_at >= $2", {address_hash, since})
      .at(0)
      .i64(0);
}

std::string feedback_mark(Connection& c) {
  const auto r = c.query("SELECT COUNT(*), COALESCE(SUM(version), 0) FROM feedback_items").at(0);
  return std::to_string(r.i64(0)) + ":" + std::to_string(r.i64(1));
}

std::vector<FeedbackItem> list_feedback(Connection& c, const FeedbackFilter& filter, long long limit, long long offset,
                                        long long* total) {
  Params params;
  std::string where;
  auto add = [&](const std::string& clause, Param p) {
    params.push_back(std::move(p));
    std::string s = clause;
    for (size_t pos; (pos = s.find('?')) != std::string::npos;) s.replace(pos, 1, "$" + std::to_string(params.size()));
    where += (where.empty() ? " WHERE " : " AND ") + s;
  };
  if (filter.scope_path) {
    std::string end = *filter.scope_path;
    end.back() = static_cast<char>('/' + 1);
    params.push_back(*filter.scope_path);
    params.push_back(end);
    const std::string a = "$" + std::to_string(params.size() - 1), b = "$" + std::to_string(params.size());
    where += " WHERE ((lu.path >= " + a + " AND lu.path < " + b + ") OR (ru.path >= " + a + " AND ru.path < " + b +
             ") OR f.id IN (SELECT fc.item_id FROM feedback_coordinators fc JOIN units cu ON cu.id = fc.unit_id WHERE "
             "fc.removed_on IS NULL AND cu.path >= " +
             a + " AND cu.path < " + b + "))";
  }
  if (filter.state) add("f.state = ?", *filter.state);
  if (filter.awaiting_answer)
    where +=
        std::string(where.empty() ? " WHERE " : " AND ") + "f.state IN ('received', 'accepted', 'assigned', 'drafted')";
  if (filter.received_from) add("f.received_on >= ?", *filter.received_from);
  if (filter.received_to) add("f.received_on <= ?", *filter.received_to);
  if (filter.task_id)
    add("f.id IN (SELECT item_id FROM feedback_task_links WHERE task_id = ? AND unlinked_at IS NULL)", *filter.task_id);
  if (filter.adoption) add("f.adoption = ?", *filter.adoption);
  if (filter.due_from) add("f.owed_by >= ?", *filter.due_from);
  if (filter.due_to) add("f.owed_by <= ?", *filter.due_to);
  if (total) *total = c.query("SELECT COUNT(*)" + std::string(kFrom) + where, params).at(0).i64(0);
  std::string sql = std::string("SELECT ") + kColumns + kFrom + where + " ORDER BY f.received_at DESC, f.id DESC";
  if (limit > 0) {
    params.push_back(limit);
    params.push_back(offset);
    sql += " LIMIT $" + std::to_string(params.size() - 1) + " OFFSET $" + std::to_string(params.size());
  }
  std::vector<FeedbackItem> out;
  for (const auto& r : c.query(sql, params)) out.push_back(read(r));
  return out;
}

bool update_feedback(Connection& c, const FeedbackItem& f, long long expected_version) {
  return !c.query(
               "UPDATE feedback_items SET state = $1, outcome_reason = $2, merged_into = $3, forwarded_to = $4, "
               "classified_on = $5, lead_unit_id = $6, extended_due = $7, extension_reason = $8, extended_on = $9, "
               "draft_answer = $10, internal_note = $11, public_answer = $12, first_published_on = $13, "
               "published_at = $14, reopen_reason = $15, reopened_on = $16, reopen_late = $17, rating = $18, "
               "rating_reason = $19, rated_on = $20, public_title = $21, public_text = $22, public_anonymous = $23, "
               "moderated_on = $24, moderated_by = $25, owed_by = $28, adoption = $29, proposed_on = $30, "
               "proposed_by = $31, adoption_decided_on = $32, adoption_decided_by = $33, adoption_reason = $34, "
               "adopted_task_id = $35, policy_change = $36, version = version + 1 WHERE id = $26 AND version = $27 "
               "RETURNING id",
               {f.state,
                opt(f.outcome_reason),
                opt(f.merged_into),
                opt(f.forwarded_to),
                opt(f.classified_on),
                opt(f.lead_unit_id),
                opt(f.extended_due),
                opt(f.extension_reason),
                opt(f.extended_on),
                opt(f.draft_answer),
                opt(f.internal_note),
                opt(f.public_answer),
                opt(f.first_published_on),
                opt(f.published_at),
                opt(f.reopen_reason),
                opt(f.reopened_on),
                static_cast<long long>(f.reopen_late),
                opt(f.rating),
                opt(f.rating_reason),
                opt(f.rated_on),
                opt(f.public_title),
                opt(f.public_text),
                static_cast<long long>(f.public_anonymous),
                opt(f.moderated_on),
                opt(f.moderated_by),
                f.id,
                expected_version,
                f.owed_by,
                opt(f.adoption),
                opt(f.proposed_on),
                opt(f.proposed_by),
                opt(f.adoption_decided_on),
                opt(f.adoption_decided_by),
                opt(f.adoption_reason),
                opt(f.adopted_task_id),
                opt(f.policy_change)})
              .empty();
}

std::vector<FeedbackItem> list_feedback_contacts_kept(Connection& c) {
  std::vector<FeedbackItem> out;
  for (const auto& r : c.query(std::string("SELECT ") + kColumns + kFrom +
                               " WHERE f.contact_erased_on IS NULL AND f.state IN ('published', 'not_accepted', "
                               "'merged', 'forwarded') ORDER BY f.id"))
    out.push_back(read(r));
  return out;
}

void erase_feedback_contact(Connection& c, Id id, const std::string& on) {
  c.query(
      "UPDATE feedback_items SET contact_sealed = '', sender_name_sealed = NULL, contact_erased_on = $2, "
      "version = version + 1 WHERE id = $1",
      {id, on});
}

void insert_feedback_answer(Connection& c, const FeedbackAnswer& a) {
  c.query(
      "INSERT INTO feedback_answers (item_id, text, published_on, published_at, approved_by) "
      "VALUES ($1, $2, $3, $4, $5)",
      {a.item_id, a.text, a.published_on, a.published_at, opt(a.approved_by)});
}

std::vector<FeedbackAnswer> list_feedback_answers(Connection& c, Id item_id) {
  std::vector<FeedbackAnswer> out;
  for (const auto& r : c.query("SELECT id, item_id, text, published_on, published_at, approved_by FROM "
                               "feedback_answers WHERE item_id = $1 ORDER BY id",
                               {item_id}))
    out.push_back({r.i64(0), r.i64(1), r.text(2), r.text(3), r.text(4), r.opt_i64(5)});
  return out;
}

void insert_feedback_lead(Connection& c, const FeedbackLead& l) {
  c.query(
      "INSERT INTO feedback_leads (item_id, lead_unit_id, assigned_on, assigned_at, assigned_by) "
      "VALUES ($1, $2, $3, $4, $5)",
      {l.item_id, l.lead_unit_id, l.assigned_on, l.assigned_at, opt(l.assigned_by)});
}

namespace {
std::vector<FeedbackLead> leads(Connection& c, const std::string& where, const Params& params) {
  std::vector<FeedbackLead> out;
  for (const auto& r : c.query("SELECT l.item_id, l.lead_unit_id, l.assigned_on, l.assigned_at, l.assigned_by, "
                               "u.name, u.path FROM feedback_leads l JOIN units u ON u.id = l.lead_unit_id" +
                                   where + " ORDER BY l.item_id, l.id",
                               params)) {
    FeedbackLead l;
    l.item_id = r.i64(0);
    l.lead_unit_id = r.i64(1);
    l.assigned_on = r.text(2);
    l.assigned_at = r.text(3);
    l.assigned_by = r.opt_i64(4);
    l.unit_name = r.text(5);
    l.unit_path = r.text(6);
    out.push_back(std::move(l));
  }
  return out;
}
}  // namespace

std::vector<FeedbackLead> list_feedback_leads(Connection& c, Id item_id) {
  return leads(c, " WHERE l.item_id = $1", {item_id});
}

std::vector<FeedbackLead> list_all_feedback_leads(Connection& c) { return leads(c, "", {}); }

bool link_feedback_task(Connection& c, Id item_id, Id task_id, std::optional<Id> by, const std::string& at) {
  // The partial unique index keeps one current link per item and task, also between two simultaneous writers.
  return !c.query(
               "INSERT INTO feedback_task_links (item_id, task_id, linked_at, linked_by) VALUES ($1, $2, $3, $4) "
               "ON CONFLICT (item_id, task_id) WHERE unlinked_at IS NULL DO NOTHING RETURNING id",
               {item_id, task_id, at, opt(by)})
              .empty();
}

bool unlink_feedback_task(Connection& c, Id item_id, Id task_id, Id by, const std::string& at) {
  return !c.query(
               "UPDATE feedback_task_links SET unlinked_at = $1, unlinked_by = $2 WHERE item_id = $3 AND task_id = $4 "
               "AND unlinked_at IS NULL RETURNING id",
               {at, by, item_id, task_id})
              .empty();
}

std::vector<FeedbackTaskLink> list_feedback_task_links(Connection& c, const std::vector<Id>& item_ids) {
  std::vector<FeedbackTaskLink> out;
  if (item_ids.empty()) return out;
  std::string in;
  Params params;
  for (const Id id : item_ids) {
    params.push_back(id);
    in += (in.empty() ? "$" : ", $") + std::to_string(params.size());
  }
  for (const auto& r : c.query("SELECT l.item_id, l.task_id, t.code, t.name, d.id, d.number, l.linked_at FROM "
                               "feedback_task_links l JOIN tasks t ON t.id = l.task_id JOIN directives d ON d.id = "
                               "t.directive_id WHERE l.unlinked_at IS NULL AND l.item_id IN (" +
                                   in + ") ORDER BY l.item_id, t.code, l.task_id",
                               params))
    out.push_back({r.i64(0), r.i64(1), r.text(2), r.text(3), r.i64(4), r.text(5), r.text(6)});
  return out;
}

bool set_feedback_coordinators(Connection& c, Id item_id, const std::vector<Id>& unit_ids, std::optional<Id> by,
                               const std::string& on) {
  bool changed = false;
  std::vector<Id> current;
  for (const auto& r :
       c.query("SELECT unit_id FROM feedback_coordinators WHERE item_id = $1 AND removed_on IS NULL", {item_id}))
    current.push_back(r.i64(0));
  for (const Id u : current) {
    if (std::find(unit_ids.begin(), unit_ids.end(), u) != unit_ids.end()) continue;
    c.query(
        "UPDATE feedback_coordinators SET removed_on = $3, removed_by = $4 WHERE item_id = $1 AND unit_id = $2 AND "
        "removed_on IS NULL",
        {item_id, u, on, opt(by)});
    changed = true;
  }
  for (const Id u : unit_ids) {
    if (std::find(current.begin(), current.end(), u) != current.end()) continue;
    c.query("INSERT INTO feedback_coordinators (item_id, unit_id, added_on, added_by) VALUES ($1, $2, $3, $4)",
            {item_id, u, on, opt(by)});
    current.push_back(u);  // a unit named twice in the list is added once
    changed = true;
  }
  return changed;
}

std::vector<FeedbackCoordinator> list_feedback_coordinators(Connection& c, const std::vector<Id>& item_ids) {
  std::vector<FeedbackCoordinator> out;
  if (item_ids.empty()) return out;
  std::string in;
  Params params;
  for (const Id id : item_ids) {
    params.push_back(id);
    in += (in.empty() ? "$" : ", $") + std::to_string(params.size());
  }
  for (const auto& r :
       c.query("SELECT fc.item_id, fc.unit_id, u.name, u.path, fc.added_on FROM feedback_coordinators fc "
               "JOIN units u ON u.id = fc.unit_id WHERE fc.removed_on IS NULL AND fc.item_id IN (" +
                   in + ") ORDER BY fc.item_id, u.name",
               params))
    out.push_back({r.i64(0), r.i64(1), r.text(2), r.text(3), r.text(4)});
  return out;
}

}  // namespace tiendo::store
