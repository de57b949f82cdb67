// Exchange with other systems (issue 18) over HTTP: the bulk exports, the external systems and each plan item's
// code in them, the programs from above with their links and roll-up, the outbox to upstream systems, and the
// admin's event subscriptions with their delivery log and replay. Each route parses its request, calls one use case
// of service/exchange, service/exchange_exports, service/outbox or service/event_subscriptions (every check, the
// audit and the SQL calls) and answers with what it returns.
#include <cstdint>

#include "api/http.h"
#include "api/json_io.h"
#include "api/router.h"
#include "service/event_subscriptions.h"
#include "service/exchange.h"
#include "service/exchange_exports.h"
#include "service/outbox.h"

namespace tiendo::api {

namespace json = boost::json;

namespace {

Response list_of(json::array items) {
  const auto n = static_cast<long long>(items.size());
  return list_response(std::move(items), n);
}

// An export in the format the query asks (json unless told).
Response exported(Context& ctx, service::ExportTable t) {
  auto f = service::render_export(std::move(t), query_string(ctx.req, "format").value_or("json"), ctx.now);
  if (f.json) return json_response(200, *f.json);
  Response r;
  r.content_type = std::move(f.content_type);
  r.body = std::move(f.body);
  r.headers.emplace_back("Content-Disposition", attachment_disposition(f.filename));
  return r;
}

Response export_statuses(Context& ctx) {
  const auto as_of = ctx.as_of();
  return ctx.db.read_replica(
      [&](store::Connection& c) { return exported(ctx, service::assignment_statuses_export(c, as_of, ctx.now)); });
}

Response export_indicator_values(Context& ctx) {
  const auto period = query_string(ctx.req, "period");
  return ctx.db.read_replica(
      [&](store::Connection& c) { return exported(ctx, service::indicator_values_export(c, period)); });
}

Response export_report_timeliness(Context& ctx) {
  const auto directive_id = query_id(ctx.req, "directive_id");
  if (!directive_id) throw bad_request("directive_id", "Tham số " + label("directive_id") + " là bắt buộc.");
  const auto as_of = ctx.as_of();
  return ctx.db.read_replica([&](store::Connection& c) {
    const auto period = query_string(ctx.req, "period");
    return exported(ctx, service::report_timeliness_export(c, *directive_id, period, as_of, ctx.now));
  });
}

Response list_systems(Context& ctx) {
  return ctx.db.read([&](store::Connection& c) { return list_of(service::external_systems(c)); });
}

Response create_system(Context& ctx) {
  const auto b = parse_body(ctx.req);
  service::NewExternalSystem in;
  in.code = required_string(b, "code", 40);
  in.name = required_string(b, "name", 200);
  in.note = optional_string(b, "note", 1000).value_or("");
  const auto call = call_of(ctx);
  return ctx.db.write(
      [&](store::Connection& c) { return json_response(201, service::create_external_system(call.on(c), in)); });
}

// The codes of one item (?entity=&entity_id=), or the items that carry one code (?system=&code=).
Response list_codes(Context& ctx) {
  const auto system = query_string(ctx.req, "system");
  const auto code = query_string(ctx.req, "code");
  const auto entity = query_string(ctx.req, "entity");
  const auto call = call_of(ctx);
  if (system || code) {
    if (!system) throw bad_request("system", "Thiếu tham số " + label("system") + ".");
    if (!code) throw bad_request("code", "Thiếu tham số " + label("code") + ".");
    return ctx.db.read(
        [&](store::Connection& c) { return list_of(service::items_with_code(call.on(c), *system, *code)); });
  }
  if (!entity) throw bad_request("entity", "Cần tham số " + label("entity") + " hoặc " + label("system") + ".");
  service::check_external_entity(*entity);
  const auto id = query_id(ctx.req, "entity_id");
  if (!id) throw bad_request("entity_id", "Thiếu tham số " + label("entity_id") + ".");
  return ctx.db.read([&](store::Connection& c) { return list_of(service::codes_of_item(call.on(c), *entity, *id)); });
}

// Sets (or, with "code": null, removes) an item's code in one system.
Response set_code(Context& ctx) {
  const auto b = parse_body(ctx.req);
  service::CodeChange in;
  in.entity = required_string(b, "entity", 20);
  service::check_external_entity(in.entity);
  const auto id = optional_int(b, "entity_id", 1, INT64_MAX);
  if (!id) throw bad_request("entity_id", "Trường " + label("entity_id") + " là bắt buộc.");
  in.entity_id = *id;
  in.system = required_string(b, "system", 40);
  const auto* code = b.if_contains("code");
  if (!code) throw bad_request("code", "Trường " + label("code") + " là bắt buộc (null để xóa mã).");
  if (!code->is_null()) {
    if (!code->is_string()) throw bad_request("code", "Trường " + label("code") + " phải là chuỗi hoặc null.");
    in.code = std::string(code->as_string());
  }
  in.note = optional_string(b, "note", 500).value_or("");
  const auto call = call_of(ctx);
  return ctx.db.write([&](store::Connection& c) { return list_of(service::set_item_code(call.on(c), in)); });
}

Response list_subscriptions(Context& ctx) {
  return ctx.db.read([&](store::Connection& c) { return list_of(service::event_subscriptions(c)); });
}

Response create_subscription(Context& ctx) {
  const auto b = parse_body(ctx.req);
  service::NewSubscription in;
  in.name = required_string(b, "name", 200);
  in.url = required_string(b, "url", 2000);
  in.outbox_system = optional_string(b, "outbox_system", 40);
  if (const auto* types = b.if_contains("event_types"); types && !types->is_null()) {
    in.event_types_given = true;
    // Anything but a list reads as no type, an entry that is not text as an unknown one: the use case refuses both.
    if (types->is_array())
      for (const auto& t : types->as_array()) in.event_types.push_back(t.is_string() ? std::string(t.as_string()) : "");
  }
  const auto call = call_of(ctx);
  return ctx.db.write([&](store::Connection& c) {
    return json_response(201, service::create_event_subscription(call.on(c), ctx.config.exchange, in));
  });
}

Response update_subscription(Context& ctx) {
  const auto active = optional_bool(parse_body(ctx.req), "active");
  const auto call = call_of(ctx);
  return ctx.db.write([&](store::Connection& c) {
    return json_response(200, service::set_event_subscription_active(call.on(c), ctx.path_id(), active));
  });
}

Response list_deliveries(Context& ctx) {
  const auto page = query_page(ctx.req);
  store::DeliveryFilter f;
  f.state = query_string(ctx.req, "state");
  f.subscription_id = query_id(ctx.req, "subscription_id");
  return ctx.db.read([&](store::Connection& c) {
    auto p = service::event_deliveries(c, f, page);
    return list_response(std::move(p.items), p.total);
  });
}

Response get_delivery(Context& ctx) {
  return ctx.db.read(
      [&](store::Connection& c) { return json_response(200, service::event_delivery(c, ctx.path_id())); });
}

Response replay_delivery(Context& ctx) {
  const auto call = call_of(ctx);
  return ctx.db.write([&](store::Connection& c) {
    return json_response(200, service::replay_event_delivery(call.on(c), ctx.path_id()));
  });
}

Response run_deliveries(Context& ctx) {
  return json_response(200, service::run_event_deliveries(ctx.db, ctx.config.exchange, ctx.now));
}

Response list_programs(Context& ctx) {
  return ctx.db.read([&](store::Connection& c) { return list_of(service::upstream_programs(c)); });
}

Response get_links(Context& ctx) {
  return ctx.db.read([&](store::Connection& c) { return list_of(service::upstream_links(c, ctx.path_id())); });
}

Response put_links(Context& ctx) {
  const auto b = parse_body(ctx.req);
  const auto* ids = b.if_contains("upstream_task_ids");
  const auto not_ids = [] {
    return bad_request("upstream_task_ids", "Trường " + label("upstream_task_ids") + " phải là danh sách mã số.");
  };
  if (!ids || !ids->is_array()) throw not_ids();
  std::vector<store::Id> wanted;
  for (const auto& v : ids->as_array()) {
    if (!v.is_int64() || v.as_int64() < 1) throw not_ids();
    wanted.push_back(v.as_int64());
  }
  const auto call = call_of(ctx);
  return ctx.db.write(
      [&](store::Connection& c) { return list_of(service::set_upstream_links(call.on(c), ctx.path_id(), wanted)); });
}

Response program_rollup(Context& ctx) {
  const auto as_of = ctx.as_of();
  return ctx.db.read_replica([&](store::Connection& c) {
    return json_response(200, service::program_rollup(c, ctx.path_id(), as_of, ctx.now));
  });
}

Response list_templates(Context& ctx) {
  return ctx.db.read([&](store::Connection& c) { return json_response(200, service::outbox_templates(c)); });
}

Response put_template(Context& ctx) {
  const std::string system = ctx.path_params.at("system");
  const auto b = parse_body(ctx.req);
  const auto* cols = b.if_contains("columns");
  if (!cols || !cols->is_array())
    throw bad_request("columns", "Trường " + label("columns") + " là danh sách cột (trường, tiêu đề).");
  service::TemplateInput in;
  for (const auto& v : cols->as_array()) {
    if (!v.is_object()) throw bad_request("columns", "Mỗi cột gồm trường và tiêu đề.");
    // Read as given: the template check names the column whose field or header is missing or wrong.
    const auto text_of = [&](const char* key) {
      const auto* x = v.as_object().if_contains(key);
      return x && x->is_string() ? std::string(x->as_string()) : std::string();
    };
    in.columns.emplace_back(text_of("field"), text_of("header"));
  }
  if (const auto* m = b.if_contains("status_map"); m && !m->is_null()) {
    if (!m->is_object()) throw bad_request("status_map", "Trường " + label("status_map") + " phải là đối tượng.");
    for (const auto& [k, v] : m->as_object()) {
      if (!v.is_string()) throw bad_request("status_map", "Mỗi trạng thái ứng với một cụm từ của hệ thống.");
      in.status_map.emplace_back(std::string(k), std::string(v.as_string()));
    }
  }
  in.note = optional_string(b, "note", 2000).value_or("");
  in.assumed = optional_bool(b, "assumed").value_or(false);
  const auto call = call_of(ctx);
  return ctx.db.write(
      [&](store::Connection& c) { return json_response(200, service::save_outbox_template(call.on(c), system, in)); });
}

Response prepare(Context& ctx) {
  const auto b = parse_body(ctx.req);
  const auto period = optional_string(b, "period", 7);
  const auto system = optional_string(b, "system", 40);
  const auto who = ctx.user().actor();
  return json_response(200, service::prepare_outbox_month(ctx.db, who, ctx.now, ctx.postgres(), period, system));
}

store::OutboxFilter outbox_filter(Context& ctx) {
  return {query_string(ctx.req, "system"), query_string(ctx.req, "state"), query_string(ctx.req, "period"),
          query_string(ctx.req, "kind")};
}

Response list_outbox(Context& ctx) {
  const service::OutboxQuery q{outbox_filter(ctx), query_page(ctx.req)};
  return ctx.db.read([&](store::Connection& c) {
    auto p = service::outbox_items(c, q);
    return list_response(std::move(p.items), p.total);
  });
}

Response get_outbox(Context& ctx) {
  return ctx.db.read([&](store::Connection& c) { return json_response(200, service::outbox_item(c, ctx.path_id())); });
}

Response mark_entered(Context& ctx) {
  const auto b = parse_body(ctx.req);
  const auto day = optional_date(b, "entered_on");
  if (!day) throw bad_request("entered_on", "Ngày nhập lên hệ thống cấp trên là bắt buộc (YYYY-MM-DD).");
  const auto reference = required_string(b, "reference", 200);
  const auto call = call_of(ctx);
  return ctx.db.write([&](store::Connection& c) {
    return json_response(200, service::mark_outbox_entered(call.on(c), ctx.path_id(), *day, reference));
  });
}

Response mark_acknowledged(Context& ctx) {
  const auto reference = optional_string(parse_body(ctx.req), "reference", 200).value_or("");
  const auto call = call_of(ctx);
  return ctx.db.write([&](store::Connection& c) {
    return json_response(200, service::mark_outbox_acknowledged(call.on(c), ctx.path_id(), reference));
  });
}

Response export_outbox(Context& ctx) {
  const auto f = outbox_filter(ctx);
  return ctx.db.read_replica([&](store::Connection& c) { return exported(ctx, service::outbox_export(c, f)); });
}

}  // namespace

void register_exchange(Router& r) {
  r.add("GET", "/api/v1/exports/assignment-statuses", Permission::read_synthesis, export_statuses);
  r.add("GET", "/api/v1/exports/indicator-values", Permission::read_synthesis, export_indicator_values);
  r.add("GET", "/api/v1/exports/report-timeliness", Permission::read_synthesis, export_report_timeliness);
  r.add("GET", "/api/v1/external-systems", Permission::read_plan, list_systems);
  r.add("GET", "/api/v1/upstream-programs", Permission::read_plan, list_programs);
  r.add("GET", "/api/v1/outbox-templates", Permission::read_synthesis, list_templates);
  r.add("PUT", "/api/v1/outbox-templates/{system}", Permission::manage_exchange, put_template);
  r.add("POST", "/api/v1/outbox/prepare", Permission::manage_exchange, prepare);
  r.add("GET", "/api/v1/outbox", Permission::read_synthesis, list_outbox);
  r.add("GET", "/api/v1/outbox/export", Permission::read_synthesis, export_outbox);
  r.add("GET", "/api/v1/outbox/{id}", Permission::read_synthesis, get_outbox);
  r.add("POST", "/api/v1/outbox/{id}/entered", Permission::manage_plan, mark_entered);
  r.add("POST", "/api/v1/outbox/{id}/acknowledged", Permission::manage_plan, mark_acknowledged);
  r.add("GET", "/api/v1/upstream-programs/{id}/rollup", Permission::read_synthesis, program_rollup);
  r.add("GET", "/api/v1/tasks/{id}/upstream-links", Permission::read_plan, get_links);
  r.add("PUT", "/api/v1/tasks/{id}/upstream-links", Permission::manage_plan, put_links);
  r.add("POST", "/api/v1/external-systems", Permission::manage_exchange, create_system);
  // Everyone signed in: each item found is shown only to those who may see it (service::external_item_visible), a
  // host organisation's officers their own S&T tasks.
  r.add("GET", "/api/v1/external-codes", Permission::work_st_tasks, list_codes);
  r.add("PUT", "/api/v1/external-codes", Permission::manage_plan, set_code);
  r.add("GET", "/api/v1/event-subscriptions", Permission::manage_exchange, list_subscriptions);
  r.add("POST", "/api/v1/event-subscriptions", Permission::manage_exchange, create_subscription);
  r.add("PATCH", "/api/v1/event-subscriptions/{id}", Permission::manage_exchange, update_subscription);
  r.add("GET", "/api/v1/event-deliveries", Permission::manage_exchange, list_deliveries);
  r.add("POST", "/api/v1/event-deliveries/run", Permission::manage_exchange, run_deliveries);
  r.add("GET", "/api/v1/event-deliveries/{id}", Permission::manage_exchange, get_delivery);
  r.add("POST", "/api/v1/event-deliveries/{id}/replay", Permission::manage_exchange, replay_delivery);
}

}  // namespace tiendo::api
