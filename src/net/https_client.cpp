#include "net/https_client.h"

#include <boost/asio.hpp>
#include <boost/asio/ssl.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <boost/beast/ssl.hpp>
#include <chrono>
#include <stdexcept>

namespace tiendo::net {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace http = beast::http;
using tcp = asio::ip::tcp;

struct HttpsClient::Tls {
  asio::ssl::context context{asio::ssl::context::tls_client};
};

HttpsClient::HttpsClient(const std::string& ca_file) : tls_(std::make_unique<Tls>()) {
  tls_->context.set_default_verify_paths();
  if (!ca_file.empty()) tls_->context.load_verify_file(ca_file);
  tls_->context.set_verify_mode(asio::ssl::verify_peer);
}

HttpsClient::~HttpsClient() = default;

PostResult HttpsClient::post(const domain::HttpsUrl& u, const std::vector<std::pair<std::string, std::string>>& headers,
                             const std::string& body, int timeout_ms) {
  asio::io_context io;
  beast::ssl_stream<beast::tcp_stream> stream(io, tls_->context);
  stream.set_verify_callback(asio::ssl::host_name_verification(u.host));
  boost::system::error_code addr_ec;
  asio::ip::make_address(u.host, addr_ec);
  if (addr_ec) SSL_set_tlsext_host_name(stream.native_handle(), u.host.c_str());  // SNI names hosts, not addresses
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::milliseconds(timeout_ms);
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

}  // namespace tiendo::net
