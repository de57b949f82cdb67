#pragma once
// Sessions (cookie for browsers, bearer token for clients), login throttling, password change and reset.
// Hashing and the password policy live in security/password.h.
#include "api/context.h"

namespace tiendo::api {

// Resolves the bearer token or session cookie of the request into ctx.principal (left empty when absent).
void authenticate(Context& ctx);

}  // namespace tiendo::api
