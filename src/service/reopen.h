#pragma once
// The use cases of reopening an accepted report (issue 14): an edit never reopens it. The unit's focal point asks,
// with a reason; the standing agency is notified and decides — granted, the report is a draft again (its state
// history and first submission kept, R4); refused, it stays accepted. Each runs in the caller's transaction, raises
// service::Error, audits what it writes and tells the other side. The report's steps are domain/report_workflow;
// the SQL is store/reopen_store and store/report_store.
#include <boost/json.hpp>
#include <optional>
#include <string>

#include "service/call.h"
#include "service/errors.h"
#include "store/model.h"

namespace tiendo::service {

// The request on a report the actor may see (service::report_in_scope), read at `version` (nothing: not checked).
// Answers the request as the list shows it.
boost::json::object request_reopen(const Call& call, const store::Report& r, const std::string& reason,
                                   std::optional<long long> version);

// A decision as given: a refusal says why (checked before the request is looked up).
struct ReopenDecision {
  bool grant = false;
  std::optional<std::string> note;
};
ReopenDecision reopen_decision(bool grant, std::optional<std::string> note);
// Answers the decided request with the report's state and version after it.
boost::json::object decide_reopen(const Call& call, store::Id id, const ReopenDecision& d);

// The requests on the reports within the actor's units, newest first; pending only or decided only when asked.
boost::json::array reopen_requests(store::Connection& c, const Actor& who, std::optional<bool> pending);

}  // namespace tiendo::service
