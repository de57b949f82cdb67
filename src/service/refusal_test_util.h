#pragma once
// For the use cases' tests: what a call refused, as the service::Error it raised.
#include <optional>

#include "service/errors.h"

namespace tiendo::service {

// The use case's refusal (its kind, field and message), or nothing when it did not refuse.
template <class F>
std::optional<Error> refusal(F&& f) {
  try {
    f();
  } catch (const Error& e) {
    return e;
  }
  return std::nullopt;
}

}  // namespace tiendo::service
