#include "api/http.h"

#include <boost/url/parse.hpp>

namespace tiendo::api {

bool parse_target(Request& r) {
  auto parsed = boost::urls::parse_origin_form(r.target);
  if (!parsed) return false;
  r.path = std::string(parsed->path());  // percent-decoded
  r.query.clear();
  for (auto param : parsed->params()) r.query[std::string(param.key)] = std::string(param.value);
  return true;
}

}  // namespace tiendo::api
