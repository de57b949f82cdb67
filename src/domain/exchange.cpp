#include "domain/exchange.h"

#include <openssl/evp.h>
#include <openssl/hmac.h>

#include <algorithm>
#include <array>
#include <cctype>
#include <set>

#include "domain/labels.h"

namespace tiendo::domain {

namespace {

constexpr std::array<std::string_view, 7> kEntities{"unit",       "directive",     "task",   "indicator",
                                                    "assignment", "feedback_item", "st_task"};

constexpr std::array<std::string_view, 7> kEventTypes{
    "report_submitted",   "report_approved",          "report_accepted",  "report_returned",
    "assignment_overdue", "indicator_status_changed", "feedback_answered"};

bool upper_alnum(char c) { return (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9'); }

std::optional<std::string> agency_code_problem(std::string_view code) {
  const std::string fmt =
      "Mã định danh theo QĐ 20/2020/QĐ-TTg gồm tối đa 35 ký tự A–Z, 0–9 và dấu chấm, mỗi cấp một nhóm; nhóm cấp 1 "
      "có dạng MX1X2 (M là chữ A–Y, X1X2 là chữ số) hoặc mã lược đồ Zxy.";
  if (code.size() > 35) return fmt;
  if (!std::all_of(code.begin(), code.end(), [](char c) { return upper_alnum(c) || c == '.'; })) return fmt;
  if (code.front() == 'Z') {
    // Zxy + in-scheme code (≤ 32 characters).
    if (code.size() < 4 || code.size() > 35 || !upper_alnum(code[1]) || !upper_alnum(code[2])) return fmt;
    return std::nullopt;
  }
  // Groups separated by single dots, none empty; the level-1 group MX1X2 comes first.
  std::vector<std::string_view> groups;
  size_t i = 0;
  while (true) {
    const size_t j = code.find('.', i);
    groups.push_back(code.substr(i, j == std::string_view::npos ? std::string_view::npos : j - i));
    if (j == std::string_view::npos) break;
    i = j + 1;
  }
  for (auto g : groups)
    if (g.empty()) return fmt;
  const auto first = groups.front();
  if (first.size() != 3 || first[0] < 'A' || first[0] > 'Y' || !std::isdigit(static_cast<unsigned char>(first[1])) ||
      !std::isdigit(static_cast<unsigned char>(first[2])))
    return fmt;
  return std::nullopt;
}

}  // namespace

std::span<const std::string_view> external_entities() { return kEntities; }

bool known_external_entity(std::string_view entity) {
  return std::find(kEntities.begin(), kEntities.end(), entity) != kEntities.end();
}

bool valid_system_code(std::string_view code) {
  if (code.size() < 2 || code.size() > 40) return false;
  if (!std::isalnum(static_cast<unsigned char>(code[0]))) return false;
  return std::all_of(code.begin(), code.end(), [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '.' || c == '_' || c == '-';
  });
}

std::string_view external_entity_label(std::string_view entity) {
  if (entity == "unit") return "đơn vị";
  if (entity == "directive") return "văn bản chỉ đạo";
  if (entity == "task") return "nhiệm vụ";
  if (entity == "indicator") return "chỉ tiêu";
  if (entity == "feedback_item") return "phản ánh, kiến nghị";
  if (entity == "st_task") return "nhiệm vụ khoa học và công nghệ";
  return "phân công";
}

std::optional<std::string> code_system_problem(std::string_view entity, std::string_view system) {
  if (system == kAgencyCodeSystem && entity != "unit") return "Mã định danh theo QĐ 20/2020/QĐ-TTg chỉ gán cho đơn vị.";
  if (system == kStPlatformSystem && entity == "st_task")
    return "Mã của nhiệm vụ khoa học và công nghệ trên nền tảng quốc gia là trường «Mã trên nền tảng quốc gia» của "
           "nhiệm vụ: sửa ở sổ nhiệm vụ.";
  return std::nullopt;
}

std::optional<std::string> external_code_problem(std::string_view system, std::string_view code) {
  if (code.empty() || code.size() > 100) return "Mã ở hệ thống ngoài phải có từ 1 đến 100 ký tự.";
  if (std::any_of(code.begin(), code.end(), [](unsigned char c) { return c < 0x20 || c == 0x7f; }))
    return "Mã ở hệ thống ngoài không được chứa ký tự điều khiển.";
  if (code.front() == ' ' || code.back() == ' ') return "Mã ở hệ thống ngoài không được có khoảng trắng ở hai đầu.";
  if (system == kAgencyCodeSystem) return agency_code_problem(code);
  return std::nullopt;
}

std::span<const std::string_view> event_types() { return kEventTypes; }

bool known_event_type(std::string_view type) {
  return std::find(kEventTypes.begin(), kEventTypes.end(), type) != kEventTypes.end();
}

std::vector<std::string> split_event_types(std::string_view kept) {
  std::vector<std::string> out;
  size_t i = 0;
  while (i <= kept.size()) {
    const size_t j = std::min(kept.find(',', i), kept.size());
    if (j > i) out.emplace_back(kept.substr(i, j - i));
    i = j + 1;
  }
  return out;
}

std::string hmac_sha256_hex(std::string_view key, std::string_view message) {
  unsigned char out[EVP_MAX_MD_SIZE];
  unsigned int len = 0;
  HMAC(EVP_sha256(), key.data(), static_cast<int>(key.size()), reinterpret_cast<const unsigned char*>(message.data()),
       message.size(), out, &len);
  static constexpr char hex[] = "0123456789abcdef";
  std::string s;
  s.reserve(len * 2);
  for (unsigned int i = 0; i < len; ++i) {
    s += hex[out[i] >> 4];
    s += hex[out[i] & 15];
  }
  return s;
}

std::string event_signature(std::string_view secret, long long timestamp, std::string_view body) {
  std::string message = std::to_string(timestamp);
  message += '.';
  message += body;
  return "sha256=" + hmac_sha256_hex(secret, message);
}

std::chrono::seconds event_retry_delay(int failed_attempts) {
  const int n = std::clamp(failed_attempts, 1, 20) - 1;
  const long long s = 30LL << std::min(n, 10);
  return std::chrono::seconds(std::min<long long>(s, 6 * 3600));
}

std::optional<HttpsUrl> parse_https_url(std::string_view url) {
  constexpr std::string_view scheme = "https://";
  if (url.size() > 2000 || !url.starts_with(scheme)) return std::nullopt;
  if (std::any_of(url.begin(), url.end(), [](unsigned char c) { return c <= 0x20 || c >= 0x7f; })) return std::nullopt;
  std::string_view rest = url.substr(scheme.size());
  const size_t slash = rest.find_first_of("/?#");
  std::string_view authority = rest.substr(0, slash);
  std::string target = slash == std::string_view::npos ? "/" : std::string(rest.substr(slash));
  if (target.find('#') != std::string::npos) return std::nullopt;
  if (target.front() == '?') target = "/" + target;
  if (authority.empty() || authority.find('@') != std::string_view::npos || authority.front() == '[')
    return std::nullopt;
  HttpsUrl u;
  u.target = std::move(target);
  const size_t colon = authority.find(':');
  u.host = std::string(authority.substr(0, colon));
  if (colon != std::string_view::npos) {
    const auto p = authority.substr(colon + 1);
    if (p.empty() || p.size() > 5 || !std::all_of(p.begin(), p.end(), [](char c) { return c >= '0' && c <= '9'; }))
      return std::nullopt;
    const int port = std::stoi(std::string(p));
    if (port < 1 || port > 65535) return std::nullopt;
    u.port = static_cast<unsigned short>(port);
  }
  for (char& c : u.host) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  if (u.host.empty() || !std::all_of(u.host.begin(), u.host.end(), [](char c) {
        return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '.' || c == '-';
      }))
    return std::nullopt;
  return u;
}

bool destination_allowed(const HttpsUrl& url, const std::vector<std::string>& allowlist) {
  const std::string with_port = url.host + ":" + std::to_string(url.port);
  for (std::string entry : allowlist) {
    for (char& c : entry) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    if (entry == with_port || (url.port == 443 && entry == url.host)) return true;
  }
  return false;
}

void add(UpstreamRollup& r, AssignmentStatus s) {
  if (s == AssignmentStatus::cancelled)
    ++r.cancelled;
  else
    ++r.assignments;
  if (s == AssignmentStatus::done_on_time || s == AssignmentStatus::done_late) ++r.done;
  if (!r.worst || attention_rank(s) < attention_rank(*r.worst)) r.worst = s;
}

std::optional<double> UpstreamRollup::share_done() const {
  if (assignments == 0) return std::nullopt;
  return static_cast<double>(done) / assignments;
}

namespace {

constexpr std::string_view kAssignmentFields[] = {"upstream_code", "task_name",    "unit_code",        "unit_name",
                                                  "period",        "status",       "progress_percent", "work_done",
                                                  "outputs",       "difficulties", "evidence",         "reported_at"};
constexpr std::string_view kFeedbackFields[] = {"code", "kind", "title", "body", "field", "received_on"};

bool text_ok(const std::string& s) {
  if (s.empty() || s.size() > 200 * 4) return false;
  for (unsigned char ch : s)
    if (ch < 0x20 || ch == 0x7f) return false;
  return s.front() != ' ' && s.back() != ' ';
}

}  // namespace

std::span<const std::string_view> outbox_fields(std::string_view kind) {
  if (kind == "feedback_item") return kFeedbackFields;
  return kAssignmentFields;
}

bool known_outbox_state(std::string_view state) {
  return state == "prepared" || state == "sent" || state == "acknowledged" || state == "failed";
}

std::optional<TemplateProblem> template_problem(const OutboxTemplate& t) {
  if (t.columns.empty() || t.columns.size() > 40) return TemplateProblem{"columns", "Mẫu cột phải có từ 1 đến 40 cột."};
  std::set<std::string> seen;
  for (size_t i = 0; i < t.columns.size(); ++i) {
    const auto& c = t.columns[i];
    const std::string at = "Cột thứ " + std::to_string(i + 1);
    const std::string where = "columns[" + std::to_string(i) + "].";
    const auto known = [&](std::span<const std::string_view> fields) {
      return std::find(fields.begin(), fields.end(), c.field) != fields.end();
    };
    // The field's own name is not repeated: the message is read in Vietnamese, the names are English codes.
    if (!known(kAssignmentFields) && !known(kFeedbackFields))
      return TemplateProblem{where + "field", at + ": trường không có trong danh sách trường của hộp thư đi."};
    if (!seen.insert(c.field).second) return TemplateProblem{where + "field", at + ": trường này đã có ở cột khác."};
    if (!text_ok(c.header))
      return TemplateProblem{where + "header", at + ": tiêu đề phải có 1–200 ký tự, không có ký tự điều khiển."};
  }
  for (const auto& [status, word] : t.status_map) {
    if (!assignment_status_from(status))
      return TemplateProblem{"status_map", "Cách gọi trạng thái nêu một trạng thái không có."};
    if (!text_ok(word))
      return TemplateProblem{"status_map",
                             "Từ tương ứng với trạng thái phải có 1–200 ký tự, không có ký tự điều khiển."};
  }
  return std::nullopt;
}

std::vector<LaidOutCell> lay_out(const OutboxTemplate& t,
                                 const std::vector<std::pair<std::string, std::string>>& values) {
  std::vector<LaidOutCell> out;
  for (const auto& c : t.columns) {
    std::string v;
    for (const auto& [k, x] : values)
      if (k == c.field) v = x;
    if (c.field == "status" && !v.empty()) {
      const auto word =
          std::find_if(t.status_map.begin(), t.status_map.end(), [&](const auto& p) { return p.first == v; });
      if (word != t.status_map.end())
        v = word->second;
      else if (auto s = assignment_status_from(v))
        v = std::string(vn_label(*s));
    }
    out.push_back({c.field, c.header, v});
  }
  return out;
}

std::string sha256_hex(std::string_view text) {
  unsigned char md[EVP_MAX_MD_SIZE];
  unsigned int n = 0;
  EVP_Digest(text.data(), text.size(), md, &n, EVP_sha256(), nullptr);
  static constexpr char hex[] = "0123456789abcdef";
  std::string s;
  for (unsigned int i = 0; i < n; ++i) {
    s += hex[md[i] >> 4];
    s += hex[md[i] & 15];
  }
  return s;
}

}  // namespace tiendo::domain
