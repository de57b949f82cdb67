#pragma once
// E-mail through an SMTP server (RFC 5321): EHLO, STARTTLS or implicit TLS with the server's certificate
// and name verified, optional AUTH PLAIN, MAIL, RCPT, DATA. UTF-8 subject and body are encoded (RFC 2047,
// base64) so Vietnamese arrives intact.
#include <string>

namespace tiendo::mail {

struct SmtpConfig {
  std::string host;  // empty: e-mail is off
  unsigned short port = 25;
  std::string from = "tiendo@localhost";
  std::string username, password;
  // "none", "starttls" (upgrade after EHLO, port 587/25) or "implicit" (TLS from the start, port 465).
  std::string tls = "none";
  std::string ca_file;  // extra trusted CA (a private server's); the system's CAs are always trusted
  int timeout_seconds = 15;
};

// Returns "" when the server accepted the message, else what went wrong (for the delivery's last_error).
std::string send_mail(const SmtpConfig& cfg, const std::string& to, const std::string& subject,
                      const std::string& body);

}  // namespace tiendo::mail
