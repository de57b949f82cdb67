#pragma once
// The HTTP server: Boost.Beast with C++20 coroutines on a few I/O threads, handlers on a worker pool so a
// slow query never stalls the thousands of idle keep-alive connections that offices behind NAT hold open.
#include <atomic>
#include <boost/beast/http.hpp>
#include <functional>
#include <string>

#include "api/context.h"
#include "api/router.h"

namespace tiendo::api {

// A parsed Beast request as the router reads it (header names lower-cased); the target is not split yet.
Request to_request(const boost::beast::http::request<boost::beast::http::string_body>& in);

// "Now" for the whole server: the real time, or a start instant (demos, tests) from which time runs on.
class Clock {
 public:
  explicit Clock(std::optional<domain::Instant> start_at = std::nullopt)
      : base_(start_at), started_(std::chrono::system_clock::now()) {}
  domain::Instant now() const {
    const auto real = std::chrono::system_clock::now();
    if (!base_) return std::chrono::floor<std::chrono::seconds>(real);
    return *base_ + std::chrono::floor<std::chrono::seconds>(real - started_);
  }

 private:
  std::optional<domain::Instant> base_;
  std::chrono::system_clock::time_point started_;
};

struct ServerOptions {
  std::string address = "127.0.0.1";
  unsigned short port = 8080;
  int io_threads = 2;
  // Handlers block (database, one-at-a-time password hashing): enough threads that a queue of logins at
  // the reporting peak never holds every worker while dashboards and saves wait.
  int worker_threads = 32;
};

// Runs until SIGINT or SIGTERM. `on_ready` is called with the bound port once the server listens.
void serve(const Router& router, store::Database& db, const Config& config, const ServerOptions& options,
           const Clock& clock, const std::function<void(unsigned short)>& on_ready);

}  // namespace tiendo::api
