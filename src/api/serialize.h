#pragma once
// The JSON shape of every resource, in one place so lists and single reads agree.
#include <boost/json.hpp>

#include "service/evaluation.h"
#include "service/json_out.h"
#include "store/model.h"
#include "store/reopen_store.h"

namespace tiendo::api {

using service::to_json;  // a rollup, a report and its parts: the report's use cases answer with them too

boost::json::object to_json(const store::Unit& u);
boost::json::object to_json(const store::UnitGroup& g);
boost::json::object to_json(const store::Directive& d);
boost::json::object to_json(const store::ReportingRuleRow& r);
boost::json::object to_json(const store::Indicator& i);
boost::json::object to_json(const store::Task& t);
boost::json::object to_json(const service::EvaluatedAssignment& a);
boost::json::object to_json(const store::User& u);
boost::json::object to_json(const store::AuditEntry& e);
boost::json::object to_json(const service::IndicatorEvaluation& e);
boost::json::array ids_json(const std::vector<store::Id>& ids);

}  // namespace tiendo::api
