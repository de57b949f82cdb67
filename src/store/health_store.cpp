#include "store/health_store.h"

namespace tiendo::store {

void ping(Connection& c) { c.query("SELECT 1"); }

}  // namespace tiendo::store
