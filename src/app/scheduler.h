#pragma once
// The in-server scheduler: a thread that runs reminders, sends e-mail, records the events time causes and
// delivers events every period until destroyed.
#include <condition_variable>
#include <mutex>
#include <thread>

#include "api/server.h"
#include "mail/smtp.h"
#include "service/exchange_job.h"
#include "store/db.h"

namespace tiendo::app {

class Scheduler {
 public:
  // A zero period starts nothing (tests run reminders through the API instead).
  Scheduler(store::Database& db, mail::SmtpConfig smtp, service::ExchangeConfig exchange, const api::Clock& clock,
            std::chrono::seconds period);
  ~Scheduler();
  Scheduler(const Scheduler&) = delete;
  Scheduler& operator=(const Scheduler&) = delete;

 private:
  void loop();

  store::Database& db_;
  mail::SmtpConfig smtp_;
  service::ExchangeConfig exchange_;
  const api::Clock& clock_;
  std::chrono::seconds period_;
  std::mutex mu_;
  std::condition_variable cv_;
  bool stop_ = false;
  std::thread thread_;
};

}  // namespace tiendo::app
