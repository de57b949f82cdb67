#include "api/serialize.h"

#include "api/json_io.h"

namespace tiendo::api {

namespace json = boost::json;

json::object to_json(const store::User& u) {
  return json::object{{"id", u.id},       {"username", u.username}, {"full_name", u.full_name},
                      {"role", u.role},   {"unit_id", u.unit_id},   {"unit_name", u.unit_name},
                      {"email", u.email}, {"active", u.active}};
}

json::object to_json(const store::AuditEntry& e) {
  auto parsed = [](const std::string& s) -> json::value {
    if (s.empty()) return nullptr;
    boost::system::error_code ec;
    auto v = json::parse(s, ec);
    return ec ? json::value(s) : v;
  };
  return json::object{{"id", e.id},
                      {"at", e.at},
                      {"user_id", nullable(e.user_id)},
                      {"username", e.username},
                      {"source", e.source},
                      {"entity", e.entity},
                      {"entity_id", e.entity_id},
                      {"action", e.action},
                      {"before", parsed(e.before_json)},
                      {"after", parsed(e.after_json)},
                      {"hash", e.hash}};
}

}  // namespace tiendo::api
