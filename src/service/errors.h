#pragma once
// What a use case refuses, said without HTTP: the kind, a Vietnamese message for the person and, for
// invalid input, the field it is about. `api/` alone turns each kind into a status and an answer
// (api/router.cpp); the command line prints the message.
#include <stdexcept>
#include <string>

namespace tiendo::service {

struct Error : std::runtime_error {
  enum class Kind {
    invalid,           // the input is wrong: `field` names it
    unsupported_file,  // a file of a type the use case does not read
    conflict,          // the input is right but the state of the data does not allow it now
    not_found,
    forbidden,
    duplicate,     // the same input was received already: the message names the earlier one
    rate_limited,  // too many of the same from one source: `retry_after_seconds` says when to try again
    unavailable,   // the use case cannot run on this installation now (a key it needs is missing)
    busy,          // a momentary failure: the same input may succeed when sent again
    number_taken,  // a register number already used in its year (issued documents)
    // An account's (service/auth): a login's user name or password is wrong (one answer for both); its checks wait
    // after repeated failures (`retry_after_seconds` says how long); a password reset link is unknown, used or expired.
    wrong_credentials,
    slowed,
    invalid_token,
  };
  Error(Kind kind, const std::string& message, std::string field = {})
      : std::runtime_error(message), kind(kind), field(std::move(field)) {}
  Kind kind;
  std::string field;
  int retry_after_seconds = 0;  // of a rate limit
};

inline Error invalid(const std::string& field, const std::string& message) {
  return Error(Error::Kind::invalid, message, field);
}
inline Error unsupported_file(const std::string& field, const std::string& message) {
  return Error(Error::Kind::unsupported_file, message, field);
}
inline Error conflict(const std::string& message, const std::string& field = {}) {
  return Error(Error::Kind::conflict, message, field);
}
inline Error not_found(const std::string& what) {
  return Error(Error::Kind::not_found, "Không tìm thấy " + what + ".");
}
inline Error forbidden(const std::string& message = "Bạn không có quyền thực hiện thao tác này.") {
  return Error(Error::Kind::forbidden, message);
}

inline Error duplicate(const std::string& field, const std::string& message) {
  return Error(Error::Kind::duplicate, message, field);
}
inline Error rate_limited(const std::string& message, int retry_after_seconds, const std::string& field = {}) {
  Error e(Error::Kind::rate_limited, message, field);
  e.retry_after_seconds = retry_after_seconds;
  return e;
}

inline Error wrong_credentials(const std::string& message, const std::string& field) {
  return Error(Error::Kind::wrong_credentials, message, field);
}
inline Error slowed(const std::string& message, int retry_after_seconds, const std::string& field) {
  Error e(Error::Kind::slowed, message, field);
  e.retry_after_seconds = retry_after_seconds;
  return e;
}
inline Error invalid_token(const std::string& message, const std::string& field) {
  return Error(Error::Kind::invalid_token, message, field);
}

}  // namespace tiendo::service
