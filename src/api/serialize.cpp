#include "api/serialize.h"

#include "api/json_io.h"
#include "domain/text.h"
#include "domain/vocabulary.h"

namespace tiendo::api {

namespace json = boost::json;

json::array ids_json(const std::vector<store::Id>& ids) {
  json::array a;
  for (auto id : ids) a.push_back(id);
  return a;
}

json::object to_json(const store::Unit& u) {
  return json::object{{"id", u.id},
                      {"parent_id", nullable(u.parent_id)},
                      {"code", u.code},
                      {"name", u.name},
                      {"short_name", u.short_name},
                      {"kind", u.kind},
                      {"peer_group", u.peer_group},
                      {"active_from", nullable(u.active_from)},
                      {"active_to", nullable(u.active_to)}};
}

json::object to_json(const store::UnitGroup& g) {
  return json::object{{"id", g.id},
                      {"code", g.code},
                      {"name", g.name},
                      {"member_ids", ids_json(g.member_ids)},
                      {"member_count", static_cast<long long>(g.member_ids.size())}};
}

json::object to_json(const store::Directive& d) {
  return json::object{{"id", d.id},
                      {"number", d.number},
                      {"kind", d.kind},
                      {"issuer", d.issuer},
                      {"issued_on", nullable(d.issued_on)},
                      {"title", d.title},
                      {"year", d.year ? json::value(*d.year) : json::value(nullptr)},
                      {"has_plan", d.has_plan},
                      {"basis_ids", ids_json(d.basis_ids)}};
}

json::object to_json(const store::ReportingRuleRow& r) {
  return json::object{{"period_type", r.period_type},
                      {"data_window", r.data_window},
                      {"due_day", r.due_day},
                      {"annual_due_month", r.annual_due_month},
                      {"annual_due_day", r.annual_due_day},
                      {"shift_to_working_day", r.shift_to_working_day},
                      {"due_soon_days", r.due_soon_days},
                      {"update_target", r.update_target},
                      {"at_risk_tolerance", r.at_risk_tolerance},
                      {"weights", json::object{{"timeliness", r.weight_timeliness},
                                               {"updates", r.weight_updates},
                                               {"completion", r.weight_completion},
                                               {"indicators", r.weight_indicators},
                                               {"feedback", r.weight_feedback},
                                               {"feedback_min_items", r.feedback_min_items}}},
                      {"reminders", json::object{{"days_before", r.remind_days_before},
                                                 {"days_after", r.remind_days_after},
                                                 {"digest_weekday", r.digest_weekday},
                                                 {"annual_days_before", r.annual_remind_days_before}}},
                      {"stalled_periods", r.stalled_periods},
                      {"unanswered_days", r.unanswered_days},
                      {"first_period_lead_days", r.first_period_lead_days}};
}

json::object to_json(const store::Indicator& i) {
  json::array levels;
  for (const auto& t : i.level_targets) {
    levels.push_back(json::object{{"level", t.level},
                                  {"target_text", t.target_text},
                                  {"target_value", t.target_value},
                                  {"monitoring_unit_id", nullable(t.monitoring_unit_id)}});
  }
  return json::object{{"id", i.id},
                      {"directive_id", i.directive_id},
                      {"code", i.code},
                      {"name", i.name},
                      {"target_text", i.target_text},
                      {"comparator", i.comparator},
                      {"target_value", i.target_value},
                      {"unit_of_measure", i.unit_of_measure},
                      {"aggregation", i.aggregation},
                      {"baseline", i.baseline},
                      {"monitoring_unit_id", nullable(i.monitoring_unit_id)},
                      {"reporting_group_id", nullable(i.reporting_group_id)},
                      {"notes", i.notes},
                      {"level_targets", std::move(levels)},
                      {"data_source", i.data_source},
                      {"data_source_label", domain::vi_label("indicator_source", i.data_source)}};
}

json::object to_json(const store::Task& t) {
  return json::object{{"id", t.id},
                      {"directive_id", t.directive_id},
                      {"code", t.code},
                      {"name", t.name},
                      {"lead_text", t.lead_text},
                      {"coordinating_text", t.coordinating_text},
                      {"coordinating_unit_ids", ids_json(t.coordinator_ids)},
                      {"directing_leader", t.directing_leader},
                      {"output", t.output},
                      {"deadline_text", t.deadline_text},
                      {"deadline_kind", t.deadline_kind},
                      {"deadline_due", nullable(t.deadline_due)},
                      {"field", t.field},
                      {"indicator_id", nullable(t.indicator_id)},
                      {"notes", t.notes}};
}

json::object to_json(const service::EvaluatedAssignment& x) {
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

json::object to_json(const store::User& u) {
  return json::object{{"id", u.id},       {"username", u.username}, {"full_name", u.full_name},
                      {"role", u.role},   {"unit_id", u.unit_id},   {"unit_name", u.unit_name},
                      {"email", u.email}, {"active", u.active}};
}

json::object to_json(const store::AuditEntry& e) {
  auto parsed = [](const std::string& s) -> json::value {
    if (s.empty()) return nullptr;
    boost::system::error_code ec;
    auto v = json::parse(s, ec);
    return ec ? json::value(s) : v;
  };
  return json::object{{"id", e.id},
                      {"at", e.at},
                      {"user_id", nullable(e.user_id)},
                      {"username", e.username},
                      {"source", e.source},
                      {"entity", e.entity},
                      {"entity_id", e.entity_id},
                      {"action", e.action},
                      {"before", parsed(e.before_json)},
                      {"after", parsed(e.after_json)},
                      {"hash", e.hash}};
}

}  // namespace tiendo::api

namespace tiendo::api {

namespace {
// `coverage`: the expected units are known (the whole figure; levels say only how many reported).
boost::json::object aggregate_json(const domain::AggregateResult& a, const domain::Target& t, bool coverage) {
  boost::json::object o{
      {"value", nullable(a.value)},           {"estimated_full_year", nullable(a.estimated_full_year)},
      {"units_reporting", a.units_reporting}, {"numerator_sum", a.numerator_sum},
      {"denominator_sum", a.denominator_sum}, {"is_count", domain::is_count(t.unit_of_measure)}};
  if (coverage) {
    o["units_expected"] = a.units_expected;
    o["coverage_text"] = domain::coverage_text(a.units_reporting, a.units_expected);  // R9
  }
  // R13: a count reads "4/5 sản phẩm", a share "17,5 %".
  o["value_text"] = a.value ? boost::json::value(domain::figure_text(t, *a.value)) : boost::json::value(nullptr);
  return o;
}
}  // namespace

boost::json::object to_json(const service::IndicatorEvaluation& e) {
  boost::json::array levels;
  for (const auto& l : e.levels) {
    levels.push_back(boost::json::object{{"level", l.level},
                                         {"target_value", l.target},
                                         {"actual", aggregate_json(l.aggregate, l.against, false)},
                                         {"status", domain::to_string(l.status)}});
  }
  if (e.computed) {  // R19: the system's figure, with the counts behind it
    const auto& c = *e.computed;
    return boost::json::object{
        {"period", e.period.key()},
        {"elapsed_share", e.elapsed},
        {"actual", aggregate_json(e.aggregate, e.target, true)},
        {"status", domain::to_string(e.status)},
        {"levels", std::move(levels)},
        {"rule", "R19"},
        {"why", c.why},
        {"computed", boost::json::object{{"source", domain::to_string(c.source)},
                                         {"numerator", c.numerator},
                                         {"denominator", c.denominator},
                                         {"percent", c.percent ? boost::json::value(*c.percent) : nullptr},
                                         {"rule", c.rule}}}};
  }
  return boost::json::object{
      {"period", e.period.key()},
      {"elapsed_share", e.elapsed},
      {"actual", aggregate_json(e.aggregate, e.target, true)},
      {"status", domain::to_string(e.status)},
      {"levels", std::move(levels)},
      {"rule", e.cumulative ? "R10" : "R9"},
      {"why", std::string(e.cumulative ? "R10: tổng các giá trị từ đầu năm đến hết kỳ "
                                       : "R9: chỉ các giá trị báo cáo cho kỳ ") +
                  e.period.key() + ", " +
                  domain::coverage_text(e.aggregate.units_reporting, e.aggregate.units_expected)},
      {"computed", nullptr}};
}

}  // namespace tiendo::api
