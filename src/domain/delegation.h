#pragma once
// A unit head's delegation of report approval to a deputy (issue 14): for a range of days, both included.
#include <optional>
#include <string>

#include "domain/date.h"

namespace tiendo::domain {

constexpr int kMaxDelegationDays = 366;

enum class DelegationRefusal { ends_before_start, ends_in_past, too_long };

// Why a range cannot be delegated on `today`, if it cannot: it ends before it starts, it is over already, or it
// is longer than a year (a standing delegation is a change of role, not a delegation).
std::optional<DelegationRefusal> check_delegation(Date from, Date to, Date today);
std::string vn_message(DelegationRefusal r);

// Whether a delegation over [from, to] lets its deputy approve on `day`.
inline bool delegation_covers(Date from, Date to, Date day) { return from <= day && day <= to; }

}  // namespace tiendo::domain
