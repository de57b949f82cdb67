#pragma once
// The audit trail of a write, appended in the caller's transaction by the use case that writes.
#include <boost/json.hpp>
#include <string>

#include "domain/date.h"
#include "service/actor.h"
#include "store/db.h"

namespace tiendo::service {

// One entry: who (nothing: the system), when, what entity and action, the entity before and after (null: none).
void audit(store::Connection& c, bool postgres, const Actor* who, domain::Instant now, const std::string& entity,
           store::Id id, const std::string& action, const boost::json::value& before, const boost::json::value& after);

}  // namespace tiendo::service
