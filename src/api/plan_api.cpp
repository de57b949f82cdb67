// The plan over HTTP: directives with their basis chain and reporting rule, indicators, tasks, holidays and the
// reading of deadline words. Each route parses its request, calls one use case of service/plan (the rules, the
// audit and the SQL calls) and answers with what it returns.
#include "api/json_io.h"
#include "api/router.h"
#include "domain/reminders.h"
#include "domain/reporting_rule.h"
#include "service/plan.h"

namespace tiendo::api {

namespace json = boost::json;

namespace {

Response list_of(service::PlanPage found) { return list_response(std::move(found.items), found.total); }

std::vector<store::Id> id_list(const json::object& b, const std::string& field) {
  std::vector<store::Id> out;
  auto it = b.find(field);
  if (it == b.end() || it->value().is_null()) return out;
  if (!it->value().is_array()) throw bad_request(field, "Trường " + label(field) + " phải là danh sách mã số.");
  for (const auto& v : it->value().as_array()) {
    if (!v.is_int64() || v.as_int64() <= 0)
      throw bad_request(field, "Trường " + label(field) + " có mã số không hợp lệ.");
    out.push_back(v.as_int64());
  }
  return out;
}

std::optional<int> optional_small(const json::object& b, const std::string& field, int min, int max) {
  const auto v = optional_int(b, field, min, max);
  return v ? std::optional(static_cast<int>(*v)) : std::nullopt;
}

domain::Date path_day(const Context& ctx) {
  auto day = domain::parse_iso_date(ctx.path_params.at("day"));
  if (!day) throw bad_request("day", "Ngày phải có dạng YYYY-MM-DD.");
  return *day;
}

Response list_directives(Context& ctx) {
  store::DirectiveFilter f;
  f.q = query_string(ctx.req, "q");
  f.kind = query_string(ctx.req, "kind");
  if (auto y = query_id(ctx.req, "year")) f.year = static_cast<int>(*y);
  if (auto hp = query_string(ctx.req, "has_plan")) f.has_plan = *hp == "true" || *hp == "1";
  const auto page = query_page(ctx.req);
  return list_of(ctx.db.read([&](store::Connection& c) { return service::list_directives(c, f, page); }));
}

Response get_directive(Context& ctx) {
  const auto as_of = ctx.as_of();
  return json_response(
      200, ctx.db.read([&](store::Connection& c) { return service::directive_view(c, ctx.path_id(), as_of); }));
}

Response create_directive(Context& ctx) {
  auto b = parse_body(ctx.req);
  store::Directive d;
  d.number = required_string(b, "number", 100);
  d.kind = required_string(b, "kind", 30);
  d.title = required_string(b, "title", 2000);
  d.issuer = optional_string(b, "issuer", 300).value_or("");
  if (auto on = optional_date(b, "issued_on")) {
    d.issued_on = domain::iso(*on);
    d.year = domain::year_of(*on);
  }
  if (auto y = optional_int(b, "year", 2000, 2100)) d.year = static_cast<int>(*y);
  d.has_plan = optional_bool(b, "has_plan").value_or(false);
  d.basis_ids = id_list(b, "basis_ids");
  const auto call = call_of(ctx);
  return json_response(201,
                       ctx.db.write([&](store::Connection& c) { return service::create_directive(call.on(c), d); }));
}

Response get_rule(Context& ctx) {
  return json_response(
      200, ctx.db.read([&](store::Connection& c) { return service::reporting_rule_view(c, ctx.path_id()); }));
}

// The weights of R11 as sent, each refused under its own name ("weights.timeliness").
void read_weights(const json::object& w, service::RuleChange& ch) {
  ch.weights = true;
  for (auto [name, slot] : {std::pair{"timeliness", &ch.weight_timeliness},
                            {"updates", &ch.weight_updates},
                            {"completion", &ch.weight_completion},
                            {"indicators", &ch.weight_indicators},
                            {"feedback", &ch.weight_feedback}}) {
    try {
      *slot = optional_number(w, name, domain::NumberKind::fraction);
    } catch (const ApiError& e) {
      throw bad_request(std::string("weights.") + name, e.what());
    }
  }
  try {
    ch.feedback_min_items = optional_small(w, "feedback_min_items", 1, 1000);
  } catch (const ApiError& e) {
    throw bad_request("weights.feedback_min_items", e.what());
  }
}

void read_reminders(const json::object& m, service::RuleChange& ch) {
  std::vector<int> days;
  for (auto [name, slot] :
       {std::pair{"days_before", &ch.remind_days_before}, {"annual_days_before", &ch.annual_remind_days_before}}) {
    if (auto v = optional_string(m, name, 100)) {
      if (!domain::parse_day_list(*v, days))
        throw bad_request(std::string("reminders.") + name, "Danh sách ngày phải có dạng \"5,1\".");
      *slot = *v;
    }
  }
  ch.remind_days_after = optional_small(m, "days_after", 0, 30);
  ch.digest_weekday = optional_small(m, "digest_weekday", -1, 6);
}

Response put_rule(Context& ctx) {
  auto b = parse_body(ctx.req);
  service::RuleChange ch;
  ch.period_type = optional_string(b, "period_type", 20);
  if (ch.period_type && !domain::period_type_from(*ch.period_type))
    throw bad_request("period_type", "Kỳ báo cáo chỉ có thể là tháng, quý, 6 tháng hoặc năm.");
  ch.data_window = optional_string(b, "data_window", 20);
  if (ch.data_window && !domain::data_window_from(*ch.data_window))
    throw bad_request("data_window", "Khoảng số liệu phải là calendar hoặc decree09.");
  ch.due_day = optional_small(b, "due_day", 2, 28);
  ch.annual_due_month = optional_small(b, "annual_due_month", 1, 12);
  ch.annual_due_day = optional_small(b, "annual_due_day", 1, 31);
  ch.shift_to_working_day = optional_bool(b, "shift_to_working_day");
  ch.due_soon_days = optional_small(b, "due_soon_days", 0, 90);
  ch.stalled_periods = optional_small(b, "stalled_periods", 2, 12);
  ch.unanswered_days = optional_small(b, "unanswered_days", 1, 365);
  ch.first_period_lead_days = optional_small(b, "first_period_lead_days", 0, 90);
  ch.update_target = optional_number(b, "update_target", domain::NumberKind::fraction);
  ch.at_risk_tolerance = optional_number(b, "at_risk_tolerance", domain::NumberKind::fraction);
  if (auto it = b.find("weights"); it != b.end()) {
    if (!it->value().is_object()) throw bad_request("weights", "Trường " + label("weights") + " không đúng dạng.");
    read_weights(it->value().as_object(), ch);
  }
  if (auto it = b.find("reminders"); it != b.end()) {
    if (!it->value().is_object()) throw bad_request("reminders", "Trường " + label("reminders") + " không đúng dạng.");
    read_reminders(it->value().as_object(), ch);
  }
  const auto call = call_of(ctx);
  return json_response(200, ctx.db.write([&](store::Connection& c) {
    return service::update_reporting_rule(call.on(c), ctx.path_id(), ch);
  }));
}

Response list_holidays(Context& ctx) {
  return list_of(ctx.db.read([](store::Connection& c) { return service::list_holidays(c); }));
}

Response put_holiday(Context& ctx) {
  const auto day = path_day(ctx);
  auto b = parse_body(ctx.req);
  const std::string name = required_string(b, "name", 200);
  const auto call = call_of(ctx);
  return json_response(
      200, ctx.db.write([&](store::Connection& c) { return service::save_holiday(call.on(c), day, name); }));
}

Response delete_holiday(Context& ctx) {
  const auto day = path_day(ctx);
  const auto call = call_of(ctx);
  ctx.db.write([&](store::Connection& c) { service::delete_holiday(call.on(c), day); });
  return json_response(200, json::object{{"ok", true}});
}

Response list_indicators(Context& ctx) {
  store::IndicatorFilter f;
  f.q = query_string(ctx.req, "q");
  f.directive_id = query_id(ctx.req, "directive_id");
  f.monitoring_unit_id = query_id(ctx.req, "monitoring_unit_id");
  const auto page = query_page(ctx.req);
  const auto as_of = ctx.as_of();
  const auto call = call_of(ctx);
  return list_of(
      ctx.db.read([&](store::Connection& c) { return service::list_indicators(call.on(c), f, page, as_of); }));
}

Response get_indicator(Context& ctx) {
  const auto as_of = ctx.as_of();
  const auto call = call_of(ctx);
  return json_response(200, ctx.db.read([&](store::Connection& c) {
    return service::indicator_view(call.on(c), ctx.path_id(), as_of);
  }));
}

Response create_indicator(Context& ctx) {
  auto b = parse_body(ctx.req);
  service::NewIndicator in;
  in.directive_id = optional_int(b, "directive_id", 1, INT64_MAX).value_or(0);
  if (in.directive_id == 0) throw bad_request("directive_id", "Trường " + label("directive_id") + " là bắt buộc.");
  in.code = required_string(b, "code", 20);
  in.name = required_string(b, "name", 2000);
  in.target_text = required_string(b, "target_text", 100);
  in.unit_of_measure = optional_string(b, "unit_of_measure", 50);
  in.aggregation = optional_string(b, "aggregation", 30);
  in.baseline = optional_number(b, "baseline");
  in.monitoring_unit_id = optional_int(b, "monitoring_unit_id", 1, INT64_MAX);
  in.reporting_group_id = optional_int(b, "reporting_group_id", 1, INT64_MAX);
  in.notes = optional_string(b, "notes", 2000).value_or("");
  in.data_source = optional_string(b, "data_source", 40);
  const auto call = call_of(ctx);
  return json_response(201,
                       ctx.db.write([&](store::Connection& c) { return service::create_indicator(call.on(c), in); }));
}

Response list_tasks(Context& ctx) {
  store::TaskFilter f;
  f.q = query_string(ctx.req, "q");
  f.directive_id = query_id(ctx.req, "directive_id");
  f.unit_id = query_id(ctx.req, "unit_id");
  f.deadline_kind = query_string(ctx.req, "deadline_kind");
  f.directing_leader = query_string(ctx.req, "directing_leader");
  f.field = query_string(ctx.req, "field");
  const auto page = query_page(ctx.req);
  const auto as_of = ctx.as_of();
  const auto call = call_of(ctx);
  return list_of(ctx.db.read([&](store::Connection& c) { return service::list_tasks(call.on(c), f, page, as_of); }));
}

Response get_task(Context& ctx) {
  const auto as_of = ctx.as_of();
  const auto call = call_of(ctx);
  return json_response(
      200, ctx.db.read([&](store::Connection& c) { return service::task_view(call.on(c), ctx.path_id(), as_of); }));
}

Response create_task(Context& ctx) {
  auto b = parse_body(ctx.req);
  service::NewTask in;
  auto& t = in.task;
  t.directive_id = optional_int(b, "directive_id", 1, INT64_MAX).value_or(0);
  if (t.directive_id == 0) throw bad_request("directive_id", "Trường " + label("directive_id") + " là bắt buộc.");
  t.code = required_string(b, "code", 20);
  t.name = required_string(b, "name", 4000);
  t.directing_leader = optional_string(b, "directing_leader", 300).value_or("");
  t.output = optional_string(b, "output", 2000).value_or("");
  t.deadline_text = required_string(b, "deadline_text", 300);
  t.field = optional_string(b, "field", 100).value_or("");
  t.indicator_id = optional_int(b, "indicator_id", 1, INT64_MAX);
  t.notes = optional_string(b, "notes", 2000).value_or("");
  t.lead_text = optional_string(b, "lead_text", 1000).value_or("");
  t.coordinating_text = optional_string(b, "coordinating_text", 1000).value_or("");
  t.coordinator_ids = id_list(b, "coordinating_unit_ids");
  in.lead_unit_ids = id_list(b, "lead_unit_ids");
  in.lead_group_ids = id_list(b, "lead_group_ids");
  const auto call = call_of(ctx);
  return json_response(201, ctx.db.write([&](store::Connection& c) { return service::create_task(call.on(c), in); }));
}

Response update_indicator_target(Context& ctx) {
  auto b = parse_body(ctx.req);
  const auto text = required_string(b, "target_text", 100);
  std::vector<store::LevelTarget> levels;
  if (auto it = b.find("level_targets"); it != b.end() && !it->value().is_null()) {
    if (!it->value().is_array()) throw bad_request("level_targets", "Trường \"Chỉ tiêu theo cấp\" phải là danh sách.");
    for (const auto& v : it->value().as_array()) {
      if (!v.is_object()) throw bad_request("level_targets", "Trường \"Chỉ tiêu theo cấp\" không hợp lệ.");
      const auto& lo = v.as_object();
      store::LevelTarget lt;
      lt.level = required_string(lo, "level", 20);
      lt.target_text = required_string(lo, "target_text", 100);
      levels.push_back(std::move(lt));
    }
  }
  const auto call = call_of(ctx);
  return json_response(200, ctx.db.write([&](store::Connection& c) {
    return service::update_indicator_target(call.on(c), ctx.path_id(), text, levels);
  }));
}

Response update_indicator_source(Context& ctx) {
  auto b = parse_body(ctx.req);
  const auto source = required_string(b, "data_source", 40);
  const auto call = call_of(ctx);
  return json_response(200, ctx.db.write([&](store::Connection& c) {
    return service::update_indicator_source(call.on(c), ctx.path_id(), source);
  }));
}

// Issue 14: the form echoes the day ("→ 30/06/2026") or the refusal while the words are typed, before anything is
// saved.
Response read_deadline_words(Context& ctx) {
  const std::string text = query_string(ctx.req, "deadline_text").value_or("");
  if (text.size() > 300) throw bad_request("deadline_text", "Trường \"Thời hạn\" dài quá 300 ký tự.");
  return json_response(200, service::read_deadline_words(text));
}

Response update_task_deadline(Context& ctx) {
  auto b = parse_body(ctx.req);
  const auto text = required_string(b, "deadline_text", 300);
  const auto call = call_of(ctx);
  return json_response(200, ctx.db.write([&](store::Connection& c) {
    return service::update_task_deadline(call.on(c), ctx.path_id(), text);
  }));
}

Response remove_task(Context& ctx) {
  const auto call = call_of(ctx);
  ctx.db.write([&](store::Connection& c) { service::remove_task(call.on(c), ctx.path_id()); });
  return json_response(200, json::object{{"ok", true}});
}

}  // namespace
void register_plan(Router& r) {
  r.add("GET", "/api/v1/directives", Permission::read_plan, list_directives);
  r.add("POST", "/api/v1/directives", Permission::manage_plan, create_directive);
  r.add("GET", "/api/v1/directives/{id}", Permission::read_plan, get_directive);
  r.add("GET", "/api/v1/directives/{id}/reporting-rule", Permission::read_plan, get_rule);
  r.add("PUT", "/api/v1/directives/{id}/reporting-rule", Permission::manage_plan, put_rule);
  r.add("GET", "/api/v1/holidays", Permission::read_plan, list_holidays);
  r.add("PUT", "/api/v1/holidays/{day}", Permission::manage_plan, put_holiday);
  r.add("DELETE", "/api/v1/holidays/{day}", Permission::manage_plan, delete_holiday);
  r.add("GET", "/api/v1/indicators", Permission::read_plan, list_indicators);
  r.add("POST", "/api/v1/indicators", Permission::manage_plan, create_indicator);
  r.add("GET", "/api/v1/indicators/{id}", Permission::read_plan, get_indicator);
  r.add("GET", "/api/v1/tasks", Permission::read_plan, list_tasks);
  r.add("POST", "/api/v1/tasks", Permission::manage_plan, create_task);
  r.add("GET", "/api/v1/tasks/{id}", Permission::read_plan, get_task);
  r.add("GET", "/api/v1/deadlines/read", Permission::read_plan, read_deadline_words);
  r.add("PUT", "/api/v1/indicators/{id}/target", Permission::manage_plan, update_indicator_target);
  r.add("PUT", "/api/v1/indicators/{id}/source", Permission::manage_plan, update_indicator_source);
  r.add("PUT", "/api/v1/tasks/{id}/deadline", Permission::manage_plan, update_task_deadline);
  r.add("DELETE", "/api/v1/tasks/{id}", Permission::manage_plan, remove_task);
}

}  // namespace tiendo::api
