#pragma once
// The health check's round trip to a database: it returns when the database answers, throws DbError when not.
#include "store/db.h"

namespace tiendo::store {

void ping(Connection& c);

}  // namespace tiendo::store
