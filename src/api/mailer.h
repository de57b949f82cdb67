#pragma once
// E-mail through an SMTP server (RFC 5321): EHLO, optional AUTH PLAIN, MAIL, RCPT, DATA. UTF-8 subject and
// body are encoded (RFC 2047, base64) so Vietnamese arrives intact.
#include <string>

namespace tiendo::api {

struct SmtpConfig {
  std::string host;  // empty: e-mail is off
  unsigned short port = 25;
  std::string from = "tiendo@localhost";
  std::string username, password;
  int timeout_seconds = 15;
};

// Returns "" when the server accepted the message, else what went wrong (for the delivery's last_error).
std::string send_mail(const SmtpConfig& cfg, const std::string& to, const std::string& subject,
                      const std::string& body);

}  // namespace tiendo::api
