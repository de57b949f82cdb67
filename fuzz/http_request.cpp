// HTTP request parsing as the server does it: Beast's parser with the server's limits, then the target
// split into path and decoded query. Any bytes: no crash, no sanitizer report.
#include <boost/beast/http.hpp>
#include <cstddef>
#include <cstdint>

#include "api/http.h"
#include "api/server.h"

namespace http = boost::beast::http;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  http::request_parser<http::string_body> parser;
  parser.header_limit(16 * 1024);
  parser.body_limit(1024 * 1024);
  parser.eager(true);
  boost::beast::error_code ec;
  parser.put(boost::asio::buffer(data, size), ec);
  if (!ec && !parser.is_done()) parser.put_eof(ec);
  if (ec || !parser.is_done()) return 0;
  tiendo::api::Request req = tiendo::api::to_request(parser.get());
  (void)tiendo::api::parse_target(req);
  return 0;
}
