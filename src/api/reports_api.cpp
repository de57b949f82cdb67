// Periodic reports: draft -> submitted -> approved by the unit head -> accepted or returned by the standing
// agency; items per assignment, indicator values, evidence files; and who has not reported.
#include "api/file_store.h"
#include "api/json_io.h"
#include "api/router.h"
#include "api/serialize.h"
#include "domain/labels.h"
#include "domain/report_workflow.h"
#include "domain/text.h"
#include "service/exchange_job.h"
#include "service/reminder_job.h"
#include "service/st_plan_link.h"
#include "store/exchange_store.h"
#include "store/plan_store.h"
#include "store/reopen_store.h"
#include "store/report_store.h"
#include "store/review_store.h"

namespace tiendo::api {

namespace json = boost::json;
using service::Notice;
using service::notify_role;
using service::notify_unit;

namespace {

using domain::ReportAction;
using domain::ReportState;

domain::Period parse_report_period(const service::PlanCalendar& cal, const std::string& key) {
  auto p = domain::parse_period(key);
  if (!p || (p->type != cal.rule.period_type && p->type != domain::PeriodType::annual))
    throw bad_request("period",
                      "Kỳ báo cáo không hợp lệ (ví dụ: \"2026-10\" cho tháng 10/2026, \"2026\" cho báo cáo năm).");
  return *p;
}

// R2: a plan without an issue date is not open for reporting, and a period due too soon after the issue date
// (before the plan's first reporting period) is owed by no one, so no report of it is opened.
void refuse_before_first_period(const service::PlanCalendar& cal, domain::Period period) {
  if (!cal.issued_on)
    throw conflict("Kế hoạch chưa có ngày ban hành nên chưa mở để báo cáo; cơ quan thường trực cần ghi ngày ban hành.",
                   "directive_id");
  if (cal.reported(period)) return;
  const auto first = domain::first_reporting_period(cal.rule, cal.holidays, cal.issued_on);
  throw bad_request("period", "Hạn báo cáo " + period.vn_label() + " (" +
                                  domain::vn_date(domain::report_due_date(cal.rule, cal.holidays, period)) +
                                  ") chưa đủ " + std::to_string(cal.rule.first_period_lead_days) +
                                  " ngày sau ngày ban hành kế hoạch (" + domain::vn_date(*cal.issued_on) +
                                  "): kỳ báo cáo đầu tiên là " + first->vn_label() + ".");
}

store::Report load_in_scope(Context& ctx, store::Connection& c, std::optional<store::Id> id = std::nullopt) {
  // Not value_or: its argument is evaluated even when an id is given, and a batch has no {id} in its path.
  auto r = store::find_report(c, id ? *id : ctx.path_id());
  if (!r || !ctx.user().in_scope(r->unit_path)) throw not_found("báo cáo");
  return *r;
}

// A write answers with the report as it left it (`r`, read once by the write and changed in memory), its lines,
// values and evidence read in the same transaction on the writer's connection, whose pages are warm: no second
// transaction re-reads the report. A save that read the unit's reportable indicators passes them on.
json::object report_detail(Context& ctx, store::Connection& c, const store::Report& r,
                           const std::vector<store::ReportableIndicator>* reportable_read = nullptr) {
  service::Evaluator ev(c, ctx.as_of(), ctx.now);
  const service::PlanCalendar& cal = ev.calendar(r.directive_id);
  json::object o = to_json(r);
  // The plan by its number and title: "Kế hoạch 27/QĐ-BCĐ — tháng 11/2026" heads the report (issue 14).
  const auto plan = store::find_directive_ref(c, r.directive_id);
  o["directive_number"] = plan ? plan->number : "";
  o["directive_title"] = plan ? plan->title : "";
  if (auto p = domain::parse_period(r.period)) {
    const auto due = domain::report_due_date(cal.rule, cal.holidays, *p);
    o["due_date"] = domain::iso(due);
    std::optional<domain::Instant> first;
    if (r.first_submitted_at) first = domain::parse_iso_instant(*r.first_submitted_at);
    o["timeliness"] = domain::to_string(domain::timeliness(first, due, ctx.now));
    // What changed since the previous period: the reviewer reads the difference, not the whole report.
    const auto prev = store::find_report_for(c, r.directive_id, r.unit_id, domain::previous(*p).key());
    std::map<store::Id, int> prev_progress;
    // What the previous report said when it was last submitted: its draft corrections count for nothing yet.
    if (prev) {
      for (const auto& i : store::last_submitted_items(c, prev->id))
        prev_progress[i.assignment_id] = i.progress_percent;
    }
    json::array items;
    const auto derived = service::st_derived_lines(c, r, domain::vietnam_date(ctx.now));  // issue 16: S&T-linked
    for (const auto& i : store::report_items(c, r.id)) {
      json::object io = to_json(i);
      io["derived_from"] = service::st_derived_json(derived, i.assignment_id);
      auto it = prev_progress.find(i.assignment_id);
      io["previous_progress_percent"] = it == prev_progress.end() ? json::value(nullptr) : json::value(it->second);
      items.push_back(std::move(io));
    }
    o["items"] = std::move(items);
  }
  json::array values;
  for (const auto& v : store::report_indicator_values(c, r.id)) values.push_back(to_json(v));
  o["indicator_values"] = std::move(values);
  std::vector<store::ReportableIndicator> read_here;
  if (!reportable_read) {
    read_here = store::reportable_indicators(c, r.directive_id, r.unit_id, r.unit_path);
    reportable_read = &read_here;
  }
  json::array reportable;
  for (const auto& ind : *reportable_read) {
    reportable.push_back(json::object{{"id", ind.id},
                                      {"code", ind.code},
                                      {"name", ind.name},
                                      {"target_text", ind.target_text},
                                      {"aggregation", ind.aggregation},
                                      {"unit_of_measure", ind.unit_of_measure}});
  }
  o["reportable_indicators"] = std::move(reportable);
  json::array evidence;
  for (const auto& e : store::list_evidence(c, r.id)) evidence.push_back(to_json(e));
  o["evidence"] = std::move(evidence);
  // The latest request to reopen it, pending or decided: both sides see where it stands.
  const auto reopen = store::latest_reopen_request(c, r.id);
  o["reopen_request"] = reopen ? json::value(to_json(*reopen)) : json::value(nullptr);
  // Who approved, accepted or returned it, with their comments; a deputy's approval names whom it signed for.
  json::array reviews;
  for (const auto& v : store::reviews_of(c, r.id))
    reviews.push_back(
        json::object{{"action", v.action},
                     {"comment", v.comment},
                     {"by_name", v.by_name},
                     {"on_behalf_of_name", v.on_behalf_of ? json::value(v.on_behalf_of_name) : json::value(nullptr)},
                     {"at", v.at}});
  o["reviews"] = std::move(reviews);
  return o;
}

Response list_reports(Context& ctx) {
  store::ReportFilter f;
  f.directive_id = query_id(ctx.req, "directive_id");
  f.unit_id = query_id(ctx.req, "unit_id");
  f.period = query_string(ctx.req, "period");
  f.state = query_string(ctx.req, "state");
  if (f.state && !domain::report_state_from(*f.state)) throw bad_request("state", "Trạng thái báo cáo không hợp lệ.");
  f.scope_path = ctx.user().scope_path();
  // Issue 12: asked `as_of` a date, the reports created by its end, each in the state it had then, as their
  // history holds it (the same on that day and after); without it, the reports as they are.
  if (query_string(ctx.req, "as_of")) f.known_before = domain::iso(domain::end_of_vietnam_day(ctx.as_of()));
  const auto page = query_page(ctx.req);
  return ctx.db.read([&](store::Connection& c) {
    if (f.unit_id) {
      auto u = store::find_unit(c, *f.unit_id);
      if (!u) throw bad_request("unit_id", "Không tìm thấy đơn vị.");
      if (!ctx.user().in_scope(u->path)) throw forbidden("Đơn vị này nằm ngoài phạm vi của bạn.");
    }
    long long total = 0;
    json::array items;
    for (auto& r : store::list_reports(c, f, page, &total)) {
      if (!f.known_before) {
        items.push_back(to_json(r));
        continue;
      }
      // The text, the version and each step's latest time are kept in place and change later: a past date's
      // list shows what its history holds.
      const bool sent = r.first_submitted_at && *r.first_submitted_at < *f.known_before;
      items.push_back(json::object{{"id", r.id},
                                   {"directive_id", r.directive_id},
                                   {"unit_id", r.unit_id},
                                   {"unit_name", r.unit_name},
                                   {"period", r.period},
                                   {"state", r.state},
                                   {"state_since", nullable(r.state_since)},
                                   {"first_submitted_at", sent ? nullable(r.first_submitted_at) : nullptr},
                                   {"created_at", r.created_at}});
    }
    return list_response(std::move(items), total);
  });
}

Response get_report(Context& ctx) {
  return ctx.db.read(
      [&](store::Connection& c) { return json_response(200, report_detail(ctx, c, load_in_scope(ctx, c))); });
}

Response create_report(Context& ctx) {
  const auto b = parse_body(ctx.req);
  const auto directive_id = optional_int(b, "directive_id", 1, INT64_MAX);
  if (!directive_id) throw bad_request("directive_id", "Trường " + label("directive_id") + " là bắt buộc.");
  const std::string period_key = required_string(b, "period", 10);
  const auto& p = ctx.user();
  const store::Id unit_id = optional_int(b, "unit_id", 1, INT64_MAX).value_or(p.unit_id);
  return ctx.db.write([&](store::Connection& c) {
    auto unit = store::find_unit(c, unit_id);
    if (!unit) throw bad_request("unit_id", "Không tìm thấy đơn vị.");
    if (!p.in_scope(unit->path)) throw forbidden("Bạn chỉ được lập báo cáo của đơn vị mình.");
    auto d = store::find_directive(c, *directive_id);
    if (!d || !d->has_plan) throw bad_request("directive_id", "Văn bản này không có kế hoạch để báo cáo.");
    service::Evaluator ev(c, ctx.as_of(), ctx.now);
    const auto& cal = ev.calendar(d->id);
    const auto period = parse_report_period(cal, period_key);
    refuse_before_first_period(cal, period);
    if (auto existing = store::find_report_for(c, d->id, unit_id, period.key()))
      throw conflict("Đơn vị đã có báo cáo kỳ " + period.key() + " (mã " + std::to_string(existing->id) + ").",
                     "period");
    store::AssignmentFilter f;
    f.directive_id = d->id;
    f.unit_id = unit_id;
    ev.only_unit(unit_id);  // reads this unit's reports, not the nation's, inside the write
    const auto assignments = ev.assignments(f);
    if (assignments.empty()) throw bad_request("unit_id", "Đơn vị không được giao nhiệm vụ nào trong kế hoạch này.");
    store::Report r;
    r.directive_id = d->id;
    r.unit_id = unit_id;
    r.period = period.key();
    r.state = "draft";
    r.created_at = domain::iso(ctx.now);
    const auto id = store::insert_report(c, r);
    // One row per live assignment, prefilled with the latest known progress.
    for (const auto& x : assignments) {
      using S = domain::AssignmentStatus;
      if (x.e.status == S::cancelled || x.e.status == S::paused || x.e.status == S::done_on_time ||
          x.e.status == S::done_late)
        continue;
      store::ReportItem item;
      item.assignment_id = x.a->id;
      item.progress_percent = x.a->progress_percent;
      store::save_report_item(c, id, item);
    }
    const auto created = *store::find_report(c, id);
    service::st_apply_derived_lines(c, created, domain::vietnam_date(ctx.now));  // issue 16: S&T-linked lines
    audit(ctx, c, "report", id, "create", nullptr, to_json(created));
    return json_response(201, report_detail(ctx, c, created));
  });
}

store::ReportItem item_from(const json::object& o, size_t index) {
  const std::string at = "items[" + std::to_string(index) + "].";
  store::ReportItem i;
  auto field = [&](const char* name) { return at + name; };
  try {
    auto id = optional_int(o, "assignment_id", 1, INT64_MAX);
    if (!id) throw bad_request(field("assignment_id"), "Thiếu mã nhiệm vụ được giao.");
    i.assignment_id = *id;
    i.progress_percent =
        static_cast<int>(optional_number(o, "progress_percent", domain::NumberKind::progress).value_or(0));
    i.work_done = optional_string(o, "work_done", 10000).value_or("");
    i.output_ref = optional_string(o, "output_ref", 1000).value_or("");
    i.difficulties = optional_string(o, "difficulties", 10000).value_or("");
    i.proposals = optional_string(o, "proposals", 10000).value_or("");
    i.exceeds_authority = optional_bool(o, "exceeds_authority").value_or(false);
    if (auto d = optional_date(o, "declared_done_on")) i.declared_done_on = domain::iso(*d);
  } catch (const ApiError& e) {
    if (e.field.starts_with("items[")) throw;
    throw bad_request(at + e.field, e.what());
  }
  return i;
}

Response update_report(Context& ctx) {
  const auto b = parse_body(ctx.req);
  const auto expected_version = optional_int(b, "version", 1, INT32_MAX);
  return ctx.db.write([&](store::Connection& c) {
    auto r = load_in_scope(ctx, c);  // scope first: another unit's report is not found, whatever the body says
    // The version the editor started from is required: an edit without it could overwrite another's.
    if (!expected_version)
      throw bad_request("version", "Trường " + label("version") + " là bắt buộc (phiên bản báo cáo đang sửa).");
    const auto before = to_json(r);
    if (*expected_version != r.version)
      throw conflict("Báo cáo đã được người khác cập nhật; vui lòng tải lại.", "version");
    const auto state = *domain::report_state_from(r.state);
    const auto t = domain::transition(state, ReportAction::edit);
    if (state == ReportState::accepted)
      throw conflict("Báo cáo đã được cơ quan thường trực tiếp nhận; muốn sửa, hãy gửi đề nghị mở lại kèm lý do.",
                     "state");
    if (!t.allowed)
      throw conflict("Báo cáo đang ở trạng thái \"" + std::string(domain::vn_label(state)) + "\", không thể chỉnh sửa.",
                     "state");
    r.state = std::string(domain::to_string(t.to));
    if (auto v = optional_string(b, "summary", 20000)) r.summary = *v;
    if (auto v = optional_string(b, "difficulties", 20000)) r.difficulties = *v;
    if (auto v = optional_string(b, "proposals", 20000)) r.proposals = *v;

    if (auto it = b.find("items"); it != b.end()) {
      const auto own = store::unit_assignment_ids(c, r.directive_id, r.unit_id);
      if (!it->value().is_array()) throw bad_request("items", "Trường " + label("items") + " phải là danh sách.");
      size_t k = 0;
      const auto derived = service::st_derived_lines(c, r, domain::vietnam_date(ctx.now));  // issue 16
      for (const auto& v : it->value().as_array()) {
        if (!v.is_object()) throw bad_request("items[" + std::to_string(k) + "]", "Mỗi dòng phải là đối tượng.");
        auto item = item_from(v.as_object(), k);
        if (!own.contains(item.assignment_id))
          throw bad_request("items[" + std::to_string(k) + "].assignment_id",
                            "Nhiệm vụ này không được giao cho đơn vị trong kế hoạch.");
        service::st_check_saved_line(derived, item, v.as_object().contains("progress_percent"), k);
        store::save_report_item(c, r.id, item);
        ++k;
      }
    }
    // The unit's reportable indicators, read once: they check every value sent, give each its kind, and are
    // the answer's list too (no indicator read per value).
    std::optional<std::vector<store::ReportableIndicator>> reportable_read;
    if (auto it = b.find("indicator_values"); it != b.end()) {
      if (!it->value().is_array())
        throw bad_request("indicator_values", "Trường " + label("indicator_values") + " phải là danh sách.");
      reportable_read = store::reportable_indicators(c, r.directive_id, r.unit_id, r.unit_path);
      std::map<store::Id, const store::ReportableIndicator*> reportable;
      for (const auto& ind : *reportable_read) reportable.emplace(ind.id, &ind);
      size_t k = 0;
      for (const auto& v : it->value().as_array()) {
        const std::string at = "indicator_values[" + std::to_string(k++) + "]";
        if (!v.is_object()) throw bad_request(at, "Mỗi dòng phải là đối tượng.");
        const auto& o = v.as_object();
        store::IndicatorValue iv;
        const auto ind_id = optional_int(o, "indicator_id", 1, INT64_MAX);
        if (!ind_id) throw bad_request(at + ".indicator_id", "Thiếu mã chỉ tiêu.");
        const auto found = reportable.find(*ind_id);
        if (found == reportable.end()) {
          // Refused either way; the indicator is read only to say why.
          const auto other = store::find_indicator(c, *ind_id);
          if (!other || other->directive_id != r.directive_id)
            throw bad_request(at + ".indicator_id", "Chỉ tiêu không thuộc kế hoạch của báo cáo.");
          if (const auto src = domain::indicator_source_from(other->data_source); src && domain::is_computed(*src))
            throw bad_request(at + ".indicator_id", "Chỉ tiêu " + other->code + " do hệ thống tự tính (R19: " +
                                                        std::string(domain::vn_label(*src)) + "), đơn vị không nhập.");
          throw bad_request(at + ".indicator_id", "Đơn vị không báo cáo chỉ tiêu này.");
        }
        const auto& ind = *found->second;
        iv.indicator_id = *ind_id;
        iv.unit_id = r.unit_id;
        iv.period = r.period;
        try {
          // Ranges of domain/ranges; a share's rate computed here.
          read_indicator_value(o, domain::indicator_value_kind(ind.unit_of_measure, ind.aggregation), iv);
        } catch (const ApiError& e) {
          throw bad_request(at + "." + e.field, e.what());
        }
        iv.report_id = r.id;
        iv.updated_at = domain::iso(ctx.now);
        // The report's own line: it counts once the report is submitted (`store::submit_report`).
        store::save_report_indicator_value(c, iv);
      }
    }
    r.updated_at = domain::iso(ctx.now);
    const auto version = store::update_report(c, r, static_cast<int>(*expected_version));
    if (!version) throw conflict("Báo cáo vừa được cập nhật; vui lòng tải lại.", "version");
    r.version = *version;  // `r` is now the row as written: no need to read it again
    audit(ctx, c, "report", r.id, "edit", before, to_json(r));
    return json_response(200, report_detail(ctx, c, r, reportable_read ? &*reportable_read : nullptr));
  });
}

// The city's platforms hear of a report's steps that leave or return to the unit (issue 18), in the step's
// own transaction: a step undone by a failure sends nothing.
void emit_report_event(Context& ctx, store::Connection& c, const store::Report& r, ReportAction action) {
  const char* type = action == ReportAction::submit      ? "report_submitted"
                     : action == ReportAction::approve   ? "report_approved"
                     : action == ReportAction::accept    ? "report_accepted"
                     : action == ReportAction::send_back ? "report_returned"
                                                         : nullptr;
  if (!type) return;
  const auto unit = store::find_unit(c, r.unit_id);
  const auto plan = store::find_directive_ref(c, r.directive_id);
  json::object codes;
  for (const auto& e : store::external_codes_of(c, "unit", r.unit_id)) codes[e.system] = e.code;
  json::object data{{"report_id", r.id},
                    {"directive_id", r.directive_id},
                    {"directive_number", plan ? plan->number : ""},
                    {"unit_id", r.unit_id},
                    {"unit_code", unit ? unit->code : ""},
                    {"unit_name", unit ? unit->name : ""},
                    {"unit_external_codes", std::move(codes)},
                    {"period", r.period},
                    {"state", r.state}};
  if (action == ReportAction::send_back) data["return_reason"] = r.return_reason;
  // A report can take the same step again later (returned, corrected, submitted again): the instant tells
  // the occurrences apart, and one occurrence is one event.
  service::emit_event(c, type, std::string(type) + ":" + std::to_string(r.id) + ":" + domain::iso(ctx.now),
                      std::move(data), ctx.now);
}

// Issue 14, item 9: who acts next hears of it, in the bell and by e-mail as each chose — a submitted report goes to
// the unit's head, an approved one to the standing agency, a returned one back to the unit's focal points.
void notify_step(const Context& ctx, store::Connection& c, const store::Report& r, ReportAction action) {
  const auto d = store::find_directive_ref(c, r.directive_id);
  const auto p = domain::parse_period(r.period);
  const std::string number = d ? d->number + " " : std::string();
  const std::string what = "Báo cáo " + number + (p ? p->vn_label() : r.period) + " của " + r.unit_name;
  const std::string what_en = "The " + number + "report for " + (p ? p->en_label() : r.period) + " from " + r.unit_name;
  const std::string key = "report_" + std::string(domain::to_string(action)) + ":" + std::to_string(r.id) + ":v" +
                          std::to_string(r.version);
  const std::string at = domain::iso(ctx.now);
  const std::string link = "#/report/" + std::to_string(r.id);
  if (action == ReportAction::submit)
    notify_unit(c, r.unit_id, {"unit_head"}, key,
                Notice{"report_submitted", what + " đã gửi, chờ lãnh đạo đơn vị phê duyệt",
                       "Đề nghị đồng chí xem và phê duyệt hoặc trả lại báo cáo.", link,
                       what_en + " was submitted and awaits the unit head's approval",
                       "Please review the report and approve it or return it."},
                at);
  if (action == ReportAction::approve)
    notify_role(c, "standing_agency", key,
                Notice{"report_approved", what + " đã được lãnh đạo đơn vị phê duyệt, chờ tiếp nhận",
                       "Đề nghị cơ quan thường trực tiếp nhận hoặc trả lại báo cáo.", "#/review",
                       what_en + " was approved by the unit head and awaits acceptance",
                       "Please accept the report or return it."},
                at);
  if (action == ReportAction::send_back)
    notify_unit(c, r.unit_id, {"focal_point"}, key,
                Notice{"report_returned", what + " bị trả lại", "Lý do: " + r.return_reason, link,
                       what_en + " was returned", "Reason: " + r.return_reason},
                at);
}

// One workflow step on one report, in the caller's transaction: checks who may take it and from which state,
// applies it, records it. The report as it left it.
template <class F>
store::Report apply_step(Context& ctx, store::Connection& c, store::Report r, ReportAction action,
                         const json::object& body, F&& apply) {
  const auto before = to_json(r);
  const auto from = *domain::report_state_from(r.state);
  const auto t = domain::transition(from, action);
  if (!t.allowed && action == ReportAction::withdraw)
    throw conflict("Chỉ rút lại được báo cáo đã gửi mà lãnh đạo đơn vị chưa phê duyệt.", "state");
  if (!t.allowed)
    throw conflict("Không thể " + std::string(domain::vn_verb(action)) + " báo cáo đang ở trạng thái \"" +
                       std::string(domain::vn_label(from)) + "\".",
                   "state");
  const int version = r.version;
  // A step may name the version it acts on (withdraw must): another's change in between is a conflict.
  if (auto v = optional_int(body, "version", 1, INT32_MAX); v && *v != version)
    throw conflict("Báo cáo đã được người khác cập nhật; vui lòng tải lại.", "version");
  apply(c, r, from, body);
  r.state = std::string(domain::to_string(t.to));
  r.updated_at = domain::iso(ctx.now);
  const auto next = store::update_report(c, r, version);
  if (!next) throw conflict("Báo cáo vừa được cập nhật; vui lòng tải lại.", "version");
  r.version = *next;
  audit(ctx, c, "report", r.id, std::string(domain::to_string(action)), before, to_json(r));
  emit_report_event(ctx, c, r, action);
  notify_step(ctx, c, r, action);
  return r;
}

template <class F>
Response step(Context& ctx, ReportAction action, F&& apply) {
  const auto body = ctx.req.body.empty() ? json::object{} : parse_body(ctx.req);
  return ctx.db.write([&](store::Connection& c) {
    const auto r = apply_step(ctx, c, load_in_scope(ctx, c), action, body, apply);
    return json_response(200, report_detail(ctx, c, r));
  });
}

// The reviewer's comment on an approval, acceptance or return, kept with the step (issue 14); a deputy's
// approval records whom it was signed for.
void record_review(Context& ctx, store::Connection& c, const store::Report& r, const char* action,
                   const std::string& comment) {
  store::ReportReview v;
  v.report_id = r.id;
  v.action = action;
  v.comment = comment;
  v.by_user = ctx.user().user_id;
  if (std::string_view(action) != "accept") v.on_behalf_of = ctx.user().signs_for;
  v.at = domain::iso(ctx.now);
  store::insert_review(c, v);
}

Response submit(Context& ctx) {
  return step(ctx, ReportAction::submit, [&](store::Connection& c, store::Report& r, ReportState, const json::object&) {
    const auto items = store::report_items(c, r.id);
    if (items.empty()) throw bad_request("items", "Báo cáo chưa có nội dung tiến độ nhiệm vụ.");
    const std::string at = domain::iso(ctx.now);
    if (!r.first_submitted_at) r.first_submitted_at = at;
    r.submitted_at = at;
    r.submitted_by = ctx.user().user_id;
    r.return_reason.clear();
    // The submission is the unit's update of each assignment for this period, and what its values count
    // from: the lines are copied into the counted facts and recorded with this instant.
    service::st_apply_derived_lines(c, r, domain::vietnam_date(ctx.now));  // issue 16: S&T-linked lines
    store::submit_report(c, r, at);
  });
}

Response approve(Context& ctx) {
  return step(ctx, ReportAction::approve,
              [&](store::Connection& c, store::Report& r, ReportState, const json::object& body) {
                r.approved_at = domain::iso(ctx.now);
                r.approved_by = ctx.user().user_id;
                record_review(ctx, c, r, "approve", optional_string(body, "comment", 4000).value_or(""));
              });
}

void accept_one(Context& ctx, store::Connection& c, store::Report& r, ReportState, const json::object& body) {
  r.accepted_at = domain::iso(ctx.now);
  r.accepted_by = ctx.user().user_id;
  record_review(ctx, c, r, "accept", optional_string(body, "comment", 4000).value_or(""));
}

Response accept(Context& ctx) {
  return step(ctx, ReportAction::accept,
              [&](store::Connection& c, store::Report& r, ReportState from, const json::object& body) {
                accept_one(ctx, c, r, from, body);
              });
}

void return_one(Context& ctx, store::Connection& c, store::Report& r, ReportState from, const json::object& body) {
  const auto role = ctx.user().role;
  // The head (or the deputy signing for the head) sends back what the unit submitted; the standing agency what
  // the head approved.
  if ((role == Role::unit_head || ctx.user().signs_for) && from != ReportState::submitted)
    throw conflict("Báo cáo đã được phê duyệt; chỉ cơ quan thường trực có thể trả lại.", "state");
  if (role == Role::standing_agency && from != ReportState::approved)
    throw conflict("Báo cáo chưa được lãnh đạo đơn vị phê duyệt.", "state");
  r.return_reason = required_string(body, "reason", 4000);
  r.returned_at = domain::iso(ctx.now);
  r.returned_by = ctx.user().user_id;
  record_review(ctx, c, r, "return", r.return_reason);
}

Response send_back(Context& ctx) {
  return step(ctx, ReportAction::send_back,
              [&](store::Connection& c, store::Report& r, ReportState from, const json::object& body) {
                return_one(ctx, c, r, from, body);
              });
}

// The standing agency accepts or returns several reports at once (issue 14): one transaction per report, so one
// refused report (moved meanwhile, out of scope) never holds back the others; each answers for itself.
Response review_batch(Context& ctx) {
  const auto b = parse_body(ctx.req);
  const std::string action = required_string(b, "action", 10);
  if (action != "accept" && action != "return") throw bad_request("action", "Thao tác chỉ là tiếp nhận hoặc trả lại.");
  const auto it = b.find("report_ids");
  if (it == b.end() || !it->value().is_array() || it->value().as_array().empty())
    throw bad_request("report_ids", "Trường " + label("report_ids") + " là bắt buộc (danh sách mã báo cáo).");
  const auto& ids = it->value().as_array();
  if (ids.size() > 500) throw bad_request("report_ids", "Mỗi lần xử lý tối đa 500 báo cáo.");
  if (action == "return") required_string(b, "reason", 4000);  // refused once, before any report is touched
  std::vector<store::Id> wanted;
  for (const auto& v : ids) {
    if (!v.is_int64() || v.as_int64() < 1)
      throw bad_request("report_ids", "Trường " + label("report_ids") + " chỉ gồm mã báo cáo (số nguyên dương).");
    wanted.push_back(v.as_int64());
  }
  json::array results;
  long long done = 0;
  for (const auto id : wanted) {
    try {
      const auto r = ctx.db.write([&](store::Connection& c) {
        auto report = load_in_scope(ctx, c, id);
        if (action == "accept")
          return apply_step(ctx, c, std::move(report), ReportAction::accept, b,
                            [&](store::Connection& cc, store::Report& x, ReportState from, const json::object& body) {
                              accept_one(ctx, cc, x, from, body);
                            });
        return apply_step(ctx, c, std::move(report), ReportAction::send_back, b,
                          [&](store::Connection& cc, store::Report& x, ReportState from, const json::object& body) {
                            return_one(ctx, cc, x, from, body);
                          });
      });
      ++done;
      results.push_back(json::object{{"report_id", id}, {"ok", true}, {"state", r.state}, {"error", nullptr}});
    } catch (const ApiError& e) {
      results.push_back(
          json::object{{"report_id", id},
                       {"ok", false},
                       {"state", nullptr},
                       {"error", json::object{{"code", e.code}, {"message", e.what()}, {"field", e.field}}}});
    }
  }
  const auto failed = static_cast<long long>(wanted.size()) - done;
  return json_response(200, json::object{{"done", done}, {"failed", failed}, {"results", std::move(results)}});
}

// The focal point takes a sent report back to fix it, until the unit head acts on it: the report is a
// draft again; its first submission still fixes its timeliness (R4), as for a returned report.
Response withdraw(Context& ctx) {
  return step(
      ctx, ReportAction::withdraw, [&](store::Connection&, store::Report&, ReportState, const json::object& body) {
        if (!optional_int(body, "version", 1, INT32_MAX))
          throw bad_request("version", "Trường " + label("version") + " là bắt buộc (phiên bản báo cáo đang rút lại).");
      });
}

struct FileKind {
  const char* extension;
  const char* content_type;
  std::string_view magic;
};
const FileKind kAllowedFiles[] = {
    {".pdf", "application/pdf", "%PDF"},
    {".png", "image/png", "\x89PNG"},
    {".jpg", "image/jpeg", "\xFF\xD8\xFF"},
    {".jpeg", "image/jpeg", "\xFF\xD8\xFF"},
    {".docx", "application/vnd.openxmlformats-officedocument.wordprocessingml.document", "PK\x03\x04"},
    {".xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "PK\x03\x04"},
    {".odt", "application/vnd.oasis.opendocument.text", "PK\x03\x04"},
    {".doc", "application/msword", "\xD0\xCF\x11\xE0"},
    {".xls", "application/vnd.ms-excel", "\xD0\xCF\x11\xE0"},
};

std::string lower(std::string s) {
  for (char& ch : s) ch = static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
  return s;
}

Response upload_evidence(Context& ctx) {
  const auto given = query_string(ctx.req, "filename");
  if (!given) throw bad_request("filename", "Thiếu tên tệp.");
  // Stored and shown as cleaned: no control characters or direction overrides ("x\u202Efdp.exe").
  const auto filename = std::optional(domain::clean_file_name(*given));
  if (filename->empty() || filename->find('/') != std::string::npos || filename->find('\\') != std::string::npos)
    throw bad_request("filename", "Tên tệp không hợp lệ.");
  if (ctx.req.body.empty()) throw bad_request("body", "Tệp rỗng.");
  if (static_cast<long long>(ctx.req.body.size()) > ctx.config.max_upload_bytes)
    throw ApiError(413, "too_large", "Tệp vượt quá dung lượng cho phép.", "body");
  const std::string name = lower(*filename);
  const FileKind* kind = nullptr;
  for (const auto& k : kAllowedFiles) {
    if (name.ends_with(k.extension)) kind = &k;
  }
  if (!kind) throw ApiError(415, "unsupported_type", "Chỉ nhận tệp PDF, Word, Excel, ODT, PNG hoặc JPEG.", "filename");
  if (!std::string_view(ctx.req.body).starts_with(kind->magic))
    throw ApiError(415, "unsupported_type", "Nội dung tệp không khớp với đuôi tệp.", "body");
  const auto assignment_id = query_id(ctx.req, "assignment_id");

  const std::string hex = sha256_hex_of(ctx.req.body);

  return ctx.db.write([&](store::Connection& c) {
    const auto r = load_in_scope(ctx, c);
    if (r.state != "draft" && r.state != "returned")
      throw conflict("Chỉ bổ sung minh chứng khi báo cáo đang soạn hoặc bị trả lại.", "state");
    if (assignment_id) {
      auto a = store::find_assignment(c, *assignment_id);
      if (!a || a->unit_id != r.unit_id) throw bad_request("assignment_id", "Nhiệm vụ không thuộc đơn vị của báo cáo.");
    }
    // The file lands before the row: a crash in between leaves an unreferenced file, never a dangling row.
    store_content_addressed(ctx.config.evidence_dir, hex, ctx.req.body, "tệp minh chứng");
    store::Evidence e;
    e.report_id = r.id;
    e.assignment_id = assignment_id;
    e.sha256 = hex;
    e.filename = *filename;
    e.content_type = kind->content_type;
    e.size_bytes = static_cast<long long>(ctx.req.body.size());
    e.uploaded_by = ctx.user().user_id;
    e.uploaded_at = domain::iso(ctx.now);
    e.id = store::insert_evidence(c, e);
    audit(ctx, c, "evidence", e.id, "upload", nullptr, to_json(e));
    return json_response(201, to_json(e));
  });
}

Response download_evidence(Context& ctx) {
  return ctx.db.read([&](store::Connection& c) {
    auto e = store::find_evidence(c, ctx.path_id());
    auto r = e ? store::find_report(c, e->report_id) : std::nullopt;
    if (!e || !r || !ctx.user().in_scope(r->unit_path)) throw not_found("tệp minh chứng");
    auto bytes = read_content_addressed(ctx.config.evidence_dir, e->sha256);
    if (!bytes) throw not_found("nội dung tệp minh chứng");
    Response res;
    res.content_type = e->content_type;
    res.body = std::move(*bytes);
    // Always a download, never rendered in the page: an uploaded file cannot run as active content.
    res.headers.emplace_back("Content-Disposition", attachment_disposition(e->filename));
    return res;
  });
}

Response obligations(Context& ctx) {
  const auto directive_id = query_id(ctx.req, "directive_id");
  if (!directive_id) throw bad_request("directive_id", "Tham số " + label("directive_id") + " là bắt buộc.");
  const auto page = query_page(ctx.req);
  const auto timeliness_filter = query_string(ctx.req, "timeliness");
  return ctx.db.read([&](store::Connection& c) {
    auto d = store::find_directive(c, *directive_id);
    if (!d || !d->has_plan) throw not_found("kế hoạch");
    service::Evaluator ev(c, ctx.as_of(), ctx.now);
    const auto& cal = ev.calendar(d->id);
    const auto period = query_string(ctx.req, "period") ? parse_report_period(cal, *query_string(ctx.req, "period"))
                                                        : domain::judged_period(cal.rule, cal.holidays, ctx.as_of());
    std::optional<std::string> scope = ctx.user().scope_path();
    if (auto unit_id = query_id(ctx.req, "unit_id")) {
      auto u = store::find_unit(c, *unit_id);
      if (!u) throw bad_request("unit_id", "Không tìm thấy đơn vị.");
      if (!ctx.user().in_scope(u->path)) throw forbidden("Đơn vị này nằm ngoài phạm vi của bạn.");
      scope = u->path;
    }
    store::AssignmentFilter af;
    af.directive_id = d->id;
    af.scope_path = scope;
    af.known_before = ev.known_before();
    ev.within(scope);  // a past date reads the history of the subtree only
    const auto all = service::report_obligations(c, ev, d->id, period, ctx.now, store::list_assignments(c, af), scope);
    std::map<std::string, std::map<std::string, int>> by_group;
    std::map<std::string, int> totals;
    json::array items;
    long long matched = 0;
    for (const auto& o : all) {
      const std::string t(domain::to_string(o.timeliness));
      ++totals[t];
      ++by_group[o.peer_group][t];
      ++by_group[o.peer_group]["expected"];
      if (timeliness_filter && *timeliness_filter != t) continue;
      if (matched++ < page.offset || static_cast<long long>(items.size()) >= page.limit) continue;
      items.push_back(json::object{{"unit_id", o.unit_id},
                                   {"unit_name", o.unit_name},
                                   {"peer_group", o.peer_group},
                                   {"report_id", o.report ? json::value(o.report->report_id) : json::value(nullptr)},
                                   {"state", o.report ? json::value(o.report->state) : json::value(nullptr)},
                                   {"first_submitted_at", o.report ? nullable(o.report->first_submitted_at) : nullptr},
                                   {"timeliness", t}});
    }
    json::object summary{{"expected", static_cast<long long>(all.size())}};
    for (const auto& [k, v] : totals) summary[k] = v;
    json::object groups;
    for (const auto& [g, m] : by_group) {
      json::object x;
      for (const auto& [k, v] : m) x[k] = v;
      groups[g] = std::move(x);
    }
    return json_response(
        200, json::object{{"period", period.key()},
                          {"due_date", domain::iso(domain::report_due_date(cal.rule, cal.holidays, period))},
                          {"summary", std::move(summary)},
                          {"by_peer_group", std::move(groups)},
                          {"items", std::move(items)},
                          {"total", matched}});
  });
}

}  // namespace

void register_reports(Router& r) {
  r.add("GET", "/api/v1/reports", Permission::read_unit_data, list_reports);
  r.add("POST", "/api/v1/reports", Permission::draft_report, create_report);
  r.add("GET", "/api/v1/reports/{id}", Permission::read_unit_data, get_report);
  r.add("PUT", "/api/v1/reports/{id}", Permission::draft_report, update_report);
  r.add("POST", "/api/v1/reports/{id}/submit", Permission::draft_report, submit);
  r.add("POST", "/api/v1/reports/{id}/approve", Permission::approve_report, approve);
  r.add("POST", "/api/v1/reports/{id}/accept", Permission::review_report, accept);
  r.add("POST", "/api/v1/reports/review-batch", Permission::review_report, review_batch);
  r.add("POST", "/api/v1/reports/{id}/return", Permission::return_report, send_back);
  r.add("POST", "/api/v1/reports/{id}/withdraw", Permission::draft_report, withdraw);
  r.add("POST", "/api/v1/reports/{id}/evidence", Permission::draft_report, upload_evidence);
  r.add("GET", "/api/v1/evidence/{id}", Permission::read_unit_data, download_evidence);
  r.add("GET", "/api/v1/report-obligations", Permission::read_unit_data, obligations);
}

}  // namespace tiendo::api
