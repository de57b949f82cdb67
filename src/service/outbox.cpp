#include "service/outbox.h"

#include "domain/exchange.h"
#include "domain/ranges.h"
#include "domain/reporting_rule.h"
#include "service/audit.h"
#include "service/exchange_job.h"
#include "service/json_out.h"

namespace tiendo::service {

namespace json = boost::json;

namespace {

json::object template_json(const store::OutboxTemplateRow& r) {
  return json::object{{"system", r.system},
                      {"columns", json::parse(r.columns_json)},
                      {"status_map", json::parse(r.status_map_json)},
                      {"note", r.note},
                      {"assumed", r.assumed},
                      {"updated_at", r.updated_at}};
}

json::object outbox_json(const store::OutboxItem& o, bool with_payload) {
  json::object out{{"id", o.id},
                   {"kind", o.kind},
                   {"ref_id", o.ref_id},
                   {"period", o.period},
                   {"system", o.system},
                   {"upstream_code", o.upstream_code},
                   {"version", o.version},
                   {"state", o.state},
                   {"channel", nullable(o.channel)},
                   {"entered_on", nullable(o.entered_on)},
                   {"external_ref", o.external_ref},
                   {"marked_at", nullable(o.marked_at)},
                   {"prepared_at", nullable(o.prepared_at)},
                   {"delivery_id", o.delivery_id ? json::value(*o.delivery_id) : json::value(nullptr)},
                   {"attempts", o.attempts},
                   {"last_error", o.last_error}};
  const auto payload = json::parse(o.payload).as_object();
  out["columns"] = payload.at("columns");
  if (with_payload) out["payload"] = payload;
  return out;
}

void check_state(const store::OutboxFilter& f) {
  if (f.state && !domain::known_outbox_state(*f.state))
    throw invalid("state", "Trạng thái phải là đã chuẩn bị, đã gửi, đã xác nhận hoặc lỗi.");
}

store::OutboxItem found_item(store::Connection& c, store::Id id) {
  auto o = store::find_outbox_item(c, id);
  if (!o) throw not_found("mục hộp thư đi");
  return std::move(*o);
}

}  // namespace

json::object outbox_templates(store::Connection& c) {
  json::array items;
  for (const auto& t : store::list_outbox_templates(c)) items.push_back(template_json(t));
  json::array fields;
  for (const auto kind : {"assignment_update", "feedback_item"})
    for (const auto f : domain::outbox_fields(kind)) fields.push_back(json::value(json::string_view(f)));
  const auto n = static_cast<long long>(items.size());
  return json::object{{"items", std::move(items)}, {"total", n}, {"fields", std::move(fields)}};
}

json::object save_outbox_template(const Call& call, const std::string& system, const TemplateInput& in) {
  domain::OutboxTemplate t;
  json::array columns;
  for (const auto& [field, header] : in.columns) {
    t.columns.push_back({field, header});
    columns.push_back(json::object{{"field", field}, {"header", header}});
  }
  json::object status_map;
  for (const auto& [status, word] : in.status_map) {
    t.status_map.emplace_back(status, word);
    status_map[status] = word;
  }
  if (auto why = domain::template_problem(t)) throw invalid(why->field, why->message);
  const store::OutboxTemplateRow row{system,     json::serialize(columns), json::serialize(status_map), in.note,
                                     in.assumed, domain::iso(call.now)};
  if (!store::find_external_system(call.c, system)) throw not_found("hệ thống ngoài");
  const auto before = store::find_outbox_template(call.c, system);
  store::save_outbox_template(call.c, row, call.who.user_id);
  const auto out = template_json(*store::find_outbox_template(call.c, system));
  audit(call.c, call.postgres, &call.who, call.now, "outbox_template", 0, before ? "update" : "create",
        before ? json::value(template_json(*before)) : json::value(nullptr), out);
  return out;
}

json::object prepare_outbox_month(store::Database& db, const Actor& who, domain::Instant now, bool postgres,
                                  const std::optional<std::string>& period, const std::optional<std::string>& system) {
  const auto parsed = period ? domain::parse_period(*period) : std::nullopt;
  if (!parsed || parsed->type != domain::PeriodType::monthly)
    throw invalid("period", "Kỳ cập nhật phải là một tháng, dạng 2026-11.");
  // A clerk prepares one system's month ("the December update for Hệ thống 57"); none given is every system.
  if (system && !db.read([&](store::Connection& c) { return store::find_external_system(c, *system).has_value(); }))
    throw invalid("system", "Không có hệ thống ngoài này.");
  const auto r = prepare_outbox(db, *period, system, now);
  json::array without;
  for (const auto& s : r.without_template) without.push_back(json::value(s));
  const json::object out{{"period", *period},  {"system", system ? json::value(*system) : json::value(nullptr)},
                         {"items", r.items},   {"changed", r.changed},
                         {"queued", r.queued}, {"without_template", std::move(without)}};
  db.write([&](store::Connection& c) { audit(c, postgres, &who, now, "outbox", 0, "prepare", nullptr, out); });
  return out;
}

OutboxPage outbox_items(store::Connection& c, const OutboxQuery& q) {
  check_state(q.filter);
  OutboxPage out;
  for (const auto& o : store::list_outbox_items(c, q.filter, q.page, &out.total))
    out.items.push_back(outbox_json(o, false));
  return out;
}

json::object outbox_item(store::Connection& c, store::Id id) { return outbox_json(found_item(c, id), true); }

json::object mark_outbox_entered(const Call& call, store::Id id, domain::Date day, const std::string& reference) {
  if (day > domain::vietnam_date(call.now))
    throw invalid("entered_on", "Ngày nhập lên hệ thống cấp trên không được sau hôm nay.");
  const auto before = found_item(call.c, id);
  if (!store::mark_outbox_entered(call.c, before.id, domain::iso(day), reference, call.who.user_id,
                                  domain::iso(call.now)))
    throw conflict("Mục này đã được gửi hoặc đã ghi nhận nhập lên hệ thống cấp trên.", "state");
  const auto o = found_item(call.c, before.id);
  audit(call.c, call.postgres, &call.who, call.now, "outbox_item", o.id, "entered",
        json::object{{"state", before.state}},
        json::object{{"state", o.state}, {"entered_on", *o.entered_on}, {"external_ref", o.external_ref}});
  return outbox_json(o, false);
}

json::object mark_outbox_acknowledged(const Call& call, store::Id id, const std::string& reference) {
  const auto before = found_item(call.c, id);
  if (!store::mark_outbox_acknowledged(call.c, before.id, reference, call.who.user_id, domain::iso(call.now)))
    throw conflict("Chỉ mục đã gửi hoặc đã nhập lên mới được ghi nhận cấp trên xác nhận.", "state");
  const auto o = found_item(call.c, before.id);
  audit(call.c, call.postgres, &call.who, call.now, "outbox_item", o.id, "acknowledged",
        json::object{{"state", before.state}}, json::object{{"state", o.state}, {"external_ref", o.external_ref}});
  return outbox_json(o, false);
}

ExportTable outbox_export(store::Connection& c, const store::OutboxFilter& filter) {
  check_state(filter);
  if (!filter.system) throw invalid("system", "Thiếu tham số \"" + domain::field_label("system") + "\".");
  const auto tpl = store::find_outbox_template(c, *filter.system);
  if (!tpl) throw not_found("mẫu cột của hệ thống");
  const auto t = outbox_template(tpl->columns_json, tpl->status_map_json);
  ExportTable table;
  for (const auto& col : t.columns) table.columns.push_back({col.field, col.header});
  table.columns.push_back({"item_id", "Số mục hộp thư đi"});
  table.columns.push_back({"state", "Trạng thái gửi"});
  long long total = 0;
  for (const auto& o : store::list_outbox_items(c, filter, store::Page{100000, 0}, &total)) {
    std::vector<ExportCell> row;
    const auto payload = json::parse(o.payload).as_object();
    for (const auto& col : t.columns) {
      std::string v;
      for (const auto& cell : payload.at("columns").as_array())
        if (cell.at("field").as_string() == col.field) v = std::string(cell.at("value").as_string());
      row.emplace_back(v);
    }
    row.emplace_back(o.id);
    row.emplace_back(o.state);
    table.rows.push_back(std::move(row));
    table.codes.emplace_back();
  }
  table.stem = "hop-thu-di-" + *filter.system + (filter.period ? "-" + *filter.period : "");
  table.head = json::object{{"system", *filter.system}, {"assumed", tpl->assumed}};
  return table;
}

}  // namespace tiendo::service
