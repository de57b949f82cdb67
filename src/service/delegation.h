#pragma once
// A unit head delegates the approval of the unit's reports to a deputy for a range of days (issue 14); while it
// runs, the deputy approves or sends back, and the approval shows "KT." with whom the deputy signed for. The use
// cases list, create and revoke a delegation in the caller's transaction, raising service::Error and auditing what
// they write; the range's rules are domain/delegation, the SQL store/review_store.
#include <boost/json.hpp>
#include <string>

#include "domain/date.h"
#include "service/call.h"
#include "store/review_store.h"

namespace tiendo::service {

// Whether a person of `role` may stand in for the unit head: never the focal point who drafts the reports (approving
// one's own report would defeat the approval). The session looks up a delegation only for these roles.
bool may_be_deputy(const std::string& role);

// The delegations within the actor's units (`items`, `total`, each `active` on `today`) and the active people of
// the actor's own unit they could name as deputy (`candidates`).
boost::json::object delegations(store::Connection& c, const Actor& who, domain::Date today);

struct DelegationInput {
  store::Id deputy_id = 0;
  domain::Date from, to;
};
// The unit head (or the administrator) of the actor's unit hands the approval to an active deputy of that unit for
// [from, to]; a range domain/delegation refuses is invalid ("to"). Answers the delegation as listed.
boost::json::object delegate_approval(const Call& call, const DelegationInput& in);
// Only the delegator (or the administrator) revokes, once; a delegation outside the actor's units is not found.
boost::json::object revoke_delegation(const Call& call, store::Id id);

}  // namespace tiendo::service
