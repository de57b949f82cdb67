#include "app/scheduler.h"

#include <spdlog/spdlog.h>

#include "domain/date.h"
#include "service/exchange_job.h"
#include "service/reminder_job.h"
#include "store/trust_store.h"
#include "store/user_store.h"

namespace tiendo::app {

Scheduler::Scheduler(store::Database& db, mail::SmtpConfig smtp, service::ExchangeConfig exchange,
                     const api::Clock& clock, std::chrono::seconds period)
    : db_(db), smtp_(std::move(smtp)), exchange_(std::move(exchange)), clock_(clock), period_(period) {
  if (period_.count() > 0) thread_ = std::thread([this] { loop(); });
}

Scheduler::~Scheduler() {
  {
    std::lock_guard lk(mu_);
    stop_ = true;
  }
  cv_.notify_all();
  if (thread_.joinable()) thread_.join();
}

void Scheduler::loop() {
  std::unique_lock lk(mu_);
  while (!stop_) {
    lk.unlock();
    try {
      const int created = service::run_reminders(db_, clock_.now());
      const int sent = service::deliver_mail(db_, smtp_, clock_.now());
      if (created || sent) spdlog::info("reminders: {} notifications, {} e-mails sent", created, sent);
      // Events: the day's overdue assignments once (the day is claimed), then what is due to be sent.
      const int recorded = service::scan_time_events(db_, clock_.now());
      const int delivered = service::deliver_events(db_, exchange_, clock_.now());
      if (recorded || delivered) spdlog::info("events: {} recorded, {} delivered", recorded, delivered);
      // Kept answers and login delays matter for a day at most; expired sessions go.
      const std::string day_ago = domain::iso(clock_.now() - std::chrono::hours(24));
      db_.write([&](store::Connection& c) {
        store::forget_answers_before(c, day_ago);
        store::forget_login_throttle_before(c, day_ago);
        store::purge_expired_sessions(c, domain::iso(clock_.now()));
      });
    } catch (const std::exception& e) {
      // The database may be away for a while: try again next period, nothing is lost meanwhile.
      spdlog::warn("scheduler: {}", e.what());
    }
    lk.lock();
    cv_.wait_for(lk, period_, [this] { return stop_; });
  }
}

}  // namespace tiendo::app
