// A unit head delegates the approval of the unit's reports to a deputy for a range of days (issue 14); while
// it runs, the deputy approves or sends back, and the approval shows "KT." with whom the deputy signed for.
#include "api/json_io.h"
#include "api/router.h"
#include "domain/delegation.h"
#include "store/plan_store.h"
#include "store/review_store.h"
#include "store/user_store.h"

namespace tiendo::api {

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

// Who may be a deputy: an active user of the unit who is neither the delegator nor the one who drafts the
// reports (the focal point approving their own report would defeat the approval).
bool can_be_deputy(const store::User& u, store::Id delegator) {
  return u.id != delegator && (u.role == "unit_head" || u.role == "viewer");
}

Response list(Context& ctx) {
  const auto today = domain::vietnam_date(ctx.now);
  return ctx.db.read([&](store::Connection& c) {
    json::array items;
    for (const auto& d : store::list_delegations(c, ctx.user().scope_path()))
      items.push_back(delegation_json(d, today));
    json::array candidates;
    for (const auto& u : store::users_of_unit(c, ctx.user().unit_id)) {
      if (!can_be_deputy(u, ctx.user().user_id)) continue;
      candidates.push_back(
          json::object{{"id", u.id}, {"name", u.full_name.empty() ? u.username : u.full_name}, {"role", u.role}});
    }
    const auto n = static_cast<long long>(items.size());
    return json_response(
        200, json::object{{"items", std::move(items)}, {"total", n}, {"candidates", std::move(candidates)}});
  });
}

Response create(Context& ctx) {
  const auto b = parse_body(ctx.req);
  const auto deputy_id = optional_int(b, "deputy_id", 1, INT64_MAX);
  if (!deputy_id) throw bad_request("deputy_id", "Trường " + label("deputy_id") + " là bắt buộc.");
  const auto from = optional_date(b, "from");
  if (!from) throw bad_request("from", "Trường " + label("from") + " là bắt buộc.");
  const auto to = optional_date(b, "to");
  if (!to) throw bad_request("to", "Trường " + label("to") + " là bắt buộc.");
  const auto today = domain::vietnam_date(ctx.now);
  if (const auto refusal = domain::check_delegation(*from, *to, today))
    throw bad_request("to", domain::vn_message(*refusal));
  // A deputy approves for the head; only the head hands the approval on.
  if (ctx.user().role != Role::unit_head && ctx.user().role != Role::admin)
    throw forbidden("Chỉ lãnh đạo đơn vị ủy quyền phê duyệt.");
  return ctx.db.write([&](store::Connection& c) {
    const auto deputy = store::find_user(c, *deputy_id);
    if (!deputy || !deputy->active || deputy->unit_id != ctx.user().unit_id)
      throw bad_request("deputy_id", "Người được ủy quyền phải là cán bộ đang làm việc của đơn vị.");
    if (!can_be_deputy(*deputy, ctx.user().user_id))
      throw bad_request("deputy_id",
                        "Không ủy quyền phê duyệt cho chính mình hoặc cho cán bộ đầu mối lập báo cáo của đơn vị.");
    store::Delegation d;
    d.unit_id = ctx.user().unit_id;
    d.delegator_id = ctx.user().user_id;
    d.deputy_id = deputy->id;
    d.from_date = domain::iso(*from);
    d.to_date = domain::iso(*to);
    d.created_at = domain::iso(ctx.now);
    d.id = store::insert_delegation(c, d);
    const auto out = delegation_json(*store::find_delegation(c, d.id), today);
    audit(ctx, c, "delegation", d.id, "create", nullptr, out);
    return json_response(201, out);
  });
}

Response revoke(Context& ctx) {
  const auto today = domain::vietnam_date(ctx.now);
  return ctx.db.write([&](store::Connection& c) {
    const auto d = store::find_delegation(c, ctx.path_id());
    if (!d || !ctx.user().in_scope(d->unit_path)) throw not_found("ủy quyền phê duyệt");
    if (d->delegator_id != ctx.user().user_id && ctx.user().role != Role::admin)
      throw forbidden("Chỉ người ủy quyền thu hồi được ủy quyền này.");
    if (!store::revoke_delegation(c, d->id, domain::iso(ctx.now))) throw conflict("Ủy quyền đã được thu hồi.", "state");
    const auto out = delegation_json(*store::find_delegation(c, d->id), today);
    audit(ctx, c, "delegation", d->id, "revoke", delegation_json(*d, today), out);
    return json_response(200, out);
  });
}

}  // namespace

void register_delegations(Router& r) {
  r.add("GET", "/api/v1/delegations", Permission::read_unit_data, list);
  r.add("POST", "/api/v1/delegations", Permission::approve_report, create);
  r.add("POST", "/api/v1/delegations/{id}/revoke", Permission::approve_report, revoke);
}

}  // namespace tiendo::api
