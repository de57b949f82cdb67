#pragma once
// E-mail sent off the request, a few at a time, once: for messages that carry a secret that is never stored
// (a password reset link, a feedback item's rating link), so they cannot wait in a queue in the database. A
// message that cannot be sent is logged and dropped; the person still has the link on screen.
#include <string>

#include "mail/smtp.h"

namespace tiendo::mail {

// `what` names the message in the log ("password reset", "feedback link").
void send_in_background(const SmtpConfig& smtp, std::string to, std::string subject, std::string body,
                        std::string what);

// Waits for the messages still being sent. The server calls it once it has stopped serving, before the
// process ends: a message under way is delivered (or fails by its SMTP deadline) instead of being cut off.
void finish_sending();

}  // namespace tiendo::mail
