#pragma once
// Reading request bodies and query strings with a clear Vietnamese error naming the field, and writing
// JSON responses.
#include <boost/json.hpp>
#include <functional>
#include <memory>
#include <optional>
#include <string>

#include "api/context.h"
#include "domain/date.h"
#include "domain/ranges.h"
#include "service/json_out.h"
#include "store/model.h"

namespace tiendo::api {

boost::json::object parse_body(const Request& req);

// A field as an error message names it: its Vietnamese label in quotes ("Tiến độ (%)").
std::string label(const std::string& field);

std::string required_string(const boost::json::object& o, const std::string& field, size_t max_len = 2000);
std::optional<std::string> optional_string(const boost::json::object& o, const std::string& field,
                                           size_t max_len = 20000);
std::optional<long long> optional_int(const boost::json::object& o, const std::string& field, long long min,
                                      long long max);
// A finite number (JSON that reads as infinity or NaN is refused by parse_body already).
std::optional<double> optional_number(const boost::json::object& o, const std::string& field);
// A number within the range of its kind (domain/ranges), refused with a 400 naming the field's label.
std::optional<double> optional_number(const boost::json::object& o, const std::string& field, domain::NumberKind kind);
void check_number(const std::string& field, double value, domain::NumberKind kind);

std::optional<bool> optional_bool(const boost::json::object& o, const std::string& field);
std::optional<domain::Date> optional_date(const boost::json::object& o, const std::string& field);

store::Page query_page(const Request& req);
std::optional<std::string> query_string(const Request& req, const std::string& name);
std::optional<store::Id> query_id(const Request& req, const std::string& name);

using service::serialize_finite;
Response json_response(int status, const boost::json::value& v);
// An answer a resident model keeps ready, and for a client that takes gzip its compressed twin, kept the same
// way: `kept(suffix, make)` gives the text kept under the suffix ("" plain, ".gz" compressed), made once by the
// first reader; eight leaders reading the nation would otherwise serialize and compress the same answer eight times.
using KeptText = std::function<std::shared_ptr<const std::string>(const std::string& suffix,
                                                                  const std::function<std::string()>& make)>;
Response kept_json(const Request& req, const KeptText& kept, const std::function<std::string()>& make);
Response list_response(boost::json::array items, long long total);
Response error_response(const ApiError& e);

using service::nullable;

}  // namespace tiendo::api
