#include "service/units.h"

#include <algorithm>
#include <set>

#include "domain/ranges.h"
#include "domain/ranking.h"
#include "domain/st_task.h"
#include "domain/succession.h"
#include "domain/units.h"
#include "service/audit.h"
#include "service/evaluation.h"
#include "service/plan_json.h"
#include "store/succession_store.h"

namespace tiendo::service {

namespace json = boost::json;

namespace {

void audit_units(const Call& call, const std::string& entity, store::Id id, const std::string& action,
                 const json::value& before, const json::value& after) {
  audit(call.c, call.postgres, &call.who, call.now, entity, id, action, before, after);
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

json::object unit_json(store::Connection& c, const store::Unit& u) {
  json::object o = to_json(u);
  json::array successors, predecessors;
  for (const auto& s : store::successions_of(c, u.id))
    (s.unit_id == u.id ? successors : predecessors).push_back(succession_json(s));
  o["successors"] = std::move(successors);
  o["predecessors"] = std::move(predecessors);
  return o;
}

std::optional<std::string> iso_day(const std::optional<domain::Date>& d) {
  return d ? std::optional(domain::iso(*d)) : std::nullopt;
}

store::Unit changed(store::Unit u, const UnitChange& ch) {
  if (ch.name) u.name = *ch.name;
  if (ch.short_name) u.short_name = *ch.short_name;
  if (ch.kind) u.kind = *ch.kind;
  if (ch.peer_group) u.peer_group = *ch.peer_group;
  if (ch.active_from) u.active_from = iso_day(*ch.active_from);
  if (ch.active_to) u.active_to = iso_day(*ch.active_to);
  if (u.name.empty()) throw invalid("name", "Trường " + domain::quoted_field("name") + " là bắt buộc.");
  for (const auto& [field, value] : {std::pair{"kind", &u.kind}, {"peer_group", &u.peer_group}})
    if (auto why = domain::unit_choice_refusal(field, *value)) throw invalid(field, *why);
  if (u.active_from && u.active_to && *u.active_to < *u.active_from)
    throw invalid("active_to", "Ngày ngừng hoạt động phải sau ngày bắt đầu hoạt động.");
  return u;
}

// Host organisations keep their own tree (domain/st_task): a unit's kind must fit its parent's, and a unit
// never crosses between the administrative tree and the host organisations' one (its work and its users
// would change side).
void check_tree(store::Connection& c, const store::Unit& u, const std::optional<store::Unit>& before) {
  std::optional<std::string> parent_kind;
  if (u.parent_id) {
    const auto parent = store::find_unit(c, *u.parent_id);
    if (!parent) throw invalid("parent_id", "Không tìm thấy đơn vị cha.");
    parent_kind = parent->kind;
  }
  if (before && domain::is_host_unit_kind(before->kind) != domain::is_host_unit_kind(u.kind))
    throw invalid("kind", "Không đổi được " + domain::quoted_field("kind") +
                              " giữa cơ quan hành chính và tổ chức chủ trì nhiệm vụ KH&CN.");
  if (!domain::unit_fits_parent(u.kind, parent_kind ? std::optional<std::string_view>(*parent_kind) : std::nullopt))
    throw invalid(domain::is_host_unit_kind(u.kind) || !parent_kind ? "kind" : "parent_id",
                  "Tổ chức chủ trì nhiệm vụ KH&CN chỉ nằm trong cây các tổ chức chủ trì, và cơ quan hành chính chỉ "
                  "nằm trong cây hành chính: " +
                      domain::quoted_field("kind") + " không hợp với đơn vị cha.");
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

// A group as the API gives it: its members and, for a group defined by rule, the unit kinds it holds.
json::object group_json(store::Connection& c, const store::UnitGroup& g) {
  auto out = to_json(g);
  json::array kinds;
  for (const auto& k : store::group_member_kinds(c, g.id)) kinds.emplace_back(k);
  out["member_kinds"] = std::move(kinds);
  return out;
}

// A group's members owe its plan work: a host organisation never does.
void check_member(store::Connection& c, store::Id id) {
  const auto u = store::find_unit(c, id);
  if (!u) throw invalid("member_ids", "Không tìm thấy đơn vị " + std::to_string(id) + ".");
  if (domain::is_host_unit_kind(u->kind))
    throw invalid("member_ids", "Tổ chức chủ trì nhiệm vụ KH&CN (" + u->name +
                                    ") không là thành viên nhóm đơn vị thực hiện kế hoạch.");
}

// The kinds a rule names, each once; host organisations never owe plan work, so no rule names their kinds.
std::vector<std::string> rule_kinds(const std::vector<std::string>& kinds) {
  std::vector<std::string> out;
  for (const auto& kind : kinds) {
    if (auto why = domain::member_kind_refusal(kind, domain::quoted_field("member_kinds")))
      throw invalid("member_kinds", *why);
    if (std::find(out.begin(), out.end(), kind) == out.end()) out.push_back(kind);
  }
  return out;
}

// A group defined by rule holds the units of its kinds from now on, through the same path as a change by hand.
void apply_rule(const Call& call, store::Id group_id, const std::vector<std::string>& kinds) {
  store::set_group_member_kinds(call.c, group_id, kinds);
  if (kinds.empty()) return;  // a hand-made group again keeps the members it has
  change_members(call.c, group_id, store::units_of_kinds(call.c, kinds, domain::iso(domain::vietnam_date(call.now))),
                 domain::iso(call.now));
}

}  // namespace

UnitsPage list_units(store::Connection& c, const store::UnitFilter& f, store::Page page) {
  UnitsPage out;
  for (const auto& u : store::list_units(c, f, page, &out.total)) out.items.push_back(to_json(u));
  return out;
}

store::Unit scoped_unit(store::Connection& c, const Actor& who, store::Id unit_id, const char* outside) {
  auto u = store::find_unit(c, unit_id);
  if (!u) throw invalid("unit_id", "Không tìm thấy đơn vị.");
  if (!who.in_scope(u->path)) throw forbidden(outside);
  return *u;
}

json::object unit_view(store::Connection& c, store::Id id) {
  auto u = store::find_unit(c, id);
  if (!u) throw not_found("đơn vị");
  return unit_json(c, *u);
}

json::object create_unit(const Call& call, const std::string& code, std::optional<store::Id> parent_id,
                         const UnitChange& change) {
  store::Unit u;
  u.code = code;
  u.parent_id = parent_id;
  // R12: when no peer group is given, a commune, ward or special zone is compared with communes.
  if (change.kind) u.kind = *change.kind;
  u.peer_group = domain::default_peer_group(u.kind);
  u = changed(u, change);
  auto& c = call.c;
  const auto at = domain::iso(call.now);
  if (store::find_unit_by_code(c, u.code)) throw conflict("Mã đơn vị đã tồn tại.", "code");
  check_tree(c, u, std::nullopt);
  const auto id = store::insert_unit(c, u, at);
  const auto saved = *store::find_unit(c, id);
  follow_rules(c, saved, at);
  auto out = to_json(saved);
  audit_units(call, "unit", id, "create", nullptr, out);
  return out;
}

json::object update_unit(const Call& call, store::Id id, const UnitChange& change) {
  auto& c = call.c;
  const auto at = domain::iso(call.now);
  auto before = store::find_unit(c, id);
  if (!before) throw not_found("đơn vị");
  const store::Unit u = changed(*before, change);
  check_tree(c, u, before);
  // A unit closed into its successors (R16) ends on the day before its closing: its work has passed on, so
  // moving its end (or start) would count that work twice.
  if ((u.active_to != before->active_to || u.active_from != before->active_from) &&
      store::closed_by_succession(c, u.id))
    throw conflict("Đơn vị đã sáp nhập, chia tách vào đơn vị kế thừa; không sửa được ngày hoạt động.",
                   u.active_to != before->active_to ? "active_to" : "active_from");
  store::update_unit(c, u, at);
  if (u.kind != before->kind) follow_rules(c, u, at);
  auto after = to_json(*store::find_unit(c, u.id));
  audit_units(call, "unit", u.id, "update", to_json(*before), after);
  return after;
}

json::object close_unit(const Call& call, store::Id id, domain::Date closing, const std::string& reason,
                        const std::vector<SuccessorChoice>& requested) {
  auto& c = call.c;
  const std::string at = domain::iso(call.now);
  const std::string closing_day = domain::iso(closing);
  auto unit = store::find_unit(c, id);
  if (!unit) throw not_found("đơn vị");
  std::vector<store::Unit> successors;
  std::vector<domain::SuccessorFacts> facts;
  std::vector<std::vector<long long>> named;
  for (const auto& r : requested) {
    auto s = store::find_unit(c, r.unit_id);
    if (!s) throw invalid("successors", "Không tìm thấy đơn vị kế thừa " + std::to_string(r.unit_id) + ".");
    facts.push_back({s->id, active_span(s->active_from, s->active_to), s->path.starts_with(unit->path),
                     store::closed_by_succession(c, s->id)});
    named.push_back(r.assignment_ids);
    successors.push_back(std::move(*s));
  }
  if (auto err = domain::check_closing(closing, active_span(unit->active_from, unit->active_to),
                                       store::closed_by_succession(c, unit->id), facts))
    throw invalid(err->field, err->message);

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
    for (const auto a : ids) {
      if (!open.contains(a))
        throw invalid("successors", "Nhiệm vụ " + std::to_string(a) +
                                        " không phải nhiệm vụ đang thực hiện của đơn vị bị sáp nhập, chia tách.");
      if (!seen.insert(a).second)
        throw invalid("successors", "Nhiệm vụ " + std::to_string(a) + " được giao cho hai đơn vị kế thừa.");
    }
  }

  const json::object before = unit_json(c, *unit);
  store::Unit closed = *unit;
  closed.active_to = domain::iso(closing - std::chrono::days{1});
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
    succession_ids.push_back(store::insert_succession(c, s, call.who.user_id));
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
    for (const store::Id u : store::set_group_members(c, g, members, at).first)
      joined.push_back(json::object{{"group_id", g}, {"unit_id", u}});
  }
  json::object result = unit_json(c, *store::find_unit(c, unit->id));
  result["passed"] = std::move(passed);
  result["followups"] = json::object{{"extensions", moved.extensions},
                                     {"overdue_reviews", moved.overdue_reviews},
                                     {"explanations", moved.explanations},
                                     {"escalations", moved.escalations}};
  result["joined_groups"] = std::move(joined);
  audit_units(call, "unit", unit->id, "close", before, result);
  return result;
}

UnitsPage list_unit_groups(store::Connection& c, const std::optional<std::string>& q, store::Page page) {
  UnitsPage out;
  for (const auto& g : store::list_unit_groups(c, q, page, &out.total)) out.items.push_back(group_json(c, g));
  return out;
}

json::object unit_group_view(store::Connection& c, store::Id id) {
  const auto g = store::find_unit_group(c, id);
  if (!g) throw not_found("nhóm đơn vị");
  return group_json(c, *g);
}

json::object create_unit_group(const Call& call, const std::string& code, const std::string& name,
                               const std::vector<store::Id>& member_ids, const std::vector<std::string>& member_kinds) {
  const auto kinds = rule_kinds(member_kinds);
  if (!kinds.empty() && !member_ids.empty())
    throw invalid("member_ids", "Nhóm theo quy tắc gồm mọi đơn vị thuộc " + domain::quoted_field("member_kinds") +
                                    "; không chọn thêm " + domain::quoted_field("member_ids") + ".");
  auto& c = call.c;
  if (store::find_unit_group_by_code(c, code)) throw conflict("Mã nhóm đã tồn tại.", "code");
  for (auto id : member_ids) check_member(c, id);
  const auto id =
      store::insert_unit_group(c, {.code = code, .name = name, .member_ids = member_ids}, domain::iso(call.now));
  apply_rule(call, id, kinds);
  auto saved = group_json(c, *store::find_unit_group(c, id));
  audit_units(call, "unit_group", id, "create", nullptr, saved);
  return saved;
}

json::object set_unit_group_rule(const Call& call, store::Id id, const std::vector<std::string>& member_kinds) {
  const auto kinds = rule_kinds(member_kinds);
  auto& c = call.c;
  const auto before = store::find_unit_group(c, id);
  if (!before) throw not_found("nhóm đơn vị");
  const auto before_json = group_json(c, *before);
  apply_rule(call, before->id, kinds);
  auto after = group_json(c, *store::find_unit_group(c, before->id));
  audit_units(call, "unit_group", before->id, "set_rule", before_json, after);
  return after;
}

json::object set_unit_group_members(const Call& call, store::Id id, const std::vector<store::Id>& member_ids) {
  auto& c = call.c;
  auto before = store::find_unit_group(c, id);
  if (!before) throw not_found("nhóm đơn vị");
  if (!store::group_member_kinds(c, before->id).empty())
    throw conflict("Nhóm được xác định theo " + domain::quoted_field("member_kinds") +
                       ": thành viên do quy tắc quyết định, không sửa tay được.",
                   "member_ids");
  for (auto m : member_ids) check_member(c, m);
  const auto before_json = group_json(c, *before);
  change_members(c, before->id, member_ids, domain::iso(call.now));
  auto after = group_json(c, *store::find_unit_group(c, before->id));
  audit_units(call, "unit_group", before->id, "set_members", before_json, after);
  return after;
}

}  // namespace tiendo::service
