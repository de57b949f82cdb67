#include "domain/labels.h"

#include "domain/vocabulary.h"

namespace tiendo::domain {

std::string_view vn_label(AssignmentStatus s) { return vi_label("assignment_status", to_string(s)); }
std::string_view vn_label(IndicatorStatus s) { return vi_label("indicator_status", to_string(s)); }
std::string_view vn_label(IndicatorSource s) { return vi_label("indicator_source", to_string(s)); }
std::string_view vn_label(ReportState s) { return vi_label("report_state", to_string(s)); }
std::string_view vn_verb(ReportAction a) { return vi_label("report_action", to_string(a)); }
std::string_view vn_label(DeadlineKind k) { return vi_label("deadline_kind", to_string(k)); }

}  // namespace tiendo::domain
