#include "service/exchange_job.h"

#include <sodium.h>
#include <spdlog/spdlog.h>

#include <map>
#include <set>

#include "domain/exchange.h"
#include "domain/feedback.h"
#include "net/https_client.h"
#include "service/evaluation.h"
#include "service/json_out.h"
#include "store/exchange_store.h"
#include "store/plan_store.h"

namespace tiendo::service {

namespace json = boost::json;

namespace {

std::string random_id() {
  unsigned char b[16];
  randombytes_buf(b, sizeof b);
  static constexpr char hex[] = "0123456789abcdef";
  std::string s;
  for (unsigned char x : b) {
    s += hex[x >> 4];
    s += hex[x & 15];
  }
  return s;
}

}  // namespace

bool emit_event(store::Connection& c, const std::string& type, const std::string& key, json::object data,
                domain::Instant at) {
  const std::string id = random_id();
  const std::string when = domain::iso(at);
  json::object body{{"id", id}, {"type", type}, {"occurred_at", when}, {"data", std::move(data)}};
  return store::record_event(c, id, key, type, when, serialize_finite(body));
}

// The scope an indicator's status is judged in for its events: the whole city (its monitoring is city-wide).
constexpr const char* kCityScope = "city";

int scan_time_events(store::Database& db, domain::Instant now) {
  const domain::Date today = domain::vietnam_date(now);
  const std::string day = domain::iso(today);
  if (db.read([&](store::Connection& c) { return store::event_scan_day_done(c, day); })) return 0;
  // The city's statuses are judged on a snapshot, outside the write: at national size that takes seconds, and
  // the writer is not held meanwhile. Whoever claims the day records what it found.
  std::vector<std::pair<std::string, json::object>> found;
  struct IndicatorJudged {
    store::Id indicator_id;
    std::string period, status;
    json::object data;
  };
  std::vector<IndicatorJudged> statuses;
  db.read([&](store::Connection& c) {
    Evaluator ev(c, today, now);
    for (auto& ind : store::list_indicators(c, {}, {1000000, 0}, nullptr)) {
      const auto e = evaluate_indicator(c, ev, ind, std::nullopt);
      json::object data{{"indicator_id", ind.id},
                        {"indicator_code", ind.code},
                        {"indicator_name", ind.name},
                        {"directive_id", ind.directive_id},
                        {"scope", kCityScope},
                        {"period", e.period.key()},
                        {"status", domain::to_string(e.status)},
                        {"value", e.aggregate.value ? json::value(*e.aggregate.value) : json::value(nullptr)},
                        {"units_reporting", e.aggregate.units_reporting},
                        {"units_expected", e.aggregate.units_expected}};
      statuses.push_back({ind.id, e.period.key(), std::string(domain::to_string(e.status)), std::move(data)});
    }
    for (const auto& x : ev.assignments(store::AssignmentFilter{})) {
      const auto& a = *x.a;
      if (!x.counted || x.e.status != domain::AssignmentStatus::overdue || !x.e.due) continue;
      // Once per assignment and deadline: an extended deadline that passes again is a new event.
      found.emplace_back("assignment_overdue:" + std::to_string(a.id) + ":" + domain::iso(*x.e.due),
                         json::object{{"assignment_id", a.id},
                                      {"unit_id", a.unit_id},
                                      {"task_id", a.task_id},
                                      {"directive_id", a.directive_id},
                                      {"due", domain::iso(*x.e.due)},
                                      {"overdue_days", x.e.overdue_days}});
    }
  });
  return db.write([&](store::Connection& c) {
    if (!store::claim_event_scan_day(c, day, domain::iso(now))) return 0;
    int recorded = 0;
    for (auto& [key, data] : found)
      if (emit_event(c, "assignment_overdue", key, std::move(data), now)) ++recorded;
    // Compared with the last status sent, read under the day's claim: only the claimant records, so a change
    // is sent once whatever restarts or instances.
    const auto sent = store::indicator_statuses_sent(c, kCityScope);
    for (auto& s : statuses) {
      const auto last = sent.find(s.indicator_id);
      if (last != sent.end() && last->second.second == s.status) continue;
      s.data["previous_period"] = last == sent.end() ? json::value(nullptr) : json::value(last->second.first);
      s.data["previous_status"] = last == sent.end() ? json::value(nullptr) : json::value(last->second.second);
      const std::string key =
          "indicator_status_changed:" + std::to_string(s.indicator_id) + ":" + kCityScope + ":" + s.period + ":" + day;
      if (!emit_event(c, "indicator_status_changed", key, std::move(s.data), now)) continue;
      store::record_indicator_status_sent(c, s.indicator_id, kCityScope, s.period, s.status, domain::iso(now));
      ++recorded;
    }
    return recorded;
  });
}

int deliver_events(store::Database& db, const ExchangeConfig& cfg, domain::Instant now) {
  const std::string token = random_id();
  // The lease outlasts the longest request, so only a sender that died loses its deliveries to another.
  const auto lease = std::chrono::milliseconds(cfg.timeout_ms) + std::chrono::seconds(60);
  const auto claimed = db.write([&](store::Connection& c) {
    return store::claim_event_deliveries(c, domain::iso(now),
                                         domain::iso(now + std::chrono::ceil<std::chrono::seconds>(lease)), token, 20);
  });
  if (claimed.empty()) return 0;
  net::HttpsClient client(cfg.ca_file);
  int sent = 0;
  for (const auto& d : claimed) {
    store::AttemptResult r;
    r.started_at = domain::iso(now);
    const auto started = std::chrono::steady_clock::now();
    const auto url = domain::parse_https_url(d.url);
    if (!url || !domain::destination_allowed(*url, cfg.allowlist)) {
      // The configuration may have changed since the subscription was made: never send outside the list.
      r.error = "địa chỉ nhận không nằm trong danh sách cho phép của máy chủ";
    } else {
      const long long ts = std::chrono::duration_cast<std::chrono::seconds>(now.time_since_epoch()).count();
      const auto p = client.post(*url,
                                 {{"X-TienDo-Event-Id", d.event_id},
                                  {"X-TienDo-Event-Type", d.type},
                                  {"X-TienDo-Timestamp", std::to_string(ts)},
                                  {"X-TienDo-Signature", domain::event_signature(d.secret, ts, d.payload)}},
                                 d.payload, cfg.timeout_ms);
      r.http_status = p.status;
      r.sent = p.status && *p.status >= 200 && *p.status < 300;
      if (!r.sent) r.error = p.status ? "máy nhận trả lời HTTP " + std::to_string(*p.status) : p.error;
    }
    r.duration_ms =
        std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now() - started).count();
    const auto retry_at = domain::iso(now + domain::event_retry_delay(d.attempt));
    const auto outcome = db.write([&](store::Connection& c) {
      return store::finish_event_delivery(c, d.id, token, r, domain::iso(now), retry_at, cfg.max_attempts);
    });
    if (outcome == "sent") ++sent;
    if (!r.sent) spdlog::warn("event delivery {} to {} failed: {}", d.id, d.url, r.error);
  }
  return sent;
}

