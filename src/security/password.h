#pragma once
// Passwords: Argon2id through libsodium, in a small pool of its own, and the policy's list of common
// passwords. Used by the HTTP handlers, the command line and the demo loader alike.
#include <optional>
#include <stdexcept>
#include <string>

#include "domain/password_policy.h"

namespace tiendo::security {

// Thrown when the hashing queue is full; the HTTP layer answers 503 with Retry-After.
struct Busy : std::runtime_error {
  Busy() : std::runtime_error("password hashing queue is full") {}
  static constexpr int kRetryAfterSeconds = 2;
};

// Hashing and checking run on the hashing pool (2 threads, at most 16 waiting): a burst of logins takes
// at most two cores and a bounded number of workers, never the whole server. When the queue is full they
// throw Busy.
std::string hash_password(const std::string& password);
bool verify_password(const std::string& hash, const std::string& password);

// A hash of a random password, computed once: an unknown user name is checked against it, so it takes as
// long as a known one.
const std::string& dummy_hash();
// Computes the dummy hash at start-up, so the first unknown login is not slower.
void prepare_logins();

// Debian's john-data list of common passwords; every server and command that sets a password needs it.
inline constexpr const char* kCommonPasswordsFile = "/usr/share/john/password.lst";
// Reads the list (throws when the file is missing or empty); the first use loads the default file.
void load_common_passwords(const std::string& path = kCommonPasswordsFile);
// Nothing when the password is acceptable, else why not (Vietnamese).
std::optional<std::string> password_problem(const std::string& password, const domain::PasswordContext& context);

}  // namespace tiendo::security
