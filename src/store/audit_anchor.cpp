#include "store/audit_anchor.h"

#include <fcntl.h>
#include <sodium.h>
#include <spdlog/spdlog.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cctype>
#include <cerrno>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>
#include <stdexcept>

namespace tiendo::store {

namespace fs = std::filesystem;

namespace {

std::string database_name(const std::string& url) {
  std::string rest = url.substr(url.find("://") + 3);
  rest = rest.substr(0, rest.find('?'));
  const auto slash = rest.rfind('/');
  std::string name = slash == std::string::npos ? "" : rest.substr(slash + 1);
  for (char& ch : name)
    if (!std::isalnum(static_cast<unsigned char>(ch)) && ch != '_' && ch != '-') ch = '_';
  return name.empty() ? "postgres" : name;
}

std::string hex(const unsigned char* p, size_t n) {
  std::string out(n * 2 + 1, '\0');
  sodium_bin2hex(out.data(), out.size(), p, n);
  out.pop_back();
  return out;
}

// An exclusive lock on the key file while the anchor is read and replaced: threads and instances that
// share the key take turns.
class FileLock {
 public:
  explicit FileLock(const std::string& path) : fd_(::open(path.c_str(), O_RDONLY | O_CLOEXEC)) {
    if (fd_ < 0 || ::flock(fd_, LOCK_EX) != 0) throw std::runtime_error("không khóa được tệp " + path);
  }
  ~FileLock() {
    if (fd_ >= 0) ::close(fd_);  // closing releases the lock
  }
  FileLock(const FileLock&) = delete;
  FileLock& operator=(const FileLock&) = delete;

