// The plan: directives with their basis chain and reporting rule, indicators, tasks, holidays.
#include <set>

#include "api/json_io.h"
#include "api/router.h"
#include "api/serialize.h"
#include "domain/deadline.h"
#include "domain/indicator.h"
#include "domain/labels.h"
#include "domain/reminders.h"
#include "domain/st_task.h"
#include "store/plan_store.h"
#include "store/report_store.h"

namespace tiendo::api {

namespace json = boost::json;

namespace {

const std::vector<std::string> kDirectiveKinds{"resolution", "decision", "plan",       "program",
                                               "letter",     "notice",   "conclusion", "other"};

// Why the words typed as a deadline are refused, with the forms that are read.
std::string deadline_refusal(const std::string& text) {
  return "Trường \"Thời hạn\" không đọc được “" + text +
         "”: không phải ngày có thật hoặc không phải thời hạn. Ví dụ: \"30/6/2026\", \"Tháng 6 năm 2026\", "
         "\"Quý II/2026\", \"Năm 2026\", \"Thường xuyên\".";
}

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

Response list_directives(Context& ctx) {
  store::DirectiveFilter f;
  f.q = query_string(ctx.req, "q");
  f.kind = query_string(ctx.req, "kind");
  if (auto y = query_id(ctx.req, "year")) f.year = static_cast<int>(*y);
  if (auto hp = query_string(ctx.req, "has_plan")) f.has_plan = *hp == "true" || *hp == "1";
  const auto page = query_page(ctx.req);
  long long total = 0;
  auto ds = ctx.db.read([&](store::Connection& c) { return store::list_directives(c, f, page, &total); });
  json::array items;
  for (const auto& d : ds) items.push_back(to_json(d));
  return list_response(std::move(items), total);
}

Response get_directive(Context& ctx) {
  return ctx.db.read([&](store::Connection& c) {
    auto d = store::find_directive(c, ctx.path_id());
    if (!d) throw not_found("văn bản");
    json::object o = to_json(*d);
    // The basis chain upwards (57-NQ/TW -> ... -> this) and the directives that implement this one.
    json::array chain;
    std::vector<store::Id> frontier = d->basis_ids;
    std::set<store::Id> seen{d->id};
    while (!frontier.empty()) {
      std::vector<store::Id> next;
      for (auto id : frontier) {
        if (!seen.insert(id).second) continue;
        if (auto b = store::find_directive(c, id)) {
          chain.push_back(json::object{{"id", b->id}, {"number", b->number}, {"title", b->title}});
          next.insert(next.end(), b->basis_ids.begin(), b->basis_ids.end());
        }
      }
      frontier = std::move(next);
    }
    o["basis_chain"] = std::move(chain);
    json::array implementing;
    for (const auto& r : store::directives_based_on(c, d->id))
      implementing.push_back(json::object{{"id", r.id}, {"number", r.number}, {"title", r.title}});
    o["implemented_by"] = std::move(implementing);
    if (d->has_plan) {
      o["reporting_rule"] = to_json(store::reporting_rule(c, d->id));
      // The period now being reported (next due) and the last one whose due date has passed.
      const auto cal = service::load_calendar(c, d->id);
      const auto as_of = ctx.as_of();
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
    return json_response(200, o);
  });
}

Response create_directive(Context& ctx) {
  auto b = parse_body(ctx.req);
  store::Directive d;
  d.number = required_string(b, "number", 100);
  d.kind = required_string(b, "kind", 30);
  if (std::find(kDirectiveKinds.begin(), kDirectiveKinds.end(), d.kind) == kDirectiveKinds.end())
    throw bad_request("kind", "Loại văn bản không hợp lệ.");
  d.title = required_string(b, "title", 2000);
  d.issuer = optional_string(b, "issuer", 300).value_or("");
  if (auto on = optional_date(b, "issued_on")) {
    d.issued_on = domain::iso(*on);
    d.year = domain::year_of(*on);
  }
  if (auto y = optional_int(b, "year", 2000, 2100)) d.year = static_cast<int>(*y);
  d.has_plan = optional_bool(b, "has_plan").value_or(false);
  d.basis_ids = id_list(b, "basis_ids");
  auto created = ctx.db.write([&](store::Connection& c) {
    if (store::find_directive_by_number(c, d.number)) throw conflict("Số ký hiệu văn bản đã tồn tại.", "number");
    for (auto id : d.basis_ids)
      if (!store::find_directive(c, id)) throw bad_request("basis_ids", "Không tìm thấy văn bản căn cứ.");
    const auto id = store::insert_directive(c, d);
    if (d.has_plan) store::save_reporting_rule(c, store::ReportingRuleRow{.directive_id = id}, domain::iso(ctx.now));
    auto saved = *store::find_directive(c, id);
    audit(ctx, c, "directive", id, "create", nullptr, to_json(saved));
    return saved;
  });
  return json_response(201, to_json(created));
}

Response get_rule(Context& ctx) {
  return ctx.db.read([&](store::Connection& c) {
    if (!store::find_directive(c, ctx.path_id())) throw not_found("văn bản");
    return json_response(200, to_json(store::reporting_rule(c, ctx.path_id())));
  });
}

Response put_rule(Context& ctx) {
  auto b = parse_body(ctx.req);
  return ctx.db.write([&](store::Connection& c) {
    if (!store::find_directive(c, ctx.path_id())) throw not_found("văn bản");
    auto before = store::reporting_rule(c, ctx.path_id());
    auto r = before;
    if (auto v = optional_string(b, "period_type", 20)) {
      if (!domain::period_type_from(*v))
        throw bad_request("period_type", "Kỳ báo cáo chỉ có thể là tháng, quý, 6 tháng hoặc năm.");
      r.period_type = *v;
    }
    if (auto v = optional_string(b, "data_window", 20)) {
      if (!domain::data_window_from(*v))
        throw bad_request("data_window", "Khoảng số liệu phải là calendar hoặc decree09.");
      r.data_window = *v;
    }
    if (auto v = optional_int(b, "due_day", 2, 28)) r.due_day = static_cast<int>(*v);
    if (auto v = optional_int(b, "annual_due_month", 1, 12)) r.annual_due_month = static_cast<int>(*v);
    if (auto v = optional_int(b, "annual_due_day", 1, 31)) r.annual_due_day = static_cast<int>(*v);
    using namespace std::chrono;
    if (!year_month_day{year{2026}, month{static_cast<unsigned>(r.annual_due_month)},
                        day{static_cast<unsigned>(r.annual_due_day)}}
             .ok())
      throw bad_request("annual_due_day", "Ngày hạn báo cáo năm không hợp lệ.");
    if (auto v = optional_bool(b, "shift_to_working_day")) r.shift_to_working_day = *v;
    if (auto v = optional_int(b, "due_soon_days", 0, 90)) r.due_soon_days = static_cast<int>(*v);
    if (auto v = optional_int(b, "stalled_periods", 2, 12)) r.stalled_periods = static_cast<int>(*v);
    if (auto v = optional_int(b, "unanswered_days", 1, 365)) r.unanswered_days = static_cast<int>(*v);
    if (auto v = optional_int(b, "first_period_lead_days", 0, 90)) r.first_period_lead_days = static_cast<int>(*v);
    auto share = [&](const char* field, double& slot) {
      if (auto v = optional_number(b, field, domain::NumberKind::fraction)) slot = *v;
    };
    share("update_target", r.update_target);
    share("at_risk_tolerance", r.at_risk_tolerance);
    if (auto it = b.find("weights"); it != b.end()) {
      if (!it->value().is_object()) throw bad_request("weights", "Trường " + label("weights") + " không đúng dạng.");
      const auto& w = it->value().as_object();
      for (auto [name, slot] : {std::pair{"timeliness", &r.weight_timeliness},
                                {"updates", &r.weight_updates},
                                {"completion", &r.weight_completion},
                                {"indicators", &r.weight_indicators},
                                {"feedback", &r.weight_feedback}}) {
        try {
          if (auto v = optional_number(w, name, domain::NumberKind::fraction)) *slot = *v;
        } catch (const ApiError& e) {
          throw bad_request(std::string("weights.") + name, e.what());
        }
      }
      try {
        if (auto v = optional_int(w, "feedback_min_items", 1, 1000)) r.feedback_min_items = static_cast<int>(*v);
      } catch (const ApiError& e) {
        throw bad_request("weights.feedback_min_items", e.what());
      }
      // R11 divides by the weights of the components with data: all at zero leave no score to rank by.
      if (r.weight_timeliness + r.weight_updates + r.weight_completion + r.weight_indicators + r.weight_feedback <= 0)
        throw bad_request("weights", "Cần ít nhất một trọng số lớn hơn 0 để xếp hạng.");
    }
    if (auto it = b.find("reminders"); it != b.end()) {
      if (!it->value().is_object())
        throw bad_request("reminders", "Trường " + label("reminders") + " không đúng dạng.");
      const auto& m = it->value().as_object();
      std::vector<int> days;
      for (auto [name, slot] :
           {std::pair{"days_before", &r.remind_days_before}, {"annual_days_before", &r.annual_remind_days_before}}) {
        if (auto v = optional_string(m, name, 100)) {
          if (!domain::parse_day_list(*v, days))
            throw bad_request(std::string("reminders.") + name, "Danh sách ngày phải có dạng \"5,1\".");
          *slot = *v;
        }
      }
      if (auto v = optional_int(m, "days_after", 0, 30)) r.remind_days_after = static_cast<int>(*v);
      if (auto v = optional_int(m, "digest_weekday", -1, 6)) r.digest_weekday = static_cast<int>(*v);
    }
    store::save_reporting_rule(c, r, domain::iso(ctx.now));
    audit(ctx, c, "reporting_rule", r.directive_id, "update", to_json(before), to_json(r));
    return json_response(200, to_json(r));
  });
}

Response list_holidays(Context& ctx) {
  auto hs = ctx.db.read([](store::Connection& c) { return store::list_holidays(c); });
  json::array items;
  for (const auto& [day, name] : hs) items.push_back(json::object{{"day", day}, {"name", name}});
  const auto n = static_cast<long long>(items.size());
  return list_response(std::move(items), n);
}

Response put_holiday(Context& ctx) {
  auto day = domain::parse_iso_date(ctx.path_params.at("day"));
  if (!day) throw bad_request("day", "Ngày phải có dạng YYYY-MM-DD.");
  auto b = parse_body(ctx.req);
  const std::string name = required_string(b, "name", 200);
  ctx.db.write([&](store::Connection& c) {
    store::save_holiday(c, domain::iso(*day), name, domain::iso(ctx.now));
    audit(ctx, c, "holiday", domain::year_of(*day), "save", nullptr,
          json::object{{"day", domain::iso(*day)}, {"name", name}});
  });
  return json_response(200, json::object{{"day", domain::iso(*day)}, {"name", name}});
}

Response delete_holiday(Context& ctx) {
  auto day = domain::parse_iso_date(ctx.path_params.at("day"));
  if (!day) throw bad_request("day", "Ngày phải có dạng YYYY-MM-DD.");
  ctx.db.write([&](store::Connection& c) {
    store::delete_holiday(c, domain::iso(*day), domain::iso(ctx.now));
    audit(ctx, c, "holiday", domain::year_of(*day), "delete", json::object{{"day", domain::iso(*day)}}, nullptr);
  });
  return json_response(200, json::object{{"ok", true}});
}

Response list_indicators(Context& ctx) {
  store::IndicatorFilter f;
  f.q = query_string(ctx.req, "q");
  f.directive_id = query_id(ctx.req, "directive_id");
  f.monitoring_unit_id = query_id(ctx.req, "monitoring_unit_id");
  const auto page = query_page(ctx.req);
  const auto scope = ctx.user().scope_path();
  return ctx.db.read([&](store::Connection& c) {
    long long total = 0;
    service::Evaluator ev(c, ctx.as_of(), ctx.now);
    f.known_before = ev.known_before();  // the plan as it was (issue 12)
    json::array items;
    for (auto& i : store::list_indicators(c, f, page, &total)) {
      ev.patch(i);
      json::object o = to_json(i);
      o["evaluation"] = to_json(service::evaluate_indicator(c, ev, i, scope));
      items.push_back(std::move(o));
    }
    return list_response(std::move(items), total);
  });
}

Response get_indicator(Context& ctx) {
  const auto scope = ctx.user().scope_path();
  return ctx.db.read([&](store::Connection& c) {
    auto i = store::find_indicator(c, ctx.path_id());
    if (!i) throw not_found("chỉ tiêu");
    service::Evaluator ev(c, ctx.as_of(), ctx.now);
    ev.patch(*i);
    json::object o = to_json(*i);
    o["evaluation"] = to_json(service::evaluate_indicator(c, ev, *i, scope));
    json::array values;
    for (const auto& v :
         store::indicator_values(c, i->id, std::nullopt, std::nullopt, std::nullopt, ev.known_before())) {
      auto u = store::find_unit(c, v.unit_id);
      if (u && ctx.user().in_scope(u->path)) values.push_back(to_json(v));
    }
    o["values"] = std::move(values);
    return json_response(200, o);
  });
}

// R19: a known source; one the system computes is a share, so only an indicator counted in % can take it.
std::string checked_source(const std::string& source, const std::string& unit_of_measure) {
  const auto s = domain::indicator_source_from(source);
  if (!s)
    throw bad_request("data_source",
                      "Nguồn số liệu chỉ có thể là đơn vị báo cáo, Cổng dịch vụ công quốc gia (nhập tay), phản ánh "
                      "trả lời đúng hạn, mức độ hài lòng theo QĐ 766, tỷ lệ đánh giá hài lòng hoặc tỷ lệ nhiệm vụ "
                      "KH&CN theo dõi toàn trình.");
  if (domain::is_computed(*s) && domain::is_count(unit_of_measure))
    throw bad_request("data_source", "Số liệu tự tính là tỷ lệ (%): chỉ tiêu có đơn vị tính \"" + unit_of_measure +
                                         "\" không lấy được nguồn này.");
  return source;
}

Response create_indicator(Context& ctx) {
  auto b = parse_body(ctx.req);
  store::Indicator i;
  i.directive_id = optional_int(b, "directive_id", 1, INT64_MAX).value_or(0);
  if (i.directive_id == 0) throw bad_request("directive_id", "Trường " + label("directive_id") + " là bắt buộc.");
  i.code = required_string(b, "code", 20);
  i.name = required_string(b, "name", 2000);
  i.target_text = required_string(b, "target_text", 100);
  auto target = domain::parse_target(i.target_text);
  if (!target) throw bad_request("target_text", "Không đọc được chỉ tiêu (ví dụ: \"≥80%\", \"100%\", \"5 sản phẩm\").");
  i.comparator = std::string(domain::to_string(target->comparator));
  i.target_value = target->value;
  i.unit_of_measure = optional_string(b, "unit_of_measure", 50).value_or(target->unit_of_measure);
  // As the plan import does: a rate is a ratio of sums, a count or an amount adds up over the year.
  i.aggregation =
      optional_string(b, "aggregation", 30).value_or(target->unit_of_measure == "%" ? "ratio_of_sums" : "cumulative");
  if (!domain::aggregation_from(i.aggregation))
    throw bad_request("aggregation",
                      "Cách tổng hợp chỉ có thể là tỷ lệ tính trên tổng tử số và mẫu số, cộng dồn các kỳ, lũy kế, số "
                      "liệu mới nhất hoặc trung bình.");
  // The target and the baseline are figures of the indicator's kind: a share 0–100, a count whole, ...
  const auto kind = domain::indicator_value_kind(i.unit_of_measure, i.aggregation);
  check_number("target_text", i.target_value, kind);
  i.baseline = optional_number(b, "baseline", kind).value_or(0);
  i.monitoring_unit_id = optional_int(b, "monitoring_unit_id", 1, INT64_MAX);
  i.reporting_group_id = optional_int(b, "reporting_group_id", 1, INT64_MAX);
  i.notes = optional_string(b, "notes", 2000).value_or("");
  if (auto v = optional_string(b, "data_source", 40)) i.data_source = checked_source(*v, i.unit_of_measure);
  auto created = ctx.db.write([&](store::Connection& c) {
    if (!store::find_directive(c, i.directive_id)) throw bad_request("directive_id", "Không tìm thấy văn bản.");
    if (i.monitoring_unit_id && !store::find_unit(c, *i.monitoring_unit_id))
      throw bad_request("monitoring_unit_id", "Không tìm thấy đơn vị theo dõi.");
    if (i.reporting_group_id && !store::find_unit_group(c, *i.reporting_group_id))
      throw bad_request("reporting_group_id", "Không tìm thấy nhóm đơn vị báo cáo.");
    const auto id = store::insert_indicator(c, i, domain::iso(ctx.now));
    auto saved = *store::find_indicator(c, id);
    audit(ctx, c, "indicator", id, "create", nullptr, to_json(saved));
    return saved;
  });
  return json_response(201, to_json(created));
}

json::object task_with_rollup(service::Evaluator& ev, store::Task t, const std::optional<std::string>& scope) {
  ev.patch(t);
  json::object o = to_json(t);
  store::AssignmentFilter f;
  f.task_id = t.id;
  f.scope_path = scope;
  o["rollup"] = to_json(service::roll_up(ev.assignments(f)));
  return o;
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
  const auto scope = ctx.user().scope_path();
  return ctx.db.read([&](store::Connection& c) {
    long long total = 0;
    service::Evaluator ev(c, ctx.as_of(), ctx.now);
    f.known_before = ev.known_before();  // the plan as it was (issue 12)
    json::array items;
    for (const auto& t : store::list_tasks(c, f, page, &total)) items.push_back(task_with_rollup(ev, t, scope));
    return list_response(std::move(items), total);
  });
}

Response get_task(Context& ctx) {
  const auto scope = ctx.user().scope_path();
  return ctx.db.read([&](store::Connection& c) {
    auto t = store::find_task(c, ctx.path_id());
    if (!t) throw not_found("nhiệm vụ");
    service::Evaluator ev(c, ctx.as_of(), ctx.now);
    return json_response(200, task_with_rollup(ev, *t, scope));
  });
}

Response create_task(Context& ctx) {
  auto b = parse_body(ctx.req);
  store::Task t;
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
  const auto lead_units = id_list(b, "lead_unit_ids");
  const auto lead_groups = id_list(b, "lead_group_ids");
  if (lead_units.empty() && lead_groups.empty())
    throw bad_request("lead_unit_ids", "Cần ít nhất một đơn vị hoặc nhóm đơn vị chủ trì.");
  const auto read = domain::read_deadline(t.deadline_text);
  if (!read) throw bad_request("deadline_text", deadline_refusal(t.deadline_text));
  const domain::Deadline& dl = *read;
  t.deadline_kind = std::string(domain::to_string(dl.kind));
  if (dl.due) t.deadline_due = domain::iso(*dl.due);

  auto result = ctx.db.write([&](store::Connection& c) {
    if (!store::find_directive(c, t.directive_id)) throw bad_request("directive_id", "Không tìm thấy văn bản.");
    // Plan work goes to administrative units only: a host organisation of S&T tasks owes none.
    const auto plan_unit = [&](store::Id id, const std::string& field) {
      const auto u = store::find_unit(c, id);
      if (!u) throw bad_request(field, "Không tìm thấy đơn vị " + std::to_string(id) + ".");
      if (domain::is_host_unit_kind(u->kind))
        throw bad_request(field, "Tổ chức chủ trì nhiệm vụ KH&CN (" + u->name + ") không nhận nhiệm vụ của kế hoạch.");
    };
    for (auto id : lead_units) plan_unit(id, "lead_unit_ids");
    for (auto id : t.coordinator_ids) plan_unit(id, "coordinating_unit_ids");
    std::vector<store::UnitGroup> groups;
    for (auto id : lead_groups) {
      auto g = store::find_unit_group(c, id);
      if (!g) throw bad_request("lead_group_ids", "Không tìm thấy nhóm đơn vị " + std::to_string(id) + ".");
      groups.push_back(*g);
    }
    const std::vector<store::Id> created = store::create_task(c, t, lead_units, groups, domain::iso(ctx.now));
    auto saved = *store::find_task(c, t.id);
    json::object o = to_json(saved);
    o["assignment_count"] = static_cast<long long>(created.size());
    audit(ctx, c, "task", t.id, "create", nullptr, o);
    return o;
  });
  return json_response(201, result);
}

// Issue 12: a new target from now on; the dates before keep the one they had.
Response update_indicator_target(Context& ctx) {
  auto b = parse_body(ctx.req);
  const auto text = required_string(b, "target_text", 100);
  auto target = domain::parse_target(text);
  if (!target) throw bad_request("target_text", "Không đọc được chỉ tiêu (ví dụ: \"≥80%\", \"100%\", \"5 sản phẩm\").");
  std::vector<store::LevelTarget> levels;
  if (auto it = b.find("level_targets"); it != b.end() && !it->value().is_null()) {
    if (!it->value().is_array()) throw bad_request("level_targets", "Trường \"Chỉ tiêu theo cấp\" phải là danh sách.");
    for (const auto& v : it->value().as_array()) {
      if (!v.is_object()) throw bad_request("level_targets", "Trường \"Chỉ tiêu theo cấp\" không hợp lệ.");
      const auto& lo = v.as_object();
      store::LevelTarget lt;
      lt.level = required_string(lo, "level", 20);
      lt.target_text = required_string(lo, "target_text", 100);
      auto lv = domain::parse_target(lt.target_text);
      if (!lv) throw bad_request("level_targets", "Không đọc được chỉ tiêu của cấp " + lt.level + ".");
      lt.target_value = lv->value;
      levels.push_back(std::move(lt));
    }
  }
  auto saved = ctx.db.write([&](store::Connection& c) {
    auto before = store::find_indicator(c, ctx.path_id());
    if (!before) throw not_found("chỉ tiêu");
    store::Indicator i = *before;
    i.target_text = text;
    i.comparator = std::string(domain::to_string(target->comparator));
    i.target_value = target->value;
    check_number("target_text", i.target_value, domain::indicator_value_kind(i.unit_of_measure, i.aggregation));
    i.level_targets.clear();
    for (const auto& lt : levels) {
      const bool known = std::any_of(before->level_targets.begin(), before->level_targets.end(),
                                     [&](const store::LevelTarget& x) { return x.level == lt.level; });
      if (!known) throw bad_request("level_targets", "Chỉ tiêu không có cấp " + lt.level + ".");
      i.level_targets.push_back(lt);
    }
    store::update_indicator_target(c, i, domain::iso(ctx.now));
    auto after = *store::find_indicator(c, i.id);
    audit(ctx, c, "indicator", i.id, "update_target", to_json(*before), to_json(after));
    return after;
  });
  return json_response(200, to_json(saved));
}

// R19: a new data source from now on; the dates before keep the one they had (their figures do not change).
Response update_indicator_source(Context& ctx) {
  auto b = parse_body(ctx.req);
  const auto source = required_string(b, "data_source", 40);
  auto saved = ctx.db.write([&](store::Connection& c) {
    auto before = store::find_indicator(c, ctx.path_id());
    if (!before) throw not_found("chỉ tiêu");
    checked_source(source, before->unit_of_measure);
    if (before->data_source != source) {
      store::update_indicator_source(c, before->id, source, domain::iso(ctx.now));
      audit(ctx, c, "indicator", before->id, "update_source", json::object{{"data_source", before->data_source}},
            json::object{{"data_source", source}});
    }
    return *store::find_indicator(c, before->id);
  });
  return json_response(200, to_json(saved));
}

// Issue 14: the deadline words as the server will read them, asked while they are typed: the form echoes the
// day ("→ 30/06/2026") or the refusal, before anything is saved.
Response read_deadline_words(Context& ctx) {
  const std::string text = query_string(ctx.req, "deadline_text").value_or("");
  if (text.size() > 300) throw bad_request("deadline_text", "Trường \"Thời hạn\" dài quá 300 ký tự.");
  const auto read = domain::read_deadline(text);
  if (!read) throw bad_request("deadline_text", deadline_refusal(text));
  return json_response(200,
                       json::object{{"deadline_text", text},
                                    {"deadline_kind", domain::to_string(read->kind)},
                                    {"deadline_kind_label", domain::vn_label(read->kind)},
                                    {"due", read->due ? json::value(domain::iso(*read->due)) : json::value(nullptr)}});
}

// Issue 12: new deadline words for a task from now on (its assignments' original deadline with them).
Response update_task_deadline(Context& ctx) {
  auto b = parse_body(ctx.req);
  const auto text = required_string(b, "deadline_text", 300);
  const auto read = domain::read_deadline(text);
  if (!read) throw bad_request("deadline_text", deadline_refusal(text));
  auto saved = ctx.db.write([&](store::Connection& c) {
    auto before = store::find_task(c, ctx.path_id());
    if (!before) throw not_found("nhiệm vụ");
    store::Task t = *before;
    t.deadline_text = text;
    t.deadline_kind = std::string(domain::to_string(read->kind));
    t.deadline_due = read->due ? std::optional<std::string>(domain::iso(*read->due)) : std::nullopt;
    store::update_task_deadline(c, t, domain::iso(ctx.now));
    auto after = *store::find_task(c, t.id);
    audit(ctx, c, "task", t.id, "update_deadline", to_json(*before), to_json(after));
    return after;
  });
  return json_response(200, to_json(saved));
}

// Issue 12: the task leaves the plan from now on; the dates before still count it.
Response remove_task(Context& ctx) {
  ctx.db.write([&](store::Connection& c) {
    auto t = store::find_task(c, ctx.path_id());
    if (!t) throw not_found("nhiệm vụ");
    store::remove_task(c, t->id, domain::iso(ctx.now));
    audit(ctx, c, "task", t->id, "remove", to_json(*t), nullptr);
  });
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
