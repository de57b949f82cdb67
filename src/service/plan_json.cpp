#include "service/plan_json.h"

#include "domain/text.h"
#include "domain/vocabulary.h"
#include "service/json_out.h"

namespace tiendo::service {

namespace json = boost::json;

namespace {

json::array ids_json(const std::vector<store::Id>& ids) {
  json::array a;
  for (auto id : ids) a.push_back(id);
  return a;
}

// `coverage`: the expected units are known (the whole figure; levels say only how many reported).
json::object aggregate_json(const domain::AggregateResult& a, const domain::Target& t, bool coverage) {
  json::object o{{"value", nullable(a.value)},           {"estimated_full_year", nullable(a.estimated_full_year)},
                 {"units_reporting", a.units_reporting}, {"numerator_sum", a.numerator_sum},
                 {"denominator_sum", a.denominator_sum}, {"is_count", domain::is_count(t.unit_of_measure)}};
  if (coverage) {
    o["units_expected"] = a.units_expected;
    o["coverage_text"] = domain::coverage_text(a.units_reporting, a.units_expected);  // R9
  }
  // R13: a count reads "4/5 sản phẩm", a share "17,5 %".
  o["value_text"] = a.value ? json::value(domain::figure_text(t, *a.value)) : json::value(nullptr);
  return o;
}

}  // namespace

json::object to_json(const IndicatorEvaluation& e) {
  json::array levels;
  for (const auto& l : e.levels) {
    levels.push_back(json::object{{"level", l.level},
                                  {"target_value", l.target},
                                  {"actual", aggregate_json(l.aggregate, l.against, false)},
                                  {"status", domain::to_string(l.status)}});
  }
  json::object o{{"period", e.period.key()},
                 {"elapsed_share", e.elapsed},
                 {"actual", aggregate_json(e.aggregate, e.target, true)},
                 {"status", domain::to_string(e.status)},
                 {"levels", std::move(levels)}};
  if (e.computed) {  // R19: the system's figure, with the counts behind it
    const auto& c = *e.computed;
    o["rule"] = "R19";
    o["why"] = c.why;
    o["computed"] = json::object{{"source", domain::to_string(c.source)},
                                 {"numerator", c.numerator},
                                 {"denominator", c.denominator},
                                 {"percent", c.percent ? json::value(*c.percent) : nullptr},
                                 {"rule", c.rule}};
    return o;
  }
  o["rule"] = e.cumulative ? "R10" : "R9";
  o["why"] = std::string(e.cumulative ? "R10: tổng các giá trị từ đầu năm đến hết kỳ "
                                      : "R9: chỉ các giá trị báo cáo cho kỳ ") +
             e.period.key() + ", " + domain::coverage_text(e.aggregate.units_reporting, e.aggregate.units_expected);
  o["computed"] = nullptr;
  return o;
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

}  // namespace tiendo::service
