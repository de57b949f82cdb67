#pragma once
// Importing a plan from a file: read (.xlsx, .csv, .docx) -> preview (each row as it will be created,
// units matched, what is unmatched for a person to choose) -> confirm (all rows in one transaction).
// Shared by the HTTP routes and the `tiendo import` command.
#include <boost/json.hpp>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "domain/plan_import.h"
#include "service/call.h"
#include "store/db.h"
#include "store/document_store.h"

namespace tiendo::service {

// Reads the file by its extension (checked against its first bytes). `source_kind` is xlsx, csv or docx.
// Throws service::Error unsupported_file for other files, FormatError for unreadable ones.
domain::ImportedPlan read_import_file(const std::string& filename, std::string_view bytes, std::string& source_kind);

boost::json::value plan_to_json(const domain::ImportedPlan& p);

// The preview of a stored import with the person's choices applied: rows, matches, issues, and
// `summary.blocking`, the number of issues that keep it from being confirmed.
boost::json::object import_preview(store::Connection& c, const store::PlanImport& imp);

struct ImportResult {
  int indicators = 0, tasks = 0, assignments = 0;
};
// Creates everything in the caller's transaction, or throws a service::Error conflict naming the first blocking
// issue. `progress(done, total)` is called per row created.
ImportResult confirm_import(store::Connection& c, const store::PlanImport& imp, store::Id user_id,
                            const std::string& now, const std::function<void(size_t, size_t)>& progress = {});

// The use cases behind the import page and `tiendo import`, each in the caller's transaction:

// Keeps a read file as a preview of directive `directive_id`: a city plan, or with `upstream` a program from that
// external system, whose tasks keep its codes and assign no city unit (issue 18); audited. Answers the preview.
boost::json::object upload_plan_import(const Call& call, store::Id directive_id, const std::string& filename,
                                       const std::string& source_kind, const domain::ImportedPlan& plan,
                                       std::optional<std::string> upstream);
// A stored import, or not found.
store::PlanImport plan_import(store::Connection& c, store::Id id);
// The units and groups a person chose for one unmatched text of the file (`field` names it in a refusal).
struct ImportChoice {
  std::string field;
  std::string text;
  std::vector<store::Id> unit_ids, group_ids;
};
// Records the choices over those made before, while the import is still a preview. Answers the preview.
boost::json::object choose_import_units(const Call& call, store::Id import_id,
                                        const std::vector<ImportChoice>& choices);
// Creates what the preview shows (confirm_import) and audits it. Answers what was created; `progress` as for
// confirm_import (the command line prints it).
boost::json::object confirm_plan_import(const Call& call, store::Id import_id,
                                        const std::function<void(size_t, size_t)>& progress = {});

}  // namespace tiendo::service
