#include "api/server.h"

#include <malloc.h>
#include <spdlog/spdlog.h>

#include <boost/asio.hpp>
#include <boost/asio/experimental/as_tuple.hpp>
#include <boost/beast.hpp>
#include <thread>

#include "api/gzip.h"
#include "api/static_files.h"

namespace tiendo::api {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace http = beast::http;
using asio::awaitable;
using asio::use_awaitable;
using tcp = asio::ip::tcp;
constexpr auto as_tuple = asio::experimental::as_tuple(use_awaitable);

namespace {

struct Shared {
  const Router& router;
  store::Database& db;
  const Config& config;
  asio::thread_pool& workers;
  const Clock& clock;
  const StaticFiles& web;

  domain::Instant now() const { return clock.now(); }
};

// `tls`: the client reached us over HTTPS (--behind-tls, or X-Forwarded-Proto from the proxy on this host).
// `head`: the answer to a HEAD request — its headers (Content-Length included) and never its body, or the
// client (nginx with keepalive upstreams) reads the body as the start of the next answer on the connection.
http::response<http::string_body> to_message(const Response& res, unsigned version, bool keep_alive, bool tls = false,
                                             bool head = false) {
  http::response<http::string_body> msg{static_cast<http::status>(res.status), version};
  msg.set(http::field::server, "TienDo");
  msg.set(http::field::content_type, res.content_type);
  msg.set("X-Content-Type-Options", "nosniff");
  msg.set("X-Frame-Options", "DENY");
  msg.set("Referrer-Policy", "no-referrer");
  // Inline styles only: the component library injects its CSS; scripts stay 'self' only.
  msg.set("Content-Security-Policy",
          "default-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data: blob:; frame-ancestors 'none'");
  msg.set("Permissions-Policy",
          "camera=(), microphone=(), geolocation=(), payment=(), usb=(), accelerometer=(), gyroscope=(), "
          "magnetometer=(), display-capture=()");
  msg.set("Cross-Origin-Opener-Policy", "same-origin");
  msg.set("Cross-Origin-Resource-Policy", "same-origin");
  if (tls) msg.set(http::field::strict_transport_security, "max-age=31536000");
  bool cache_set = false;
  for (const auto& [k, v] : res.headers) {
    msg.insert(k, v);
    cache_set = cache_set || k == "Cache-Control";
  }
  if (!cache_set) msg.set(http::field::cache_control, "no-store");
  msg.keep_alive(keep_alive);
  msg.body() = res.body;
  msg.prepare_payload();
  if (head) msg.body().clear();  // Content-Length stays that of the GET answer (RFC 9110 §9.3.2)
  return msg;
}

// An API answer in JSON above ~1 KB goes gzip'd to a client that accepts it (the demo's dashboard: 53.9 KB → 7.1 KB,
// /risks 295 KB → 22 KB, on a commune's slow line); smaller ones gain less than the header costs. Every JSON answer
// says it varies by Accept-Encoding, so a cache keeps the two apart. Files (.xlsx, .docx, .pdf) are compressed already.
constexpr size_t kGzipFrom = 1024;
void compress_json(Response& res, const std::string& accept_encoding) {
  if (!res.content_type.starts_with("application/json")) return;
  res.headers.emplace_back("Vary", "Accept-Encoding");
  // Compressed once already by its handler (a kept answer, kept compressed too).
  for (const auto& [name, value] : res.headers) {
    if (name == "Content-Encoding") return;
  }
  if (res.body.size() < kGzipFrom || !StaticFiles::accepts_gzip(accept_encoding)) return;
  res.body = gzip(res.body);
  res.headers.emplace_back("Content-Encoding", "gzip");
}

// A read whose route runs in place (Pace::in_place) is answered on this network thread when nothing on its way
// waits; anything else, or a read that would wait (store::WouldWait), goes to the worker pool.
std::optional<Response> in_place(const Shared& shared, const Request& req) {
  if (req.method != "GET") return std::nullopt;
  try {
    Response out = shared.router.handle(req, shared.db, shared.config, shared.now(), Pace::in_place);
    compress_json(out, req.header("accept-encoding").value_or(""));
    return out;
  } catch (const store::WouldWait&) {
    return std::nullopt;
  }
}

Response plain_error(int status, const std::string& code, const std::string& message) {
  Response r;
  r.status = status;
  r.body = R"({"error":{"code":")" + code + R"(","message":")" + message + R"(","field":null}})";
  return r;
}

constexpr std::size_t kHeaderLimit = 16 * 1024;

// A header block with a line folded onto the previous one (obs-fold, RFC 9112 §5.2): Beast would join
// the lines silently, a proxy in front may not — so the two would read different headers.
bool has_folded_line(std::string_view header_block) {
  return header_block.find("\n ") != std::string_view::npos || header_block.find("\n\t") != std::string_view::npos;
}

// A request whose framing or target a proxy may read otherwise than we do (request smuggling): an
// unknown or repeated Transfer-Encoding, Transfer-Encoding with Content-Length, several Content-Length
// or Host fields, or HTTP/1.1 without Host.
bool ambiguous_request(const http::request_parser<http::string_body>::value_type& in) {
  const auto count = [&](http::field f) { return in.count(f); };
  if (count(http::field::host) > 1 || (in.version() >= 11 && count(http::field::host) == 0)) return true;
  if (count(http::field::content_length) > 1) return true;
  const auto te = count(http::field::transfer_encoding);
  if (te == 0) return false;
  if (te > 1 || count(http::field::content_length) > 0) return true;
  std::string_view v = in[http::field::transfer_encoding];
  while (!v.empty() && (v.front() == ' ' || v.front() == '\t')) v.remove_prefix(1);
  while (!v.empty() && (v.back() == ' ' || v.back() == '\t')) v.remove_suffix(1);
  return !beast::iequals(v, "chunked");
}

// Reads until `buffer` holds a whole header block (up to the blank line); its length, or an error
// (asio::error::not_found when none ends within kHeaderLimit).
awaitable<std::pair<beast::error_code, std::size_t>> read_header_block(beast::tcp_stream& stream,
                                                                       beast::flat_buffer& buffer) {
  for (;;) {
    const std::string_view have(static_cast<const char*>(buffer.data().data()), buffer.size());
    if (const auto end = have.find("\r\n\r\n"); end != std::string_view::npos)
      co_return std::pair{beast::error_code{}, end + 4};
    if (buffer.size() >= kHeaderLimit) co_return std::pair{beast::error_code(asio::error::not_found), std::size_t{0}};
    auto [ec, n] = co_await stream.async_read_some(buffer.prepare(4096), as_tuple);
    if (ec) co_return std::pair{ec, std::size_t{0}};
    buffer.commit(n);
  }
}

awaitable<void> session(tcp::socket socket, Shared& shared) {
  beast::tcp_stream stream(std::move(socket));
  // Room for a full header block (read whole before parsing, see has_folded_line) and a body chunk.
  beast::flat_buffer buffer(kHeaderLimit + 64 * 1024);
  // The peer is the same for every request of the connection: asked once.
  beast::error_code peer_ec;
  const auto peer = stream.socket().remote_endpoint(peer_ec).address();
  const std::string peer_address = peer_ec ? "" : peer.to_string();
  auto refuse = [&](int status, const char* code, const char* message) -> awaitable<void> {
    auto msg = to_message(plain_error(status, code, message), 11, false);
    co_await http::async_write(stream, msg, as_tuple);
  };
  for (;;) {
    http::request_parser<http::string_body> parser;
    parser.header_limit(kHeaderLimit);
    parser.body_limit(static_cast<std::uint64_t>(shared.config.max_upload_bytes) + 1024 * 1024);
    // Idle keep-alive connections are cheap (a few KB each); close them only after long silence.
    stream.expires_after(std::chrono::minutes(5));
    auto [hec, header_bytes] = co_await read_header_block(stream, buffer);
    if (hec == asio::error::not_found) {
      co_await refuse(413, "too_large", "Yêu cầu vượt quá dung lượng cho phép.");
      break;
    }
    if (hec) break;  // closed, reset or silent too long
    if (has_folded_line({static_cast<const char*>(buffer.data().data()), header_bytes})) {
      co_await refuse(400, "bad_request", "Yêu cầu HTTP không hợp lệ (tiêu đề gấp dòng).");
      break;
    }
    auto [ec, bytes] = co_await http::async_read_header(stream, buffer, parser, as_tuple);
    if (!ec && ambiguous_request(parser.get())) {
      co_await refuse(400, "bad_request", "Yêu cầu HTTP không hợp lệ (Host hoặc Transfer-Encoding).");
      break;
    }
    if (!ec && !parser.is_done()) std::tie(ec, bytes) = co_await http::async_read(stream, buffer, parser, as_tuple);
    (void)bytes;
    if (ec == http::error::end_of_stream || ec == beast::error::timeout || ec == asio::error::connection_reset) break;
    if (ec) {
      const bool too_large = ec == http::error::body_limit || ec == http::error::header_limit;
      if (too_large)
        co_await refuse(413, "too_large", "Yêu cầu vượt quá dung lượng cho phép.");
      else
        co_await refuse(400, "bad_request", "Yêu cầu HTTP không hợp lệ.");
      break;
    }
    auto in = parser.release();
    bool keep_alive = in.keep_alive();
    Request req = to_request(in);
    bool tls = shared.config.behind_tls;
    req.remote_address = peer_address;
    if (!peer_ec && peer.is_loopback()) {
      if (auto real = req.header("x-real-ip")) req.remote_address = *real;
      if (req.header("x-forwarded-proto") == "https") tls = true;
    }
    Response res;
    if (!parse_target(req)) {
      res = plain_error(400, "bad_request", "Địa chỉ yêu cầu không hợp lệ.");
      keep_alive = false;  // malformed: answered, then the connection is closed
    } else if (!req.path.starts_with("/api/")) {
      res = shared.web.serve(req.method, req.path, req.header("accept-encoding").value_or(""));
    } else if (auto quick = in_place(shared, req)) {
      res = std::move(*quick);
    } else {
      // Handlers block on the database: run them on the worker pool, resume here to write.
      res = co_await asio::co_spawn(
          shared.workers,
          [&]() -> awaitable<Response> {
            const auto started = std::chrono::steady_clock::now();
            Response out = shared.router.handle(req, shared.db, shared.config, shared.now());
            compress_json(out, req.header("accept-encoding").value_or(""));
            // A nation-wide read allocates hundreds of MB for a moment; give them back to the system
            // rather than let each worker's arena keep its peak.
            if (std::chrono::steady_clock::now() - started > std::chrono::milliseconds(200)) malloc_trim(0);
            co_return out;
          },
          use_awaitable);
    }
    if (!shared.config.instance.empty()) res.headers.emplace_back("X-Tiendo-Instance", shared.config.instance);
    auto msg = to_message(res, in.version(), keep_alive, tls, req.method == "HEAD");
    auto [wec, written] = co_await http::async_write(stream, msg, as_tuple);
    (void)written;
    if (wec || !keep_alive) break;
  }
  beast::error_code ignored;
  stream.socket().shutdown(tcp::socket::shutdown_send, ignored);
}

awaitable<void> listen(tcp::acceptor& acceptor, Shared& shared) {
  for (;;) {
    auto [ec, socket] = co_await acceptor.async_accept(as_tuple);
    if (ec) {
      if (ec == asio::error::operation_aborted) co_return;
      spdlog::warn("accept: {}", ec.message());
      continue;
    }
    socket.set_option(tcp::no_delay(true));
    auto executor = asio::make_strand(acceptor.get_executor());
    asio::co_spawn(executor, session(std::move(socket), shared), asio::detached);
  }
}

}  // namespace

Request to_request(const http::request<http::string_body>& in) {
  Request r;
  r.method = std::string(in.method_string());
  r.target = std::string(in.target());
  for (const auto& f : in) {
    std::string name(f.name_string());
    for (char& ch : name) ch = static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
    r.headers[name] = std::string(f.value());
  }
  r.body = in.body();
  return r;
}

void serve(const Router& router, store::Database& db, const Config& config, const ServerOptions& options,
           const Clock& clock, const std::function<void(unsigned short)>& on_ready) {
  asio::io_context ioc(options.io_threads);
  asio::thread_pool workers(static_cast<size_t>(options.worker_threads));
  const StaticFiles web(config.web_root);
  Shared shared{router, db, config, workers, clock, web};

  tcp::acceptor acceptor(ioc);
  const tcp::endpoint endpoint(asio::ip::make_address(options.address), options.port);
  acceptor.open(endpoint.protocol());
  acceptor.set_option(asio::socket_base::reuse_address(true));
  acceptor.bind(endpoint);
  acceptor.listen(asio::socket_base::max_listen_connections);
  asio::co_spawn(ioc, listen(acceptor, shared), asio::detached);

  asio::signal_set signals(ioc, SIGINT, SIGTERM);
  signals.async_wait([&](auto, int) {
    spdlog::info("stopping");
    ioc.stop();
  });
  on_ready(acceptor.local_endpoint().port());

  std::vector<std::thread> threads;
  for (int i = 1; i < options.io_threads; ++i) threads.emplace_back([&] { ioc.run(); });
  ioc.run();
  for (auto& t : threads) t.join();
  workers.join();
}

}  // namespace tiendo::api
