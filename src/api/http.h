#pragma once
// The HTTP request and response as handlers see them: no Beast types here, so handlers compile fast
// and tests can call them directly.
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace tiendo::api {

struct Request {
  std::string method;  // GET, POST, PUT, PATCH, DELETE
  std::string target;  // path and query as received
  std::string path;
  std::map<std::string, std::string> query;
  std::map<std::string, std::string> headers;  // names lower-cased
  std::string body;
  // The client's address: the peer's, or nginx's X-Real-IP when the peer is the proxy on this host.
  std::string remote_address;

  std::optional<std::string> header(const std::string& lower_name) const {
    auto it = headers.find(lower_name);
    return it == headers.end() ? std::nullopt : std::optional(it->second);
  }
};

struct Response {
  int status = 200;
  std::string content_type = "application/json; charset=utf-8";
  std::string body;
  std::vector<std::pair<std::string, std::string>> headers;
};

// The Content-Disposition of a download: always an attachment, the name cleaned of controls and direction
// marks (domain::clean_file_name), an ASCII fallback in `filename` ("\"", "\\" and non-ASCII become "_") and
// the exact UTF-8 name in `filename*` (RFC 6266/8187).
std::string attachment_disposition(const std::string& file_name);

// Splits "/a/b?x=1&y=%C3%A1" into path and decoded query parameters; false when the target is malformed.
bool parse_target(Request& r);

}  // namespace tiendo::api
