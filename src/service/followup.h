#pragma once
// The use cases of following up work within the actor's units (Decree 30): a unit's request to move an
// assignment's deadline, decided once by the standing agency; the review of an overdue assignment (cause, who is
// responsible, remedy, new deadline, roadmap), closed once; a leader's request that a unit explain an assignment or
// an indicator, answered once; and the answer to a report item flagged beyond the unit's authority ("vượt thẩm
// quyền") — each in the caller's transaction, raising service::Error and auditing what it writes. The rules are
// domain/followup; the SQL is store/followup_store. A row outside the actor's units is not found, as if it did not
// exist, before anything about the input is checked: the API finds it first (the lookups below), then reads the
// input, then calls the use case with what it found.
#include <boost/json.hpp>
#include <optional>
#include <string>

#include "domain/date.h"
#include "service/call.h"
#include "service/errors.h"
#include "store/followup_store.h"
#include "store/model.h"

namespace tiendo::service {

// The assignment `id` when the actor may see it; otherwise not found.
store::Assignment followup_assignment(store::Connection& c, const Actor& who, store::Id id);

// --- extension requests ---

// Each list: the rows within the actor's units, newest first, as the pages read them.
boost::json::array extension_requests(store::Connection& c, const Actor& who, const std::optional<std::string>& state);
struct ExtensionInput {
  domain::Date requested_due;
  std::string reason;
};
// A pending request, one at a time per assignment, for a later deadline of work that has one and is not done.
boost::json::object request_extension(const Call& call, const store::Assignment& a, const ExtensionInput& in);
// A decision as given: a refusal says why (checked before the request is looked up).
struct ExtensionDecision {
  bool approve = false;
  std::optional<std::string> note;
};
ExtensionDecision extension_decision(bool approve, std::optional<std::string> note);
// Approved, the assignment's effective deadline moves (the original stays); refused, with the note as the reason.
boost::json::object decide_extension(const Call& call, store::Id id, const ExtensionDecision& d);

// --- overdue reviews ---

boost::json::array overdue_reviews(store::Connection& c, const Actor& who, const std::optional<std::string>& state);
struct ReviewInput {
  std::string cause, responsible_unit, responsible_person, remedy;
  domain::Date new_due;
  std::string roadmap;
};
// Of an assignment overdue today, with a new deadline after today.
boost::json::object create_overdue_review(const Call& call, const store::Assignment& a, const ReviewInput& in);
boost::json::object close_overdue_review(const Call& call, store::Id id);

// --- explanation requests ---

// `answered` filters when given.
boost::json::array explanation_requests(store::Connection& c, const Actor& who, std::optional<bool> answered);
// What an explanation is asked about: an assignment (its unit answers) or an indicator of a unit.
struct ExplanationSubject {
  store::Id unit_id = 0;
  std::optional<store::Id> assignment_id, indicator_id;
};
ExplanationSubject explanation_subject(const store::Assignment& a, std::optional<store::Id> indicator_id);
// An indicator and a unit, both given and both existing, the unit within the asker's subtree (a city-wide leader
// reaches every unit).
ExplanationSubject explanation_subject(store::Connection& c, const Actor& who, std::optional<store::Id> indicator_id,
                                       std::optional<store::Id> unit_id);
boost::json::object request_explanation(const Call& call, const ExplanationSubject& about, const std::string& question,
                                        domain::Date due_on);
// The request `id` when the actor may see it; otherwise not found.
store::Explanation explanation_request(store::Connection& c, const Actor& who, store::Id id);
boost::json::object answer_explanation(const Call& call, const store::Explanation& x, const std::string& answer);

// --- escalations ---

boost::json::array escalations(store::Connection& c, const Actor& who, std::optional<bool> answered);
// One report's item flagged beyond the unit's authority, found within the actor's units.
struct EscalationKey {
  store::Id report_id = 0, assignment_id = 0;
};
EscalationKey escalation(store::Connection& c, const Actor& who, store::Id report_id, store::Id assignment_id);
boost::json::object answer_escalation(const Call& call, const EscalationKey& e, const std::string& answer);

}  // namespace tiendo::service
