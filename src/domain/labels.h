#pragma once
// The Vietnamese words for statuses, as documents and spreadsheets print them.
#include <string_view>

#include "domain/assignment_status.h"
#include "domain/indicator.h"

namespace tiendo::domain {

std::string_view vn_label(AssignmentStatus s);
std::string_view vn_label(IndicatorStatus s);

}  // namespace tiendo::domain
