#include "api/server.h"

#include <malloc.h>
#include <spdlog/spdlog.h>

#include <boost/asio.hpp>
#include <boost/asio/experimental/as_tuple.hpp>
#include <boost/beast.hpp>
#include <filesystem>
#include <fstream>
#include <thread>

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

  domain::Instant now() const { return clock.now(); }
};

http::response<http::string_body> to_message(const Response& res, unsigned version, bool keep_alive) {
  http::response<http::string_body> msg{static_cast<http::status>(res.status), version};
  msg.set(http::field::server, "TienDo");
  msg.set(http::field::content_type, res.content_type);
  msg.set("X-Content-Type-Options", "nosniff");
  msg.set("X-Frame-Options", "DENY");
  msg.set("Referrer-Policy", "no-referrer");
  // Inline styles only: the component library injects its CSS; scripts stay 'self' only.
  msg.set("Content-Security-Policy",
          "default-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data: blob:; frame-ancestors 'none'");
  bool cache_set = false;
  for (const auto& [k, v] : res.headers) {
    msg.insert(k, v);
    cache_set = cache_set || k == "Cache-Control";
  }
  if (!cache_set) msg.set(http::field::cache_control, "no-store");
  msg.keep_alive(keep_alive);
  msg.body() = res.body;
  msg.prepare_payload();
  return msg;
}

Response plain_error(int status, const std::string& code, const std::string& message) {
  Response r;
  r.status = status;
  r.body = R"({"error":{"code":")" + code + R"(","message":")" + message + R"(","field":null}})";
  return r;
}

const char* content_type_of(const std::filesystem::path& p) {
  const auto ext = p.extension().string();
  if (ext == ".html") return "text/html; charset=utf-8";
  if (ext == ".js") return "text/javascript; charset=utf-8";
  if (ext == ".css") return "text/css; charset=utf-8";
  if (ext == ".svg") return "image/svg+xml";
  if (ext == ".png") return "image/png";
  if (ext == ".ico") return "image/x-icon";
  if (ext == ".woff2") return "font/woff2";
  return "application/octet-stream";
}

// The built web client: a file under web_root, or index.html for the client's own routes.
Response serve_static(const std::string& web_root, const std::string& path) {
  namespace fs = std::filesystem;
  Response res;
  if (web_root.empty() || path.find("..") != std::string::npos) {
    res.status = 404;
    res.body = R"({"error":{"code":"not_found","message":"Không tìm thấy địa chỉ yêu cầu.","field":null}})";
    return res;
  }
  fs::path file = fs::path(web_root) / path.substr(1);
  std::error_code ec;
  if (path == "/" || !fs::is_regular_file(file, ec)) file = fs::path(web_root) / "index.html";
  std::ifstream in(file, std::ios::binary);
  if (!in) {
    res.status = 404;
    res.body = R"({"error":{"code":"not_found","message":"Chưa có giao diện web (chạy make build).","field":null}})";
    return res;
  }
  res.body.assign(std::istreambuf_iterator<char>(in), {});
  res.content_type = content_type_of(file);
  // Built assets carry a content hash in their names: cache them; never cache the page itself.
  if (path.starts_with("/assets/")) res.headers.emplace_back("Cache-Control", "public, max-age=31536000, immutable");
  return res;
}

awaitable<void> session(tcp::socket socket, Shared& shared) {
  beast::tcp_stream stream(std::move(socket));
  beast::flat_buffer buffer;
  for (;;) {
    http::request_parser<http::string_body> parser;
    parser.header_limit(16 * 1024);
    parser.body_limit(static_cast<std::uint64_t>(shared.config.max_upload_bytes) + 1024 * 1024);
    // Idle keep-alive connections are cheap (a few KB each); close them only after long silence.
    stream.expires_after(std::chrono::minutes(5));
    auto [ec, bytes] = co_await http::async_read(stream, buffer, parser, as_tuple);
    (void)bytes;
    if (ec == http::error::end_of_stream || ec == beast::error::timeout || ec == asio::error::connection_reset) break;
    if (ec) {
      const bool too_large = ec == http::error::body_limit || ec == http::error::header_limit;
      Response err = too_large ? plain_error(413, "too_large", "Yêu cầu vượt quá dung lượng cho phép.")
                               : plain_error(400, "bad_request", "Yêu cầu HTTP không hợp lệ.");
      auto msg = to_message(err, 11, false);
      co_await http::async_write(stream, msg, as_tuple);
      break;
    }
    auto in = parser.release();
    const bool keep_alive = in.keep_alive();
    Request req = to_request(in);
    {
      beast::error_code peer_ec;
      const auto peer = beast::get_lowest_layer(stream).socket().remote_endpoint(peer_ec).address();
      req.remote_address = peer_ec ? "" : peer.to_string();
      if (!peer_ec && peer.is_loopback()) {
        if (auto real = req.header("x-real-ip")) req.remote_address = *real;
      }
    }
    Response res;
    if (!parse_target(req)) {
      res = plain_error(400, "bad_request", "Địa chỉ yêu cầu không hợp lệ.");
    } else if (!req.path.starts_with("/api/")) {
      res = serve_static(shared.config.web_root, req.path);
    } else {
      // Handlers block on the database: run them on the worker pool, resume here to write.
      res = co_await asio::co_spawn(
          shared.workers,
          [&]() -> awaitable<Response> {
            const auto started = std::chrono::steady_clock::now();
            Response out = shared.router.handle(req, shared.db, shared.config, shared.now());
            // A nation-wide read allocates hundreds of MB for a moment; give them back to the system
            // rather than let each worker's arena keep its peak.
            if (std::chrono::steady_clock::now() - started > std::chrono::milliseconds(200)) malloc_trim(0);
            co_return out;
          },
          use_awaitable);
    }
    if (!shared.config.instance.empty()) res.headers.emplace_back("X-Tiendo-Instance", shared.config.instance);
    auto msg = to_message(res, in.version(), keep_alive);
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
  Shared shared{router, db, config, workers, clock};

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
