// Exchange with other systems (issue 18): the external systems and each plan item's code in them, lookup by
// external code, and the admin's event subscriptions with their delivery log and replay.
#include <sodium.h>

#include <charconv>

#include "api/item_scope.h"
#include "api/json_io.h"
#include "api/router.h"
#include "domain/exchange.h"
#include "domain/labels.h"
#include "domain/vocabulary.h"
#include "formats/xlsx_writer.h"
#include "service/evaluation.h"
#include "service/exchange_job.h"
#include "store/exchange_store.h"
#include "store/plan_store.h"

namespace tiendo::api {

namespace json = boost::json;

namespace {

json::value to_json(const store::ExternalSystem& s) {
  return json::object{{"code", s.code}, {"name", s.name}, {"note", s.note}, {"created_at", s.created_at}};
}

json::value to_json(const store::ExternalCode& e) {
  return json::object{{"entity", e.entity},           {"entity_id", e.entity_id}, {"system", e.system},
                      {"system_name", e.system_name}, {"code", e.code},           {"note", e.note},
                      {"valid_from", e.valid_from}};
}

json::value to_json(const store::EventSubscription& s) {
  json::array types;
  size_t i = 0;
  while (i <= s.event_types.size()) {
    const size_t j = std::min(s.event_types.find(',', i), s.event_types.size());
    if (j > i) types.push_back(json::value(s.event_types.substr(i, j - i)));
    i = j + 1;
  }
  return json::object{{"id", s.id},
                      {"name", s.name},
                      {"url", s.url},
                      {"event_types", types},
                      {"active", s.active},
                      {"created_at", s.created_at},
                      {"outbox_system", nullable(s.outbox_system)}};
}

json::object delivery_json(const store::EventDelivery& d) {
  return json::object{{"id", d.id},
                      {"event_id", d.event_id},
                      {"event_type", d.type},
                      {"occurred_at", d.occurred_at},
                      {"subscription_id", d.subscription_id},
                      {"subscription_name", d.subscription_name},
                      {"state", d.state},
                      {"attempts", d.attempts},
                      {"next_attempt_at", d.next_attempt_at},
                      {"last_error", d.last_error},
                      {"sent_at", nullable(d.sent_at)}};
}

std::string entity_label(const std::string& entity) {
  if (entity == "unit") return "đơn vị";
  if (entity == "directive") return "văn bản chỉ đạo";
  if (entity == "task") return "nhiệm vụ";
  if (entity == "indicator") return "chỉ tiêu";
  if (entity == "feedback_item") return "phản ánh, kiến nghị";
  if (entity == "st_task") return "nhiệm vụ khoa học và công nghệ";
  return "phân công";
}

// The national S&T platform: an S&T task's code there is the task's own field (national_code, "Mã trên nền
// tảng quốc gia", kept by the register and its import), read here as its code in this system.
constexpr std::string_view kStPlatform = "khcn.quocgia";

store::ExternalCode national_code_entry(store::Connection& c, const store::StTask& t) {
  const auto system = store::find_external_system(c, std::string(kStPlatform));
  return {0,
          "st_task",
          t.id,
          std::string(kStPlatform),
          system ? system->name : std::string(kStPlatform),
          *t.national_code,
          "Mã trên nền tảng quốc gia của nhiệm vụ",
          t.national_code_on.value_or(t.created_at)};
}

// Whether the item exists and the caller may see it, as its own page decides: the plan is shared with the
// city's roles (not a host organisation's officers); an assignment is seen within the caller's unit subtree, a
// feedback item by those its inbox shows it to, an S&T task by those who host or manage it (item_scope.h).
bool visible(Context& ctx, store::Connection& c, const std::string& entity, store::Id id) {
  const auto& p = ctx.user();
  if (entity == "st_task") {
    const auto t = store::find_st_task(c, id);
    return t && st_task_in_scope(p, *t);
  }
  if (entity == "feedback_item") {
    if (!p.can(Permission::read_unit_data)) return false;
    const auto f = store::find_feedback(c, id);
    return f && feedback_in_scope(p, *f, store::list_feedback_coordinators(c, {f->id}));
  }
  if (!p.can(Permission::read_plan)) return false;
  if (entity == "unit") return store::find_unit(c, id).has_value();
  if (entity == "directive") return store::find_directive(c, id).has_value();
  if (entity == "task") return store::find_task(c, id).has_value();
  if (entity == "indicator") return store::find_indicator(c, id).has_value();
  const auto a = store::find_assignment(c, id);
  return a && a->unit && p.in_scope(a->unit->path);
}

std::string required_entity(const std::string& entity) {
  if (!domain::known_external_entity(entity))
    throw bad_request("entity", "Trường " + label("entity") +
                                    " phải là đơn vị, văn bản chỉ đạo, nhiệm vụ, chỉ tiêu, phân công, phản ánh kiến "
                                    "nghị hoặc nhiệm vụ khoa học và công nghệ.");
  return entity;
}

Response list_systems(Context& ctx) {
  return ctx.db.read([&](store::Connection& c) {
    json::array items;
    for (const auto& s : store::list_external_systems(c)) items.push_back(to_json(s));
    const auto n = static_cast<long long>(items.size());
    return list_response(std::move(items), n);
  });
}

Response create_system(Context& ctx) {
  const auto b = parse_body(ctx.req);
  store::ExternalSystem s;
  s.code = required_string(b, "code", 40);
  if (!domain::valid_system_code(s.code))
    throw bad_request("code", "Trường " + label("code") +
                                  " gồm 2–40 ký tự a–z, 0–9, dấu chấm, gạch dưới, gạch nối; bắt đầu bằng chữ hoặc số.");
  s.name = required_string(b, "name", 200);
  s.note = optional_string(b, "note", 1000).value_or("");
  s.created_at = domain::iso(ctx.now);
  return ctx.db.write([&](store::Connection& c) {
    if (store::find_external_system(c, s.code)) throw conflict("Hệ thống ngoài với mã này đã có.", "code");
    store::insert_external_system(c, s);
    audit(ctx, c, "external_system", 0, "create", nullptr, json::object{{"code", s.code}, {"name", s.name}});
    return json_response(201, to_json(s));
  });
}

// The codes of one item (?entity=&entity_id=), or the items that carry one code (?system=&code=).
Response list_codes(Context& ctx) {
  const auto system = query_string(ctx.req, "system");
  const auto code = query_string(ctx.req, "code");
  const auto entity = query_string(ctx.req, "entity");
  return ctx.db.read([&](store::Connection& c) {
    json::array items;
    if (system || code) {
      if (!system) throw bad_request("system", "Thiếu tham số " + label("system") + ".");
      if (!code) throw bad_request("code", "Thiếu tham số " + label("code") + ".");
      for (const auto& e : store::find_by_external_code(c, *system, *code))
        if (visible(ctx, c, e.entity, e.entity_id)) items.push_back(to_json(e));
      if (*system == kStPlatform) {
        store::StTaskFilter f;
        f.national_code = *code;
        for (const auto& t : store::list_st_tasks(c, f))
          if (st_task_in_scope(ctx.user(), t)) items.push_back(to_json(national_code_entry(c, t)));
      }
    } else {
      if (!entity) throw bad_request("entity", "Cần tham số " + label("entity") + " hoặc " + label("system") + ".");
      required_entity(*entity);
      const auto id = query_id(ctx.req, "entity_id");
      if (!id) throw bad_request("entity_id", "Thiếu tham số " + label("entity_id") + ".");
      if (!visible(ctx, c, *entity, *id)) throw not_found(entity_label(*entity));
      for (const auto& e : store::external_codes_of(c, *entity, *id)) items.push_back(to_json(e));
      if (*entity == "st_task")
        if (const auto t = store::find_st_task(c, *id); t && t->national_code)
          items.push_back(to_json(national_code_entry(c, *t)));
    }
    const auto n = static_cast<long long>(items.size());
    return list_response(std::move(items), n);
  });
}

// Sets (or, with "code": null, removes) an item's code in one system; the old code's row is kept, closed.
Response set_code(Context& ctx) {
  const auto b = parse_body(ctx.req);
  const std::string entity = required_entity(required_string(b, "entity", 20));
  const auto id = optional_int(b, "entity_id", 1, INT64_MAX);
  if (!id) throw bad_request("entity_id", "Trường " + label("entity_id") + " là bắt buộc.");
  const std::string system = required_string(b, "system", 40);
  const auto* code_value = b.if_contains("code");
  if (!code_value) throw bad_request("code", "Trường " + label("code") + " là bắt buộc (null để xóa mã).");
  std::optional<std::string> code;
  if (!code_value->is_null()) {
    if (!code_value->is_string()) throw bad_request("code", "Trường " + label("code") + " phải là chuỗi hoặc null.");
    code = std::string(code_value->as_string());
    if (auto problem = domain::external_code_problem(system, *code)) throw bad_request("code", *problem);
  }
  const std::string note = optional_string(b, "note", 500).value_or("");
  if (system == domain::kAgencyCodeSystem && entity != "unit")
    throw bad_request("system", "Mã định danh theo QĐ 20/2020/QĐ-TTg chỉ gán cho đơn vị.");
  if (system == kStPlatform && entity == "st_task")
    throw bad_request("system",
                      "Mã của nhiệm vụ khoa học và công nghệ trên nền tảng quốc gia là trường «Mã trên nền "
                      "tảng quốc gia» của nhiệm vụ: sửa ở sổ nhiệm vụ.");
  return ctx.db.write([&](store::Connection& c) {
    if (!store::find_external_system(c, system)) throw bad_request("system", "Không có hệ thống ngoài này.");
    if (!visible(ctx, c, entity, *id)) throw not_found(entity_label(entity));
    const auto before =
        store::set_external_code(c, entity, *id, system, code, note, domain::iso(ctx.now), ctx.user().user_id);
    audit(ctx, c, entity, *id, "external_code",
          json::object{{"system", system}, {"code", before ? json::value(*before) : json::value(nullptr)}},
          json::object{{"system", system}, {"code", code ? json::value(*code) : json::value(nullptr)}});
    json::array items;
    for (const auto& e : store::external_codes_of(c, entity, *id)) items.push_back(to_json(e));
    const auto n = static_cast<long long>(items.size());
    return list_response(std::move(items), n);
  });
}

Response list_subscriptions(Context& ctx) {
  return ctx.db.read([&](store::Connection& c) {
    json::array items;
    for (const auto& s : store::list_subscriptions(c)) items.push_back(to_json(s));
    const auto n = static_cast<long long>(items.size());
    return list_response(std::move(items), n);
  });
}

Response create_subscription(Context& ctx) {
  const auto b = parse_body(ctx.req);
  store::EventSubscription s;
  s.name = required_string(b, "name", 200);
  s.url = required_string(b, "url", 2000);
  const auto url = domain::parse_https_url(s.url);
  if (!url) throw bad_request("url", "Trường " + label("url") + " phải là địa chỉ https:// hợp lệ.");
  if (!domain::destination_allowed(*url, ctx.config.exchange.allowlist))
    throw bad_request("url",
                      "Địa chỉ nhận chưa có trong danh sách cho phép của máy chủ (cấu hình khi khởi động máy chủ).");
  // Issue 18: a subscription bound to an external system is its outbox connector and gets that system's
  // outbox items only.
  const auto outbox_system = optional_string(b, "outbox_system", 40);
  const auto* types = b.if_contains("event_types");
  if (outbox_system) {
    if (types && !types->is_null())
      throw bad_request("event_types", "Kênh gửi hộp thư đi chỉ nhận các mục của hệ thống, không chọn loại sự kiện.");
    s.event_types = "outbox_item";
  } else {
    if (!types || !types->is_array() || types->as_array().empty())
      throw bad_request("event_types", "Trường " + label("event_types") + " là danh sách loại sự kiện, không rỗng.");
    for (const auto& t : types->as_array()) {
      if (!t.is_string() || !domain::known_event_type(std::string(t.as_string())))
        throw bad_request("event_types", "Loại sự kiện không hợp lệ trong " + label("event_types") + ".");
      if (!s.event_types.empty()) s.event_types += ',';
      s.event_types += std::string(t.as_string());
    }
  }
  // The secret is made here and shown once: whoever holds it can sign as this server.
  unsigned char raw[32];
  randombytes_buf(raw, sizeof raw);
  char hex[65];
  sodium_bin2hex(hex, sizeof hex, raw, sizeof raw);
  s.secret = hex;
  s.created_at = domain::iso(ctx.now);
  return ctx.db.write([&](store::Connection& c) {
    if (outbox_system && !store::find_external_system(c, *outbox_system))
      throw bad_request("outbox_system", "Không có hệ thống ngoài này.");
    s.id = outbox_system ? store::insert_connector(c, s, *outbox_system, ctx.user().user_id)
                         : store::insert_subscription(c, s, ctx.user().user_id);
    s.outbox_system = outbox_system;
    auto out = to_json(s).as_object();
    audit(ctx, c, "event_subscription", s.id, "create", nullptr, out);
    out["secret"] = s.secret;
    return json_response(201, out);
  });
}

Response update_subscription(Context& ctx) {
  const auto b = parse_body(ctx.req);
  const auto active = optional_bool(b, "active");
  if (!active) throw bad_request("active", "Trường " + label("active") + " là bắt buộc.");
  return ctx.db.write([&](store::Connection& c) {
    const auto s = store::find_subscription(c, ctx.path_id());
    if (!s) throw not_found("đăng ký nhận sự kiện");
    store::set_subscription_active(c, s->id, *active);
    audit(ctx, c, "event_subscription", s->id, *active ? "activate" : "deactivate", json::object{{"active", s->active}},
          json::object{{"active", *active}});
    return json_response(200, to_json(*store::find_subscription(c, s->id)));
  });
}

Response list_deliveries(Context& ctx) {
  const auto page = query_page(ctx.req);
  store::DeliveryFilter f;
  f.state = query_string(ctx.req, "state");
  f.subscription_id = query_id(ctx.req, "subscription_id");
  return ctx.db.read([&](store::Connection& c) {
    long long total = 0;
    json::array items;
    for (const auto& d : store::list_event_deliveries(c, f, page, &total)) items.push_back(delivery_json(d));
    return list_response(std::move(items), total);
  });
}

json::object delivery_detail(store::Connection& c, store::Id id) {
  const auto d = store::find_event_delivery(c, id);
  if (!d) throw not_found("lần chuyển sự kiện");
  auto out = delivery_json(*d);
  out["payload"] = json::parse(d->payload);
  json::array attempts;
  for (const auto& a : store::event_attempts(c, id)) {
    attempts.push_back(json::object{{"attempt", a.attempt},
                                    {"started_at", a.started_at},
                                    {"outcome", a.outcome},
                                    {"http_status", nullable(a.http_status)},
                                    {"error", a.error},
                                    {"duration_ms", a.duration_ms}});
  }
  out["log"] = std::move(attempts);
  return out;
}

Response get_delivery(Context& ctx) {
  return ctx.db.read([&](store::Connection& c) { return json_response(200, delivery_detail(c, ctx.path_id())); });
}

// A delivery that gave up is tried again from its first attempt; one already sent is not (a receiver that
// lost it can ask by its event id, and "sent" is recorded once).
Response replay_delivery(Context& ctx) {
  return ctx.db.write([&](store::Connection& c) {
    const store::Id id = ctx.path_id();
    const auto before = delivery_detail(c, id);
    if (!store::replay_event_delivery(c, id, domain::iso(ctx.now)))
      throw conflict("Chỉ gửi lại được sự kiện đã gửi thất bại hẳn.", "state");
    audit(ctx, c, "event_delivery", id, "replay", json::object{{"state", before.at("state")}},
          json::object{{"state", "pending"}});
    return json_response(200, delivery_detail(c, id));
  });
}

// Runs the scheduler's exchange work now: the day's time-caused events and one sending pass.
Response run_deliveries(Context& ctx) {
  const int recorded = service::scan_time_events(ctx.db, ctx.now);
  const int sent = service::deliver_events(ctx.db, ctx.config.exchange, ctx.now);
  return json_response(200, json::object{{"events_recorded", recorded}, {"sent", sent}});
}

// Bulk data out for analysts (issue 18, item 5): one table, three shapes — CSV and .xlsx with a Vietnamese
// header row, JSON with English field names (the schema is in openapi.json). Each item's external codes are
// one column per system ("ma_<system>" in CSV and .xlsx, an object in JSON).
using Cell = std::variant<std::monostate, std::string, double, long long>;
struct Column {
  std::string name, label;
};
struct Table {
  std::vector<Column> columns;
  std::vector<std::vector<Cell>> rows;
  std::vector<std::string> systems;                       // external systems, in order
  std::vector<std::map<std::string, std::string>> codes;  // per row
};

Cell num(const std::optional<double>& v) { return v ? Cell{*v} : Cell{}; }

std::string csv_field(const std::string& s) {
  if (s.find_first_of(",\"\r\n") == std::string::npos) return s;
  std::string out = "\"";
  for (char c : s) out += c == '"' ? std::string("\"\"") : std::string(1, c);
  return out + "\"";
}

std::string cell_text(const Cell& c) {
  if (std::holds_alternative<std::string>(c)) return std::get<std::string>(c);
  if (std::holds_alternative<long long>(c)) return std::to_string(std::get<long long>(c));
  if (std::holds_alternative<double>(c)) {
    // The shortest text that reads back as the same number ("133", "12.5"), as a spreadsheet or JSON reader
    // expects; a decimal point, never a comma, in a comma-separated file.
    char buf[64];
    const auto end = std::to_chars(buf, buf + sizeof buf, std::get<double>(c)).ptr;
    return std::string(buf, end);
  }
  return "";
}

Response render(Context& ctx, const Table& t, const std::string& stem, json::object head) {
  const std::string format = query_string(ctx.req, "format").value_or("json");
  if (format == "json") {
    json::array items;
    for (size_t i = 0; i < t.rows.size(); ++i) {
      json::object o;
      for (size_t k = 0; k < t.columns.size(); ++k) {
        const auto& c = t.rows[i][k];
        if (std::holds_alternative<std::string>(c))
          o[t.columns[k].name] = std::get<std::string>(c);
        else if (std::holds_alternative<double>(c))
          o[t.columns[k].name] = std::get<double>(c);
        else if (std::holds_alternative<long long>(c))
          o[t.columns[k].name] = std::get<long long>(c);
        else
          o[t.columns[k].name] = nullptr;
      }
      json::object codes;
      for (const auto& [system, code] : t.codes[i]) codes[system] = code;
      o["external_codes"] = std::move(codes);
      items.push_back(std::move(o));
    }
    head["items"] = std::move(items);
    return json_response(200, head);
  }
  std::vector<std::string> header;
  for (const auto& c : t.columns) header.push_back(c.label);
  for (const auto& s : t.systems) header.push_back("Mã " + s);
  if (format == "csv") {
    std::string out = "\xEF\xBB\xBF";  // Excel opens UTF-8 CSV as UTF-8 only with the byte-order mark
    auto line = [&](const std::vector<std::string>& cells) {
      for (size_t k = 0; k < cells.size(); ++k) out += (k ? "," : "") + csv_field(cells[k]);
      out += "\r\n";
    };
    line(header);
    for (size_t i = 0; i < t.rows.size(); ++i) {
      std::vector<std::string> cells;
      for (const auto& c : t.rows[i]) cells.push_back(cell_text(c));
      for (const auto& s : t.systems) {
        auto it = t.codes[i].find(s);
        cells.push_back(it == t.codes[i].end() ? "" : it->second);
      }
      line(cells);
    }
    Response r;
    r.content_type = "text/csv; charset=utf-8";
    r.body = std::move(out);
    r.headers.emplace_back("Content-Disposition", attachment_disposition(stem + ".csv"));
    return r;
  }
  if (format == "xlsx") {
    formats::XlsxSheet sheet;
    sheet.name = "Du lieu";
    for (const auto& h : header) sheet.columns.push_back({h, 16});
    for (size_t i = 0; i < t.rows.size(); ++i) {
      formats::XlsxRow row;
      for (const auto& c : t.rows[i]) {
        if (std::holds_alternative<std::string>(c))
          row.cells.emplace_back(std::get<std::string>(c));
        else if (std::holds_alternative<double>(c))
          row.cells.emplace_back(std::get<double>(c));
        else if (std::holds_alternative<long long>(c))
          row.cells.emplace_back(static_cast<double>(std::get<long long>(c)));
        else
          row.cells.emplace_back(std::monostate{});
      }
      for (const auto& s : t.systems) {
        auto it = t.codes[i].find(s);
        row.cells.emplace_back(it == t.codes[i].end() ? std::string() : it->second);
      }
      sheet.rows.push_back(std::move(row));
    }
    Response r;
    r.content_type = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
    r.body = formats::write_xlsx({sheet}, {}, std::chrono::floor<std::chrono::seconds>(ctx.now));
    r.headers.emplace_back("Content-Disposition", attachment_disposition(stem + ".xlsx"));
    return r;
  }
  throw bad_request("format", "Tham số " + label("format") + " phải là json, csv hoặc xlsx.");
}

std::vector<std::string> system_codes(store::Connection& c) {
  std::vector<std::string> out;
  for (const auto& s : store::list_external_systems(c)) out.push_back(s.code);
  return out;
}

// Every assignment's status at as_of (R15: as known at the end of that day), with its unit's and task's codes.
Response export_statuses(Context& ctx) {
  const auto as_of = ctx.as_of();
  return ctx.db.read_replica([&](store::Connection& c) {
    service::Evaluator ev(c, as_of, ctx.now);
    const auto units = store::unit_codes(c);
    const auto codes = store::external_codes_known(c, "assignment", ev.known_before());
    const auto task_codes = store::external_codes_known(c, "task", ev.known_before());
    Table t;
    t.systems = system_codes(c);
    t.columns = {{"assignment_id", "Mã số phân công"},
                 {"directive_id", "Mã số văn bản"},
                 {"task_id", "Mã số nhiệm vụ"},
                 {"task_code", "Số hiệu nhiệm vụ"},
                 {"task_name", "Tên nhiệm vụ"},
                 {"unit_id", "Mã số đơn vị"},
                 {"unit_code", "Mã đơn vị"},
                 {"unit_name", "Đơn vị"},
                 {"status", "Trạng thái"},
                 {"status_label", "Trạng thái (nhãn)"},
                 {"due", "Hạn"},
                 {"progress_percent", "Tiến độ (%)"}};
    for (const auto& x : ev.assignments(store::AssignmentFilter{})) {
      if (!x.counted) continue;  // R1: a unit not active at as_of has no status that day
      const auto& a = *x.a;
      auto uc = units.find(a.unit_id);
      t.rows.push_back({a.id, a.directive_id, a.task_id, a.task ? a.task->code : "", a.task ? a.task->name : "",
                        a.unit_id, uc == units.end() ? "" : uc->second, a.unit ? a.unit->name : "",
                        std::string(domain::to_string(x.e.status)), std::string(domain::vn_label(x.e.status)),
                        x.e.due ? Cell{domain::iso(*x.e.due)} : Cell{}, static_cast<long long>(a.progress_percent)});
      // The assignment's own codes, else its task's: an upstream system usually names the task.
      std::map<std::string, std::string> row;
      if (auto tc = task_codes.find(a.task_id); tc != task_codes.end()) row = tc->second;
      if (auto ac = codes.find(a.id); ac != codes.end())
        for (const auto& [s, code] : ac->second) row[s] = code;
      t.codes.push_back(std::move(row));
    }
    return render(ctx, t, "trang-thai-nhiem-vu-" + domain::iso(as_of), json::object{{"as_of", domain::iso(as_of)}});
  });
}

// The indicator values that count now, by indicator, unit and period, with the units' and indicators' codes.
Response export_indicator_values(Context& ctx) {
  const auto period = query_string(ctx.req, "period");
  return ctx.db.read_replica([&](store::Connection& c) {
    const auto unit_codes = store::external_codes_known(c, "unit", std::nullopt);
    const auto indicator_codes = store::external_codes_known(c, "indicator", std::nullopt);
    Table t;
    t.systems = system_codes(c);
    t.columns = {{"indicator_id", "Mã số chỉ tiêu"},
                 {"indicator_code", "Số hiệu chỉ tiêu"},
                 {"indicator_name", "Tên chỉ tiêu"},
                 {"unit_of_measure", "Đơn vị tính"},
                 {"unit_id", "Mã số đơn vị"},
                 {"unit_code", "Mã đơn vị"},
                 {"unit_name", "Đơn vị"},
                 {"period", "Kỳ"},
                 {"numerator", "Tử số"},
                 {"denominator", "Mẫu số"},
                 {"value", "Giá trị"},
                 {"estimated_full_year", "Ước thực hiện cả năm"},
                 {"updated_at", "Cập nhật lúc"}};
    for (const auto& v : store::export_indicator_values(c, period)) {
      t.rows.push_back({v.indicator_id, v.indicator_code, v.indicator_name, v.unit_of_measure, v.unit_id, v.unit_code,
                        v.unit_name, v.period, num(v.numerator), num(v.denominator), num(v.value),
                        num(v.estimated_full_year), v.updated_at});
      std::map<std::string, std::string> row;
      if (auto uc = unit_codes.find(v.unit_id); uc != unit_codes.end()) row = uc->second;
      if (auto ic = indicator_codes.find(v.indicator_id); ic != indicator_codes.end())
        for (const auto& [s, code] : ic->second) row[s] = code;
      t.codes.push_back(std::move(row));
    }
    json::object head;
    head["period"] = period ? json::value(*period) : json::value(nullptr);
    return render(ctx, t, "so-lieu-chi-tieu" + (period ? "-" + *period : std::string()), std::move(head));
  });
}

// Each unit's report for one period of a plan and its timeliness (R2, R4), as known at the end of as_of (R15),
// with the units' codes: what a data warehouse counts as "reported on time".
Response export_report_timeliness(Context& ctx) {
  const auto directive_id = query_id(ctx.req, "directive_id");
  if (!directive_id) throw bad_request("directive_id", "Tham số " + label("directive_id") + " là bắt buộc.");
  const auto as_of = ctx.as_of();
  return ctx.db.read_replica([&](store::Connection& c) {
    const auto d = store::find_directive(c, *directive_id);
    if (!d || !d->has_plan) throw not_found("kế hoạch");
    service::Evaluator ev(c, as_of, ctx.now);
    const auto& cal = ev.calendar(d->id);
    domain::Period period = domain::judged_period(cal.rule, cal.holidays, as_of);
    if (const auto key = query_string(ctx.req, "period")) {
      const auto p = domain::parse_period(*key);
      if (!p || (p->type != cal.rule.period_type && p->type != domain::PeriodType::annual))
        throw bad_request("period",
                          "Kỳ báo cáo không hợp lệ (ví dụ: \"2026-10\" cho tháng 10/2026, \"2026\" cho "
                          "báo cáo năm).");
      period = *p;
    }
    const auto due = domain::iso(domain::report_due_date(cal.rule, cal.holidays, period));
    store::AssignmentFilter af;
    af.directive_id = d->id;
    af.known_before = ev.known_before();
    const auto obligations =
        service::report_obligations(c, ev, d->id, period, ctx.now, store::list_assignments(c, af), std::nullopt);
    const auto unit_codes = store::external_codes_known(c, "unit", ev.known_before());
    const auto own_codes = store::unit_codes(c);
    Table t;
    t.systems = system_codes(c);
    t.columns = {{"directive_id", "Mã số văn bản"},
                 {"directive_number", "Số hiệu văn bản"},
                 {"period", "Kỳ báo cáo"},
                 {"due_date", "Hạn báo cáo"},
                 {"unit_id", "Mã số đơn vị"},
                 {"unit_code", "Mã đơn vị"},
                 {"unit_name", "Đơn vị"},
                 {"peer_group", "Nhóm đơn vị"},
                 {"report_id", "Mã số báo cáo"},
                 {"state", "Trạng thái báo cáo"},
                 {"first_submitted_at", "Gửi lần đầu lúc"},
                 {"timeliness", "Đúng hạn"},
                 {"timeliness_label", "Đúng hạn (nhãn)"}};
    for (const auto& o : obligations) {
      const std::string tl(domain::to_string(o.timeliness));
      auto uc = own_codes.find(o.unit_id);
      t.rows.push_back({d->id, d->number, period.key(), due, o.unit_id, uc == own_codes.end() ? "" : uc->second,
                        o.unit_name, o.peer_group, o.report ? Cell{o.report->report_id} : Cell{},
                        o.report ? Cell{o.report->state} : Cell{},
                        o.report && o.report->first_submitted_at ? Cell{*o.report->first_submitted_at} : Cell{}, tl,
                        std::string(domain::vi_label("timeliness", tl))});
      auto codes = unit_codes.find(o.unit_id);
      t.codes.push_back(codes == unit_codes.end() ? std::map<std::string, std::string>{} : codes->second);
    }
    return render(
        ctx, t, "dung-han-bao-cao-" + period.key() + "-" + domain::iso(as_of),
        json::object{
            {"as_of", domain::iso(as_of)}, {"directive_id", d->id}, {"period", period.key()}, {"due_date", due}});
  });
}

// Issue 18, item 2: programs from above, the links of city tasks to their tasks, the roll-up per upstream task.
json::value to_json(const store::UpstreamProgram& p) {
  return json::object{
      {"directive_id", p.directive_id}, {"system", p.system},        {"number", p.number}, {"title", p.title},
      {"task_count", p.task_count},     {"created_at", p.created_at}};
}

json::value to_json(const store::TaskLink& l) {
  return json::object{{"task_id", l.task_id},
                      {"task_code", l.task_code},
                      {"task_name", l.task_name},
                      {"directive_number", l.directive_number},
                      {"upstream_task_id", l.upstream_task_id},
                      {"upstream_code", l.upstream_code},
                      {"upstream_name", l.upstream_name},
                      {"upstream_number", l.upstream_number},
                      {"upstream_system", l.upstream_system},
                      {"valid_from", l.valid_from}};
}

Response list_programs(Context& ctx) {
  return ctx.db.read([&](store::Connection& c) {
    json::array items;
    for (const auto& p : store::list_upstream_programs(c)) items.push_back(to_json(p));
    const auto n = static_cast<long long>(items.size());
    return list_response(std::move(items), n);
  });
}

Response links_response(store::Connection& c, store::Id task_id) {
  json::array items;
  for (const auto& l : store::upstream_links_of(c, task_id)) items.push_back(to_json(l));
  const auto n = static_cast<long long>(items.size());
  return list_response(std::move(items), n);
}

Response get_links(Context& ctx) {
  return ctx.db.read([&](store::Connection& c) {
    if (!store::find_task(c, ctx.path_id())) throw not_found("nhiệm vụ");
    return links_response(c, ctx.path_id());
  });
}

// Makes the listed upstream tasks the ones this city task implements (an empty list removes every link).
Response put_links(Context& ctx) {
  const auto b = parse_body(ctx.req);
  const auto* ids = b.if_contains("upstream_task_ids");
  if (!ids || !ids->is_array())
    throw bad_request("upstream_task_ids", "Trường " + label("upstream_task_ids") + " phải là danh sách mã số.");
  if (ids->as_array().size() > 100)
    throw bad_request("upstream_task_ids", "Một nhiệm vụ liên kết tối đa 100 nhiệm vụ cấp trên.");
  std::vector<store::Id> wanted;
  for (const auto& v : ids->as_array()) {
    if (!v.is_int64() || v.as_int64() < 1)
      throw bad_request("upstream_task_ids", "Trường " + label("upstream_task_ids") + " phải là danh sách mã số.");
    wanted.push_back(v.as_int64());
  }
  return ctx.db.write([&](store::Connection& c) {
    const auto task = store::find_task(c, ctx.path_id());
    if (!task) throw not_found("nhiệm vụ");
    if (store::find_upstream_program(c, task->directive_id))
      throw bad_request("id", "Nhiệm vụ của chương trình cấp trên không liên kết tới nhiệm vụ cấp trên khác.");
    for (auto id : wanted) {
      const auto up = store::find_task(c, id);
      if (!up || !store::find_upstream_program(c, up->directive_id))
        throw bad_request("upstream_task_ids",
                          "Mã số " + std::to_string(id) + " không phải nhiệm vụ của một chương trình cấp trên.");
    }
    const auto before = store::upstream_links_of(c, task->id);
    const auto [opened, closed] =
        store::set_upstream_links(c, task->id, wanted, domain::iso(ctx.now), ctx.user().user_id);
    if (opened + closed > 0) {
      json::array was, now;
      for (const auto& l : before) was.push_back(l.upstream_task_id);
      for (const auto& l : store::upstream_links_of(c, task->id)) now.push_back(l.upstream_task_id);
      audit(ctx, c, "task", task->id, "upstream_links", json::object{{"upstream_task_ids", was}},
            json::object{{"upstream_task_ids", now}});
    }
    return links_response(c, task->id);
  });
}

// Per upstream task at as_of (R15: links, tasks and assignments as known at the end of that day): the share
// of its linked city assignments done and the worst status among them.
Response program_rollup(Context& ctx) {
  const auto as_of = ctx.as_of();
  return ctx.db.read_replica([&](store::Connection& c) {
    const auto program = store::find_upstream_program(c, ctx.path_id());
    if (!program) throw not_found("chương trình cấp trên");
    service::Evaluator ev(c, as_of, ctx.now);
    const auto links = store::program_links_known(c, program->directive_id, ev.known_before());
    const auto codes = store::external_codes_known(c, "task", ev.known_before());
    std::map<store::Id, std::vector<store::Id>> by_city_task;  // city task -> upstream tasks
    for (const auto& [up, ls] : links)
      for (const auto& l : ls) by_city_task[l.task_id].push_back(up);
    std::map<store::Id, domain::UpstreamRollup> rollups;
    for (const auto& [task_id, ups] : by_city_task) {
      store::AssignmentFilter f;
      f.task_id = task_id;
      for (const auto& x : ev.assignments(f)) {
        if (!x.counted) continue;  // R1: a unit not active at as_of has no status that day
        for (auto up : ups) domain::add(rollups[up], x.e.status);
      }
    }
    json::array items;
    long long linked = 0;
    for (const auto& pt : store::program_tasks(c, program->directive_id, ev.known_before())) {
      const auto id = pt.id;
      const auto& roll = rollups[id];
      json::array tasks;
      if (auto it = links.find(id); it != links.end())
        for (const auto& l : it->second)
          tasks.push_back(json::object{{"task_id", l.task_id},
                                       {"task_code", l.task_code},
                                       {"task_name", l.task_name},
                                       {"directive_number", l.directive_number}});
      linked += tasks.empty() ? 0 : 1;
      std::string upstream_code = pt.code;
      if (auto tc = codes.find(id); tc != codes.end())
        if (auto sc = tc->second.find(program->system); sc != tc->second.end()) upstream_code = sc->second;
      const auto share = roll.share_done();
      items.push_back(json::object{
          {"task_id", id},
          {"code", pt.code},
          {"upstream_code", upstream_code},
          {"name", pt.name},
          {"deadline_text", pt.deadline_text},
          {"linked_tasks", std::move(tasks)},
          {"assignments", roll.assignments},
          {"done", roll.done},
          {"cancelled", roll.cancelled},
          {"share_done", share ? json::value(*share) : json::value(nullptr)},
          {"worst_status", roll.worst ? json::value(domain::to_string(*roll.worst)) : json::value(nullptr)},
          {"worst_status_label", roll.worst ? json::value(domain::vn_label(*roll.worst)) : json::value(nullptr)}});
    }
    const auto total = static_cast<long long>(items.size());
    return json_response(200, json::object{{"directive_id", program->directive_id},
                                           {"number", program->number},
                                           {"title", program->title},
                                           {"system", program->system},
                                           {"as_of", domain::iso(as_of)},
                                           {"tasks", total},
                                           {"linked", linked},
                                           {"items", std::move(items)}});
  });
}

// Issue 18, item 3: the outbox to upstream systems, their column templates and the clerk's marks.
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

Response list_templates(Context& ctx) {
  return ctx.db.read([&](store::Connection& c) {
    json::array items;
    for (const auto& t : store::list_outbox_templates(c)) items.push_back(template_json(t));
    // The fields a column may take, so the admin's form offers exactly those the check accepts.
    json::array fields;
    for (const auto kind : {"assignment_update", "feedback_item"})
      for (const auto f : domain::outbox_fields(kind)) fields.push_back(json::value(json::string_view(f)));
    const auto n = static_cast<long long>(items.size());
    return json_response(200, json::object{{"items", std::move(items)}, {"total", n}, {"fields", std::move(fields)}});
  });
}

Response put_template(Context& ctx) {
  const std::string system = ctx.path_params.at("system");
  const auto b = parse_body(ctx.req);
  const auto* cols = b.if_contains("columns");
  if (!cols || !cols->is_array())
    throw bad_request("columns", "Trường " + label("columns") + " là danh sách cột (trường, tiêu đề).");
  domain::OutboxTemplate t;
  json::array columns;
  for (const auto& v : cols->as_array()) {
    if (!v.is_object()) throw bad_request("columns", "Mỗi cột gồm trường và tiêu đề.");
    // Read as given: the template check names the column whose field or header is missing or wrong.
    const auto text_of = [&](const char* key) {
      const auto* x = v.as_object().if_contains(key);
      return x && x->is_string() ? std::string(x->as_string()) : std::string();
    };
    const auto field = text_of("field");
    const auto header = text_of("header");
    t.columns.push_back({field, header});
    columns.push_back(json::object{{"field", field}, {"header", header}});
  }
  json::object status_map;
  if (const auto* m = b.if_contains("status_map"); m && !m->is_null()) {
    if (!m->is_object()) throw bad_request("status_map", "Trường " + label("status_map") + " phải là đối tượng.");
    for (const auto& [k, v] : m->as_object()) {
      if (!v.is_string()) throw bad_request("status_map", "Mỗi trạng thái ứng với một cụm từ của hệ thống.");
      t.status_map.emplace_back(std::string(k), std::string(v.as_string()));
      status_map[k] = v;
    }
  }
  if (auto why = domain::template_problem(t)) throw bad_request(why->field, why->message);
  store::OutboxTemplateRow row{system,
                               json::serialize(columns),
                               json::serialize(status_map),
                               optional_string(b, "note", 2000).value_or(""),
                               optional_bool(b, "assumed").value_or(false),
                               domain::iso(ctx.now)};
  return ctx.db.write([&](store::Connection& c) {
    if (!store::find_external_system(c, system)) throw not_found("hệ thống ngoài");
    const auto before = store::find_outbox_template(c, system);
    store::save_outbox_template(c, row, ctx.user().user_id);
    const auto out = template_json(*store::find_outbox_template(c, system));
    audit(ctx, c, "outbox_template", 0, before ? "update" : "create",
          before ? json::value(template_json(*before)) : json::value(nullptr), out);
    return json_response(200, out);
  });
}

Response prepare(Context& ctx) {
  const auto b = parse_body(ctx.req);
  const auto period = optional_string(b, "period", 7);
  const auto parsed = period ? domain::parse_period(*period) : std::nullopt;
  if (!parsed || parsed->type != domain::PeriodType::monthly)
    throw bad_request("period", "Kỳ cập nhật phải là một tháng, dạng 2026-11.");
  // A clerk prepares one system's month ("the December update for Hệ thống 57"); none given is every system.
  const auto system = optional_string(b, "system", 40);
  if (system && !ctx.db.read([&](store::Connection& c) { return store::find_external_system(c, *system).has_value(); }))
    throw bad_request("system", "Không có hệ thống ngoài này.");
  const auto r = service::prepare_outbox(ctx.db, *period, system, ctx.now);
  json::array without;
  for (const auto& s : r.without_template) without.push_back(json::value(s));
  const json::object out{{"period", *period},  {"system", system ? json::value(*system) : json::value(nullptr)},
                         {"items", r.items},   {"changed", r.changed},
                         {"queued", r.queued}, {"without_template", std::move(without)}};
  ctx.db.write([&](store::Connection& c) { audit(ctx, c, "outbox", 0, "prepare", nullptr, out); });
  return json_response(200, out);
}

store::OutboxFilter outbox_filter(Context& ctx) {
  store::OutboxFilter f{query_string(ctx.req, "system"), query_string(ctx.req, "state"),
                        query_string(ctx.req, "period"), query_string(ctx.req, "kind")};
  if (f.state && *f.state != "prepared" && *f.state != "sent" && *f.state != "acknowledged" && *f.state != "failed")
    throw bad_request("state", "Trạng thái phải là đã chuẩn bị, đã gửi, đã xác nhận hoặc lỗi.");
  return f;
}

Response list_outbox(Context& ctx) {
  const auto f = outbox_filter(ctx);
  const auto page = query_page(ctx.req);
  return ctx.db.read([&](store::Connection& c) {
    long long total = 0;
    json::array items;
    for (const auto& o : store::list_outbox_items(c, f, page, &total)) items.push_back(outbox_json(o, false));
    return list_response(std::move(items), total);
  });
}

Response get_outbox(Context& ctx) {
  return ctx.db.read([&](store::Connection& c) {
    const auto o = store::find_outbox_item(c, ctx.path_id());
    if (!o) throw not_found("mục hộp thư đi");
    return json_response(200, outbox_json(*o, true));
  });
}

// A clerk entered the item upstream by hand: on which day, under which reference there.
Response mark_entered(Context& ctx) {
  const auto b = parse_body(ctx.req);
  const auto day = optional_date(b, "entered_on");
  if (!day) throw bad_request("entered_on", "Ngày nhập lên hệ thống cấp trên là bắt buộc (YYYY-MM-DD).");
  if (*day > domain::vietnam_date(ctx.now))
    throw bad_request("entered_on", "Ngày nhập lên hệ thống cấp trên không được sau hôm nay.");
  const auto reference = required_string(b, "reference", 200);
  return ctx.db.write([&](store::Connection& c) {
    const auto before = store::find_outbox_item(c, ctx.path_id());
    if (!before) throw not_found("mục hộp thư đi");
    if (!store::mark_outbox_entered(c, before->id, domain::iso(*day), reference, ctx.user().user_id,
                                    domain::iso(ctx.now)))
      throw conflict("Mục này đã được gửi hoặc đã ghi nhận nhập lên hệ thống cấp trên.", "state");
    const auto o = *store::find_outbox_item(c, before->id);
    audit(ctx, c, "outbox_item", o.id, "entered", json::object{{"state", before->state}},
          json::object{{"state", o.state}, {"entered_on", *o.entered_on}, {"external_ref", o.external_ref}});
    return json_response(200, outbox_json(o, false));
  });
}

Response mark_acknowledged(Context& ctx) {
  const auto b = parse_body(ctx.req);
  const auto reference = optional_string(b, "reference", 200).value_or("");
  return ctx.db.write([&](store::Connection& c) {
    const auto before = store::find_outbox_item(c, ctx.path_id());
    if (!before) throw not_found("mục hộp thư đi");
    if (!store::mark_outbox_acknowledged(c, before->id, reference, ctx.user().user_id, domain::iso(ctx.now)))
      throw conflict("Chỉ mục đã gửi hoặc đã nhập lên mới được ghi nhận cấp trên xác nhận.", "state");
    const auto o = *store::find_outbox_item(c, before->id);
    audit(ctx, c, "outbox_item", o.id, "acknowledged", json::object{{"state", before->state}},
          json::object{{"state", o.state}, {"external_ref", o.external_ref}});
    return json_response(200, outbox_json(o, false));
  });
}

// One system's items laid out by its template, for a clerk to copy: the template's columns in order, then the
// item's number and state so the marks can be made against the right item.
Response export_outbox(Context& ctx) {
  auto f = outbox_filter(ctx);
  if (!f.system) throw bad_request("system", "Thiếu tham số " + label("system") + ".");
  return ctx.db.read_replica([&](store::Connection& c) {
    const auto tpl = store::find_outbox_template(c, *f.system);
    if (!tpl) throw not_found("mẫu cột của hệ thống");
    const auto t = service::outbox_template(tpl->columns_json, tpl->status_map_json);
    Table table;
    for (const auto& col : t.columns) table.columns.push_back({col.field, col.header});
    table.columns.push_back({"item_id", "Số mục hộp thư đi"});
    table.columns.push_back({"state", "Trạng thái gửi"});
    long long total = 0;
    for (const auto& o : store::list_outbox_items(c, f, store::Page{100000, 0}, &total)) {
      std::vector<Cell> row;
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
    return render(ctx, table, "hop-thu-di-" + *f.system + (f.period ? "-" + *f.period : ""),
                  json::object{{"system", *f.system}, {"assumed", tpl->assumed}});
  });
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
  // Everyone signed in: each item found is shown only to those who may see it (visible), a host organisation's
  // officers their own S&T tasks.
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
