#pragma once
// Passwords (Argon2id through libsodium, in a small pool of their own), sessions (cookie for browsers,
// bearer token for clients), login throttling, password change and reset.
#include <optional>
#include <string>

#include "api/context.h"
#include "domain/password_policy.h"

namespace tiendo::api {

// Hashing and checking run on the hashing pool (2 threads, at most 16 waiting): a burst of logins takes
// at most two cores and a bounded number of workers, never the whole server. When the queue is full they
// throw ApiError 503 "busy" with Retry-After.
std::string hash_password(const std::string& password);
bool verify_password(const std::string& hash, const std::string& password);

// Debian's john-data list of common passwords; every server and command that sets a password needs it.
inline constexpr const char* kCommonPasswordsFile = "/usr/share/john/password.lst";
// Reads the list (throws when the file is missing or empty); the first use loads the default file.
void load_common_passwords(const std::string& path = kCommonPasswordsFile);
// Nothing when the password is acceptable, else why not (Vietnamese).
std::optional<std::string> password_problem(const std::string& password, const domain::PasswordContext& context);

// Computes the dummy hash unknown users are checked against, so the first one is not slower (at start-up).
void prepare_logins();

// Resolves the bearer token or session cookie of the request into ctx.principal (left empty when absent).
void authenticate(Context& ctx);

}  // namespace tiendo::api
