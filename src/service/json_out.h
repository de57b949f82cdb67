#pragma once
// JSON the services write and the API answers with: the assignment counts of a rollup (shown on the
// page and in the synthesis document alike), an assignment as judged at a date, a report and its parts (the report's
// use cases answer with them), and JSON text without NaN or Infinity.
#include <boost/json.hpp>
#include <optional>
#include <string>

#include "service/evaluation.h"
#include "store/model.h"
#include "store/reopen_store.h"

namespace tiendo::service {

boost::json::object to_json(const Rollup& r);
// An assignment with its status at a date (R6), as every list and page shows it.
boost::json::object to_json(const EvaluatedAssignment& x);
boost::json::object to_json(const store::Report& r);
boost::json::object to_json(const store::ReopenRequest& q);
boost::json::object to_json(const store::ReportItem& i);
boost::json::object to_json(const store::IndicatorValue& v);
boost::json::object to_json(const store::Evidence& e);

// An optional as JSON: the value, or null.
boost::json::value nullable(const std::optional<std::string>& s);
boost::json::value nullable(const std::optional<long long>& v);
boost::json::value nullable(const std::optional<double>& v);

// JSON text with every non-finite number written as null: no answer ever holds NaN or Infinity.
std::string serialize_finite(const boost::json::value& v);

}  // namespace tiendo::service
