#include "service/exchange_job.h"

#include <sodium.h>
#include <spdlog/spdlog.h>

#include "domain/exchange.h"
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

int scan_time_events(store::Database& db, domain::Instant now) {
  const domain::Date today = domain::vietnam_date(now);
  const std::string day = domain::iso(today);
  if (db.read([&](store::Connection& c) { return store::event_scan_day_done(c, day); })) return 0;
  // The city's statuses are judged on a snapshot, outside the write: at national size that takes seconds, and
  // the writer is not held meanwhile. Whoever claims the day records what it found.
  std::vector<std::pair<std::string, json::object>> found;
  db.read([&](store::Connection& c) {
    Evaluator ev(c, today, now);
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

}  // namespace tiendo::service
