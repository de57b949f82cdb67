#pragma once
// The one error path of the API: thrown anywhere in a handler, answered as
// {"error":{"code","message","field"}} with a Vietnamese message.
#include <stdexcept>
#include <string>

#include "service/errors.h"

namespace tiendo::api {

struct ApiError : std::runtime_error {
  ApiError(int status, std::string code, const std::string& message, std::string field = {})
      : std::runtime_error(message), status(status), code(std::move(code)), field(std::move(field)) {}
  // Sent as Retry-After (503 busy, 429): when the same request may succeed.
  ApiError&& retry_after_seconds(int seconds) && {
    retry_after = seconds;
    return std::move(*this);
  }
  int status;
  std::string code;
  std::string field;
  int retry_after = 0;  // seconds, sent as Retry-After when set
};

inline ApiError bad_request(const std::string& field, const std::string& message) {
  return ApiError(400, "invalid", message, field);
}
inline ApiError not_found(const std::string& what) {
  return ApiError(404, "not_found", "Không tìm thấy " + what + ".");
}
inline ApiError forbidden(const std::string& message = "Bạn không có quyền thực hiện thao tác này.") {
  return ApiError(403, "forbidden", message);
}
inline ApiError conflict(const std::string& message, const std::string& field = {}) {
  return ApiError(409, "conflict", message, field);
}

// The one place a service's refusal becomes an HTTP answer (api/router.cpp).
ApiError from_service(const service::Error& e);

}  // namespace tiendo::api
