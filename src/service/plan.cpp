#include "service/plan.h"

#include <algorithm>
#include <set>

#include "domain/deadline.h"
#include "domain/indicator.h"
#include "domain/labels.h"
#include "domain/plan.h"
#include "domain/ranges.h"
#include "domain/st_task.h"
#include "service/audit.h"
#include "service/evaluation.h"
#include "service/json_out.h"
#include "service/plan_json.h"
#include "store/report_store.h"

namespace tiendo::service {

namespace json = boost::json;

namespace {

void audit_plan(const Call& call, const std::string& entity, store::Id id, const std::string& action,
                const json::value& before, const json::value& after) {
  audit(call.c, call.postgres, &call.who, call.now, entity, id, action, before, after);
}

// A figure within the range of its kind, refused naming the field by its label as the API's checks do.
void check_figure(const std::string& field, double value, domain::NumberKind kind) {
  if (auto why = domain::check_number(kind, value, "\"" + domain::field_label(field) + "\""))
    throw invalid(field, "Trường " + *why);
}

void check_source(const std::string& source, const std::string& unit_of_measure) {
  if (auto why = domain::indicator_source_refusal(source, unit_of_measure)) throw invalid("data_source", *why);
}

domain::Target target_of(const std::string& text) {
  auto target = domain::parse_target(text);
  if (!target) throw invalid("target_text", domain::target_refusal());
  return *target;
}

domain::Deadline deadline_of(const std::string& text) {
  const auto read = domain::read_deadline(text);
  if (!read) throw invalid("deadline_text", domain::deadline_refusal(text));
  return *read;
}

json::object directive_ref(store::Id id, const std::string& number, const std::string& title) {
  return json::object{{"id", id}, {"number", number}, {"title", title}};
}

json::object task_with_rollup(Evaluator& ev, store::Task t, const std::optional<std::string>& scope) {
  ev.patch(t);
  json::object o = to_json(t);
  store::AssignmentFilter f;
  f.task_id = t.id;
  f.scope_path = scope;
  o["rollup"] = to_json(roll_up(ev.assignments(f)));
  return o;
}

}  // namespace

PlanPage list_directives(store::Connection& c, const store::DirectiveFilter& f, store::Page page) {
  PlanPage out;
  for (const auto& d : store::list_directives(c, f, page, &out.total)) out.items.push_back(to_json(d));
  return out;
}

json::object directive_view(store::Connection& c, store::Id id, domain::Date as_of) {
  auto d = store::find_directive(c, id);
  if (!d) throw not_found("văn bản");
  json::object o = to_json(*d);
  // The basis chain upwards (57-NQ/TW -> ... -> this) and the directives that implement this one.
  json::array chain;
  std::vector<store::Id> frontier = d->basis_ids;
  std::set<store::Id> seen{d->id};
  while (!frontier.empty()) {
    std::vector<store::Id> next;
    for (auto basis : frontier) {
      if (!seen.insert(basis).second) continue;
      if (auto b = store::find_directive(c, basis)) {
        chain.push_back(directive_ref(b->id, b->number, b->title));
        next.insert(next.end(), b->basis_ids.begin(), b->basis_ids.end());
      }
    }
    frontier = std::move(next);
  }
  o["basis_chain"] = std::move(chain);
  json::array implementing;
  for (const auto& r : store::directives_based_on(c, d->id))
    implementing.push_back(directive_ref(r.id, r.number, r.title));
  o["implemented_by"] = std::move(implementing);
  if (d->has_plan) {
    o["reporting_rule"] = to_json(store::reporting_rule(c, d->id));
    // The period now being reported (next due) and the last one whose due date has passed.
    const auto cal = load_calendar(c, d->id);
    auto period_json = [&](domain::Period p) {
      return json::object{{"period", p.key()},
                          {"due_date", domain::iso(domain::report_due_date(cal.rule, cal.holidays, p))}};
    };
    o["open_period"] = period_json(domain::open_period(cal.rule, cal.holidays, as_of));
    o["judged_period"] = period_json(domain::judged_period(cal.rule, cal.holidays, as_of));
    // R2: the first period reported on; none while the plan has no issue date (it cannot be reported on).
    const auto first = domain::first_reporting_period(cal.rule, cal.holidays, cal.issued_on);
    o["first_period"] = first ? json::value(period_json(*first)) : json::value(nullptr);
    const auto contents = store::plan_contents(c, d->id);
    o["indicator_count"] = contents.indicator_count;
    o["task_count"] = contents.task_count;
  }
  return o;
}

json::object create_directive(const Call& call, const store::Directive& d) {
  auto& c = call.c;
  if (!domain::is_directive_kind(d.kind)) throw invalid("kind", "Loại văn bản không hợp lệ.");
  if (store::find_directive_by_number(c, d.number)) throw conflict("Số ký hiệu văn bản đã tồn tại.", "number");
  for (auto id : d.basis_ids)
    if (!store::find_directive(c, id)) throw invalid("basis_ids", "Không tìm thấy văn bản căn cứ.");
  const auto id = store::insert_directive(c, d);
  if (d.has_plan) store::save_reporting_rule(c, store::ReportingRuleRow{.directive_id = id}, domain::iso(call.now));
  auto saved = to_json(*store::find_directive(c, id));
  audit_plan(call, "directive", id, "create", nullptr, saved);
  return saved;
}

json::object reporting_rule_view(store::Connection& c, store::Id directive_id) {
  if (!store::find_directive(c, directive_id)) throw not_found("văn bản");
  return to_json(store::reporting_rule(c, directive_id));
}

json::object update_reporting_rule(const Call& call, store::Id directive_id, const RuleChange& ch) {
  auto& c = call.c;
  if (!store::find_directive(c, directive_id)) throw not_found("văn bản");
  const auto before = store::reporting_rule(c, directive_id);
  auto r = before;
  auto take = [](const auto& change, auto& slot) {
    if (change) slot = *change;
  };
  take(ch.period_type, r.period_type);
  take(ch.data_window, r.data_window);
  take(ch.due_day, r.due_day);
  take(ch.annual_due_month, r.annual_due_month);
  take(ch.annual_due_day, r.annual_due_day);
  if (!domain::annual_due_day_exists(r.annual_due_month, r.annual_due_day))
    throw invalid("annual_due_day", "Ngày hạn báo cáo năm không hợp lệ.");
  take(ch.shift_to_working_day, r.shift_to_working_day);
  take(ch.due_soon_days, r.due_soon_days);
  take(ch.stalled_periods, r.stalled_periods);
  take(ch.unanswered_days, r.unanswered_days);
  take(ch.first_period_lead_days, r.first_period_lead_days);
  take(ch.update_target, r.update_target);
  take(ch.at_risk_tolerance, r.at_risk_tolerance);
  if (ch.weights) {
    take(ch.weight_timeliness, r.weight_timeliness);
    take(ch.weight_updates, r.weight_updates);
    take(ch.weight_completion, r.weight_completion);
    take(ch.weight_indicators, r.weight_indicators);
    take(ch.weight_feedback, r.weight_feedback);
    take(ch.feedback_min_items, r.feedback_min_items);
    if (!domain::weights_rank(r.weight_timeliness, r.weight_updates, r.weight_completion, r.weight_indicators,
                              r.weight_feedback))
      throw invalid("weights", "Cần ít nhất một trọng số lớn hơn 0 để xếp hạng.");
  }
  take(ch.remind_days_before, r.remind_days_before);
  take(ch.annual_remind_days_before, r.annual_remind_days_before);
  take(ch.remind_days_after, r.remind_days_after);
  take(ch.digest_weekday, r.digest_weekday);
  store::save_reporting_rule(c, r, domain::iso(call.now));
  auto after = to_json(r);
  audit_plan(call, "reporting_rule", r.directive_id, "update", to_json(before), after);
  return after;
}

PlanPage list_holidays(store::Connection& c) {
  PlanPage out;
  for (const auto& [day, name] : store::list_holidays(c))
    out.items.push_back(json::object{{"day", day}, {"name", name}});
  out.total = static_cast<long long>(out.items.size());
  return out;
}

json::object save_holiday(const Call& call, domain::Date day, const std::string& name) {
  const json::object saved{{"day", domain::iso(day)}, {"name", name}};
  store::save_holiday(call.c, domain::iso(day), name, domain::iso(call.now));
  audit_plan(call, "holiday", domain::year_of(day), "save", nullptr, saved);
  return saved;
}

void delete_holiday(const Call& call, domain::Date day) {
  store::delete_holiday(call.c, domain::iso(day), domain::iso(call.now));
  audit_plan(call, "holiday", domain::year_of(day), "delete", json::object{{"day", domain::iso(day)}}, nullptr);
}

PlanPage list_indicators(const Call& call, store::IndicatorFilter f, store::Page page, domain::Date as_of) {
  Evaluator ev(call.c, as_of, call.now);
  f.known_before = ev.known_before();  // the plan as it was (issue 12)
  PlanPage out;
  for (auto& i : store::list_indicators(call.c, f, page, &out.total)) {
    ev.patch(i);
    json::object o = to_json(i);
    o["evaluation"] = to_json(evaluate_indicator(call.c, ev, i, call.who.scope_path));
    out.items.push_back(std::move(o));
  }
  return out;
}

json::object indicator_view(const Call& call, store::Id id, domain::Date as_of) {
  auto& c = call.c;
  auto i = store::find_indicator(c, id);
  if (!i) throw not_found("chỉ tiêu");
  Evaluator ev(c, as_of, call.now);
  ev.patch(*i);
  json::object o = to_json(*i);
  o["evaluation"] = to_json(evaluate_indicator(c, ev, *i, call.who.scope_path));
  json::array values;
  for (const auto& v : store::indicator_values(c, i->id, std::nullopt, std::nullopt, std::nullopt, ev.known_before())) {
    auto u = store::find_unit(c, v.unit_id);
    if (u && call.who.in_scope(u->path)) values.push_back(to_json(v));
  }
  o["values"] = std::move(values);
  return o;
}

json::object create_indicator(const Call& call, const NewIndicator& in) {
  store::Indicator i;
  i.directive_id = in.directive_id;
  i.code = in.code;
  i.name = in.name;
  i.target_text = in.target_text;
  const auto target = target_of(i.target_text);
  i.comparator = std::string(domain::to_string(target.comparator));
  i.target_value = target.value;
  i.unit_of_measure = in.unit_of_measure.value_or(target.unit_of_measure);
  i.aggregation = in.aggregation.value_or(domain::default_aggregation(target.unit_of_measure));
  if (!domain::aggregation_from(i.aggregation))
    throw invalid("aggregation",
                  "Cách tổng hợp chỉ có thể là tỷ lệ tính trên tổng tử số và mẫu số, cộng dồn các kỳ, lũy kế, số liệu "
                  "mới nhất hoặc trung bình.");
  // The target and the baseline are figures of the indicator's kind: a share 0–100, a count whole, ...
  const auto kind = domain::indicator_value_kind(i.unit_of_measure, i.aggregation);
  check_figure("target_text", i.target_value, kind);
  if (in.baseline) check_figure("baseline", *in.baseline, kind);
  i.baseline = in.baseline.value_or(0);
  i.monitoring_unit_id = in.monitoring_unit_id;
  i.reporting_group_id = in.reporting_group_id;
  i.notes = in.notes;
  if (in.data_source) {
    check_source(*in.data_source, i.unit_of_measure);
    i.data_source = *in.data_source;
  }
  auto& c = call.c;
  if (!store::find_directive(c, i.directive_id)) throw invalid("directive_id", "Không tìm thấy văn bản.");
  if (i.monitoring_unit_id && !store::find_unit(c, *i.monitoring_unit_id))
    throw invalid("monitoring_unit_id", "Không tìm thấy đơn vị theo dõi.");
  if (i.reporting_group_id && !store::find_unit_group(c, *i.reporting_group_id))
    throw invalid("reporting_group_id", "Không tìm thấy nhóm đơn vị báo cáo.");
  const auto id = store::insert_indicator(c, i, domain::iso(call.now));
  auto saved = to_json(*store::find_indicator(c, id));
  audit_plan(call, "indicator", id, "create", nullptr, saved);
  return saved;
}

json::object update_indicator_target(const Call& call, store::Id id, const std::string& target_text,
                                     const std::vector<store::LevelTarget>& levels) {
  const auto target = target_of(target_text);
  std::vector<store::LevelTarget> read = levels;
  for (auto& lt : read) {
    auto lv = domain::parse_target(lt.target_text);
    if (!lv) throw invalid("level_targets", "Không đọc được chỉ tiêu của cấp " + lt.level + ".");
    lt.target_value = lv->value;
  }
  auto& c = call.c;
  auto before = store::find_indicator(c, id);
  if (!before) throw not_found("chỉ tiêu");
  store::Indicator i = *before;
  i.target_text = target_text;
  i.comparator = std::string(domain::to_string(target.comparator));
  i.target_value = target.value;
  check_figure("target_text", i.target_value, domain::indicator_value_kind(i.unit_of_measure, i.aggregation));
  i.level_targets.clear();
  for (const auto& lt : read) {
    const bool known = std::any_of(before->level_targets.begin(), before->level_targets.end(),
                                   [&](const store::LevelTarget& x) { return x.level == lt.level; });
    if (!known) throw invalid("level_targets", "Chỉ tiêu không có cấp " + lt.level + ".");
    i.level_targets.push_back(lt);
  }
  store::update_indicator_target(c, i, domain::iso(call.now));
  auto after = to_json(*store::find_indicator(c, i.id));
  audit_plan(call, "indicator", i.id, "update_target", to_json(*before), after);
  return after;
}

json::object update_indicator_source(const Call& call, store::Id id, const std::string& data_source) {
  auto& c = call.c;
  auto before = store::find_indicator(c, id);
  if (!before) throw not_found("chỉ tiêu");
  check_source(data_source, before->unit_of_measure);
  if (before->data_source != data_source) {
    store::update_indicator_source(c, before->id, data_source, domain::iso(call.now));
    audit_plan(call, "indicator", before->id, "update_source", json::object{{"data_source", before->data_source}},
               json::object{{"data_source", data_source}});
  }
  return to_json(*store::find_indicator(c, before->id));
}

PlanPage list_tasks(const Call& call, store::TaskFilter f, store::Page page, domain::Date as_of) {
  Evaluator ev(call.c, as_of, call.now);
  f.known_before = ev.known_before();  // the plan as it was (issue 12)
  PlanPage out;
  for (const auto& t : store::list_tasks(call.c, f, page, &out.total))
    out.items.push_back(task_with_rollup(ev, t, call.who.scope_path));
  return out;
}

json::object task_view(const Call& call, store::Id id, domain::Date as_of) {
  auto t = store::find_task(call.c, id);
  if (!t) throw not_found("nhiệm vụ");
  Evaluator ev(call.c, as_of, call.now);
  return task_with_rollup(ev, *t, call.who.scope_path);
}

json::object create_task(const Call& call, const NewTask& in) {
  store::Task t = in.task;
  if (in.lead_unit_ids.empty() && in.lead_group_ids.empty())
    throw invalid("lead_unit_ids", "Cần ít nhất một đơn vị hoặc nhóm đơn vị chủ trì.");
  const auto dl = deadline_of(t.deadline_text);
  t.deadline_kind = std::string(domain::to_string(dl.kind));
  t.deadline_due = dl.due ? std::optional(domain::iso(*dl.due)) : std::nullopt;
  auto& c = call.c;
  if (!store::find_directive(c, t.directive_id)) throw invalid("directive_id", "Không tìm thấy văn bản.");
  // Plan work goes to administrative units only: a host organisation of S&T tasks owes none.
  const auto plan_unit = [&](store::Id id, const std::string& field) {
    const auto u = store::find_unit(c, id);
    if (!u) throw invalid(field, "Không tìm thấy đơn vị " + std::to_string(id) + ".");
    if (domain::is_host_unit_kind(u->kind))
      throw invalid(field, "Tổ chức chủ trì nhiệm vụ KH&CN (" + u->name + ") không nhận nhiệm vụ của kế hoạch.");
  };
  for (auto id : in.lead_unit_ids) plan_unit(id, "lead_unit_ids");
  for (auto id : t.coordinator_ids) plan_unit(id, "coordinating_unit_ids");
  std::vector<store::UnitGroup> groups;
  for (auto id : in.lead_group_ids) {
    auto g = store::find_unit_group(c, id);
    if (!g) throw invalid("lead_group_ids", "Không tìm thấy nhóm đơn vị " + std::to_string(id) + ".");
    groups.push_back(*g);
  }
  const auto created = store::create_task(c, t, in.lead_unit_ids, groups, domain::iso(call.now));
  json::object o = to_json(*store::find_task(c, t.id));
  o["assignment_count"] = static_cast<long long>(created.size());
  audit_plan(call, "task", t.id, "create", nullptr, o);
  return o;
}

json::object update_task_deadline(const Call& call, store::Id id, const std::string& deadline_text) {
  const auto dl = deadline_of(deadline_text);
  auto& c = call.c;
  auto before = store::find_task(c, id);
  if (!before) throw not_found("nhiệm vụ");
  store::Task t = *before;
  t.deadline_text = deadline_text;
  t.deadline_kind = std::string(domain::to_string(dl.kind));
  t.deadline_due = dl.due ? std::optional(domain::iso(*dl.due)) : std::nullopt;
  store::update_task_deadline(c, t, domain::iso(call.now));
  auto after = to_json(*store::find_task(c, t.id));
  audit_plan(call, "task", t.id, "update_deadline", to_json(*before), after);
  return after;
}

void remove_task(const Call& call, store::Id id) {
  auto t = store::find_task(call.c, id);
  if (!t) throw not_found("nhiệm vụ");
  store::remove_task(call.c, t->id, domain::iso(call.now));
  audit_plan(call, "task", t->id, "remove", to_json(*t), nullptr);
}

json::object read_deadline_words(const std::string& text) {
  const auto read = deadline_of(text);
  return json::object{{"deadline_text", text},
                      {"deadline_kind", domain::to_string(read.kind)},
                      {"deadline_kind_label", domain::vn_label(read.kind)},
                      {"due", read.due ? json::value(domain::iso(*read.due)) : json::value(nullptr)}};
}

}  // namespace tiendo::service
