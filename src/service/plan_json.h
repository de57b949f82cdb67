#pragma once
// The JSON shape of the plan and the unit tree — a directive, its reporting rule, an indicator with its
// evaluation, a task, a unit, a unit group — in one place: the plan's and the units' use cases answer with it and
// write it to the audit entries the resident models follow, and the API's lists and single reads agree with them.
#include <boost/json.hpp>

#include "service/evaluation.h"
#include "store/model.h"

namespace tiendo::service {

boost::json::object to_json(const store::Unit& u);
boost::json::object to_json(const store::UnitGroup& g);
boost::json::object to_json(const store::Directive& d);
boost::json::object to_json(const store::ReportingRuleRow& r);
boost::json::object to_json(const store::Indicator& i);
boost::json::object to_json(const store::Task& t);
boost::json::object to_json(const IndicatorEvaluation& e);

}  // namespace tiendo::service
