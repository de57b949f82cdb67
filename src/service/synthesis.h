#pragma once
// The standing agency's synthesis report of a plan for a period (monthly, or the annual report by
// 30/11): figures computed from the data at a date, the narrative a person saved with it, and the
// document laid out per Decree 30/2020 (or the Party's format) for .docx and .pdf.
#include <boost/json.hpp>
#include <optional>
#include <string>

#include "domain/decree30.h"
#include "formats/docx_writer.h"
#include "service/call.h"
#include "service/evaluation.h"
#include "store/document_store.h"

namespace tiendo::service {

// The narrative sections a person edits; each has a default written from the figures.
inline constexpr const char* kNarrativeSections[] = {"summary", "results", "next_tasks", "proposals"};

// Everything the document shows, as JSON (the page renders the same object): meta, figures, narrative.
boost::json::object synthesis_json(store::Connection& c, Evaluator& ev, const store::Directive& d,
                                   domain::Period period, domain::Instant now,
                                   const std::optional<store::SynthesisReport>& saved);

// A plan the units report on; not found, or invalid `id` for a directive without a plan.
store::Directive reporting_plan(store::Connection& c, store::Id id);
// The period named by `key` ("2026-11", "2026-Q4", "2026-H2", or "2026" for the annual report) in the plan's own
// period type, or the plan's last judged period when none is named; invalid `period` otherwise.
domain::Period report_period(Evaluator& ev, const store::Directive& d, const std::optional<std::string>& key);

// The synthesis report of plan `directive_id` for a period, from the facts as of `as_of`, with its saved narrative.
boost::json::object synthesis_of(store::Connection& c, store::Id directive_id, const std::optional<std::string>& period,
                                 domain::Date as_of, domain::Instant now);

// What the standing agency changes in a synthesis report's narrative and heading; what is not given is kept.
struct SynthesisEdit {
  long long version = 0;                                 // the version the editor read (0: saved the first time)
  std::optional<std::string> format;                     // "state" (Decree 30) or "party"
  std::optional<std::optional<int>> number;              // given: the number, or none to clear it
  std::optional<std::optional<domain::Date>> issued_on;  // given: the date, or none to clear it
  std::optional<std::string> signer_name, signer_title, recipients;
  std::optional<boost::json::object> sections;  // the narrative sections given (kNarrativeSections), each a text
};
// Saves the edit over the period's report when `version` is still the saved one (else a conflict on `version`),
// audited; answers the report as synthesis_of does.
boost::json::object save_synthesis(const Call& call, store::Id directive_id, const std::optional<std::string>& period,
                                   domain::Date as_of, const SynthesisEdit& edit);

// Issue 12: the document as issued bears its register number ("123/BC-SKHCN") and date.
void mark_issued(boost::json::object& s, const std::string& number, domain::Date issued_on);

formats::DocxDocument synthesis_document(const boost::json::object& s);

}  // namespace tiendo::service
