#pragma once
// The S&T task register out to a workbook and back in (issue 16), with the preview-then-confirm of the plan
// import: the upload reads the workbook (domain/st_register) and stores what it read; the preview checks each row
// against the register as it is (units by code, the managing unit within the importer's scope, a new task's
// proposal document) and says what the confirmation would do to each — create, change or leave it; the
// confirmation does exactly that in the caller's transaction, or nothing when anything blocks.
#include <boost/json.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "domain/date.h"
#include "domain/st_register.h"
#include "formats/xlsx_writer.h"
#include "store/db.h"
#include "store/st_task_store.h"

namespace tiendo::service {

// The register within `scope_path` (nothing: the whole city) as the sheets of a workbook (tasks, products,
// yearly budgets) with Vietnamese headers; the stage as the register holds it today.
std::vector<formats::XlsxSheet> st_register_sheets(store::Connection& c, const std::optional<std::string>& scope_path,
                                                   domain::Date today);

// Reads an uploaded workbook; throws service::Error for a file that is not .xlsx, FormatError for an unreadable one.
domain::StRegisterSheet read_st_register_file(const std::string& filename, std::string_view bytes);
boost::json::value st_register_sheet_json(const domain::StRegisterSheet& sheet);

// The preview of a stored import: its rows, each with what the confirmation would do, every issue (all block),
// and a summary.
boost::json::object st_import_preview(store::Connection& c, const store::StTaskImport& imp,
                                      const std::optional<std::string>& scope_path, domain::Date today);

struct StImportChange {
  std::optional<store::StTask> before;  // nothing: created
  store::StTask after;
};
// Applies the import in the caller's transaction: creates the new tasks (each with its proposal's document as
// its first step) and writes the changed ones; throws a service::Error conflict when an issue blocks or the
// import was confirmed already.
std::vector<StImportChange> st_import_confirm(store::Connection& c, const store::StTaskImport& imp,
                                              const std::optional<std::string>& scope_path, store::Id user_id,
                                              domain::Instant now);

}  // namespace tiendo::service
