#pragma once
// The HTTP server: Boost.Beast with C++20 coroutines on a few I/O threads, handlers on a worker pool so a
// slow query never stalls the thousands of idle keep-alive connections that offices behind NAT hold open.
#include <atomic>
#include <functional>
#include <string>

#include "api/context.h"
#include "api/router.h"

namespace tiendo::api {

struct ServerOptions {
  std::string address = "127.0.0.1";
  unsigned short port = 8080;
  int io_threads = 2;
  int worker_threads = 8;
  // Instant of "now" at start-up, for demos and tests of a fixed date; time still runs from there.
  std::optional<domain::Instant> start_clock_at;
};

// Runs until SIGINT or SIGTERM. `on_ready` is called with the bound port once the server listens.
void serve(const Router& router, store::Database& db, const Config& config, const ServerOptions& options,
           const std::function<void(unsigned short)>& on_ready);

}  // namespace tiendo::api
