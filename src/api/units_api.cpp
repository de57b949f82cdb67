// Units (the organisation tree) and unit groups ("UBND cấp xã") over HTTP. Each route parses its request, calls one
// use case of service/units (the rules, the audit and the SQL calls) and answers with what it returns.
#include "api/json_io.h"
#include "api/router.h"
#include "service/units.h"

namespace tiendo::api {

namespace json = boost::json;

namespace {

Response list_units(Context& ctx) {
  store::UnitFilter f;
  f.q = query_string(ctx.req, "q");
  f.kind = query_string(ctx.req, "kind");
  f.peer_group = query_string(ctx.req, "peer_group");
  f.parent_id = query_id(ctx.req, "parent_id");
  // The unit tree itself is shared: everyone must be able to name the units they work with.
  const auto page = query_page(ctx.req);
  auto found = ctx.db.read([&](store::Connection& c) { return service::list_units(c, f, page); });
  return list_response(std::move(found.items), found.total);
}

Response get_unit(Context& ctx) {
  return json_response(200, ctx.db.read([&](store::Connection& c) { return service::unit_view(c, ctx.path_id()); }));
}

std::vector<service::SuccessorChoice> successors_from(const json::object& b) {
  auto it = b.find("successors");
  if (it == b.end() || !it->value().is_array() || it->value().as_array().empty())
    throw bad_request("successors", "Trường \"Đơn vị kế thừa\" là bắt buộc: danh sách ít nhất một đơn vị.");
  std::vector<service::SuccessorChoice> out;
  for (const auto& v : it->value().as_array()) {
    if (!v.is_object()) throw bad_request("successors", "Mỗi đơn vị kế thừa phải nêu rõ đơn vị.");
    const auto& o = v.as_object();
    service::SuccessorChoice s;
    const auto id = optional_int(o, "unit_id", 1, INT64_MAX);
    if (!id) throw bad_request("successors", "Mỗi đơn vị kế thừa phải nêu rõ đơn vị.");
    s.unit_id = *id;
    if (auto a = o.find("assignment_ids"); a != o.end() && !a->value().is_null()) {
      if (!a->value().is_array())
        throw bad_request("successors", "Danh sách nhiệm vụ của đơn vị kế thừa phải là danh sách mã nhiệm vụ.");
      for (const auto& x : a->value().as_array()) {
        if (!x.is_int64() || x.as_int64() <= 0) throw bad_request("successors", "Mã nhiệm vụ không hợp lệ.");
        s.assignment_ids.push_back(x.as_int64());
      }
    }
    out.push_back(std::move(s));
  }
  return out;
}

Response close_unit(Context& ctx) {
  auto b = parse_body(ctx.req);
  const auto closing = optional_date(b, "closing_date");
  if (!closing) throw bad_request("closing_date", "Trường \"Ngày sáp nhập, chia tách\" là bắt buộc.");
  const std::string reason = required_string(b, "reason", 2000);
  const auto successors = successors_from(b);
  const auto call = call_of(ctx);
  return json_response(200, ctx.db.write([&](store::Connection& c) {
    return service::close_unit(call.on(c), ctx.path_id(), *closing, reason, successors);
  }));
}

service::UnitChange unit_change(const json::object& b) {
  service::UnitChange ch;
  ch.name = optional_string(b, "name", 300);
  ch.short_name = optional_string(b, "short_name", 100);
  ch.kind = optional_string(b, "kind", 30);
  ch.peer_group = optional_string(b, "peer_group", 30);
  if (b.contains("active_from")) ch.active_from = optional_date(b, "active_from");
  if (b.contains("active_to")) ch.active_to = optional_date(b, "active_to");
  return ch;
}

Response create_unit(Context& ctx) {
  auto b = parse_body(ctx.req);
  const auto code = required_string(b, "code", 50);
  const auto parent_id = optional_int(b, "parent_id", 1, INT64_MAX);
  const auto change = unit_change(b);
  const auto call = call_of(ctx);
  return json_response(201, ctx.db.write([&](store::Connection& c) {
    return service::create_unit(call.on(c), code, parent_id, change);
  }));
}

Response update_unit(Context& ctx) {
  const auto change = unit_change(parse_body(ctx.req));
  const auto call = call_of(ctx);
  return json_response(
      200, ctx.db.write([&](store::Connection& c) { return service::update_unit(call.on(c), ctx.path_id(), change); }));
}

Response list_groups(Context& ctx) {
  const auto page = query_page(ctx.req);
  const auto q = query_string(ctx.req, "q");
  auto found = ctx.db.read([&](store::Connection& c) { return service::list_unit_groups(c, q, page); });
  return list_response(std::move(found.items), found.total);
}

Response get_group(Context& ctx) {
  return json_response(200,
                       ctx.db.read([&](store::Connection& c) { return service::unit_group_view(c, ctx.path_id()); }));
}

std::vector<store::Id> member_ids(const json::object& b) {
  std::vector<store::Id> out;
  auto it = b.find("member_ids");
  if (it != b.end()) {
    if (!it->value().is_array())
      throw bad_request("member_ids", "Trường " + label("member_ids") + " phải là danh sách mã đơn vị.");
    for (const auto& v : it->value().as_array()) {
      if (!v.is_int64() || v.as_int64() <= 0) throw bad_request("member_ids", "Mã đơn vị không hợp lệ.");
      out.push_back(v.as_int64());
    }
  }
  return out;
}

// Issue 14: the unit kinds of a group defined by rule ("member_kinds"); an empty list is a hand-made group.
std::vector<std::string> member_kinds(const json::object& b) {
  std::vector<std::string> out;
  auto it = b.find("member_kinds");
  if (it == b.end() || it->value().is_null()) return out;
  if (!it->value().is_array())
    throw bad_request("member_kinds", "Trường " + label("member_kinds") + " phải là danh sách loại đơn vị.");
  for (const auto& v : it->value().as_array()) {
    if (!v.is_string()) throw bad_request("member_kinds", "Trường " + label("member_kinds") + " không hợp lệ.");
    out.emplace_back(v.as_string());
  }
  return out;
}

Response create_group(Context& ctx) {
  auto b = parse_body(ctx.req);
  const auto code = required_string(b, "code", 50);
  const auto name = required_string(b, "name", 300);
  const auto ids = member_ids(b);
  const auto kinds = member_kinds(b);
  const auto call = call_of(ctx);
  return json_response(201, ctx.db.write([&](store::Connection& c) {
    return service::create_unit_group(call.on(c), code, name, ids, kinds);
  }));
}

Response set_rule(Context& ctx) {
  auto b = parse_body(ctx.req);
  if (b.find("member_kinds") == b.end())
    throw bad_request("member_kinds", "Trường " + label("member_kinds") + " là bắt buộc.");
  const auto kinds = member_kinds(b);
  const auto call = call_of(ctx);
  return json_response(200, ctx.db.write([&](store::Connection& c) {
    return service::set_unit_group_rule(call.on(c), ctx.path_id(), kinds);
  }));
}

Response set_members(Context& ctx) {
  auto b = parse_body(ctx.req);
  if (b.find("member_ids") == b.end())
    throw bad_request("member_ids", "Trường " + label("member_ids") + " là bắt buộc.");
  const auto ids = member_ids(b);
  const auto call = call_of(ctx);
  return json_response(200, ctx.db.write([&](store::Connection& c) {
    return service::set_unit_group_members(call.on(c), ctx.path_id(), ids);
  }));
}

}  // namespace
void register_units(Router& r) {
  r.add("GET", "/api/v1/units", Permission::read_plan, list_units);
  r.add("POST", "/api/v1/units", Permission::manage_units, create_unit);
  r.add("GET", "/api/v1/units/{id}", Permission::read_plan, get_unit);
  r.add("PATCH", "/api/v1/units/{id}", Permission::manage_units, update_unit);
  r.add("POST", "/api/v1/units/{id}/close", Permission::manage_units, close_unit);
  r.add("GET", "/api/v1/unit-groups", Permission::read_plan, list_groups);
  r.add("POST", "/api/v1/unit-groups", Permission::manage_units, create_group);
  r.add("GET", "/api/v1/unit-groups/{id}", Permission::read_plan, get_group);
  r.add("PUT", "/api/v1/unit-groups/{id}/members", Permission::manage_units, set_members);
  r.add("PUT", "/api/v1/unit-groups/{id}/rule", Permission::manage_units, set_rule);
}

}  // namespace tiendo::api
