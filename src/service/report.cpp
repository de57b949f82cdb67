#include "service/report.h"

#include <map>

#include "domain/labels.h"
#include "domain/ranges.h"
#include "domain/text.h"
#include "service/audit.h"
#include "service/evaluation.h"
#include "service/exchange_job.h"
#include "service/json_out.h"
#include "service/reminder_job.h"
#include "service/st_plan_link.h"
#include "service/units.h"
#include "store/exchange_store.h"
#include "store/plan_store.h"
#include "store/reopen_store.h"
#include "store/review_store.h"

namespace tiendo::service {

namespace json = boost::json;
using domain::ReportAction;
using domain::ReportState;

namespace {

domain::Period parse_report_period(const PlanCalendar& cal, const std::string& key) {
  auto p = domain::parse_period(key);
  if (!p || (p->type != cal.rule.period_type && p->type != domain::PeriodType::annual))
    throw invalid("period",
                  "Kỳ báo cáo không hợp lệ (ví dụ: \"2026-10\" cho tháng 10/2026, \"2026\" cho báo cáo năm).");
  return *p;
}

// R2: a plan without an issue date is not open for reporting, and a period due too soon after the issue date
// (before the plan's first reporting period) is owed by no one, so no report of it is opened.
void refuse_before_first_period(const PlanCalendar& cal, domain::Period period) {
  if (!cal.issued_on)
    throw conflict("Kế hoạch chưa có ngày ban hành nên chưa mở để báo cáo; cơ quan thường trực cần ghi ngày ban hành.",
                   "directive_id");
  if (cal.reported(period)) return;
  const auto first = domain::first_reporting_period(cal.rule, cal.holidays, cal.issued_on);
  throw invalid("period", "Hạn báo cáo " + period.vn_label() + " (" +
                              domain::vn_date(domain::report_due_date(cal.rule, cal.holidays, period)) + ") chưa đủ " +
                              std::to_string(cal.rule.first_period_lead_days) + " ngày sau ngày ban hành kế hoạch (" +
                              domain::vn_date(*cal.issued_on) + "): kỳ báo cáo đầu tiên là " + first->vn_label() + ".");
}

void check_number(const std::string& field, std::optional<double> value, domain::NumberKind kind) {
  if (!value) return;
  if (auto why = domain::check_number(kind, *value, domain::quoted_field(field)))
    throw invalid(field, "Trường " + *why);
}

// The city's platforms hear of a report's steps that leave or return to the unit (issue 18), in the step's
// own transaction: a step undone by a failure sends nothing.
void emit_report_event(const Call& call, const store::Report& r, ReportAction action) {
  const char* type = action == ReportAction::submit      ? "report_submitted"
                     : action == ReportAction::approve   ? "report_approved"
                     : action == ReportAction::accept    ? "report_accepted"
                     : action == ReportAction::send_back ? "report_returned"
                                                         : nullptr;
  if (!type) return;
  auto& c = call.c;
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
  emit_event(c, type, std::string(type) + ":" + std::to_string(r.id) + ":" + domain::iso(call.now), std::move(data),
             call.now);
}

// Issue 14, item 9: who acts next hears of it, in the bell and by e-mail as each chose — a submitted report goes to
// the unit's head, an approved one to the standing agency, a returned one back to the unit's focal points.
void notify_step(const Call& call, const store::Report& r, ReportAction action) {
  auto& c = call.c;
  const auto d = store::find_directive_ref(c, r.directive_id);
  const auto p = domain::parse_period(r.period);
  const std::string number = d ? d->number + " " : std::string();
  const std::string what = "Báo cáo " + number + (p ? p->vn_label() : r.period) + " của " + r.unit_name;
  const std::string what_en = "The " + number + "report for " + (p ? p->en_label() : r.period) + " from " + r.unit_name;
  const std::string key = "report_" + std::string(domain::to_string(action)) + ":" + std::to_string(r.id) + ":v" +
                          std::to_string(r.version);
  const std::string at = domain::iso(call.now);
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

// The reviewer's comment on an approval, acceptance or return, kept with the step (issue 14); a deputy's
// approval or return records whom it was signed for.
void record_review(const Call& call, const store::Report& r, const char* action, const std::string& comment) {
  store::ReportReview v;
  v.report_id = r.id;
  v.action = action;
  v.comment = comment;
  v.by_user = call.who.user_id;
  if (std::string_view(action) != "accept") v.on_behalf_of = call.who.signs_for;
  v.at = domain::iso(call.now);
  store::insert_review(call.c, v);
}

// What each step changes on the report beyond its state, once the order of steps allowed it.
void apply(const Call& call, store::Report& r, ReportAction action, const StepInput& in) {
  const std::string at = domain::iso(call.now);
  switch (action) {
    case ReportAction::submit: {
      if (store::report_items(call.c, r.id).empty())
        throw invalid("items", "Báo cáo chưa có nội dung tiến độ nhiệm vụ.");
      if (!r.first_submitted_at) r.first_submitted_at = at;
      r.submitted_at = at;
      r.submitted_by = call.who.user_id;
      r.return_reason.clear();
      // The submission is the unit's update of each assignment for this period, and what its values count
      // from: the lines are copied into the counted facts and recorded with this instant.
      st_apply_derived_lines(call.c, r, domain::vietnam_date(call.now));  // issue 16: S&T-linked lines
      store::submit_report(call.c, r, at);
      return;
    }
    case ReportAction::approve:
      r.approved_at = at;
      r.approved_by = call.who.user_id;
      record_review(call, r, "approve", in.comment.value_or(""));
      return;
    case ReportAction::accept:
      r.accepted_at = at;
      r.accepted_by = call.who.user_id;
      record_review(call, r, "accept", in.comment.value_or(""));
      return;
    case ReportAction::send_back:
      if (!in.reason || in.reason->find_first_not_of(" \t\r\n") == std::string::npos)
        throw invalid("reason", "Trường " + domain::quoted_field("reason") + " là bắt buộc.");
      r.return_reason = *in.reason;
      r.returned_at = at;
      r.returned_by = call.who.user_id;
      record_review(call, r, "return", r.return_reason);
      return;
    case ReportAction::withdraw:
      // The focal point takes a sent report back to fix it, until the unit head acts on it: the report is a
      // draft again; its first submission still fixes its timeliness (R4), as for a returned report.
      if (!in.version)
        throw invalid("version",
                      "Trường " + domain::quoted_field("version") + " là bắt buộc (phiên bản báo cáo đang rút lại).");
      return;
    case ReportAction::edit:
    case ReportAction::reopen:
      return;  // not steps of this use case: a save, and the standing agency's grant of a reopen request
  }
}

}  // namespace

store::Report report_in_scope(store::Connection& c, const Actor& who, store::Id id) {
  auto r = store::find_report(c, id);
  if (!r || !who.in_scope(r->unit_path)) throw not_found("báo cáo");
  return *r;
}

json::object report_detail(store::Connection& c, const store::Report& r, domain::Date as_of, domain::Instant now,
                           const std::vector<store::ReportableIndicator>* reportable) {
  Evaluator ev(c, as_of, now);
  const PlanCalendar& cal = ev.calendar(r.directive_id);
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
    o["timeliness"] = domain::to_string(domain::timeliness(first, due, now));
    // What changed since the previous period: the reviewer reads the difference, not the whole report.
    const auto prev = store::find_report_for(c, r.directive_id, r.unit_id, domain::previous(*p).key());
    // What the previous report said when it was last submitted: its draft corrections count for nothing yet.
    const auto prev_progress = prev ? store::last_submitted_progress(c, prev->id) : std::map<store::Id, int>{};
    json::array items;
    const auto derived = st_derived_lines(c, r, domain::vietnam_date(now));  // issue 16: S&T-linked lines
    for (const auto& i : store::report_items(c, r.id)) {
      json::object io = to_json(i);
      io["derived_from"] = st_derived_json(derived, i.assignment_id);
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
  if (!reportable) {
    read_here = store::reportable_indicators(c, r.directive_id, r.unit_id, r.unit_path);
    reportable = &read_here;
  }
  json::array listed;
  for (const auto& ind : *reportable) {
    listed.push_back(json::object{{"id", ind.id},
                                  {"code", ind.code},
                                  {"name", ind.name},
                                  {"target_text", ind.target_text},
                                  {"aggregation", ind.aggregation},
                                  {"unit_of_measure", ind.unit_of_measure}});
  }
  o["reportable_indicators"] = std::move(listed);
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

ReportList list_reports(store::Connection& c, const Actor& who, store::ReportFilter f, store::Page page) {
  if (f.state && !domain::report_state_from(*f.state)) throw invalid("state", "Trạng thái báo cáo không hợp lệ.");
  if (f.unit_id) scoped_unit(c, who, *f.unit_id);
  f.scope_path = who.scope_path;
  ReportList out;
  out.reports = store::list_reports(c, f, page, &out.total);
  return out;
}

json::object create_report(const Call& call, const NewReport& in) {
  auto& c = call.c;
  const store::Id unit_id = in.unit_id.value_or(call.who.unit_id);
  const auto unit = scoped_unit(c, call.who, unit_id, "Bạn chỉ được lập báo cáo của đơn vị mình.");
  auto d = store::find_directive(c, in.directive_id);
  if (!d || !d->has_plan) throw invalid("directive_id", "Văn bản này không có kế hoạch để báo cáo.");
  Evaluator ev(c, domain::vietnam_date(call.now), call.now);
  const auto& cal = ev.calendar(d->id);
  const auto period = parse_report_period(cal, in.period);
  refuse_before_first_period(cal, period);
  if (auto existing = store::find_report_for(c, d->id, unit_id, period.key()))
    throw conflict("Đơn vị đã có báo cáo kỳ " + period.key() + " (mã " + std::to_string(existing->id) + ").", "period");
  store::AssignmentFilter f;
  f.directive_id = d->id;
  f.unit_id = unit_id;
  ev.only_unit(unit_id);  // reads this unit's reports, not the nation's, inside the write
  const auto assignments = ev.assignments(f);
  if (assignments.empty()) throw invalid("unit_id", "Đơn vị không được giao nhiệm vụ nào trong kế hoạch này.");
  store::Report r;
  r.directive_id = d->id;
  r.unit_id = unit_id;
  r.period = period.key();
  r.state = "draft";
  r.created_at = domain::iso(call.now);
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
  st_apply_derived_lines(c, created, domain::vietnam_date(call.now));  // issue 16: S&T-linked lines
  audit(c, call.postgres, &call.who, call.now, "report", id, "create", nullptr, to_json(created));
  return report_detail(c, created, domain::vietnam_date(call.now), call.now);
}

void read_indicator_value(const SavedValue& in, domain::NumberKind kind, store::IndicatorValue& iv) {
  using domain::NumberKind;
  check_number("numerator", in.numerator, NumberKind::amount);
  check_number("denominator", in.denominator, NumberKind::amount);
  check_number("estimated_full_year", in.estimated_full_year, kind);
  iv.numerator = in.numerator;
  iv.denominator = in.denominator;
  iv.estimated_full_year = in.estimated_full_year;
  if (kind != NumberKind::share) {
    check_number("value", in.value, kind);
    iv.value = in.value;
    return;
  }
  if (!iv.numerator || !iv.denominator)
    throw invalid(iv.denominator ? "numerator" : "denominator",
                  "Chỉ tiêu tỷ lệ cần cả tử số và mẫu số (tỷ lệ do hệ thống tính).");
  if (*iv.numerator > *iv.denominator) throw invalid("numerator", "Tử số không được lớn hơn mẫu số.");
  iv.value = *iv.denominator > 0 ? std::optional(100.0 * *iv.numerator / *iv.denominator) : std::nullopt;
}

json::object save_report(const Call& call, store::Id id, const ReportSave& in) {
  auto& c = call.c;
  auto r = report_in_scope(c, call.who, id);  // scope first: another unit's report is not found, whatever was sent
  // The version the editor started from is required: an edit without it could overwrite another's.
  if (!in.version)
    throw invalid("version",
                  "Trường " + domain::quoted_field("version") + " là bắt buộc (phiên bản báo cáo đang sửa).");
  const auto before = to_json(r);
  if (*in.version != r.version) throw conflict("Báo cáo đã được người khác cập nhật; vui lòng tải lại.", "version");
  const auto step = domain::report_step(*domain::report_state_from(r.state), ReportAction::edit, call.who.report_role);
  if (!step.allowed) throw conflict(step.refusal, "state");
  r.state = std::string(domain::to_string(step.to));
  if (in.summary) r.summary = *in.summary;
  if (in.difficulties) r.difficulties = *in.difficulties;
  if (in.proposals) r.proposals = *in.proposals;

  if (in.lines) {
    std::set<store::Id> sent;
    for (const auto& line : *in.lines) sent.insert(line.item.assignment_id);
    const auto own = store::unit_assignment_ids(c, r.directive_id, r.unit_id, sent);
    const auto derived = st_derived_lines(c, r, domain::vietnam_date(call.now));  // issue 16
    size_t k = 0;
    for (auto line : *in.lines) {
      if (!own.contains(line.item.assignment_id))
        throw invalid("items[" + std::to_string(k) + "].assignment_id",
                      "Nhiệm vụ này không được giao cho đơn vị trong kế hoạch.");
      st_check_saved_line(derived, line.item, line.progress_given, k);
      store::save_report_item(c, r.id, line.item);
      ++k;
    }
  }
  // The unit's reportable indicators, read once: they check every value sent, give each its kind, and are
  // the answer's list too (no indicator read per value).
  std::optional<std::vector<store::ReportableIndicator>> reportable_read;
  if (in.values) {
    reportable_read = store::reportable_indicators(c, r.directive_id, r.unit_id, r.unit_path);
    std::map<store::Id, const store::ReportableIndicator*> reportable;
    for (const auto& ind : *reportable_read) reportable.emplace(ind.id, &ind);
    size_t k = 0;
    for (const auto& v : *in.values) {
      const std::string at = "indicator_values[" + std::to_string(k++) + "]";
      const auto found = reportable.find(v.indicator_id);
      if (found == reportable.end()) {
        // Refused either way; the indicator is read only to say why.
        const auto other = store::find_indicator(c, v.indicator_id);
        if (!other || other->directive_id != r.directive_id)
          throw invalid(at + ".indicator_id", "Chỉ tiêu không thuộc kế hoạch của báo cáo.");
        if (const auto src = domain::indicator_source_from(other->data_source); src && domain::is_computed(*src))
          throw invalid(at + ".indicator_id", "Chỉ tiêu " + other->code + " do hệ thống tự tính (R19: " +
                                                  std::string(domain::vn_label(*src)) + "), đơn vị không nhập.");
        throw invalid(at + ".indicator_id", "Đơn vị không báo cáo chỉ tiêu này.");
      }
      const auto& ind = *found->second;
      store::IndicatorValue iv;
      iv.indicator_id = v.indicator_id;
      iv.unit_id = r.unit_id;
      iv.period = r.period;
      try {
        // Ranges of domain/ranges; a share's rate computed here.
        read_indicator_value(v, domain::indicator_value_kind(ind.unit_of_measure, ind.aggregation), iv);
      } catch (const Error& e) {
        throw invalid(at + "." + e.field, e.what());
      }
      iv.report_id = r.id;
      iv.updated_at = domain::iso(call.now);
      // The report's own line: it counts once the report is submitted (`store::submit_report`).
      store::save_report_indicator_value(c, iv);
    }
  }
  r.updated_at = domain::iso(call.now);
  const auto version = store::update_report(c, r, static_cast<int>(*in.version));
  if (!version) throw conflict("Báo cáo vừa được cập nhật; vui lòng tải lại.", "version");
  r.version = *version;  // `r` is now the row as written: no need to read it again
  audit(c, call.postgres, &call.who, call.now, "report", r.id, "edit", before, to_json(r));
  if (!in.answer_in_full)
    return json::object{{"id", r.id}, {"version", r.version}, {"state", r.state}, {"updated_at", r.updated_at}};
  return report_detail(c, r, domain::vietnam_date(call.now), call.now, reportable_read ? &*reportable_read : nullptr);
}

store::Report take_step(const Call& call, store::Report r, ReportAction action, const StepInput& in) {
  const auto before = to_json(r);
  const auto step = domain::report_step(*domain::report_state_from(r.state), action, call.who.report_role);
  if (!step.allowed) throw conflict(step.refusal, "state");
  const int version = r.version;
  // A step may name the version it acts on (withdraw must): another's change in between is a conflict.
  if (in.version && *in.version != version)
    throw conflict("Báo cáo đã được người khác cập nhật; vui lòng tải lại.", "version");
  apply(call, r, action, in);
  r.state = std::string(domain::to_string(step.to));
  r.updated_at = domain::iso(call.now);
  const auto next = store::update_report(call.c, r, version);
  if (!next) throw conflict("Báo cáo vừa được cập nhật; vui lòng tải lại.", "version");
  r.version = *next;
  audit(call.c, call.postgres, &call.who, call.now, "report", r.id, std::string(domain::to_string(action)), before,
        to_json(r));
  emit_report_event(call, r, action);
  notify_step(call, r, action);
  return r;
}

std::vector<BatchResult> review_batch(store::Database& db, const Actor& who, domain::Instant now, ReportAction action,
                                      const std::vector<store::Id>& ids, const StepInput& in) {
  if (action != ReportAction::accept && action != ReportAction::send_back)
    throw invalid("action", "Thao tác chỉ là tiếp nhận hoặc trả lại.");
  if (action == ReportAction::send_back && (!in.reason || in.reason->find_first_not_of(" \t\r\n") == std::string::npos))
    throw invalid("reason",
                  "Trường " + domain::quoted_field("reason") + " là bắt buộc.");  // before any report is touched
  std::vector<BatchResult> out;
  for (const auto id : ids) {
    BatchResult res;
    res.report_id = id;
    try {
      const auto r = db.write([&](store::Connection& c) {
        const Call call{c, who, now, db.kind() == "postgresql"};
        return take_step(call, report_in_scope(c, who, id), action, in);
      });
      res.state = r.state;
    } catch (const Error& e) {
      res.error = e;
    }
    out.push_back(std::move(res));
  }
  return out;
}

store::Evidence add_evidence(const Call& call, store::Id report_id, store::Evidence e,
                             const std::function<void()>& store_file) {
  const auto r = report_in_scope(call.c, call.who, report_id);
  if (r.state != "draft" && r.state != "returned")
    throw conflict("Chỉ bổ sung minh chứng khi báo cáo đang soạn hoặc bị trả lại.", "state");
  if (e.assignment_id) {
    auto a = store::find_assignment(call.c, *e.assignment_id);
    if (!a || a->unit_id != r.unit_id) throw invalid("assignment_id", "Nhiệm vụ không thuộc đơn vị của báo cáo.");
  }
  store_file();
  e.report_id = r.id;
  e.uploaded_by = call.who.user_id;
  e.uploaded_at = domain::iso(call.now);
  e.id = store::insert_evidence(call.c, e);
  audit(call.c, call.postgres, &call.who, call.now, "evidence", e.id, "upload", nullptr, to_json(e));
  return e;
}

store::Evidence evidence_in_scope(store::Connection& c, const Actor& who, store::Id id) {
  auto e = store::find_evidence(c, id);
  auto r = e ? store::find_report(c, e->report_id) : std::nullopt;
  if (!e || !r || !who.in_scope(r->unit_path)) throw not_found("tệp minh chứng");
  return *e;
}

json::object report_obligations_answer(store::Connection& c, const Actor& who, const ObligationQuery& q,
                                       domain::Date as_of, domain::Instant now) {
  auto d = store::find_directive(c, q.directive_id);
  if (!d || !d->has_plan) throw not_found("kế hoạch");
  Evaluator ev(c, as_of, now);
  const auto& cal = ev.calendar(d->id);
  const auto period =
      q.period ? parse_report_period(cal, *q.period) : domain::judged_period(cal.rule, cal.holidays, as_of);
  std::optional<std::string> scope = who.scope_path;
  if (q.unit_id) scope = scoped_unit(c, who, *q.unit_id).path;
  store::AssignmentFilter af;
  af.directive_id = d->id;
  af.scope_path = scope;
  af.known_before = ev.known_before();
  ev.within(scope);  // a past date reads the history of the subtree only
  const auto all = report_obligations(c, ev, d->id, period, now, store::list_assignments(c, af), scope);
  std::map<std::string, std::map<std::string, int>> by_group;
  std::map<std::string, int> totals;
  json::array items;
  long long matched = 0;
  for (const auto& o : all) {
    const std::string t(domain::to_string(o.timeliness));
    ++totals[t];
    ++by_group[o.peer_group][t];
    ++by_group[o.peer_group]["expected"];
    if (q.timeliness && *q.timeliness != t) continue;
    if (matched++ < q.page.offset || static_cast<long long>(items.size()) >= q.page.limit) continue;
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
  return json::object{{"period", period.key()},
                      {"due_date", domain::iso(domain::report_due_date(cal.rule, cal.holidays, period))},
                      {"summary", std::move(summary)},
                      {"by_peer_group", std::move(groups)},
                      {"items", std::move(items)},
                      {"total", matched}};
}

}  // namespace tiendo::service
