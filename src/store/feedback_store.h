#pragma once
// Feedback items (migration 015): the public page's submissions and the desks' entries, their workflow and
// dated facts. Contacts arrive here already sealed and hashed (security/feedback_seal); the API shapes rows.
#include <optional>
#include <string>
#include <vector>

#include "store/db.h"
#include "store/model.h"

namespace tiendo::store {

struct FeedbackItem {
  Id id = 0;
  std::string code, kind, field, channel;
  std::optional<std::string> external_ref;
  std::string title, body, sender_type;
  std::optional<std::string> sender_name_sealed;
  std::string contact_sealed, contact_hash, body_hash;
  std::optional<std::string> address_hash;
  bool anonymous = false;
  std::string consent_at, rating_token_hash, received_at, received_on;
  std::optional<Id> received_unit_id, entered_by;
  std::string state = "received";
  std::optional<std::string> outcome_reason;
  std::optional<Id> merged_into;
  std::optional<std::string> forwarded_to, classified_on;
  std::optional<Id> lead_unit_id;
  std::string acknowledge_due, forward_due, answer_due;
  std::optional<std::string> extended_due, extension_reason, extended_on;
  // The day the answer now owed is due: answer_due, then the extended day, then set anew by a reopening (the
  // warnings and reminders read it; R1 judges the first answer by answer_due and extended_due).
  std::string owed_by;
  std::optional<std::string> draft_answer, internal_note, public_answer, first_published_on, published_at;
  std::optional<std::string> reopen_reason, reopened_on;
  bool reopen_late = false;
  std::optional<std::string> rating, rating_reason, rated_on;
  long long version = 1;
  // The public version written by staff (migration 020); the received title and text stay as they came.
  std::optional<std::string> public_title, public_text, moderated_on;
  bool public_anonymous = true;
  std::optional<Id> moderated_by;
  std::optional<std::string> contact_erased_on;  // the sender's name and contact erased after the retention
  // The adoption branch of an initiative, a solution or a product order (migration 034): each step set once.
  std::optional<std::string> adoption, proposed_on;
  std::optional<Id> proposed_by;
  std::optional<std::string> adoption_decided_on;
  std::optional<Id> adoption_decided_by;
  std::optional<std::string> adoption_reason;
  std::optional<Id> adopted_task_id;
  std::optional<std::string> policy_change;
  // Read with the item, never written through it.
  std::optional<std::string> lead_unit_name, lead_unit_path, received_unit_name, received_unit_path, merged_into_code;
  std::optional<std::string> adopted_task_code, adopted_task_name;
};

Id insert_feedback(Connection& c, const FeedbackItem& f);
std::optional<FeedbackItem> find_feedback(Connection& c, Id id);
std::optional<FeedbackItem> find_feedback_by_code(Connection& c, const std::string& code);
// The item holding this text from this contact already, if any (duplicate detection).
std::optional<FeedbackItem> find_feedback_duplicate(Connection& c, const std::string& contact_hash,
                                                    const std::string& body_hash);
// Items received since the instant from this contact / this address (rate limits).
long long count_feedback_by_contact(Connection& c, const std::string& contact_hash, const std::string& since);
long long count_feedback_by_address(Connection& c, const std::string& address_hash, const std::string& since);
// A mark that moves with every write to the items (one more item, or any item's version moved on): figures kept
// under one mark are still the figures of the same items.
std::string feedback_mark(Connection& c);

struct FeedbackFilter {
  // A unit user's subtree: items it received, leads or coordinates now.
  std::optional<std::string> scope_path;
  std::optional<std::string> state;
  std::optional<std::string> received_from, received_to;  // days, inclusive
  bool awaiting_answer = false;  // received, accepted, assigned or drafted: an answer is still owed
  // The answer now owed is due (owed_by) within these days, inclusive.
  std::optional<std::string> due_from, due_to;
  std::optional<Id> task_id;            // items linked to this plan task now
  std::optional<std::string> adoption;  // proposed, adopted, not_adopted
};
// Newest first; `limit` 0 means every row (the figures read them all).
std::vector<FeedbackItem> list_feedback(Connection& c, const FeedbackFilter& f, long long limit, long long offset,
                                        long long* total);

// Writes the item's workflow and public-version columns when it is still at `expected_version`, and moves the version
// on: false when someone else changed it first (the caller answers 409).
bool update_feedback(Connection& c, const FeedbackItem& f, long long expected_version);

// Items whose sender's name and contact are still kept and that are closed (published, not accepted, merged,
// forwarded): the retention job's candidates.
std::vector<FeedbackItem> list_feedback_contacts_kept(Connection& c);
// Erases the sender's name and contact (the sealed contact becomes empty), marking the day.
void erase_feedback_contact(Connection& c, Id id, const std::string& on);

// Every approved answer, oldest first: an answer published again after a reopen keeps the earlier one.
struct FeedbackAnswer {
  Id id = 0, item_id = 0;
  std::string text, published_on, published_at;
  std::optional<Id> approved_by;
};
void insert_feedback_answer(Connection& c, const FeedbackAnswer& a);
std::vector<FeedbackAnswer> list_feedback_answers(Connection& c, Id item_id);

// Every choice of an item's lead unit with the day it was made, in the order made.
struct FeedbackLead {
  Id item_id = 0, lead_unit_id = 0;
  std::string assigned_on, assigned_at;
  std::optional<Id> assigned_by;
  std::string unit_name, unit_path;  // read with the row
};
void insert_feedback_lead(Connection& c, const FeedbackLead& l);
std::vector<FeedbackLead> list_feedback_leads(Connection& c, Id item_id);
// Every item's choices (the figures group a past date by the lead unit of that date).
std::vector<FeedbackLead> list_all_feedback_leads(Connection& c);

// A plan's task a feedback item concerns (migration 033), with the task's words read with the link.
struct FeedbackTaskLink {
  Id item_id = 0, task_id = 0;
  std::string task_code, task_name;
  Id directive_id = 0;
  std::string directive_number, linked_at;
};
// Links the task unless it is linked already; true when a link was added.
// `by` is nothing when the sender chose the task on the public page.
bool link_feedback_task(Connection& c, Id item_id, Id task_id, std::optional<Id> by, const std::string& at);
// Ends the current link; false when there was none.
bool unlink_feedback_task(Connection& c, Id item_id, Id task_id, Id by, const std::string& at);
// The current links of these items, by item then task code.
std::vector<FeedbackTaskLink> list_feedback_task_links(Connection& c, const std::vector<Id>& item_ids);

// A coordinating unit of an item (migration 034), with its words read with the row.
struct FeedbackCoordinator {
  Id item_id = 0, unit_id = 0;
  std::string unit_name, unit_path, added_on;
};
// Makes `unit_ids` the item's coordinating units from `on`: those no longer named are taken off (dated), the new
// ones added; true when anything changed.
bool set_feedback_coordinators(Connection& c, Id item_id, const std::vector<Id>& unit_ids, std::optional<Id> by,
                               const std::string& on);
// The current coordinating units of these items, by item then unit name.
std::vector<FeedbackCoordinator> list_feedback_coordinators(Connection& c, const std::vector<Id>& item_ids);

}  // namespace tiendo::store
