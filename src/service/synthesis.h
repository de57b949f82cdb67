#pragma once
// The standing agency's synthesis report of a plan for a period (monthly, or the annual report by
// 30/11): figures computed from the data at a date, the narrative a person saved with it, and the
// document laid out per Decree 30/2020 (or the Party's format) for .docx and .pdf.
#include <boost/json.hpp>

#include "domain/decree30.h"
#include "formats/docx_writer.h"
#include "service/evaluation.h"
#include "store/document_store.h"

namespace tiendo::service {

// The narrative sections a person edits; each has a default written from the figures.
inline constexpr const char* kNarrativeSections[] = {"summary", "results", "next_tasks", "proposals"};

// Everything the document shows, as JSON (the page renders the same object): meta, figures, narrative.
boost::json::object synthesis_json(store::Connection& c, Evaluator& ev, const store::Directive& d,
                                   domain::Period period, domain::Instant now,
                                   const std::optional<store::SynthesisReport>& saved);

// Issue 12: the document as issued bears its register number ("123/BC-SKHCN") and date.
void mark_issued(boost::json::object& s, const std::string& number, domain::Date issued_on);

formats::DocxDocument synthesis_document(const boost::json::object& s);

}  // namespace tiendo::service
