#pragma once
// Exchange with other systems, the pure rules: which external systems and codes are well formed (QĐ 20/2020
// agency codes among them), how an event is signed for its receiver, how long a failed delivery waits, which
// destinations a server may send to.
#include <chrono>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "domain/assignment_status.h"

namespace tiendo::domain {

// The kinds of plan item that carry external codes, as the API names them.
std::span<const std::string_view> external_entities();
bool known_external_entity(std::string_view entity);

// The system that holds units' electronic agency codes under QĐ 20/2020/QĐ-TTg.
inline constexpr std::string_view kAgencyCodeSystem = "qd20";

// The national S&T platform: an S&T task's code there is the task's own field (national_code, "Mã trên nền tảng
// quốc gia", kept by the register and its import), read as its code in that system, never set as one.
inline constexpr std::string_view kStPlatformSystem = "khcn.quocgia";

// What a message calls an item of that kind ("nhiệm vụ"); an assignment ("phân công") for any other.
std::string_view external_entity_label(std::string_view entity);

// Why an item of `entity` cannot take a code in `system` through the codes' own route, in Vietnamese, or nothing:
// QĐ 20/2020 agency codes belong to units only, and an S&T task's national code is edited in its register.
std::optional<std::string> code_system_problem(std::string_view entity, std::string_view system);

// An admin-added system is named by 2–40 of a–z, 0–9, '.', '_' and '-', starting with a letter or digit.
bool valid_system_code(std::string_view code);

// Why `code` is not a valid code in `system`, in Vietnamese, or nothing when it is. Any system: 1–100
// characters, no control characters, no spaces at either end. QĐ 20/2020 (Art. 3–8) adds its format:
// at most 35 of A–Z, 0–9 and '.', one dot-separated group per level; a state body's code starts with its
// level-1 group M X1 X2 (M a letter A–Y, X1 X2 digits, Appendix I); a body outside the state list uses a
// scheme code Z x y followed by its in-scheme code of at most 32 characters.
std::optional<std::string> external_code_problem(std::string_view system, std::string_view code);

// Event types a subscription may ask for.
std::span<const std::string_view> event_types();
bool known_event_type(std::string_view type);
// A subscription's event types as kept, comma-separated ("report_submitted,report_returned"), in their order.
std::vector<std::string> split_event_types(std::string_view kept);

// The signature a receiver checks: hex HMAC-SHA256 with the subscription's secret over
// "<timestamp>.<body>", sent as "sha256=<hex>" beside the timestamp (Unix seconds) so a replayed old
// request can be refused by its age.
std::string hmac_sha256_hex(std::string_view key, std::string_view message);
std::string event_signature(std::string_view secret, long long timestamp, std::string_view body);

// A failed delivery waits 30 s, 1 min, 2 min … doubling up to 6 h after its n-th failed attempt (n ≥ 1);
// after the configured number of attempts (10 unless the server is told otherwise) it stops: failed, to be
// replayed by an admin.
std::chrono::seconds event_retry_delay(int failed_attempts);

// An https:// URL split for sending; nothing for anything else (plain http, user info, bad port).
struct HttpsUrl {
  std::string host;
  unsigned short port = 443;
  std::string target = "/";  // path and query
};
std::optional<HttpsUrl> parse_https_url(std::string_view url);

// The server's configuration names where events may go ("host" for port 443, or "host:port"): no
// subscription can make the server call an address nobody allowed (internal services, metadata endpoints).
bool destination_allowed(const HttpsUrl& url, const std::vector<std::string>& allowlist);

// Issue 18, item 2: the roll-up of one upstream task over the city assignments of the tasks that implement it.
// `done` counts done on time and late; cancelled work is not owed and leaves the denominator, but is still
// the worst status when nothing else is linked. The worst status is the one needing attention most:
// overdue, then recurring not updated, due soon, not started, in progress, no deadline, waiting, paused,
// recurring updated, done late, done on time, cancelled.
struct UpstreamRollup {
  int assignments = 0;  // linked, counted (R1) and not cancelled
  int done = 0;
  int cancelled = 0;
  std::optional<AssignmentStatus> worst;  // nothing when no assignment is linked
  // done / assignments, nothing when there is none.
  std::optional<double> share_done() const;
};
void add(UpstreamRollup& r, AssignmentStatus s);

// Issue 18, item 3: how an upstream system wants an outbox item laid out — its columns in order (which of the
// item's fields, under which header) and its words for the city's statuses. Data an admin sets, not code.
struct TemplateColumn {
  std::string field, header;
};
struct OutboxTemplate {
  std::vector<TemplateColumn> columns;
  std::vector<std::pair<std::string, std::string>> status_map;  // city status code -> the system's word
};
// The fields an item of that kind has: an assignment's monthly update ("assignment_update") or a feedback
// initiative or product order ("feedback_item").
std::span<const std::string_view> outbox_fields(std::string_view kind);
// The states an outbox item goes through: prepared, sent (by a connector), acknowledged, failed.
bool known_outbox_state(std::string_view state);
// Why the template cannot be used, or nothing: 1–40 columns, each a known field once with a header of 1–200
// characters; statuses mapped are known ones, each to 1–200 characters. `field` names where the problem is
// ("columns[2].header", "status_map") so a form marks that input; the message is in Vietnamese.
struct TemplateProblem {
  std::string field, message;
};
std::optional<TemplateProblem> template_problem(const OutboxTemplate& t);
struct LaidOutCell {
  std::string field, header, value;
};
// The item's values in the template's order; a field the item does not have is empty, and its "status" is
// the system's word for it (the city's label when the template does not map it).
std::vector<LaidOutCell> lay_out(const OutboxTemplate& t,
                                 const std::vector<std::pair<std::string, std::string>>& values);
// Hex SHA-256 of `text`: a payload's fingerprint, so an item whose content has not changed is not re-queued.
std::string sha256_hex(std::string_view text);

}  // namespace tiendo::domain
