#include "api/exchange_job.h"

#include <sodium.h>
#include <spdlog/spdlog.h>

#include <boost/asio.hpp>
#include <boost/asio/ssl.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <boost/beast/ssl.hpp>

#include "api/evaluation.h"
#include "api/json_io.h"
#include "domain/exchange.h"
#include "store/exchange_store.h"
#include "store/plan_store.h"

namespace tiendo::api {

namespace json = boost::json;
namespace asio = boost::asio;
namespace beast = boost::beast;
namespace http = beast::http;
using tcp = asio::ip::tcp;

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

struct PostResult {
  std::optional<int> status;
  std::string error;
};

// One POST with a deadline for the whole exchange; the certificate must be valid for the host, from the
// system's CAs or the configured one.
// The trusted CAs, read once per sending pass (reading the system's store costs more than a handshake).
asio::ssl::context client_tls(const ExchangeConfig& cfg) {
  asio::ssl::context tls(asio::ssl::context::tls_client);
  tls.set_default_verify_paths();
  if (!cfg.ca_file.empty()) tls.load_verify_file(cfg.ca_file);
  tls.set_verify_mode(asio::ssl::verify_peer);
  return tls;
}

PostResult https_post(const ExchangeConfig& cfg, asio::ssl::context& tls, const domain::HttpsUrl& u,
                      const std::vector<std::pair<std::string, std::string>>& headers, const std::string& body) {
  asio::io_context io;
  beast::ssl_stream<beast::tcp_stream> stream(io, tls);
  stream.set_verify_callback(asio::ssl::host_name_verification(u.host));
  boost::system::error_code addr_ec;
  asio::ip::make_address(u.host, addr_ec);
  if (addr_ec) SSL_set_tlsext_host_name(stream.native_handle(), u.host.c_str());  // SNI names hosts, not addresses
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::milliseconds(cfg.timeout_ms);
  boost::system::error_code ec;
  auto run = [&](const char* step) {
    io.restart();
    const auto left = deadline - std::chrono::steady_clock::now();
    io.run_for(std::max<std::chrono::steady_clock::duration>(left, std::chrono::milliseconds(1)));
    if (!io.stopped()) {
      beast::get_lowest_layer(stream).close();
      io.run();
      throw std::runtime_error(std::string("quá thời gian chờ (") + step + ")");
    }
    if (ec) throw std::runtime_error(std::string(step) + ": " + ec.message());
  };
  try {
    tcp::resolver resolver(io);
    tcp::resolver::results_type endpoints;
    resolver.async_resolve(u.host, std::to_string(u.port), [&](auto e, auto r) {
      ec = e;
      endpoints = r;
    });
    run("phân giải tên");
    beast::get_lowest_layer(stream).async_connect(endpoints, [&](auto e, auto) { ec = e; });
    run("kết nối");
    stream.async_handshake(asio::ssl::stream_base::client, [&](auto e) { ec = e; });
    run("TLS");
    http::request<http::string_body> req{http::verb::post, u.target, 11};
    req.set(http::field::host, u.port == 443 ? u.host : u.host + ":" + std::to_string(u.port));
    req.set(http::field::user_agent, "TienDo-Events/1");
    req.set(http::field::content_type, "application/json; charset=utf-8");
    for (const auto& [k, v] : headers) req.set(k, v);
    req.body() = body;
    req.prepare_payload();
    http::async_write(stream, req, [&](auto e, size_t) { ec = e; });
    run("gửi");
    beast::flat_buffer buffer;
    http::response_parser<http::string_body> parser;
    parser.body_limit(64 * 1024);  // the answer's body is not read: a receiver cannot make us hold much
    http::async_read(stream, buffer, parser, [&](auto e, size_t) { ec = e; });
    run("đọc trả lời");
    return {parser.get().result_int(), ""};
  } catch (const std::exception& e) {
    return {std::nullopt, e.what()};
  }
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
  auto tls = client_tls(cfg);
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
      const auto p = https_post(cfg, tls, *url,
                                {{"X-TienDo-Event-Id", d.event_id},
                                 {"X-TienDo-Event-Type", d.type},
                                 {"X-TienDo-Timestamp", std::to_string(ts)},
                                 {"X-TienDo-Signature", domain::event_signature(d.secret, ts, d.payload)}},
                                d.payload);
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

}  // namespace tiendo::api
