#include "service/audit.h"

#include "service/json_out.h"
#include "store/user_store.h"

namespace tiendo::service {

void audit(store::Connection& c, bool postgres, const Actor* who, domain::Instant now, const std::string& entity,
           store::Id id, const std::string& action, const boost::json::value& before, const boost::json::value& after) {
  store::AuditEntry e;
  e.at = domain::iso(now);
  if (who) {
    if (who->user_id) e.user_id = who->user_id;
    e.username = who->username;  // the system's: "cli" for the command line, else none
  }
  e.source = who ? who->source : "api";
  e.entity = entity;
  e.entity_id = std::to_string(id);
  e.action = action;
  e.before_json = before.is_null() ? "" : serialize_finite(before);
  e.after_json = after.is_null() ? "" : serialize_finite(after);
  store::append_audit(c, postgres, std::move(e));
}

}  // namespace tiendo::service
