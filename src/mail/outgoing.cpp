#include "mail/outgoing.h"

#include <spdlog/spdlog.h>

#include <atomic>
#include <list>
#include <memory>
#include <mutex>
#include <thread>

namespace tiendo::mail {

namespace {

// The senders still known to the process. Each is joined, never detached: a sender that outlived main()
// would log through a destroyed logger and speak TLS through a library already cleaned up.
struct Sender {
  std::thread thread;
  std::shared_ptr<std::atomic<bool>> done;
};

struct Senders {
  std::mutex mutex;
  std::list<Sender> running;
};

Senders& senders() {
  static Senders s;
  return s;
}

// Joins the senders that have finished; the caller holds the mutex. Returns how many are still sending.
size_t reap(std::list<Sender>& running) {
  for (auto it = running.begin(); it != running.end();) {
    if (it->done->load()) {
      it->thread.join();
      it = running.erase(it);
    } else {
      ++it;
    }
  }
  return running.size();
}

}  // namespace

void send_in_background(const SmtpConfig& smtp, std::string to, std::string subject, std::string body,
                        std::string what) {
  if (smtp.host.empty()) {
    spdlog::warn("{} e-mail not sent: no SMTP server is configured (--smtp-host)", what);
    return;
  }
  auto& s = senders();
  const std::lock_guard lock(s.mutex);
  // At most four at once: a burst of requests cannot start a thread each.
  if (reap(s.running) >= 4) {
    spdlog::warn("{} e-mail dropped: too many being sent", what);
    return;
  }
  auto done = std::make_shared<std::atomic<bool>>(false);
  std::thread thread(
      [smtp, to = std::move(to), subject = std::move(subject), body = std::move(body), what = std::move(what), done] {
        const std::string error = send_mail(smtp, to, subject, body);
        if (!error.empty()) spdlog::warn("{} e-mail not sent: {}", what, error);
        done->store(true);
      });
  s.running.push_back({std::move(thread), std::move(done)});
}

void finish_sending() {
  auto& s = senders();
  std::list<Sender> running;
  {
    const std::lock_guard lock(s.mutex);
    running.swap(s.running);
  }
  if (!running.empty()) spdlog::info("waiting for {} e-mail(s) being sent", running.size());
  // Each SMTP step has its own deadline (SmtpConfig::timeout_seconds), so this wait is bounded.
  for (auto& sender : running) sender.thread.join();
}

}  // namespace tiendo::mail
