#pragma once
// Bulk data out for analysts (issue 18, item 5): one table, three shapes — CSV and .xlsx with a Vietnamese header
// row, JSON with English field names (the schema is in openapi.json). Each item's external codes are one column per
// system ("Mã <system>" in CSV and .xlsx, an object in JSON). The tables: every assignment's status, the indicator
// values that count, each unit's report timeliness; the outbox's export (service/outbox) is laid out the same way.
#include <boost/json.hpp>
#include <map>
#include <optional>
#include <string>
#include <variant>
#include <vector>

#include "domain/date.h"
#include "service/errors.h"
#include "store/db.h"
#include "store/model.h"

namespace tiendo::service {

using ExportCell = std::variant<std::monostate, std::string, double, long long>;
struct ExportColumn {
  std::string name, label;  // the JSON field, the header of CSV and .xlsx
};
struct ExportTable {
  std::vector<ExportColumn> columns;
  std::vector<std::vector<ExportCell>> rows;
  std::vector<std::string> systems;                       // external systems, in order
  std::vector<std::map<std::string, std::string>> codes;  // per row: system -> code
  std::string stem;                                       // the file's name, without its extension
  boost::json::object head;                               // the JSON answer's fields beside its items
};

// The table as `format` asks: json (the answer's object), csv or xlsx (a file); anything else is refused.
struct ExportFile {
  std::optional<boost::json::object> json;
  std::string content_type, body, filename;  // of a file
};
ExportFile render_export(ExportTable t, const std::string& format, domain::Instant now);

// Every assignment's status at as_of (R15: as known at the end of that day), with its unit's and task's codes.
ExportTable assignment_statuses_export(store::Connection& c, domain::Date as_of, domain::Instant now);
// The indicator values that count now, by indicator, unit and period (of one period, when given), with the units'
// and indicators' codes.
ExportTable indicator_values_export(store::Connection& c, const std::optional<std::string>& period);
// Each unit's report for one period of a plan (the period judged at as_of unless `period` names one of the plan's
// or a year) and its timeliness (R2, R4), as known at the end of as_of (R15), with the units' codes: what a data
// warehouse counts as "reported on time".
ExportTable report_timeliness_export(store::Connection& c, store::Id directive_id,
                                     const std::optional<std::string>& period, domain::Date as_of, domain::Instant now);

}  // namespace tiendo::service
