// "Nhắc" (issue 14, item 9) over HTTP: the route reads the request and calls service/nudge, in a read transaction
// for a preview (nothing is sent) and a write one otherwise.
#include "api/json_io.h"
#include "api/router.h"
#include "service/nudge.h"

namespace tiendo::api {

namespace json = boost::json;

namespace {

std::vector<store::Id> ids_of(const json::object& body, const std::string& field) {
  std::vector<store::Id> out;
  auto it = body.find(field);
  if (it == body.end() || it->value().is_null()) return out;
  if (!it->value().is_array()) throw bad_request(field, "Trường " + label(field) + " phải là một danh sách mã số.");
  for (const auto& v : it->value().as_array()) {
    if (!v.is_int64() || v.as_int64() <= 0) throw bad_request(field, "Trường " + label(field) + " chỉ chứa mã số.");
    out.push_back(v.as_int64());
  }
  return out;
}

Response send(Context& ctx) {
  const auto body = parse_body(ctx.req);
  service::NudgeInput in;
  in.preview = optional_bool(body, "preview").value_or(false);
  in.note = optional_string(body, "message", 2000).value_or("");
  in.directive_id = optional_int(body, "directive_id", 1, INT64_MAX);
  in.unit_ids = ids_of(body, "unit_ids");
  in.assignment_ids = ids_of(body, "assignment_ids");
  const auto who = ctx.user().actor();
  const auto work = [&](store::Connection& c) {
    return service::send_nudges(service::Call{c, who, ctx.now, ctx.postgres()}, in);
  };
  return json_response(200, in.preview ? ctx.db.read(work) : ctx.db.write(work));
}

}  // namespace

void register_nudges(Router& r) { r.add("POST", "/api/v1/reminders/send", Permission::request_explanation, send); }

}  // namespace tiendo::api
