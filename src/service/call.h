#pragma once
#include "domain/date.h"
#include "service/actor.h"
#include "store/db.h"

namespace tiendo::service {

// One call of a use case: on which connection (inside its transaction), by whom, at what instant; `postgres`
// decides how the audit chain is locked.
struct Call {
  store::Connection& c;
  const Actor& who;
  domain::Instant now;
  bool postgres = false;
};

}  // namespace tiendo::service
