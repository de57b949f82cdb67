#pragma once
// Issue 15, item 5: the half-yearly and yearly feedback report — a document of its own. For a period ("2026-H1",
// "2026-H2" or "2026"; an item belongs to the period of the day it was received) as of a date: the city's figures
// of R17 overall and by kind, field, channel, sender type and lead unit (each with the counts behind its rates),
// the initiatives, solutions and product orders and what became of them, and one row per item counted. The JSON
// is the document's only source: the .docx/.pdf (Decree 30) and the .xlsx appendix are laid out from it, so the
// three never disagree. No sender's name or contact is read into it.
#include <boost/json.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "domain/date.h"
#include "formats/docx_writer.h"
#include "formats/xlsx_writer.h"
#include "store/db.h"

namespace tiendo::service {

struct FeedbackReportPeriod {
  std::string key;        // 2026-H1, 2026-H2, 2026
  domain::Date from, to;  // the received days it covers, inclusive
};
// A half year or a year; anything else is refused (service::Error, field "period").
FeedbackReportPeriod feedback_report_period(std::string_view key);

// The report as of the end of `as_of` (figures of a past date never change: only facts known by then count),
// read at `read_at`.
boost::json::object feedback_report_json(store::Connection& c, const FeedbackReportPeriod& period, domain::Date as_of,
                                         domain::Instant read_at);

formats::DocxDocument feedback_report_document(const boost::json::object& r);

// The appendix: one sheet of figures per breakdown, the initiatives, and one sheet listing every item counted.
std::vector<formats::XlsxSheet> feedback_report_sheets(const boost::json::object& r);

}  // namespace tiendo::service
