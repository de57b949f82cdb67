#include "service/reopen.h"

#include "domain/report_workflow.h"
#include "domain/reporting_rule.h"
#include "service/audit.h"
#include "service/json_out.h"
#include "service/reminder_job.h"
#include "store/reopen_store.h"
#include "store/report_store.h"
#include "store/user_store.h"

namespace tiendo::service {

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

// The report becomes a draft again: its state history gains a draft at this instant, the accepted state before it
// stays (issue 12).
void reopen_report(const Call& call, store::Report& r, const std::string& at) {
  const auto t = domain::transition(*domain::report_state_from(r.state), domain::ReportAction::reopen);
  if (!t.allowed) throw conflict("Báo cáo không còn ở trạng thái đã tiếp nhận.", "state");
  const auto before = to_json(r);
  const int version = r.version;
  r.state = std::string(domain::to_string(t.to));
  ++r.reopened_count;
  r.updated_at = at;
  const auto next = store::update_report(call.c, r, version);
  if (!next) throw conflict("Báo cáo vừa được cập nhật; vui lòng tải lại.", "version");
  r.version = *next;
  audit(call.c, call.postgres, &call.who, call.now, "report", r.id, "reopen", before, to_json(r));
}

}  // namespace

json::object request_reopen(const Call& call, const store::Report& r, const std::string& reason,
                            std::optional<long long> version) {
  if (version && *version != r.version)
    throw conflict("Báo cáo đã được người khác cập nhật; vui lòng tải lại.", "version");
  if (r.state != "accepted")
    throw conflict("Chỉ đề nghị mở lại báo cáo đã được tiếp nhận; báo cáo này đang ở trạng thái khác.", "state");
  store::ReopenRequest q;
  q.report_id = r.id;
  q.reason = reason;
  q.requested_by = call.who.user_id;
  q.requested_at = domain::iso(call.now);
  try {
    q.id = store::insert_reopen_request(call.c, q);
  } catch (const store::DbError& e) {
    // The partial unique index: one pending request per report, whoever asked first.
    if (e.kind != store::DbError::Kind::constraint) throw;
    throw conflict("Báo cáo đã có đề nghị mở lại đang chờ cơ quan thường trực xử lý.", "state");
  }
  const auto saved = *store::find_reopen_request(call.c, q.id);
  const auto out = to_json(saved);
  audit(call.c, call.postgres, &call.who, call.now, "reopen_request", q.id, "request", nullptr, out);
  const Notice n{"reopen_requested",
                 "Đề nghị mở lại báo cáo " + period_words(r.period) + " — " + r.unit_name,
                 "Kế hoạch " + saved.directive_number + ". Lý do: " + reason,
                 "#/report/" + std::to_string(r.id),
                 "Request to reopen the report " + period_words_en(r.period) + " — " + r.unit_name,
                 "Plan " + saved.directive_number + ". Reason: " + reason};
  for (const auto& u : store::users_with_role(call.c, "standing_agency"))
    notify_user(call.c, u, "reopen_requested:" + std::to_string(q.id), n, q.requested_at);
  return out;
}

ReopenDecision reopen_decision(bool grant, std::optional<std::string> note) {
  if (!grant && (!note || note->empty())) throw invalid("note", "Cần nêu lý do không đồng ý mở lại.");
  return {grant, std::move(note)};
}

json::object decide_reopen(const Call& call, store::Id id, const ReopenDecision& d) {
  auto q = store::find_reopen_request(call.c, id);
  if (!q || !call.who.in_scope(q->unit_path)) throw not_found("đề nghị mở lại");
  if (q->decision) throw conflict("Đề nghị mở lại đã được xử lý.", "state");
  auto r = *store::find_report(call.c, q->report_id);
  const std::string at = domain::iso(call.now);
  if (d.grant) reopen_report(call, r, at);
  if (!store::decide_reopen_request(call.c, q->id, d.grant ? "granted" : "refused", d.note.value_or(""),
                                    call.who.user_id, at))
    throw conflict("Đề nghị mở lại đã được xử lý.", "state");
  const auto decided = *store::find_reopen_request(call.c, q->id);
  const auto out = to_json(decided);
  audit(call.c, call.postgres, &call.who, call.now, "reopen_request", q->id, d.grant ? "grant" : "refuse", to_json(*q),
        out);
  if (const auto asker = store::find_user(call.c, q->requested_by); asker && asker->active) {
    const std::string what = d.grant ? "Đồng ý mở lại báo cáo " : "Không đồng ý mở lại báo cáo ";
    const std::string what_en = d.grant ? "Reopening granted for the report " : "Reopening refused for the report ";
    const Notice n{d.grant ? "reopen_granted" : "reopen_refused",
                   what + period_words(q->period) + " — " + q->unit_name,
                   d.grant ? "Báo cáo trở về trạng thái đang soạn; sửa xong hãy gửi lại để duyệt."
                           : "Báo cáo giữ trạng thái đã tiếp nhận. Ý kiến: " + decided.decision_note,
                   "#/report/" + std::to_string(q->report_id),
                   what_en + period_words_en(q->period) + " — " + q->unit_name,
                   d.grant ? "The report is a draft again; once corrected, submit it again for approval."
                           : "The report stays accepted. Note: " + decided.decision_note};
    notify_user(call.c, *asker, (d.grant ? "reopen_granted:" : "reopen_refused:") + std::to_string(q->id), n, at);
  }
  json::object o = out;
  o["report_state"] = r.state;
  o["report_version"] = r.version;
  return o;
}

json::array reopen_requests(store::Connection& c, const Actor& who, std::optional<bool> pending) {
  json::array items;
  for (const auto& q : store::list_reopen_requests(c, who.scope_path, pending)) items.push_back(to_json(q));
  return items;
}

}  // namespace tiendo::service
