#pragma once
// The administrator's use cases: the accounts within their units — list, create, set a new password, lock and
// unlock, end the sessions, lift the login delay — and the audit trail with its chain check. Each writes in the
// caller's transaction (but the two that hash a password, which hash outside any transaction), raises
// service::Error and audits what it changes; the SQL is store/user_store and store/trust_store.
#include <boost/json.hpp>
#include <optional>
#include <string>

#include "domain/date.h"
#include "service/call.h"
#include "store/model.h"

namespace tiendo::service {

// An account as listed and audited (never its password hash), and an audit entry as the trail lists it.
boost::json::object to_json(const store::User& u);
boost::json::object to_json(const store::AuditEntry& e);

// One page of a list and the count of all.
struct ListPage {
  boost::json::array items;
  long long total = 0;
};

// The accounts of the actor's units.
ListPage users(store::Connection& c, const Actor& who, store::Page page);

struct NewUser {
  std::string username, full_name, role;
  store::Id unit_id = 0;
  std::string email, password;
};
// An account in a unit of the actor's, of a role that fits the unit (domain::role_fits_unit), under a user name of
// unaccented letters, digits and . _ - that nobody has, with a password the policy accepts. Answers the account.
boost::json::object create_user(store::Database& db, const Actor& who, domain::Instant now, bool postgres,
                                const NewUser& in);

// The administrator sets a new password (the person forgot it and has no e-mail): every session of the user ends,
// their reset links stop working and their login delay is lifted. Answers how many sessions ended.
long long reset_user_password(store::Database& db, const Actor& who, domain::Instant now, bool postgres, store::Id id,
                              const std::string& password);
// Locks (ending the sessions and reset links; never one's own account) or unlocks an account. Answers the account.
boost::json::object set_user_active(const Call& call, store::Id id, bool active);
// Ends every session of the account; answers how many.
long long end_user_sessions(const Call& call, store::Id id);
// Lifts the login delay of the account from every address.
void unlock_user(const Call& call, store::Id id);

// The audit trail, newest first, of one entity or id when given.
ListPage audit_entries(store::Connection& c, const std::optional<std::string>& entity,
                       const std::optional<std::string>& entity_id, store::Page page);
// The whole chain recomputed: `ok`, how many entries were `checked` and the `first_broken_id` (null when none).
boost::json::object verify_audit_chain(store::Connection& c);

}  // namespace tiendo::service
