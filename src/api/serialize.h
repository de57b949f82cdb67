#pragma once
// The JSON shape of every resource, in one place so lists and single reads agree.
#include <boost/json.hpp>

#include "service/evaluation.h"
#include "service/json_out.h"
#include "service/plan_json.h"
#include "store/model.h"
#include "store/reopen_store.h"

namespace tiendo::api {

// A rollup, an assignment as judged, a report and its parts, the plan and the unit tree: the use cases answer with
// them too.
using service::to_json;

boost::json::object to_json(const store::User& u);
boost::json::object to_json(const store::AuditEntry& e);

}  // namespace tiendo::api
