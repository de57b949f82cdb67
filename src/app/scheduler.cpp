#include "app/scheduler.h"

#include <spdlog/spdlog.h>

#include "domain/date.h"
#include "domain/feedback_retention.h"
#include "service/exchange_job.h"
#include "service/reminder_job.h"
#include "service/risk_brief_job.h"
#include "store/feedback_store.h"
#include "store/trust_store.h"
#include "store/user_store.h"

namespace tiendo::app {

Scheduler::Scheduler(store::Database& db, mail::SmtpConfig smtp, std::string public_url,
                     service::ExchangeConfig exchange, const api::Clock& clock, std::chrono::seconds period,
                     int feedback_retention_days, domain::FeedbackDeadlines feedback_deadlines,
                     std::chrono::seconds event_period)
    : db_(db),
      smtp_(std::move(smtp)),
      public_url_(std::move(public_url)),
      exchange_(std::move(exchange)),
      clock_(clock),
      period_(period),
      feedback_retention_days_(feedback_retention_days),
      feedback_deadlines_(feedback_deadlines),
      event_period_(event_period) {
  if (period_.count() > 0) {
    thread_ = std::thread([this] { loop(); });
    event_thread_ = std::thread([this] { event_loop(); });
  }
}

Scheduler::~Scheduler() {
  {
    std::lock_guard lk(mu_);
    stop_ = true;
  }
  cv_.notify_all();
  if (thread_.joinable()) thread_.join();
  if (event_thread_.joinable()) event_thread_.join();
}

void Scheduler::loop() {
  std::unique_lock lk(mu_);
  while (!stop_) {
    lk.unlock();
    try {
      const int created = service::run_reminders(db_, clock_.now(), feedback_deadlines_);
      // The week's brief of new risks is queued before the mail goes, so it leaves on the same run.
      const int briefs = service::run_risk_briefs(db_, clock_.now());
      const int sent = service::deliver_mail(db_, smtp_, public_url_, clock_.now());
      if (created || briefs || sent)
        spdlog::info("reminders: {} notifications, {} risk briefs, {} e-mails sent", created, briefs, sent);
      // The day's overdue assignments, once (the day is claimed); the event thread sends them.
      if (const int recorded = service::scan_time_events(db_, clock_.now()))
        spdlog::info("events: {} recorded", recorded);
      // Senders' names and contacts past their retention (Decree 13/2023/NĐ-CP).
      if (const int erased = erase_feedback_contacts(db_, clock_.now(), feedback_retention_days_))
        spdlog::info("feedback: {} senders' contacts erased after {} days", erased, feedback_retention_days_);
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

void Scheduler::event_loop() {
  std::unique_lock lk(mu_);
  while (!stop_) {
    lk.unlock();
    try {
      // Pass after pass (20 each) while they send something: a backlog drains at the receivers' pace. A pass
      // that only failed stops the round; those deliveries wait for their back-off.
      int delivered = 0;
      for (int n = 0; (n = service::deliver_events(db_, exchange_, clock_.now())) > 0;) {
        delivered += n;
        if (std::lock_guard g(mu_); stop_) break;
      }
      if (delivered) spdlog::debug("events: {} delivered", delivered);
    } catch (const std::exception& e) {
      spdlog::warn("event sender: {}", e.what());
    }
    lk.lock();
    cv_.wait_for(lk, event_period_, [this] { return stop_; });
  }
}

int erase_feedback_contacts(store::Database& db, domain::Instant now, int retention_days) {
  const auto today = domain::vietnam_date(now);
  int erased = 0;
  db.write([&](store::Connection& c) {
    for (const auto& f : store::list_feedback_contacts_kept(c)) {
      const auto classified = f.classified_on ? domain::parse_iso_date(*f.classified_on) : std::nullopt;
      const auto published_at = f.published_at ? domain::parse_iso_instant(*f.published_at) : std::nullopt;
      const auto published = published_at ? std::optional(domain::vietnam_date(*published_at)) : std::nullopt;
      if (!domain::contact_erasure_due(domain::feedback_closed_on(f.state, classified, published), today,
                                       retention_days))
        continue;
      store::erase_feedback_contact(c, f.id, domain::iso(today));
      store::append_audit(c, db.kind() == "postgresql",
                          store::AuditEntry{0, domain::iso(now), std::nullopt, "scheduler", "scheduler",
                                            "feedback_item", std::to_string(f.id), "erase_contact", "",
                                            "{\"retention_days\":" + std::to_string(retention_days) + "}", "", ""});
      ++erased;
    }
  });
  return erased;
}

}  // namespace tiendo::app
