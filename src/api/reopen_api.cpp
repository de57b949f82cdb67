// Reopening an accepted report (issue 14): an edit never reopens it. The unit's focal point asks, with a reason;
// the standing agency is notified and decides — granted, the report is a draft again (its state history and
// first submission kept, R4); refused, it stays accepted. Each step is audited and told to the other side.
#include "api/json_io.h"
#include "api/router.h"
#include "api/serialize.h"
#include "domain/report_workflow.h"
#include "service/reminder_job.h"
#include "store/followup_store.h"
#include "store/plan_store.h"
#include "store/reopen_store.h"
#include "store/report_store.h"
#include "store/user_store.h"

namespace tiendo::api {

namespace json = boost::json;

namespace {

std::string period_words(const std::string& key) {
  const auto p = domain::parse_period(key);
  return p ? p->vn_label() : key;
}
std::string period_words_en(const std::string& key) {
  const auto p = domain::parse_period(key);
  return p ? p->en_label() : key;
}

Response request_reopen(Context& ctx) {
  const auto b = parse_body(ctx.req);
  return ctx.db.write([&](store::Connection& c) {
    auto r = store::find_report(c, ctx.path_id());
    // Scope first: a report outside the caller's units is not found, whatever the body says.
    if (!r || !ctx.user().in_scope(r->unit_path)) throw not_found("báo cáo");
    const std::string reason = required_string(b, "reason", 4000);
    const auto version = optional_int(b, "version", 1, INT32_MAX);
    if (version && *version != r->version)
      throw conflict("Báo cáo đã được người khác cập nhật; vui lòng tải lại.", "version");
    if (r->state != "accepted")
      throw conflict("Chỉ đề nghị mở lại báo cáo đã được tiếp nhận; báo cáo này đang ở trạng thái khác.", "state");
    store::ReopenRequest q;
    q.report_id = r->id;
    q.reason = reason;
    q.requested_by = ctx.user().user_id;
    q.requested_at = domain::iso(ctx.now);
    try {
      q.id = store::insert_reopen_request(c, q);
    } catch (const store::DbError& e) {
      // The partial unique index: one pending request per report, whoever asked first.
      if (e.kind != store::DbError::Kind::constraint) throw;
      throw conflict("Báo cáo đã có đề nghị mở lại đang chờ cơ quan thường trực xử lý.", "state");
    }
    const auto saved = *store::find_reopen_request(c, q.id);
    const auto out = to_json(saved);
    audit(ctx, c, "reopen_request", q.id, "request", nullptr, out);
    const service::Notice n{"reopen_requested",
                            "Đề nghị mở lại báo cáo " + period_words(r->period) + " — " + r->unit_name,
                            "Kế hoạch " + saved.directive_number + ". Lý do: " + reason,
                            "#/report/" + std::to_string(r->id),
                            "Request to reopen the report " + period_words_en(r->period) + " — " + r->unit_name,
                            "Plan " + saved.directive_number + ". Reason: " + reason};
    for (const auto& u : store::users_with_role(c, "standing_agency"))
      service::notify_user(c, u, "reopen_requested:" + std::to_string(q.id), n, q.requested_at);
    return json_response(201, out);
  });
}

Response decide(Context& ctx, bool grant) {
  const auto b = ctx.req.body.empty() ? json::object{} : parse_body(ctx.req);
  const auto note = optional_string(b, "note", 4000);
  if (!grant && (!note || note->empty())) throw bad_request("note", "Cần nêu lý do không đồng ý mở lại.");
  return ctx.db.write([&](store::Connection& c) {
    auto q = store::find_reopen_request(c, ctx.path_id());
    if (!q || !ctx.user().in_scope(q->unit_path)) throw not_found("đề nghị mở lại");
    if (q->decision) throw conflict("Đề nghị mở lại đã được xử lý.", "state");
    auto r = *store::find_report(c, q->report_id);
    const std::string at = domain::iso(ctx.now);
    if (grant) {
      const auto t = domain::transition(*domain::report_state_from(r.state), domain::ReportAction::reopen);
      if (!t.allowed) throw conflict("Báo cáo không còn ở trạng thái đã tiếp nhận.", "state");
      const auto before = to_json(r);
      const int version = r.version;
      r.state = std::string(domain::to_string(t.to));
      ++r.reopened_count;
      r.updated_at = at;
      // The state history gains a draft at this instant; the accepted state before it stays (issue 12).
      const auto next = store::update_report(c, r, version);
      if (!next) throw conflict("Báo cáo vừa được cập nhật; vui lòng tải lại.", "version");
      r.version = *next;
      audit(ctx, c, "report", r.id, "reopen", before, to_json(r));
    }
    if (!store::decide_reopen_request(c, q->id, grant ? "granted" : "refused", note.value_or(""), ctx.user().user_id,
                                      at))
      throw conflict("Đề nghị mở lại đã được xử lý.", "state");
    const auto decided = *store::find_reopen_request(c, q->id);
    const auto out = to_json(decided);
    audit(ctx, c, "reopen_request", q->id, grant ? "grant" : "refuse", to_json(*q), out);
    if (const auto asker = store::find_user(c, q->requested_by); asker && asker->active) {
      const std::string what = grant ? "Đồng ý mở lại báo cáo " : "Không đồng ý mở lại báo cáo ";
      const std::string what_en = grant ? "Reopening granted for the report " : "Reopening refused for the report ";
      const service::Notice n{grant ? "reopen_granted" : "reopen_refused",
                              what + period_words(q->period) + " — " + q->unit_name,
                              grant ? "Báo cáo trở về trạng thái đang soạn; sửa xong hãy gửi lại để duyệt."
                                    : "Báo cáo giữ trạng thái đã tiếp nhận. Ý kiến: " + decided.decision_note,
                              "#/report/" + std::to_string(q->report_id),
                              what_en + period_words_en(q->period) + " — " + q->unit_name,
                              grant ? "The report is a draft again; once corrected, submit it again for approval."
                                    : "The report stays accepted. Note: " + decided.decision_note};
      service::notify_user(c, *asker, (grant ? "reopen_granted:" : "reopen_refused:") + std::to_string(q->id), n, at);
    }
    json::object o = out;
    o["report_state"] = r.state;
    o["report_version"] = r.version;
    return json_response(200, o);
  });
}

Response list_requests(Context& ctx) {
  std::optional<bool> pending;
  if (const auto s = query_string(ctx.req, "state")) {
    if (*s != "pending" && *s != "decided")
      throw bad_request("state", "Trạng thái đề nghị chỉ là đang chờ xử lý hoặc đã xử lý.");
    pending = *s == "pending";
  }
  return ctx.db.read([&](store::Connection& c) {
    json::array items;
    for (const auto& q : store::list_reopen_requests(c, ctx.user().scope_path(), pending)) items.push_back(to_json(q));
    const auto n = static_cast<long long>(items.size());
    return list_response(std::move(items), n);
  });
}

}  // namespace

void register_reopen(Router& r) {
  r.add("POST", "/api/v1/reports/{id}/reopen-requests", Permission::draft_report, request_reopen);
  r.add("GET", "/api/v1/reopen-requests", Permission::read_unit_data, list_requests);
  r.add("POST", "/api/v1/reopen-requests/{id}/grant", Permission::review_report,
        [](Context& ctx) { return decide(ctx, true); });
  r.add("POST", "/api/v1/reopen-requests/{id}/refuse", Permission::review_report,
        [](Context& ctx) { return decide(ctx, false); });
}

}  // namespace tiendo::api
