#pragma once
// The in-server scheduler: a thread that runs reminders, sends e-mail, records the events time causes and
// erases feedback senders' contacts past their retention, every period until destroyed; and a second thread
// that sends the waiting events every `event_period` until none is left, so a report's event reaches the city's
// platforms within seconds even at the 19th-of-the-month peak (the minute's period alone sent 20 a minute).
#include <condition_variable>
#include <mutex>
#include <thread>

#include "api/server.h"
#include "domain/feedback.h"
#include "mail/smtp.h"
#include "service/exchange_job.h"
#include "store/db.h"

namespace tiendo::app {

// Erases the name and contact of every feedback item closed more than `retention_days` ago (one transaction,
// an audit entry each); returns how many. Run by the scheduler.
int erase_feedback_contacts(store::Database& db, domain::Instant now, int retention_days);

class Scheduler {
 public:
  // A zero period starts nothing (tests run reminders through the API instead).
  // public_url: where the web client is, for the links in e-mails; `feedback_retention_days`: how long a closed
  // feedback item keeps its sender's name and contact; `feedback_deadlines`: when its answer is due soon.
  Scheduler(store::Database& db, mail::SmtpConfig smtp, std::string public_url, service::ExchangeConfig exchange,
            const api::Clock& clock, std::chrono::seconds period, int feedback_retention_days,
            domain::FeedbackDeadlines feedback_deadlines, std::chrono::seconds event_period);
  ~Scheduler();
  Scheduler(const Scheduler&) = delete;
  Scheduler& operator=(const Scheduler&) = delete;

 private:
  void loop();
  void event_loop();

  store::Database& db_;
  mail::SmtpConfig smtp_;
  std::string public_url_;
  service::ExchangeConfig exchange_;
  const api::Clock& clock_;
  std::chrono::seconds period_;
  int feedback_retention_days_;
  domain::FeedbackDeadlines feedback_deadlines_;
  std::chrono::seconds event_period_;
  std::mutex mu_;
  std::condition_variable cv_;
  bool stop_ = false;
  std::thread thread_;
  std::thread event_thread_;
};

}  // namespace tiendo::app
