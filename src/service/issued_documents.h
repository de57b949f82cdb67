#pragma once
// Issue 12: the register of issued documents. The standing agency issues a synthesis report (.docx/.pdf) or the
// appendices (.xlsx) under a number ("123/BC-SKHCN") and a date; the file is made once, from one read of the data
// as of a date, kept byte for byte by its SHA-256, and a download later returns those bytes whatever facts arrive.
// Making the file and registering it are two steps with the PDF conversion (outside any transaction) between them.
#include <boost/json.hpp>
#include <functional>
#include <optional>
#include <string>

#include "domain/date.h"
#include "service/call.h"
#include "store/document_store.h"

namespace tiendo::service {

struct IssueRequest {
  store::Id directive_id = 0;
  std::string kind;    // synthesis | appendices
  std::string format;  // docx | pdf (synthesis), xlsx (appendices)
  std::string number;  // as the clerk wrote it, trimmed
  domain::Date issued_on;
  domain::Date as_of;                 // the facts known at the end of this day
  std::optional<std::string> period;  // the synthesis report's period, else the plan's last judged one
};

// The file as made from the data (a .docx for a synthesis report, to be converted when a PDF was asked for).
struct MadeDocument {
  std::string bytes, period, filename;
};
// Step 1, in a read: refuses a number already used in the year of its date (number_taken) and makes the file.
MadeDocument make_issued_document(store::Connection& c, const IssueRequest& in, domain::Instant now);

// Step 2, in a write: keeps the file (`keep`, before the row: a crash in between leaves an unreferenced file, never a
// dangling row) and registers it under its SHA-256, audited. Answers the register's entry.
boost::json::object register_issued_document(const Call& call, const IssueRequest& in, const std::string& period,
                                             const std::string& filename, const std::string& bytes,
                                             const std::string& sha256, const std::function<void()>& keep);

// The register, newest first, of one plan and period when given.
struct IssuedDocumentsPage {
  boost::json::array items;
  long long total = 0;
};
IssuedDocumentsPage issued_documents(store::Connection& c, std::optional<store::Id> directive_id,
                                     const std::optional<std::string>& period, store::Page page);

// The register's entry `id`, or not found.
store::IssuedDocument issued_document(store::Connection& c, store::Id id);
boost::json::object to_json(const store::IssuedDocument& d);

}  // namespace tiendo::service
