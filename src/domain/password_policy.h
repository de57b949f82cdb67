#pragma once
// What a password must be before it is accepted: long enough to resist guessing at the login limits,
// and not guessable from the account itself.
#include <optional>
#include <string>

namespace tiendo::domain {

inline constexpr size_t kMinPasswordLength = 10;

// Nothing when the password is acceptable; otherwise why not, in Vietnamese.
std::optional<std::string> password_problem(const std::string& password, const std::string& username);

}  // namespace tiendo::domain
