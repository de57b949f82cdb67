#pragma once
// Passwords (Argon2id through libsodium), sessions (cookie for browsers, bearer token for clients).
#include <string>

#include "api/context.h"

namespace tiendo::api {

std::string hash_password(const std::string& password);
bool verify_password(const std::string& hash, const std::string& password);
// At least 8 characters with a letter and a digit: the demo's TienDo@2026 passes, "12345678" does not.

// Resolves the bearer token or session cookie of the request into ctx.principal (left empty when absent).
void authenticate(Context& ctx);

}  // namespace tiendo::api
