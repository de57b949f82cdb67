#pragma once
// The thread that keeps a model of today's figures (the dashboard's, the risks') up to date between requests, so
// a reader seldom finds the change feed ahead of it: `step` runs with the server's time every 50 ms until stopped.
#include <chrono>
#include <condition_variable>
#include <exception>
#include <functional>
#include <mutex>
#include <thread>

#include "domain/date.h"

namespace tiendo::service {

class Follower {
 public:
  Follower() = default;
  Follower(const Follower&) = delete;
  Follower& operator=(const Follower&) = delete;
  ~Follower() { stop(); }

  // Starts the thread on the first call; later calls do nothing. The server's clock may be set (--clock): the
  // thread keeps the offset `now` has from the system clock.
  void start(domain::Instant now, std::function<void(domain::Instant)> step) {
    std::call_once(started_, [&] {
      const auto offset = now - std::chrono::system_clock::now();
      thread_ = std::thread([this, offset, step = std::move(step)] {
        std::unique_lock lk(mu_);
        while (!cv_.wait_for(lk, std::chrono::milliseconds(50), [this] { return stopped_; })) {
          lk.unlock();
          try {
            step(std::chrono::floor<std::chrono::seconds>(std::chrono::system_clock::now() + offset));
          } catch (const std::exception&) {
            // The database may be away: the next request says so (503) and catches up itself.
          }
          lk.lock();
        }
      });
    });
  }

  // Joins the thread: its owner calls this first in its destructor, while what `step` reads is still alive.
  void stop() {
    {
      std::lock_guard lk(mu_);
      stopped_ = true;
    }
    cv_.notify_all();
    if (thread_.joinable()) thread_.join();
  }

 private:
  std::once_flag started_;
  std::thread thread_;
  std::mutex mu_;
  std::condition_variable cv_;
  bool stopped_ = false;
};

}  // namespace tiendo::service
