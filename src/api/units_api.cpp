// Units (the organisation tree) and unit groups ("UBND cấp xã").
#include "api/json_io.h"
#include "api/router.h"
#include "api/serialize.h"
#include "domain/ranking.h"
#include "domain/st_task.h"
#include "domain/succession.h"
#include "store/plan_store.h"
#include "store/succession_store.h"

namespace tiendo::api {

namespace json = boost::json;

namespace {

// host_root / host_org: the S&T tasks' host organisations (institutes, universities, companies), under
// their own root outside the administrative tree.
const std::vector<std::string> kUnitKinds{"city",   "department", "commune", "ward",      "special_zone", "office",
                                          "police", "party",      "other",   "host_root", "host_org"};
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

json::object succession_json(const store::Succession& s) {
  return {{"id", s.id},
          {"unit_id", s.unit_id},
          {"unit_name", s.unit_name},
          {"successor_id", s.successor_id},
          {"successor_name", s.successor_name},
          {"default", s.position == 0},
          {"closing_date", s.closing_date},
          {"reason", s.reason},
          {"recorded_at", s.recorded_at},
          {"assignments", s.assignments}};
}

// A unit with its successions (R16): `successors` when it closed into others, `predecessors` when it took over.
json::object unit_json(store::Connection& c, const store::Unit& u) {
  json::object o = to_json(u);
  json::array successors, predecessors;
  for (const auto& s : store::successions_of(c, u.id))
    (s.unit_id == u.id ? successors : predecessors).push_back(succession_json(s));
  o["successors"] = std::move(successors);
  o["predecessors"] = std::move(predecessors);
  return o;
}

Response get_unit(Context& ctx) {
  auto o = ctx.db.read([&](store::Connection& c) -> std::optional<json::object> {
    auto u = store::find_unit(c, ctx.path_id());
    if (!u) return std::nullopt;
    return unit_json(c, *u);
  });
  if (!o) throw not_found("đơn vị");
  return json_response(200, *o);
}

struct SuccessorRequest {
  store::Id unit_id = 0;
  std::vector<store::Id> assignment_ids;  // the closing unit's assignments it takes (a split); the rest go to the first
};

std::vector<SuccessorRequest> successors_from(const json::object& b) {
  auto it = b.find("successors");
  if (it == b.end() || !it->value().is_array() || it->value().as_array().empty())
    throw bad_request("successors", "Trường \"Đơn vị kế thừa\" là bắt buộc: danh sách ít nhất một đơn vị.");
  std::vector<SuccessorRequest> out;
  for (const auto& v : it->value().as_array()) {
    if (!v.is_object()) throw bad_request("successors", "Mỗi đơn vị kế thừa phải nêu rõ đơn vị.");
    const auto& o = v.as_object();
    SuccessorRequest s;
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

// R16: the unit closes the day before `closing_date`; its open work and follow-ups pass to its successors.
Response close_unit(Context& ctx) {
  auto b = parse_body(ctx.req);
  const auto closing = optional_date(b, "closing_date");
  if (!closing) throw bad_request("closing_date", "Trường \"Ngày sáp nhập, chia tách\" là bắt buộc.");
  const std::string reason = required_string(b, "reason", 2000);
  const auto requested = successors_from(b);
  const std::string at = domain::iso(ctx.now);
  const std::string closing_day = domain::iso(*closing);
  auto out = ctx.db.write([&](store::Connection& c) {
    auto unit = store::find_unit(c, ctx.path_id());
    if (!unit) throw not_found("đơn vị");
    std::vector<store::Unit> successors;
    std::vector<domain::SuccessorFacts> facts;
    std::vector<std::vector<long long>> named;
    for (const auto& r : requested) {
      auto s = store::find_unit(c, r.unit_id);
      if (!s) throw bad_request("successors", "Không tìm thấy đơn vị kế thừa " + std::to_string(r.unit_id) + ".");
      facts.push_back({s->id, service::active_span(s->active_from, s->active_to), s->path.starts_with(unit->path),
                       store::closed_by_succession(c, s->id)});
      named.push_back(r.assignment_ids);
      successors.push_back(std::move(*s));
    }
    if (auto err = domain::check_closing(*closing, service::active_span(unit->active_from, unit->active_to),
                                         store::closed_by_succession(c, unit->id), facts))
      throw bad_request(err->field, err->message);

    store::AssignmentFilter f;
    f.unit_id = unit->id;
    const auto assignments = store::list_assignments(c, f);
    std::set<store::Id> open;
    for (const auto& a : assignments) {
      domain::AssignmentFacts af;
      af.confirmed_done_on = a.confirmed_done_on ? domain::parse_iso_date(*a.confirmed_done_on) : std::nullopt;
      af.decision = domain::decision_from(a.decision).value_or(domain::Decision::active);
      if (domain::passes_on(af)) open.insert(a.id);
    }
    std::set<store::Id> seen;
    for (const auto& ids : named) {
      for (const auto id : ids) {
        if (!open.contains(id))
          throw bad_request("successors", "Nhiệm vụ " + std::to_string(id) +
                                              " không phải nhiệm vụ đang thực hiện của đơn vị bị sáp nhập, chia tách.");
        if (!seen.insert(id).second)
          throw bad_request("successors", "Nhiệm vụ " + std::to_string(id) + " được giao cho hai đơn vị kế thừa.");
      }
    }

    const json::object before = unit_json(c, *unit);
    store::Unit closed = *unit;
    closed.active_to = domain::iso(*closing - std::chrono::days{1});
    store::update_unit(c, closed, at);
    std::vector<store::Id> succession_ids;
    for (size_t i = 0; i < successors.size(); ++i) {
      store::Succession s;
      s.unit_id = unit->id;
      s.successor_id = successors[i].id;
      s.position = static_cast<int>(i);
      s.closing_date = closing_day;
      s.reason = reason;
      s.recorded_at = at;
      succession_ids.push_back(store::insert_succession(c, s, ctx.user().user_id));
    }
    json::array passed;
    store::FollowupsMoved moved;
    for (const auto& a : assignments) {
      if (!open.contains(a.id)) continue;
      const size_t i = domain::successor_for(a.id, named);
      const store::Id to = store::pass_assignment(c, a, successors[i].id, succession_ids[i], closing_day, at);
      store::move_followups(c, a.id, to, successors[i].id, succession_ids[i], moved);
      passed.push_back(json::object{{"from_assignment_id", a.id},
                                    {"to_assignment_id", to},
                                    {"task_code", a.task->code},
                                    {"successor_id", successors[i].id}});
    }
    moved.explanations += store::move_unit_explanations(c, unit->id, successors[0].id);
    // The successors join the closed unit's groups from now on: the indicators those groups report (R9) and the
    // tasks later given to them reach the successors. Its finished work is not assigned again (only what
    // passed above is theirs).
    json::array joined;
    for (const store::Id g : store::groups_of_unit(c, unit->id)) {
      auto members = store::find_unit_group(c, g)->member_ids;
      for (const auto& s : successors) members.push_back(s.id);
      for (const store::Id id : store::set_group_members(c, g, members, at).first)
        joined.push_back(json::object{{"group_id", g}, {"unit_id", id}});
    }
    json::object result = unit_json(c, *store::find_unit(c, unit->id));
    result["passed"] = std::move(passed);
    result["followups"] = json::object{{"extensions", moved.extensions},
                                       {"overdue_reviews", moved.overdue_reviews},
                                       {"explanations", moved.explanations},
                                       {"escalations", moved.escalations}};
    result["joined_groups"] = std::move(joined);
    audit(ctx, c, "unit", unit->id, "close", before, result);
    return result;
  });
  return json_response(200, out);
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
  if (u.name.empty()) throw bad_request("name", "Trường " + label("name") + " là bắt buộc.");
  check_one_of("kind", u.kind, kUnitKinds);
  check_one_of("peer_group", u.peer_group, kPeerGroups);
  if (u.active_from && u.active_to && *u.active_to < *u.active_from)
    throw bad_request("active_to", "Ngày ngừng hoạt động phải sau ngày bắt đầu hoạt động.");
  return u;
}

// Host organisations keep their own tree (domain/st_task): a unit's kind must fit its parent's, and a unit
// never crosses between the administrative tree and the host organisations' one (its work and its users
// would change side).
void check_tree(store::Connection& c, const store::Unit& u, const std::optional<store::Unit>& before) {
  std::optional<std::string> parent_kind;
  if (u.parent_id) {
    const auto parent = store::find_unit(c, *u.parent_id);
    if (!parent) throw bad_request("parent_id", "Không tìm thấy đơn vị cha.");
    parent_kind = parent->kind;
  }
  if (before && domain::is_host_unit_kind(before->kind) != domain::is_host_unit_kind(u.kind))
    throw bad_request(
        "kind", "Không đổi được " + label("kind") + " giữa cơ quan hành chính và tổ chức chủ trì nhiệm vụ KH&CN.");
  if (!domain::unit_fits_parent(u.kind, parent_kind ? std::optional<std::string_view>(*parent_kind) : std::nullopt))
    throw bad_request(domain::is_host_unit_kind(u.kind) || !parent_kind ? "kind" : "parent_id",
                      "Tổ chức chủ trì nhiệm vụ KH&CN chỉ nằm trong cây các tổ chức chủ trì, và cơ quan hành chính "
                      "chỉ nằm trong cây hành chính: " +
                          label("kind") + " không hợp với đơn vị cha.");
}

// Issue 12/14: the one way a group's members change by hand or by its rule: who joins is assigned the group's live
// tasks from `at`, who leaves no longer owes them from `at`; the dates before keep the members and the work they had.
void change_members(store::Connection& c, store::Id group_id, const std::vector<store::Id>& ids,
                    const std::string& at) {
  const auto [joined, left] = store::set_group_members(c, group_id, ids, at);
  for (const auto& t : store::group_tasks(c, group_id)) store::assign_task(c, t, joined, group_id, at);
  for (auto id : left) store::remove_group_assignments(c, group_id, id, at);
}

// Issue 14: a unit created, or whose kind changed, joins the groups whose rule names its kind and leaves those whose
// rule no longer does, in the same transaction and the same way as a change made by hand.
void follow_rules(store::Connection& c, const store::Unit& u, const std::string& at) {
  for (const auto& [group_id, kinds] : store::rule_groups(c)) {
    auto members = store::find_unit_group(c, group_id)->member_ids;
    const bool wanted = std::find(kinds.begin(), kinds.end(), u.kind) != kinds.end();
    const bool is = std::find(members.begin(), members.end(), u.id) != members.end();
    if (wanted == is) continue;
    if (wanted) {
      members.push_back(u.id);
    } else {
      std::erase(members, u.id);
    }
    change_members(c, group_id, members, at);
  }
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
    check_tree(c, u, std::nullopt);
    const auto id = store::insert_unit(c, u, domain::iso(ctx.now));
    auto saved = *store::find_unit(c, id);
    follow_rules(c, saved, domain::iso(ctx.now));
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
    check_tree(c, u, before);
    // A unit closed into its successors (R16) ends on the day before its closing: its work has passed on, so
    // moving its end (or start) would count that work twice.
    if ((u.active_to != before->active_to || u.active_from != before->active_from) &&
        store::closed_by_succession(c, u.id))
      throw conflict("Đơn vị đã sáp nhập, chia tách vào đơn vị kế thừa; không sửa được ngày hoạt động.",
                     u.active_to != before->active_to ? "active_to" : "active_from");
    store::update_unit(c, u, domain::iso(ctx.now));
    if (u.kind != before->kind) follow_rules(c, u, domain::iso(ctx.now));
    auto after = *store::find_unit(c, u.id);
    audit(ctx, c, "unit", u.id, "update", to_json(*before), to_json(after));
    return after;
  });
  return json_response(200, to_json(updated));
}

// A group as the API gives it: its members and, for a group defined by rule, the unit kinds it holds.
json::object group_json(store::Connection& c, const store::UnitGroup& g) {
  auto out = to_json(g);
  json::array kinds;
  for (const auto& k : store::group_member_kinds(c, g.id)) kinds.emplace_back(k);
  out["member_kinds"] = std::move(kinds);
  return out;
}

Response list_groups(Context& ctx) {
  const auto page = query_page(ctx.req);
  const auto q = query_string(ctx.req, "q");
  long long total = 0;
  auto items = ctx.db.read([&](store::Connection& c) {
    json::array out;
    for (const auto& g : store::list_unit_groups(c, q, page, &total)) out.push_back(group_json(c, g));
    return out;
  });
  return list_response(std::move(items), total);
}

Response get_group(Context& ctx) {
  auto g = ctx.db.read([&](store::Connection& c) -> std::optional<json::object> {
    const auto g = store::find_unit_group(c, ctx.path_id());
    return g ? std::optional(group_json(c, *g)) : std::nullopt;
  });
  if (!g) throw not_found("nhóm đơn vị");
  return json_response(200, *g);
}

// A group's members owe its plan work: a host organisation never does.
void check_member(store::Connection& c, store::Id id) {
  const auto u = store::find_unit(c, id);
  if (!u) throw bad_request("member_ids", "Không tìm thấy đơn vị " + std::to_string(id) + ".");
  if (domain::is_host_unit_kind(u->kind))
    throw bad_request("member_ids", "Tổ chức chủ trì nhiệm vụ KH&CN (" + u->name +
                                        ") không là thành viên nhóm đơn vị thực hiện kế hoạch.");
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

// Issue 14: the unit kinds of a group defined by rule ("member_kinds"); an empty list is a hand-made group. Host
// organisations never owe plan work, so no rule names their kinds.
std::vector<std::string> member_kinds(const json::object& b) {
  std::vector<std::string> out;
  auto it = b.find("member_kinds");
  if (it == b.end() || it->value().is_null()) return out;
  if (!it->value().is_array())
    throw bad_request("member_kinds", "Trường " + label("member_kinds") + " phải là danh sách loại đơn vị.");
  for (const auto& v : it->value().as_array()) {
    if (!v.is_string()) throw bad_request("member_kinds", "Trường " + label("member_kinds") + " không hợp lệ.");
    const std::string kind(v.as_string());
    if (std::find(kUnitKinds.begin(), kUnitKinds.end(), kind) == kUnitKinds.end())
      throw bad_request("member_kinds", "Trường " + label("member_kinds") + " có một loại đơn vị không hợp lệ.");
    if (domain::is_host_unit_kind(kind))
      throw bad_request("member_kinds",
                        "Tổ chức chủ trì nhiệm vụ KH&CN không là thành viên nhóm đơn vị thực hiện kế "
                        "hoạch: bỏ loại này khỏi " +
                            label("member_kinds") + ".");
    if (std::find(out.begin(), out.end(), kind) == out.end()) out.push_back(kind);
  }
  return out;
}

// A group defined by rule holds the units of its kinds from now on, through the same path as a change by hand.
void apply_rule(Context& ctx, store::Connection& c, store::Id group_id, const std::vector<std::string>& kinds) {
  store::set_group_member_kinds(c, group_id, kinds);
  if (kinds.empty()) return;  // a hand-made group again keeps the members it has
  change_members(c, group_id, store::units_of_kinds(c, kinds, domain::iso(domain::vietnam_date(ctx.now))),
                 domain::iso(ctx.now));
}

Response create_group(Context& ctx) {
  auto b = parse_body(ctx.req);
  store::UnitGroup g;
  g.code = required_string(b, "code", 50);
  g.name = required_string(b, "name", 300);
  g.member_ids = member_ids(b);
  const auto kinds = member_kinds(b);
  if (!kinds.empty() && !g.member_ids.empty())
    throw bad_request("member_ids", "Nhóm theo quy tắc gồm mọi đơn vị thuộc " + label("member_kinds") +
                                        "; không chọn thêm " + label("member_ids") + ".");
  auto created = ctx.db.write([&](store::Connection& c) {
    if (store::find_unit_group_by_code(c, g.code)) throw conflict("Mã nhóm đã tồn tại.", "code");
    for (auto id : g.member_ids) check_member(c, id);
    const auto id = store::insert_unit_group(c, g, domain::iso(ctx.now));
    apply_rule(ctx, c, id, kinds);
    auto saved = group_json(c, *store::find_unit_group(c, id));
    audit(ctx, c, "unit_group", id, "create", nullptr, saved);
    return saved;
  });
  return json_response(201, created);
}

// Issue 14: defines the group by rule (or, with an empty list, makes it hand-made again, keeping its members).
Response set_rule(Context& ctx) {
  auto b = parse_body(ctx.req);
  if (b.find("member_kinds") == b.end())
    throw bad_request("member_kinds", "Trường " + label("member_kinds") + " là bắt buộc.");
  const auto kinds = member_kinds(b);
  auto saved = ctx.db.write([&](store::Connection& c) {
    const auto before = store::find_unit_group(c, ctx.path_id());
    if (!before) throw not_found("nhóm đơn vị");
    const auto before_json = group_json(c, *before);
    apply_rule(ctx, c, before->id, kinds);
    auto after = group_json(c, *store::find_unit_group(c, before->id));
    audit(ctx, c, "unit_group", before->id, "set_rule", before_json, after);
    return after;
  });
  return json_response(200, saved);
}

// Issue 12: the members from now on. A unit joining is assigned the group's tasks from today; a unit leaving
// no longer owes them from today; the dates before keep the members and the work they had.
Response set_members(Context& ctx) {
  auto b = parse_body(ctx.req);
  if (b.find("member_ids") == b.end())
    throw bad_request("member_ids", "Trường " + label("member_ids") + " là bắt buộc.");
  const auto ids = member_ids(b);
  auto saved = ctx.db.write([&](store::Connection& c) {
    auto before = store::find_unit_group(c, ctx.path_id());
    if (!before) throw not_found("nhóm đơn vị");
    if (!store::group_member_kinds(c, before->id).empty())
      throw conflict("Nhóm được xác định theo " + label("member_kinds") +
                         ": thành viên do quy tắc quyết định, không sửa tay được.",
                     "member_ids");
    for (auto id : ids) check_member(c, id);
    const auto before_json = group_json(c, *before);
    change_members(c, before->id, ids, domain::iso(ctx.now));
    auto after = group_json(c, *store::find_unit_group(c, before->id));
    audit(ctx, c, "unit_group", before->id, "set_members", before_json, after);
    return after;
  });
  return json_response(200, saved);
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