 private:
  int fd_;
};

std::string canonical(const Checkpoint& cp) {
  return "tiendo-audit-anchor 1\ncount " + std::to_string(cp.count) + "\nlast_id " + std::to_string(cp.last_id) +
         "\nlast_hash " + cp.last_hash + "\n";
}

}  // namespace

AuditFiles audit_files(const std::string& db_url, const std::string& key_option) {
  AuditFiles f;
  f.key = key_option;
  if (f.key.empty())
    if (const char* env = std::getenv("TIENDO_AUDIT_KEY_FILE")) f.key = env;
  const bool postgres = db_url.starts_with("postgres");
  if (f.key.empty()) {
    if (postgres)
      throw std::runtime_error(
          "với PostgreSQL cần tệp khóa nhật ký nằm ngoài cơ sở dữ liệu: --audit-key TỆP hoặc biến "
          "TIENDO_AUDIT_KEY_FILE");
    f.key = db_url + ".audit-key";
  }
  if (postgres) {
    f.anchor = (fs::path(f.key).parent_path() / (database_name(db_url) + ".audit-anchor")).string();
    f.feedback_key = (fs::path(f.key).parent_path() / (database_name(db_url) + ".feedback-key")).string();
  } else {
    f.anchor = db_url + ".audit-anchor";
    f.feedback_key = db_url + ".feedback-key";
  }
  return f;
}

Checkpoint current_checkpoint(Connection& c, const Checkpoint* since) {
  Checkpoint cp;
  const long long after = since ? since->last_id : 0;
  const auto r = c.query("SELECT COUNT(*), COALESCE(MAX(id), 0) FROM audit_log WHERE id > $1", {after}).at(0);
  cp.count = r.i64(0) + (since ? since->count : 0);
  cp.last_id = r.i64(1);
  if (cp.last_id == 0 && since) return *since;  // nothing new
  if (cp.last_id > 0) cp.last_hash = c.query("SELECT hash FROM audit_log WHERE id = $1", {cp.last_id}).at(0).text(0);
  return cp;
}

std::string export_snapshot(Connection& c) { return c.query("SELECT pg_export_snapshot()").at(0).text(0); }

AuditAnchor::AuditAnchor(AuditFiles files, bool create) : files_(std::move(files)) {
  if (!fs::exists(files_.key)) {
    if (!create) throw std::runtime_error("không tìm thấy tệp khóa nhật ký " + files_.key);
    const auto parent = fs::path(files_.key).parent_path();
    if (!parent.empty()) fs::create_directories(parent);
    unsigned char raw[crypto_auth_hmacsha256_KEYBYTES];
    randombytes_buf(raw, sizeof raw);
    const std::string text = hex(raw, sizeof raw) + "\n";
    const int fd = ::open(files_.key.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
    if (fd >= 0) {
      const bool ok = ::write(fd, text.data(), text.size()) == static_cast<ssize_t>(text.size()) && ::fsync(fd) == 0;
      ::close(fd);
      if (!ok) throw std::runtime_error("không ghi được tệp khóa nhật ký " + files_.key);
      created_ = true;
      may_start_ = true;
      spdlog::info("đã tạo tệp khóa nhật ký {} (quyền 0600); hãy sao lưu nó riêng, ngoài cơ sở dữ liệu", files_.key);
    } else if (errno != EEXIST) {
      throw std::runtime_error("không tạo được tệp khóa nhật ký " + files_.key);
    }
  }
  struct stat st {};
  if (::stat(files_.key.c_str(), &st) == 0 && (st.st_mode & 077))
    spdlog::warn("tệp khóa nhật ký {} đọc được bởi người khác: nên đặt quyền 0600", files_.key);
  std::ifstream in(files_.key);
  std::string text;
  in >> text;
  unsigned char raw[crypto_auth_hmacsha256_KEYBYTES];
  size_t len = 0;
  if (text.size() != 2 * sizeof raw ||
      sodium_hex2bin(raw, sizeof raw, text.data(), text.size(), nullptr, &len, nullptr) != 0 || len != sizeof raw)
    throw std::runtime_error("tệp khóa nhật ký " + files_.key + " không hợp lệ (cần 64 chữ số hex)");
  key_.assign(reinterpret_cast<const char*>(raw), sizeof raw);
}

std::string AuditAnchor::sign(const Checkpoint& cp) const {
  const std::string msg = canonical(cp);
  unsigned char mac[crypto_auth_hmacsha256_BYTES];
  crypto_auth_hmacsha256(mac, reinterpret_cast<const unsigned char*>(msg.data()), msg.size(),
                         reinterpret_cast<const unsigned char*>(key_.data()));
  return hex(mac, sizeof mac);
}

void AuditAnchor::write(const std::string& path, const Checkpoint& cp) const {
  const std::string tmp = path + ".tmp";
  {
    std::ofstream out(tmp, std::ios::trunc);
    out << canonical(cp) << "mac " << sign(cp) << "\n";
    out.flush();
    if (!out) throw std::runtime_error("không ghi được tệp neo nhật ký " + tmp);
  }
  const int fd = ::open(tmp.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd >= 0) {
    ::fsync(fd);
    ::close(fd);
  }
  fs::rename(tmp, path);
}

std::optional<Checkpoint> AuditAnchor::read(const std::string& path) const {
  std::ifstream in(path);
  if (!in) return std::nullopt;
  std::map<std::string, std::string> fields;
  std::string line;
  std::getline(in, line);
  if (line != "tiendo-audit-anchor 1") throw std::runtime_error("tệp neo nhật ký " + path + " không đúng định dạng");
  while (std::getline(in, line)) {
    const auto sp = line.find(' ');
    if (sp != std::string::npos) fields[line.substr(0, sp)] = line.substr(sp + 1);
  }
  Checkpoint cp;
  try {
    cp.count = std::stoll(fields.at("count"));
    cp.last_id = std::stoll(fields.at("last_id"));
    cp.last_hash = fields.at("last_hash");
  } catch (const std::exception&) {
    throw std::runtime_error("tệp neo nhật ký " + path + " không đúng định dạng");
  }
  const std::string expected = sign(cp);
  const std::string& mac = fields["mac"];
  if (mac.size() != expected.size() || sodium_memcmp(mac.data(), expected.data(), expected.size()) != 0)
    throw std::runtime_error("chữ ký của tệp neo nhật ký " + path +
                             " không khớp: tệp đã bị sửa, hoặc đây không phải khóa đã ký nó");
  return cp;
}

void AuditAnchor::refresh(Database& db) {
  const std::uint64_t mine = ++asked_;
  std::lock_guard lk(refreshing_);
  if (covered_ >= mine) return;              // a refresh that read the log after this caller's commit has signed it
  const std::uint64_t upto = asked_.load();  // every ticket so far was taken after its commit
  refresh_now(db);
  covered_ = upto;
}

void AuditAnchor::refresh_now(Database& db) {
  FileLock lock(files_.key);
  std::optional<Checkpoint> prior;
  try {
    prior = read(files_.anchor);
  } catch (const std::exception& e) {
    spdlog::error("{}; tệp neo được giữ nguyên làm bằng chứng", e.what());
    return;
  }
  // Counted from the signed checkpoint on: each write reads only its own new entries, whatever the log's size.
  const Checkpoint cp = db.read([&](Connection& c) { return current_checkpoint(c, prior ? &*prior : nullptr); });
  if (!prior && cp.count > 0 && !may_start_) {
    spdlog::error("thiếu tệp neo nhật ký {}: không tạo lại (tiendo audit verify sẽ báo)", files_.anchor);
    return;
  }
  if (prior && prior->count >= cp.count) return;
  write(files_.anchor, cp);
  may_start_ = false;
}

AuditAnchor::Verdict AuditAnchor::verify(Database& db) const {
  std::optional<Checkpoint> anchor;
  try {
    anchor = read(files_.anchor);
  } catch (const std::exception& e) {
    return {3, std::string("Tệp neo nhật ký không dùng được: ") + e.what() + "."};
  }
  if (!anchor)
    return {3, "Thiếu tệp neo nhật ký " + files_.anchor +
                   ": không kiểm tra được việc xóa mục ở cuối hay viết lại chuỗi. Tệp neo đi kèm bản sao lưu "
                   "(<tệp sao lưu>.audit-anchor)."};
  struct Seen {
    long long total = 0, upto = 0;
    std::optional<std::string> hash;
  };
  const Seen s = db.read([&](Connection& c) {
    Seen out;
    out.total = c.query("SELECT COUNT(*) FROM audit_log").at(0).i64(0);
    out.upto = c.query("SELECT COUNT(*) FROM audit_log WHERE id <= $1", {anchor->last_id}).at(0).i64(0);
    auto rows = c.query("SELECT hash FROM audit_log WHERE id = $1", {anchor->last_id});
    if (!rows.empty()) out.hash = rows[0].text(0);
    return out;
  });
  const std::string at = "mục #" + std::to_string(anchor->last_id);
  if (s.upto < anchor->count || (anchor->count > 0 && !s.hash))
    return {4, "Nhật ký bị cắt cụt ở cuối: điểm neo đã ký ghi " + std::to_string(anchor->count) + " mục (đến " + at +
                   ") nhưng cơ sở dữ liệu chỉ còn " + std::to_string(s.upto) + " mục trong đoạn đó, tổng cộng " +
                   std::to_string(s.total) + " mục."};
  if (s.upto != anchor->count || (anchor->count > 0 && *s.hash != anchor->last_hash))
    return {5, "Chuỗi nhật ký bị viết lại: " + at +
                   " không còn mang mã băm đã ký ở điểm neo — các mục đã bị sửa rồi tính lại băm mà không có khóa."};
  std::string note = "khớp điểm neo đã ký (" + std::to_string(anchor->count) + " mục, đến " + at + ")";
  // Newer entries than the anchor: another instance signed them into its own anchor, or the server stopped
  // before signing. The next audited write signs them; they are named, not judged.
  if (s.total > anchor->count)
    note += "; " + std::to_string(s.total - anchor->count) + " mục mới hơn điểm neo, chưa được ký";
  return {0, note};
}

}  // namespace tiendo::store
