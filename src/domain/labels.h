#pragma once
// The Vietnamese words for statuses, as documents and spreadsheets print them (from domain/vocabulary).
#include <string_view>

#include "domain/assignment_status.h"
#include "domain/deadline.h"
#include "domain/indicator.h"
#include "domain/report_workflow.h"

namespace tiendo::domain {

std::string_view vn_label(AssignmentStatus s);
std::string_view vn_label(IndicatorStatus s);
// R19: where an indicator's figure comes from ("Tự tính: phản ánh trả lời đúng hạn (R1)").
std::string_view vn_label(IndicatorSource s);
// A report's state as the page shows it ("Đã gửi") and a step as a sentence names it ("phê duyệt").
std::string_view vn_label(ReportState s);
std::string_view vn_verb(ReportAction a);
// What kind of deadline the words name ("Trong quý", "Thường xuyên"), as the form echoes it.
std::string_view vn_label(DeadlineKind k);

}  // namespace tiendo::domain
