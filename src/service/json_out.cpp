#include "service/json_out.h"

#include <cmath>
#include <map>

#include "domain/text.h"

namespace tiendo::service {

namespace json = boost::json;

namespace {

bool has_non_finite(const json::value& v) {
  if (v.is_double()) return !std::isfinite(v.as_double());
  if (v.is_array()) {
    for (const auto& e : v.as_array())
      if (has_non_finite(e)) return true;
  } else if (v.is_object()) {
    for (const auto& [key, e] : v.as_object())
      if (has_non_finite(e)) return true;
  }
  return false;
}

void replace_non_finite(json::value& v) {
  if (v.is_double() && !std::isfinite(v.as_double())) {
    v = nullptr;
  } else if (v.is_array()) {
    for (auto& e : v.as_array()) replace_non_finite(e);
  } else if (v.is_object()) {
    for (auto& [key, e] : v.as_object()) replace_non_finite(e);
  }
}

}  // namespace

json::object to_json(const Rollup& r) {
  std::map<std::string_view, int> named;  // by name, as people read the list
  for (size_t i = 0; i < r.by_status.size(); ++i) {
    if (r.by_status[i] > 0) named[domain::to_string(static_cast<domain::AssignmentStatus>(i))] = r.by_status[i];
  }
  json::object by;
  for (const auto& [k, v] : named) by[k] = v;
  auto share = [](int n, int d) { return d > 0 ? json::value(100.0 * n / d) : json::value(nullptr); };
  return json::object{
      {"total", r.total},
      {"by_status", std::move(by)},
      {"counted", r.counted},
      {"with_deadline", r.with_deadline},
      {"due_by_date", r.due_by_date},
      {"done_on_time", r.done_on_time},
      {"done_late", r.done_late},
      {"overdue", r.overdue},
      {"due_soon", r.due_soon},
      {"on_time_completion_rate", share(r.done_on_time, r.due_by_date)},
      {"completion_rate", share(r.done_on_time + r.done_late, r.due_by_date)},
      {"overdue_share_of_deadline", share(r.overdue, r.with_deadline)},
      {"overdue_share_of_all", share(r.overdue, r.counted)},
      {"open", r.open},
      {"open_updated", r.open_updated},
      {"update_compliance", share(r.open_updated, r.open)},
      // Each figure's rule in docs/RULES.md, and how it is made.
      {"rules",
       json::object{
           {"status", "R6"},
           {"on_time_completion_rate", "R8"},
           {"completion_rate", "R7"},
           {"overdue_share_of_deadline", "R7"},
           {"overdue_share_of_all", "R7"},
           {"update_compliance", "R5"},
       }},
      {"why", json::object{
                  {"on_time_completion_rate", "R8: hoàn thành đúng hạn / (đúng hạn + trễ hạn + quá hạn)"},
                  {"completion_rate", "R7: (đúng hạn + trễ hạn) / (đúng hạn + trễ hạn + quá hạn)"},
                  {"overdue_share_of_deadline",
                   "R7: quá hạn / nhiệm vụ có hạn, trừ thường xuyên, chờ điều kiện, tạm dừng, đã hủy"},
                  {"overdue_share_of_all", "R7: quá hạn / tổng số trừ thường xuyên, chờ điều kiện, tạm dừng, đã hủy"},
                  {"update_compliance", "R5: nhiệm vụ đang mở có trong báo cáo kỳ được xét đã gửi / nhiệm vụ đang mở"},
              }}};
}

std::string serialize_finite(const json::value& v) {
  // boost::json writes infinity and NaN as `Infinity` and `NaN`, which are not JSON: a figure that is
  // not a number is answered as null.
  if (!has_non_finite(v)) return json::serialize(v);
  json::value copy = v;
  replace_non_finite(copy);
  return json::serialize(copy);
}

json::object to_json(const EvaluatedAssignment& x) {
  const auto& a = *x.a;
  const auto& e = x.e;
  return json::object{{"id", a.id},
                      {"task_id", a.task_id},
                      {"task_code", a.task->code},
                      {"task_name", a.task->name},
                      {"directive_id", a.directive_id},
                      {"unit_id", a.unit_id},
                      {"unit_name", a.unit->name},
                      {"via_group_id", nullable(a.via_group_id)},
                      {"directing_leader", a.task->directing_leader},
                      {"deadline_kind", a.deadline_kind},
                      {"original_due", nullable(a.original_due)},
                      {"effective_due", e.due ? json::value(domain::iso(*e.due)) : json::value(nullptr)},
                      {"status", domain::to_string(e.status)},
                      {"rule", "R6"},
                      {"counted", x.counted},  // R1: its unit is active at the date
                      {"overdue_days", e.overdue_days},
                      {"late_against_original", e.late_against_original},
                      {"counts_in_ratios", e.counts_in_ratios},
                      {"updated_in_period", e.updated_in_period},
                      {"judged_period", x.judged.key()},
                      {"progress_percent", a.progress_percent},
                      {"last_update_period", nullable(a.last_update_period)},
                      {"last_update_at", nullable(a.last_update_at)},
                      {"declared_done_on", nullable(a.declared_done_on)},
                      {"confirmed_done_on", nullable(a.confirmed_done_on)},
                      {"triggered_on", nullable(a.triggered_on)},
                      {"decision", a.decision},
                      {"decision_on", nullable(a.decision_on)}};
}

json::value nullable(const std::optional<std::string>& s) { return s ? json::value(*s) : json::value(nullptr); }
json::value nullable(const std::optional<long long>& v) { return v ? json::value(*v) : json::value(nullptr); }
json::value nullable(const std::optional<double>& v) { return v ? json::value(*v) : json::value(nullptr); }

json::object to_json(const store::ReopenRequest& q) {
  return json::object{{"id", q.id},
                      {"report_id", q.report_id},
                      {"directive_id", q.directive_id},
                      {"directive_number", q.directive_number},
                      {"unit_id", q.unit_id},
                      {"unit_name", q.unit_name},
                      {"period", q.period},
                      {"reason", q.reason},
                      {"requested_by_name", q.requested_by_name},
                      {"requested_at", q.requested_at},
                      {"state", q.decision ? *q.decision : std::string("pending")},
                      {"decision_note", q.decision_note},
                      {"decided_by_name", q.decided_by ? json::value(q.decided_by_name) : json::value(nullptr)},
                      {"decided_at", nullable(q.decided_at)}};
}

json::object to_json(const store::Report& r) {
  return json::object{{"id", r.id},
                      {"directive_id", r.directive_id},
                      {"unit_id", r.unit_id},
                      {"unit_name", r.unit_name},
                      {"period", r.period},
                      {"state", r.state},
                      {"version", r.version},
                      {"summary", r.summary},
                      {"difficulties", r.difficulties},
                      {"proposals", r.proposals},
                      {"first_submitted_at", nullable(r.first_submitted_at)},
                      {"submitted_at", nullable(r.submitted_at)},
                      {"approved_at", nullable(r.approved_at)},
                      {"accepted_at", nullable(r.accepted_at)},
                      {"returned_at", nullable(r.returned_at)},
                      {"return_reason", r.return_reason},
                      {"reopened_count", r.reopened_count},
                      {"created_at", r.created_at},
                      {"updated_at", r.updated_at}};
}

json::object to_json(const store::ReportItem& i) {
  return json::object{{"assignment_id", i.assignment_id},
                      {"task_code", i.task_code},
                      {"task_name", i.task_name},
                      {"progress_percent", i.progress_percent},
                      {"work_done", i.work_done},
                      {"output_ref", i.output_ref},
                      {"difficulties", i.difficulties},
                      {"proposals", i.proposals},
                      {"exceeds_authority", i.exceeds_authority},
                      {"declared_done_on", nullable(i.declared_done_on)}};
}

json::object to_json(const store::IndicatorValue& v) {
  json::object o{{"indicator_id", v.indicator_id},
                 {"unit_id", v.unit_id},
                 {"period", v.period},
                 {"numerator", nullable(v.numerator)},
                 {"denominator", nullable(v.denominator)},
                 {"value", nullable(v.value)},
                 {"estimated_full_year", nullable(v.estimated_full_year)},
                 {"report_id", nullable(v.report_id)},
                 {"updated_at", v.updated_at}};
  // The rate computed exactly as the aggregate will: from numerator and denominator.
  if (v.numerator && v.denominator && *v.denominator > 0) {
    const double rate = 100.0 * *v.numerator / *v.denominator;
    o["rate"] = rate;
    o["rate_text"] = domain::vn_percent(rate);
  }
  return o;
}

json::object to_json(const store::Evidence& e) {
  return json::object{{"id", e.id},
                      {"report_id", e.report_id},
                      {"assignment_id", nullable(e.assignment_id)},
                      {"sha256", e.sha256},
                      {"filename", e.filename},
                      {"content_type", e.content_type},
                      {"size_bytes", e.size_bytes},
                      {"uploaded_at", e.uploaded_at},
                      {"url", "/api/v1/evidence/" + std::to_string(e.id)}};
}

}  // namespace tiendo::service
