#pragma once
// JSON the services write and the API answers with: the assignment counts of a rollup (shown on the
// page and in the synthesis document alike) and JSON text without NaN or Infinity.
#include <boost/json.hpp>
#include <string>

#include "service/evaluation.h"

namespace tiendo::service {

boost::json::object to_json(const Rollup& r);

// JSON text with every non-finite number written as null: no answer ever holds NaN or Infinity.
std::string serialize_finite(const boost::json::value& v);

}  // namespace tiendo::service
