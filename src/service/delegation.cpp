#include "service/delegation.h"

#include "domain/delegation.h"
#include "service/audit.h"
#include "service/errors.h"
#include "service/json_out.h"
#include "store/user_store.h"

namespace tiendo::service {

namespace json = boost::json;

namespace {

json::object delegation_json(const store::Delegation& d, domain::Date today) {
  const auto from = domain::parse_iso_date(d.from_date);
  const auto to = domain::parse_iso_date(d.to_date);
  const bool active = !d.revoked_at && from && to && domain::delegation_covers(*from, *to, today);
  return json::object{{"id", d.id},
                      {"unit_id", d.unit_id},
                      {"unit_name", d.unit_name},
                      {"delegator_id", d.delegator_id},
                      {"delegator_name", d.delegator_name},
                      {"deputy_id", d.deputy_id},
                      {"deputy_name", d.deputy_name},
                      {"from", d.from_date},
                      {"to", d.to_date},
                      {"created_at", d.created_at},
                      {"revoked_at", nullable(d.revoked_at)},
                      {"active", active}};
}

// Who may be named: an active user of the unit who is neither the delegator nor the focal point.
bool can_be_deputy(const store::User& u, store::Id delegator) { return u.id != delegator && may_be_deputy(u.role); }

}  // namespace

bool may_be_deputy(const std::string& role) { return role == "unit_head" || role == "viewer"; }

json::object delegations(store::Connection& c, const Actor& who, domain::Date today) {
  json::array items;
  for (const auto& d : store::list_delegations(c, who.scope_path)) items.push_back(delegation_json(d, today));
  json::array candidates;
  for (const auto& u : store::users_of_unit(c, who.unit_id)) {
    if (!can_be_deputy(u, who.user_id)) continue;
    candidates.push_back(
        json::object{{"id", u.id}, {"name", u.full_name.empty() ? u.username : u.full_name}, {"role", u.role}});
  }
  const auto n = static_cast<long long>(items.size());
  return json::object{{"items", std::move(items)}, {"total", n}, {"candidates", std::move(candidates)}};
}

json::object delegate_approval(const Call& call, const DelegationInput& in) {
  const auto today = domain::vietnam_date(call.now);
  if (const auto refusal = domain::check_delegation(in.from, in.to, today))
    throw invalid("to", domain::vn_message(*refusal));
  // A deputy approves for the head; only the head hands the approval on.
  if (call.who.role != "unit_head" && call.who.role != "admin")
    throw forbidden("Chỉ lãnh đạo đơn vị ủy quyền phê duyệt.");
  const auto deputy = store::find_user(call.c, in.deputy_id);
  if (!deputy || !deputy->active || deputy->unit_id != call.who.unit_id)
    throw invalid("deputy_id", "Người được ủy quyền phải là cán bộ đang làm việc của đơn vị.");
  if (!can_be_deputy(*deputy, call.who.user_id))
    throw invalid("deputy_id",
                  "Không ủy quyền phê duyệt cho chính mình hoặc cho cán bộ đầu mối lập báo cáo của đơn vị.");
  store::Delegation d;
  d.unit_id = call.who.unit_id;
  d.delegator_id = call.who.user_id;
  d.deputy_id = deputy->id;
  d.from_date = domain::iso(in.from);
  d.to_date = domain::iso(in.to);
  d.created_at = domain::iso(call.now);
  d.id = store::insert_delegation(call.c, d);
  const auto out = delegation_json(*store::find_delegation(call.c, d.id), today);
  audit(call.c, call.postgres, &call.who, call.now, "delegation", d.id, "create", nullptr, out);
  return out;
}

json::object revoke_delegation(const Call& call, store::Id id) {
  const auto today = domain::vietnam_date(call.now);
  const auto d = store::find_delegation(call.c, id);
  if (!d || !call.who.in_scope(d->unit_path)) throw not_found("ủy quyền phê duyệt");
  if (d->delegator_id != call.who.user_id && call.who.role != "admin")
    throw forbidden("Chỉ người ủy quyền thu hồi được ủy quyền này.");
  if (!store::revoke_delegation(call.c, d->id, domain::iso(call.now)))
    throw conflict("Ủy quyền đã được thu hồi.", "state");
  const auto out = delegation_json(*store::find_delegation(call.c, d->id), today);
  audit(call.c, call.postgres, &call.who, call.now, "delegation", d->id, "revoke", delegation_json(*d, today), out);
  return out;
}

}  // namespace tiendo::service
