#include "mail/outgoing.h"

#include <spdlog/spdlog.h>

#include <atomic>
#include <thread>

namespace tiendo::mail {

void send_in_background(const SmtpConfig& smtp, std::string to, std::string subject, std::string body,
                        std::string what) {
  // At most four at once: a burst of requests cannot start a thread each.
  static std::atomic<int> sending{0};
  if (smtp.host.empty()) {
    spdlog::warn("{} e-mail not sent: no SMTP server is configured (--smtp-host)", what);
    return;
  }
  if (sending.fetch_add(1) >= 4) {
    --sending;
    spdlog::warn("{} e-mail dropped: too many being sent", what);
    return;
  }
  std::thread([smtp, to = std::move(to), subject = std::move(subject), body = std::move(body), what = std::move(what)] {
    const std::string error = send_mail(smtp, to, subject, body);
    if (!error.empty()) spdlog::warn("{} e-mail not sent: {}", what, error);
    --sending;
  }).detach();
}

}  // namespace tiendo::mail