domain::OutboxTemplate outbox_template(const std::string& columns_json, const std::string& status_map_json) {
  domain::OutboxTemplate t;
  // Kept in locals: a range over a temporary's member would outlive the temporary.
  const auto columns = json::parse(columns_json);
  const auto status_map = json::parse(status_map_json);
  for (const auto& v : columns.as_array())
    t.columns.push_back({std::string(v.at("field").as_string()), std::string(v.at("header").as_string())});
  for (const auto& [k, v] : status_map.as_object())
    t.status_map.emplace_back(std::string(k), std::string(v.as_string()));
  return t;
}

namespace {

std::string feedback_kind_label(const std::string& kind) {
  if (kind == "sang_kien") return "Sáng kiến";
  if (kind == "giai_phap") return "Giải pháp";
  return "Đặt hàng sản phẩm";
}

struct Draft {
  store::OutboxItem item;
  json::object data;  // what the connector sends, beside the laid-out columns
};

}  // namespace

OutboxPrepared prepare_outbox(store::Database& db, const std::string& period, const std::optional<std::string>& system,
                              domain::Instant now) {
  OutboxPrepared out;
  std::vector<Draft> drafts;
  // Read and laid out on a snapshot; written in one transaction after.
  db.read([&](store::Connection& c) {
    std::map<std::string, std::optional<domain::OutboxTemplate>> templates;
    auto template_of = [&](const std::string& system) -> const std::optional<domain::OutboxTemplate>& {
      auto it = templates.find(system);
      if (it != templates.end()) return it->second;
      const auto row = store::find_outbox_template(c, system);
      auto& t = templates[system];
      if (row) t = outbox_template(row->columns_json, row->status_map_json);
      return t;
    };
    auto add = [&](const std::string& kind, store::Id ref, const std::string& system, const std::string& code,
                   const std::string& item_period, const std::vector<std::pair<std::string, std::string>>& values) {
      const auto& t = template_of(system);
      if (!t) {
        if (std::find(out.without_template.begin(), out.without_template.end(), system) == out.without_template.end())
          out.without_template.push_back(system);
        return;
      }
      json::array columns;
      for (const auto& cell : domain::lay_out(*t, values))
        columns.push_back(json::object{{"field", cell.field}, {"header", cell.header}, {"value", cell.value}});
      Draft d;
      d.item.kind = kind;
      d.item.ref_id = ref;
      d.item.period = item_period;
      d.item.system = system;
      d.item.upstream_code = code;
      d.data = json::object{{"kind", kind},          {"ref_id", ref},         {"system", system},
                            {"period", item_period}, {"upstream_code", code}, {"columns", std::move(columns)}};
      d.item.payload_hash = domain::sha256_hex(serialize_finite(d.data));
      drafts.push_back(std::move(d));
    };
    const auto sources = store::outbox_assignment_sources(c, period, system);
    if (!sources.empty()) {
      Evaluator ev(c, domain::vietnam_date(now), now);
      std::map<store::Id, domain::AssignmentStatus> status;
      for (const auto& x : ev.assignments(store::AssignmentFilter{})) status[x.a->id] = x.e.status;
      const auto task_codes = store::external_codes_known(c, "task", std::nullopt);
      const auto unit_codes = store::external_codes_known(c, "unit", std::nullopt);
      for (const auto& s : sources) {
        std::string code = s.upstream_task_code;
        if (auto tc = task_codes.find(s.upstream_task_id); tc != task_codes.end())
          if (auto sc = tc->second.find(s.system); sc != tc->second.end()) code = sc->second;
        std::string unit_code;
        if (auto uc = unit_codes.find(s.unit_id); uc != unit_codes.end())
          if (auto q = uc->second.find(std::string(domain::kAgencyCodeSystem)); q != uc->second.end())
            unit_code = q->second;
        std::string evidence;
        for (const auto& name : store::evidence_names(c, s.report_id, s.assignment_id))
          evidence += (evidence.empty() ? "" : "; ") + name;
        const auto st = status.find(s.assignment_id);
        add("assignment_update", s.assignment_id, s.system, code, period,
            {{"upstream_code", code},
             {"task_name", s.task_name},
             {"unit_code", unit_code},
             {"unit_name", s.unit_name},
             {"period", period},
             {"status", st == status.end() ? std::string() : std::string(domain::to_string(st->second))},
             {"progress_percent", std::to_string(s.progress_percent)},
             {"work_done", s.work_done},
             {"outputs", s.output_ref},
             {"difficulties", s.difficulties},
             {"evidence", evidence},
             {"reported_at", s.submitted_at}});
      }
    }
    // The upward list of initiatives and product orders: each in the month it was received, so a month's list
    // is the same whenever it is prepared.
    if (system && *system != "pakn.nq57.vn") return;
    for (const auto& f : store::outbox_feedback_sources(c, period)) {
      const auto day = domain::parse_iso_date(f.received_on);
      add("feedback_item", f.id, "pakn.nq57.vn", f.code, period,
          {{"code", f.code},
           {"kind", feedback_kind_label(f.kind)},
           // The words staff moderated for the public, or until then the sender's with every phone number and
           // e-mail address hidden: a contact never leaves through the upward list.
           {"title", f.public_title.value_or(f.title)},
           {"body", f.public_text ? *f.public_text : domain::redact_contacts(f.body)},
           {"field", f.field},
           {"received_on", day ? domain::vn_date(*day) : f.received_on}});
    }
  });
  const std::string at = domain::iso(now);
  db.write([&](store::Connection& c) {
    std::set<std::string> systems;
    for (auto& d : drafts) {
      d.item.payload = serialize_finite(d.data);
      const auto [item, changed] = store::upsert_outbox_item(c, d.item, at);
      ++out.items;
      if (changed) ++out.changed;
      systems.insert(item.system);
    }
    // New, changed, and items made before the connector existed go to it, each version once.
    for (const auto& system : systems) {
      const auto connector = store::outbox_connector(c, system);
      if (!connector) continue;
      for (const auto& item : store::outbox_items_to_queue(c, system)) {
        const std::string id = random_id();
        json::object data = json::parse(item.payload).as_object();
        data["item_id"] = item.id;
        data["version"] = item.version;
        json::object body{{"id", id}, {"type", "outbox_item"}, {"occurred_at", at}, {"data", std::move(data)}};
        store::queue_outbox_item(c, item.id, connector->id, id,
                                 "outbox:" + std::to_string(item.id) + ":v" + std::to_string(item.version), at,
                                 serialize_finite(body));
        ++out.queued;
      }
    }
  });
  return out;
}

}  // namespace tiendo::service
