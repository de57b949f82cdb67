#pragma once
// The account routes over HTTP: the session's token taken from a bearer header or the cookie (set at login, cleared
// at logout), the public forms' JSON-only and same-origin checks. Logging in with its throttles, password change
// and reset are the use cases of service/auth; hashing and the password policy live in security/password.h.
#include "api/context.h"

namespace tiendo::api {

// Resolves the bearer token or session cookie of the request into ctx.principal (left empty when absent).
void authenticate(Context& ctx);

}  // namespace tiendo::api
