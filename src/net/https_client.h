#pragma once
// POST over HTTPS to another platform (the signed events of issue 18): a deadline for the whole exchange,
// and a certificate valid for the host from the system's CAs or an extra trusted one. The answer's body
// is not read.
#include <memory>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "domain/exchange.h"

namespace tiendo::net {

struct PostResult {
  std::optional<int> status;  // the answer's HTTP status, when one came
  std::string error;          // what went wrong otherwise, in Vietnamese
};

class HttpsClient {
 public:
  // The trusted CAs are read once here (reading the system's store costs more than a handshake): make one
  // client per sending pass. `ca_file` may be empty.
  explicit HttpsClient(const std::string& ca_file);
  ~HttpsClient();
  PostResult post(const domain::HttpsUrl& u, const std::vector<std::pair<std::string, std::string>>& headers,
                  const std::string& body, int timeout_ms);

 private:
  struct Tls;
  std::unique_ptr<Tls> tls_;
};

}  // namespace tiendo::net
