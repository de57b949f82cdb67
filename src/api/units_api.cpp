// Units (the organisation tree) and unit groups ("UBND cấp xã").
#include "api/json_io.h"
#include "api/router.h"
#include "api/serialize.h"
#include "domain/ranking.h"
#include "store/plan_store.h"

namespace tiendo::api {

namespace json = boost::json;

namespace {

const std::vector<std::string> kUnitKinds{"city",   "department", "commune", "ward", "special_zone",
                                          "office", "police",     "party",   "other"};
const std::vector<std::string> kPeerGroups{"department", "commune", "other"};

void check_one_of(const std::string& field, const std::string& v, const std::vector<std::string>& allowed) {
  if (std::find(allowed.begin(), allowed.end(), v) == allowed.end()) {
    std::string list;
    for (const auto& a : allowed) list += (list.empty() ? "" : ", ") + a;
    throw bad_request(field, "Giá trị của \"" + field + "\" không hợp lệ; chọn một trong: " + list + ".");
  }
}

Response list_units(Context& ctx) {
  store::UnitFilter f;
  f.q = query_string(ctx.req, "q");
  f.kind = query_string(ctx.req, "kind");
  f.peer_group = query_string(ctx.req, "peer_group");
  f.parent_id = query_id(ctx.req, "parent_id");
  // The unit tree itself is shared: everyone must be able to name the units they work with.
  const auto page = query_page(ctx.req);
  long long total = 0;
  auto units = ctx.db.read([&](store::Connection& c) { return store::list_units(c, f, page, &total); });
  json::array items;
  for (const auto& u : units) items.push_back(to_json(u));
  return list_response(std::move(items), total);
}

Response get_unit(Context& ctx) {
  auto u = ctx.db.read([&](store::Connection& c) { return store::find_unit(c, ctx.path_id()); });
  if (!u) throw not_found("đơn vị");
  return json_response(200, to_json(*u));
}

store::Unit unit_from_body(const json::object& b, store::Unit u) {
  if (auto v = optional_string(b, "name", 300)) u.name = *v;
  if (auto v = optional_string(b, "short_name", 100)) u.short_name = *v;
  if (auto v = optional_string(b, "kind", 30)) u.kind = *v;
  if (auto v = optional_string(b, "peer_group", 30)) u.peer_group = *v;
  if (b.contains("active_from")) {
    auto d = optional_date(b, "active_from");
    u.active_from = d ? std::optional(domain::iso(*d)) : std::nullopt;
  }
  if (b.contains("active_to")) {
    auto d = optional_date(b, "active_to");
    u.active_to = d ? std::optional(domain::iso(*d)) : std::nullopt;
  }
  if (u.name.empty()) throw bad_request("name", "Trường \"name\" là bắt buộc.");
  check_one_of("kind", u.kind, kUnitKinds);
  check_one_of("peer_group", u.peer_group, kPeerGroups);
  if (u.active_from && u.active_to && *u.active_to < *u.active_from)
    throw bad_request("active_to", "Ngày ngừng hoạt động phải sau ngày bắt đầu hoạt động.");
  return u;
}

Response create_unit(Context& ctx) {
  auto b = parse_body(ctx.req);
  store::Unit u;
  u.code = required_string(b, "code", 50);
  u.parent_id = optional_int(b, "parent_id", 1, INT64_MAX);
  // R12: when no peer group is given, a commune, ward or special zone is compared with communes.
  if (auto k = optional_string(b, "kind", 30)) u.kind = *k;
  u.peer_group = domain::default_peer_group(u.kind);
  u = unit_from_body(b, u);
  auto created = ctx.db.write([&](store::Connection& c) {
    if (store::find_unit_by_code(c, u.code)) throw conflict("Mã đơn vị đã tồn tại.", "code");
    if (u.parent_id && !store::find_unit(c, *u.parent_id)) throw bad_request("parent_id", "Không tìm thấy đơn vị cha.");
    const auto id = store::insert_unit(c, u, domain::iso(ctx.now));
    auto saved = *store::find_unit(c, id);
    audit(ctx, c, "unit", id, "create", nullptr, to_json(saved));
    return saved;
  });
  return json_response(201, to_json(created));
}

Response update_unit(Context& ctx) {
  auto b = parse_body(ctx.req);
  auto updated = ctx.db.write([&](store::Connection& c) {
    auto before = store::find_unit(c, ctx.path_id());
    if (!before) throw not_found("đơn vị");
    store::Unit u = unit_from_body(b, *before);
    store::update_unit(c, u, domain::iso(ctx.now));
    auto after = *store::find_unit(c, u.id);
    audit(ctx, c, "unit", u.id, "update", to_json(*before), to_json(after));
    return after;
  });
  return json_response(200, to_json(updated));
}

Response list_groups(Context& ctx) {
  const auto page = query_page(ctx.req);
  const auto q = query_string(ctx.req, "q");
  long long total = 0;
  auto groups = ctx.db.read([&](store::Connection& c) { return store::list_unit_groups(c, q, page, &total); });
  json::array items;
  for (const auto& g : groups) items.push_back(to_json(g));
  return list_response(std::move(items), total);
}

Response get_group(Context& ctx) {
  auto g = ctx.db.read([&](store::Connection& c) { return store::find_unit_group(c, ctx.path_id()); });
  if (!g) throw not_found("nhóm đơn vị");
  return json_response(200, to_json(*g));
}

std::vector<store::Id> member_ids(const json::object& b) {
  std::vector<store::Id> out;
  auto it = b.find("member_ids");
  if (it != b.end()) {
    if (!it->value().is_array()) throw bad_request("member_ids", "Trường \"member_ids\" phải là danh sách mã đơn vị.");
    for (const auto& v : it->value().as_array()) {
      if (!v.is_int64() || v.as_int64() <= 0) throw bad_request("member_ids", "Mã đơn vị không hợp lệ.");
      out.push_back(v.as_int64());
    }
  }
  return out;
}

Response create_group(Context& ctx) {
  auto b = parse_body(ctx.req);
  store::UnitGroup g;
  g.code = required_string(b, "code", 50);
  g.name = required_string(b, "name", 300);
  g.member_ids = member_ids(b);
  auto created = ctx.db.write([&](store::Connection& c) {
    if (store::find_unit_group_by_code(c, g.code)) throw conflict("Mã nhóm đã tồn tại.", "code");
    for (auto id : g.member_ids) {
      if (!store::find_unit(c, id))
        throw bad_request("member_ids", "Không tìm thấy đơn vị " + std::to_string(id) + ".");
    }
    const auto id = store::insert_unit_group(c, g, domain::iso(ctx.now));
    auto saved = *store::find_unit_group(c, id);
    audit(ctx, c, "unit_group", id, "create", nullptr, to_json(saved));
    return saved;
  });
  return json_response(201, to_json(created));
}

// Issue 12: the members from now on. A unit joining is assigned the group's tasks from today; a unit leaving
// no longer owes them from today; the dates before keep the members and the work they had.
Response set_members(Context& ctx) {
  auto b = parse_body(ctx.req);
  if (b.find("member_ids") == b.end()) throw bad_request("member_ids", "Trường \"member_ids\" là bắt buộc.");
  const auto ids = member_ids(b);
  auto saved = ctx.db.write([&](store::Connection& c) {
    auto before = store::find_unit_group(c, ctx.path_id());
    if (!before) throw not_found("nhóm đơn vị");
    for (auto id : ids) {
      if (!store::find_unit(c, id))
        throw bad_request("member_ids", "Không tìm thấy đơn vị " + std::to_string(id) + ".");
    }
    const std::string at = domain::iso(ctx.now);
    const auto [joined, left] = store::set_group_members(c, before->id, ids, at);
    for (const auto& t : store::group_tasks(c, before->id)) store::assign_task(c, t, joined, before->id, at);
    for (auto id : left) store::remove_group_assignments(c, before->id, id, at);
    auto after = *store::find_unit_group(c, before->id);
    audit(ctx, c, "unit_group", before->id, "set_members", to_json(*before), to_json(after));
    return after;
  });
  return json_response(200, to_json(saved));
}

}  // namespace

void register_units(Router& r) {
  r.add("GET", "/api/v1/units", Permission::read_plan, list_units);
  r.add("POST", "/api/v1/units", Permission::manage_units, create_unit);
  r.add("GET", "/api/v1/units/{id}", Permission::read_plan, get_unit);
  r.add("PATCH", "/api/v1/units/{id}", Permission::manage_units, update_unit);
  r.add("GET", "/api/v1/unit-groups", Permission::read_plan, list_groups);
  r.add("POST", "/api/v1/unit-groups", Permission::manage_units, create_group);
  r.add("GET", "/api/v1/unit-groups/{id}", Permission::read_plan, get_group);
  r.add("PUT", "/api/v1/unit-groups/{id}/members", Permission::manage_units, set_members);
}

}  // namespace tiendo::api
