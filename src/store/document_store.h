#pragma once
// Documents in and out: plan imports awaiting confirmation, the unit names people taught the importer,
// and the narrative saved with a synthesis report.
#include <optional>
#include <string>
#include <vector>

#include "domain/plan_import.h"
#include "store/db.h"
#include "store/model.h"

namespace tiendo::store {

// Every unit and group with the names it may be written by, learned aliases included.
std::vector<domain::NamedUnit> unit_catalogue(Connection& c);
void save_unit_alias(Connection& c, const std::string& alias, std::optional<Id> unit_id, std::optional<Id> group_id,
                     Id by, const std::string& at);

struct PlanImport {
  Id id = 0;
  Id directive_id = 0;
  std::string filename, source_kind, state, plan_json, choices_json;
  Id created_by = 0;
  std::string created_at;
  std::optional<std::string> confirmed_at;
  // Issue 18: the import of an upstream program of this system (its tasks keep that system's codes).
  std::optional<std::string> upstream_system;
};
Id insert_plan_import(Connection& c, const PlanImport& p);
std::optional<PlanImport> find_plan_import(Connection& c, Id id);
void save_import_choices(Connection& c, Id id, const std::string& choices_json);
void mark_import_confirmed(Connection& c, Id id, const std::string& at);

struct SynthesisReport {
  Id id = 0;
  Id directive_id = 0;
  std::string period, format = "state";
  std::optional<int> number;
  std::optional<std::string> issued_on;
  std::string sections_json = "{}", signer_name, signer_title, recipients;
  int version = 0;  // 0: never saved
  std::optional<Id> updated_by;
  std::string updated_at;
};
std::optional<SynthesisReport> find_synthesis(Connection& c, Id directive_id, const std::string& period);
// Inserts or updates; false when `expected_version` is not the stored one (someone saved in between).
bool save_synthesis(Connection& c, SynthesisReport& r, int expected_version);

// Issue 12: a document as the standing agency issued it; the file itself is kept under its SHA-256.
struct IssuedDocument {
  Id id = 0;
  std::string number;  // "123/BC-SKHCN"
  int year = 0;        // of issued_on: a number is unique within its year
  std::string issued_on, kind, format;
  Id directive_id = 0;
  std::string directive_number, period, as_of, data_read_at;
  Id issued_by = 0;
  std::string issued_by_name, sha256;
  long long size_bytes = 0;
  std::string filename, content_type;
};
// Nothing when the number is already used in that year (the register is append-only).
std::optional<Id> insert_issued_document(Connection& c, const IssuedDocument& d);
bool issued_number_taken(Connection& c, int year, const std::string& number);
std::optional<IssuedDocument> find_issued_document(Connection& c, Id id);
std::vector<IssuedDocument> list_issued_documents(Connection& c, std::optional<Id> directive_id,
                                                  const std::optional<std::string>& period, Page page,
                                                  long long* total);

}  // namespace tiendo::store
