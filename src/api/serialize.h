#pragma once
// The JSON shape of every resource is the service's (service/json_out, service/plan_json): the handlers that answer
// with them name them here once.
#include <boost/json.hpp>

#include "service/evaluation.h"
#include "service/json_out.h"
#include "service/plan_json.h"
#include "store/model.h"
#include "store/reopen_store.h"

namespace tiendo::api {

// A rollup, an assignment as judged, a report and its parts, the plan and the unit tree.
using service::to_json;

}  // namespace tiendo::api
