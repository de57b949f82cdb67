#pragma once
// The use cases of a periodic report (R2–R5 of docs/RULES.md): open one for a period, save its lines and indicator
// values, take it through its steps (submit, withdraw, approve, accept, return; several accepted or returned at
// once), attach evidence, and say who owes one. Each runs in the caller's transaction and raises service::Error;
// the order of steps by role is domain::report_step, the SQL is store/report_store. A write answers with the
// report as the form reads it (`report_detail`), read on the writer's connection in the same transaction.
#include <boost/json.hpp>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "domain/date.h"
#include "domain/ranges.h"
#include "domain/report_workflow.h"
#include "service/actor.h"
#include "service/call.h"
#include "service/errors.h"
#include "store/db.h"
#include "store/model.h"
#include "store/report_store.h"

namespace tiendo::service {

// The report `id` when the actor's scope holds it; another unit's report is not found, as if it did not exist.
store::Report report_in_scope(store::Connection& c, const Actor& who, store::Id id);

// The report as the form reads it on `as_of`: the report, its plan's number and title, due date and timeliness,
// its lines (each with the previous period's submitted progress and, for a line linked to an S&T task, where its
// progress comes from), indicator values, the unit's reportable indicators (`reportable`: already read by the
// caller), evidence, the latest reopen request and the reviews.
boost::json::object report_detail(store::Connection& c, const store::Report& r, domain::Date as_of, domain::Instant now,
                                  const std::vector<store::ReportableIndicator>* reportable = nullptr);

// The reports of the filter within the actor's scope (a named unit outside it is refused); with `known_before`,
// each as its history held it then.
struct ReportList {
  std::vector<store::Report> reports;
  long long total = 0;
};
ReportList list_reports(store::Connection& c, const Actor& who, store::ReportFilter f, store::Page page);

// A new draft for a unit's period (the actor's own unit unless named), one line per live assignment prefilled with
// its latest progress.
struct NewReport {
  store::Id directive_id = 0;
  std::optional<store::Id> unit_id;
  std::string period;
};
boost::json::object create_report(const Call& call, const NewReport& in);

// What a save sends: the version it started from (required), the texts it changes, its lines (`progress_given`:
// the body named a progress) and its indicator values, each as typed.
struct SavedLine {
  store::ReportItem item;
  bool progress_given = false;
};
struct SavedValue {
  store::Id indicator_id = 0;
  std::optional<double> numerator, denominator, value, estimated_full_year;
};
struct ReportSave {
  std::optional<long long> version;
  std::optional<std::string> summary, difficulties, proposals;
  std::optional<std::vector<SavedLine>> lines;
  std::optional<std::vector<SavedValue>> values;
  // The answer: the report as the form reads it (`report_detail`), or, for an autosave that keeps its own copy,
  // only what changed on the server (id, version, state, updated_at): a third of a save's work is that re-read.
  bool answer_in_full = true;
};
boost::json::object save_report(const Call& call, store::Id id, const ReportSave& in);

// One value's figures within the range of its indicator's kind (domain::indicator_value_kind) into `iv`. A share's
// value is numerator / denominator × 100 with numerator ≤ denominator (a value sent for it is ignored). Errors name
// the field without its prefix ("numerator").
void read_indicator_value(const SavedValue& in, domain::NumberKind kind, store::IndicatorValue& iv);

// A step on one report: submit, withdraw (the version is required), approve, accept or send back (with a reason);
// `version`, when given, must be the report's. The report as it left the step.
struct StepInput {
  std::optional<long long> version;
  std::optional<std::string> comment;  // of an approval or acceptance
  std::optional<std::string> reason;   // of a return
};
store::Report take_step(const Call& call, store::Report r, domain::ReportAction action, const StepInput& in);

// The standing agency accepts or returns several reports (`action`: accept or send_back), one transaction each:
// a refused report never holds back the others, and each answers for itself.
struct BatchResult {
  store::Id report_id = 0;
  std::optional<std::string> state;  // after the step; nothing: refused
  std::optional<Error> error;
};
std::vector<BatchResult> review_batch(store::Database& db, const Actor& who, domain::Instant now,
                                      domain::ReportAction action, const std::vector<store::Id>& ids,
                                      const StepInput& in);

// Evidence for a report being drafted or returned, optionally for one of its unit's assignments: `store_file`
// stores the bytes (before the row: a crash in between leaves an unreferenced file, never a dangling row).
store::Evidence add_evidence(const Call& call, store::Id report_id, store::Evidence e,
                             const std::function<void()>& store_file);
// An evidence file whose report the actor's scope holds.
store::Evidence evidence_in_scope(store::Connection& c, const Actor& who, store::Id id);

// Who owes a plan's report for a period (default: the period judged on `as_of`), within the actor's scope or one
// named unit's subtree: the summary, the counts by peer group, and one page of units (optionally of one
// timeliness).
struct ObligationQuery {
  store::Id directive_id = 0;
  std::optional<std::string> period;
  std::optional<store::Id> unit_id;
  std::optional<std::string> timeliness;
  store::Page page;
};
boost::json::object report_obligations_answer(store::Connection& c, const Actor& who, const ObligationQuery& q,
                                              domain::Date as_of, domain::Instant now);

}  // namespace tiendo::service
