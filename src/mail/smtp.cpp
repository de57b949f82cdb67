#include "mail/smtp.h"

#include <sodium.h>

#include <boost/asio.hpp>
#include <boost/asio/ssl.hpp>
#include <chrono>
#include <cstring>

namespace tiendo::mail {

namespace asio = boost::asio;
using tcp = asio::ip::tcp;

namespace {

std::string base64(const std::string& s) {
  std::string out(sodium_base64_ENCODED_LEN(s.size(), sodium_base64_VARIANT_ORIGINAL), '\0');
  sodium_bin2base64(out.data(), out.size(), reinterpret_cast<const unsigned char*>(s.data()), s.size(),
                    sodium_base64_VARIANT_ORIGINAL);
  out.resize(std::strlen(out.c_str()));
  return out;
}

// A blocking SMTP dialogue with a deadline for every read and write.
class Dialogue {
 public:
  explicit Dialogue(const SmtpConfig& cfg) : cfg_(cfg), tls_(asio::ssl::context::tls_client), stream_(io_, tls_) {
    tls_.set_default_verify_paths();
    if (!cfg_.ca_file.empty()) tls_.load_verify_file(cfg_.ca_file);
    tls_.set_verify_mode(asio::ssl::verify_peer);
  }

  void connect() {
    tcp::resolver resolver(io_);
    auto endpoints = resolver.resolve(cfg_.host, std::to_string(cfg_.port));
    boost::system::error_code ec;
    asio::async_connect(stream_.next_layer(), endpoints, [&](auto e, auto) { ec = e; });
    run();
    if (ec) throw std::runtime_error("không kết nối được máy chủ thư: " + ec.message());
  }

  // From here on everything is encrypted; the certificate must be valid for the host name configured.
  void start_tls() {
    stream_.set_verify_callback(asio::ssl::host_name_verification(cfg_.host));
    SSL_set_tlsext_host_name(stream_.native_handle(), cfg_.host.c_str());
    boost::system::error_code ec;
    stream_.async_handshake(asio::ssl::stream_base::client, [&](auto e) { ec = e; });
    run();
    if (ec) throw std::runtime_error("không thiết lập được kết nối mã hóa TLS: " + ec.message());
    encrypted_ = true;
  }

  // Reads one (possibly multi-line) reply and checks its code.
  void expect(int code) {
    for (;;) {
      boost::system::error_code ec;
      auto done = [&](auto e, size_t) { ec = e; };
      if (encrypted_) {
        asio::async_read_until(stream_, buffer_, "\r\n", done);
      } else {
        asio::async_read_until(stream_.next_layer(), buffer_, "\r\n", done);
      }
      run();
      if (ec) throw std::runtime_error("máy chủ thư ngắt kết nối: " + ec.message());
      std::istream in(&buffer_);
      std::string line;
      std::getline(in, line);
      if (line.size() < 4) throw std::runtime_error("trả lời SMTP không hợp lệ");
      if (line[3] == '-') continue;
      if (std::stoi(line.substr(0, 3)) != code) throw std::runtime_error("máy chủ thư từ chối: " + line);
      return;
    }
  }

  void send(const std::string& text) {
    boost::system::error_code ec;
    auto done = [&](auto e, size_t) { ec = e; };
    if (encrypted_) {
      asio::async_write(stream_, asio::buffer(text), done);
    } else {
      asio::async_write(stream_.next_layer(), asio::buffer(text), done);
    }
    run();
    if (ec) throw std::runtime_error("không gửi được tới máy chủ thư: " + ec.message());
  }

 private:
  void run() {
    io_.restart();
    io_.run_for(std::chrono::seconds(cfg_.timeout_seconds));
    if (!io_.stopped()) {
      stream_.next_layer().close();
      io_.run();
      throw std::runtime_error("máy chủ thư không trả lời kịp");
    }
  }

  const SmtpConfig& cfg_;
  asio::io_context io_;
  asio::ssl::context tls_;
  asio::ssl::stream<tcp::socket> stream_;
  bool encrypted_ = false;
  asio::streambuf buffer_;
};

}  // namespace

std::string send_mail(const SmtpConfig& cfg, const std::string& to, const std::string& subject,
                      const std::string& body) {
  if (to.find_first_of("\r\n<>") != std::string::npos) return "địa chỉ thư không hợp lệ";
  try {
    Dialogue d(cfg);
    d.connect();
    if (cfg.tls == "implicit") d.start_tls();
    d.expect(220);
    d.send("EHLO tiendo\r\n");
    d.expect(250);
    if (cfg.tls == "starttls") {
      d.send("STARTTLS\r\n");
      d.expect(220);
      d.start_tls();
      d.send("EHLO tiendo\r\n");  // the server forgets everything said before the upgrade
      d.expect(250);
    }
    if (!cfg.username.empty()) {
      d.send("AUTH PLAIN " + base64(std::string(1, '\0') + cfg.username + std::string(1, '\0') + cfg.password) +
             "\r\n");
      d.expect(235);
    }
    d.send("MAIL FROM:<" + cfg.from + ">\r\n");
    d.expect(250);
    d.send("RCPT TO:<" + to + ">\r\n");
    d.expect(250);
    d.send("DATA\r\n");
    d.expect(354);
    std::string encoded = base64(body);
    std::string wrapped;
    for (size_t i = 0; i < encoded.size(); i += 76) wrapped += encoded.substr(i, 76) + "\r\n";
    d.send("From: Tien Do <" + cfg.from + ">\r\nTo: <" + to + ">\r\nSubject: =?UTF-8?B?" + base64(subject) +
           "?=\r\nMIME-Version: 1.0\r\nContent-Type: text/plain; charset=UTF-8\r\n"
           "Content-Transfer-Encoding: base64\r\n\r\n" +
           wrapped + ".\r\n");
    d.expect(250);
    d.send("QUIT\r\n");
    return "";
  } catch (const std::exception& e) {
    return e.what();
  }
}

}  // namespace tiendo::mail
