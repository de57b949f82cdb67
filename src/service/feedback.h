#pragma once
// The use cases of a feedback item (issue 15): the public page's submission, lookup and rating (no login, the
// rating link's secret instead), a desk's entry, and the staff inbox — classify, assign, answer, send back,
// approve and publish, moderate, extend, reopen, link to a plan's task, the adoption branch of an initiative —
// each in the caller's transaction, raising service::Error. Who may take which step is domain/feedback; the SQL is
// store/feedback_store. Contacts are sealed with security/feedback_seal and shown only to the standing agency and
// the units receiving or leading the item. Each write answers with the item as its page reads it.
#include <boost/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "domain/feedback.h"
#include "mail/smtp.h"
#include "security/feedback_seal.h"
#include "service/call.h"
#include "service/errors.h"
#include "store/feedback_store.h"
#include "store/model.h"

namespace tiendo::service {

// What the feedback use cases take from the installation.
struct FeedbackSettings {
  const security::FeedbackSeal* seal = nullptr;  // nothing: feedback is unavailable (no key)
  domain::FeedbackLimits limits;
  domain::FeedbackDeadlines deadlines;
  std::string public_url;                  // where the rating link points
  const mail::SmtpConfig* smtp = nullptr;  // nothing or no host: the link is not mailed
};

// The city-wide roles, and the officers of the unit that received the item, leads it or coordinates it now (or of
// a unit above).
bool feedback_in_scope(const Actor& who, const store::FeedbackItem& f,
                       const std::vector<store::FeedbackCoordinator>& coordinators);
// The item `id` when the actor may see it; otherwise not found, as if it did not exist.
store::FeedbackItem feedback_item(store::Connection& c, const Actor& who, store::Id id);

// One new item as read from the public page (channel web) or a desk's entry.
struct NewFeedback {
  domain::FeedbackChannel channel = domain::FeedbackChannel::web;
  domain::FeedbackKind kind = domain::FeedbackKind::phan_anh;
  domain::SenderType sender_type = domain::SenderType::nguoi_dan;
  std::string field, title, text, name, contact;  // contact: as typed, a phone number or an e-mail address
  std::optional<bool> consent;
  bool anonymous = false;
  std::optional<std::string> external_ref;  // a desk's reference (pakn.nq57.vn…)
  std::optional<store::Id> task_id;         // the plan's task the sender says it concerns
  std::string remote_address;               // the public page's limits count by it
};
struct Intake {
  store::FeedbackItem item;
  std::string token;                 // the rating link's secret, given once
  std::optional<std::string> email;  // the sender's address, when the contact is one
  std::string link;                  // the sender's own page: status, answer and rating
  bool emailed = false;              // the link goes out by e-mail (mail_feedback_link)
};
// Checks the contact and the consent, refuses a duplicate and, on the public page, too many from one address or
// contact; seals the contact, sets the deadlines, audits. A unit's officer enters an item as its receiving unit,
// which classifies it; the standing agency's entries are its own to classify, like the public page's.
Intake receive_feedback(const Call& call, const FeedbackSettings& s, const NewFeedback& in);
// The tracking link by e-mail, after the item is committed; sent once, off the request (the link's secret is
// never stored, so it cannot wait in a queue).
void mail_feedback_link(const FeedbackSettings& s, const Intake& in);

// What anyone with the code sees: the moderated version of the sender's words, never a contact.
boost::json::object feedback_public_view(store::Connection& c, const FeedbackSettings& s, const std::string& code);

struct Rating {
  std::string token;
  domain::FeedbackRating rating = domain::FeedbackRating::hai_long;
  std::optional<std::string> reason;
  bool late = false;  // "Chưa hài lòng" because the answer came late
};
// The sender's one rating through the secret link; "Chưa hài lòng" with a reason reopens the item, once. The
// public view after it.
boost::json::object rate_feedback(const Call& call, const FeedbackSettings& s, const std::string& code,
                                  const Rating& in);

// The inbox within the actor's scope: of one state, of one urgency as of today (due_soon, overdue), linked to one
// task, at one adoption step.
struct FeedbackQuery {
  std::optional<std::string> state, urgency, adoption;
  std::optional<store::Id> task_id;
  store::Page page;
};
struct FeedbackPage {
  boost::json::array items;
  long long total = 0;
};
FeedbackPage list_feedback_items(const Call& call, const FeedbackSettings& s, const FeedbackQuery& q);
// The answers published, each with the moderated question, for everyone.
FeedbackPage answered_feedback(store::Connection& c, const FeedbackSettings& s, store::Page page);

// One item as the inbox lists it, without its links (the answer to a desk's entry).
boost::json::object feedback_row(const Actor& who, domain::Instant now, const FeedbackSettings& s,
                                 const store::FeedbackItem& f);
// One item as staff read it (the contact only for those who may see it), with every answer published and every
// choice of its lead unit.
boost::json::object feedback_detail(const Call& call, const FeedbackSettings& s, const store::FeedbackItem& f);

// The workflow's steps on an item the actor may see (feedback_item), from the `version` it was read at: each
// checks its input, takes the step if domain::feedback_step allows one of the actor's capacities, audits, and
// answers with feedback_detail.
struct Classification {
  std::string outcome;  // accepted, not_accepted (with a reason), merged (into another code), forwarded (to whom)
  std::optional<std::string> reason, merged_into_code, forwarded_to;
};
boost::json::object classify_feedback(const Call& call, const FeedbackSettings& s, store::FeedbackItem f,
                                      long long version, const Classification& in);
struct LeadAssignment {
  store::Id lead_unit_id = 0;
  // Given: replaces the coordinating units (0: an entry that names no unit).
  std::optional<std::vector<store::Id>> coordinating_unit_ids;
};
boost::json::object assign_feedback(const Call& call, const FeedbackSettings& s, store::FeedbackItem f,
                                    long long version, const LeadAssignment& in);
struct DraftAnswer {
  std::string answer;
  std::optional<std::string> internal_note;
};
boost::json::object draft_feedback_answer(const Call& call, const FeedbackSettings& s, store::FeedbackItem f,
                                          long long version, const DraftAnswer& in);
boost::json::object send_feedback_back(const Call& call, const FeedbackSettings& s, store::FeedbackItem f,
                                       long long version, const std::string& reason);
// The approved draft becomes the public answer, and the city's platforms hear of it (issue 18).
boost::json::object approve_feedback(const Call& call, const FeedbackSettings& s, store::FeedbackItem f,
                                     long long version);
// The public version: title and text without contacts, and whether the sender's name is shown.
struct Moderation {
  std::string public_title, public_text;
  bool public_anonymous = true;
};
boost::json::object moderate_feedback(const Call& call, const FeedbackSettings& s, store::FeedbackItem f,
                                      long long version, const Moderation& in);
boost::json::object extend_feedback(const Call& call, const FeedbackSettings& s, store::FeedbackItem f,
                                    long long version, const std::string& reason);
boost::json::object reopen_feedback(const Call& call, const FeedbackSettings& s, store::FeedbackItem f,
                                    long long version, const std::string& reason, bool late);

// Links the item to a plan's task (any task of the city's plans) or ends the link (ending one that is not there
// changes nothing). Not a workflow step: the state and version stay; the audit log keeps each change.
boost::json::object change_feedback_task(const Call& call, const FeedbackSettings& s, const store::FeedbackItem& f,
                                         store::Id task_id, bool link);

// The adoption branch of an initiative, a solution or a product order: proposed by its lead unit or the standing
// agency, then adopted (into a plan task, linked to the item, or a change of policy) or not adopted with its
// reason, by the standing agency, once.
struct AdoptionInput {
  domain::AdoptionAction action = domain::AdoptionAction::propose;
  std::optional<std::string> reason, policy_change;
  std::optional<store::Id> task_id;
};
boost::json::object decide_adoption(const Call& call, const FeedbackSettings& s, store::FeedbackItem f,
                                    long long version, const AdoptionInput& in);

// The figures of Decision 766 as the inbox and the public page show them: the city's (or `scope`'s) total and each
// lead unit's, as of `as_of`, over the items received within `period`'s days (service/feedback_figures).
boost::json::object feedback_figures_answer(store::Connection& c, const store::FeedbackFilter& period,
                                            domain::Date as_of, const std::optional<std::string>& scope);

}  // namespace tiendo::service
