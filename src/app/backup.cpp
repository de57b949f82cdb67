#include "app/backup.h"

#include <sqlite3.h>
#include <sys/wait.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <iostream>
#include <stdexcept>
#include <string>
#include <vector>

namespace tiendo::app {

namespace {
// Runs a PostgreSQL client program and waits; false unless it exited 0.
bool run(const std::vector<std::string>& argv) {
  const pid_t pid = fork();
  if (pid == 0) {
    std::vector<char*> args;
    for (const auto& a : argv) args.push_back(const_cast<char*>(a.c_str()));
    args.push_back(nullptr);
    execvp(args[0], args.data());
    _exit(127);
  }
  int status = 0;
  waitpid(pid, &status, 0);
  return WIFEXITED(status) && WEXITSTATUS(status) == 0;
}
}  // namespace

namespace {
void copy_sqlite(const std::string& db_url, const std::string& destination);

std::string anchor_of(const std::string& backup_file) { return backup_file + ".audit-anchor"; }
std::string feedback_key_of(const std::string& backup_file) { return backup_file + ".feedback-key"; }

std::string contents(const std::string& path) {
  std::ifstream in(path);
  std::string text;
  in >> text;
  return text;
}

void copy_private(const std::string& from, const std::string& to) {
  std::filesystem::copy_file(from, to, std::filesystem::copy_options::overwrite_existing);
  std::filesystem::permissions(to, std::filesystem::perms::owner_read | std::filesystem::perms::owner_write);
}
}  // namespace

void restore(const std::string& from, const std::string& db_url, const store::AuditAnchor* anchor,
             const std::string& anchor_path, const std::string& feedback_key) {
  const bool has_feedback_key = std::filesystem::exists(feedback_key_of(from));
  if (has_feedback_key && !feedback_key.empty() && std::filesystem::exists(feedback_key) &&
      contents(feedback_key) != contents(feedback_key_of(from)))
    throw std::runtime_error("tệp khóa góp ý " + feedback_key +
                             " đã có và khác khóa của bản sao lưu; dời nó đi rồi khôi phục lại");
  // The backup's anchor first: a forged one, or one signed by another key, stops the restore before it starts.
  const bool has_anchor = std::filesystem::exists(anchor_of(from));
  if (has_anchor && anchor) anchor->read(anchor_of(from));
  if (db_url.starts_with("postgres")) {
    // Into an empty database, all or nothing.
    if (!run({"pg_restore", "--no-owner", "--exit-on-error", "--single-transaction", "--dbname", db_url, from}))
      throw std::runtime_error("pg_restore thất bại; cơ sở dữ liệu đích không bị thay đổi");
  } else {
    if (std::filesystem::exists(db_url)) throw std::runtime_error("tệp đích đã tồn tại: " + db_url);
    copy_sqlite(from, db_url);
  }
  if (has_feedback_key && !feedback_key.empty()) {
    copy_private(feedback_key_of(from), feedback_key);
  } else if (!feedback_key.empty()) {
    std::cerr << "Cảnh báo: bản sao lưu không có tệp khóa góp ý (" << feedback_key_of(from)
              << "); liên hệ của người gửi góp ý sẽ không đọc được.\n";
  }
  if (anchor_path.empty()) return;
  if (!has_anchor) {
    std::cerr << "Cảnh báo: bản sao lưu không có tệp neo nhật ký (" << anchor_of(from)
              << "); audit verify sẽ báo thiếu điểm neo.\n";
    return;
  }
  std::filesystem::copy_file(anchor_of(from), anchor_path, std::filesystem::copy_options::overwrite_existing);
  if (!anchor) std::cerr << "Cảnh báo: chưa kiểm chữ ký tệp neo vì thiếu khóa của cơ sở dữ liệu gốc (--audit-key).\n";
}

void backup(const std::string& db_url, const std::string& destination, const store::AuditAnchor* anchor,
            const std::string& feedback_key) {
  store::Checkpoint cp;
  if (db_url.starts_with("postgres")) {
    // pg_dump reads the snapshot this transaction exported: the checkpoint is of exactly what it copies.
    auto db = store::Database::open(db_url, 1);
    db->read([&](store::Connection& c) {
      const std::string snapshot = store::export_snapshot(c);
      cp = store::current_checkpoint(c);
      if (!run({"pg_dump", "--format=custom", "--snapshot", snapshot, "--file", destination, db_url}))
        throw std::runtime_error("pg_dump thất bại");
    });
  } else {
    copy_sqlite(db_url, destination);
    auto copy = store::Database::open(destination, 1);
    cp = copy->read([](store::Connection& c) { return store::current_checkpoint(c); });
  }
  if (!feedback_key.empty() && std::filesystem::exists(feedback_key))
    copy_private(feedback_key, feedback_key_of(destination));
  if (anchor) {
    anchor->write(anchor_of(destination), cp);
  } else {
    std::cerr << "Cảnh báo: không có khóa nhật ký, bản sao lưu không kèm tệp neo đã ký.\n";
  }
}

namespace {
void copy_sqlite(const std::string& db_url, const std::string& destination) {
  sqlite3* src = nullptr;
  sqlite3* dst = nullptr;
  if (sqlite3_open_v2(db_url.c_str(), &src, SQLITE_OPEN_READONLY, nullptr) != SQLITE_OK ||
      sqlite3_open(destination.c_str(), &dst) != SQLITE_OK) {
    sqlite3_close(src);
    sqlite3_close(dst);
    throw std::runtime_error("không mở được cơ sở dữ liệu để sao lưu");
  }
  sqlite3_backup* b = sqlite3_backup_init(dst, "main", src, "main");
  int rc = SQLITE_OK;
  if (b) {
    // Small steps let the server's writer in between; the copy restarts itself if a write lands.
    do {
      rc = sqlite3_backup_step(b, 256);
      if (rc == SQLITE_BUSY || rc == SQLITE_LOCKED) sqlite3_sleep(20);
    } while (rc == SQLITE_OK || rc == SQLITE_BUSY || rc == SQLITE_LOCKED);
    sqlite3_backup_finish(b);
  }
  const int err = sqlite3_errcode(dst);
  sqlite3_close(src);
  sqlite3_close(dst);
  if (rc != SQLITE_DONE || err != SQLITE_OK) throw std::runtime_error("sao lưu SQLite thất bại");
}
}  // namespace

}  // namespace tiendo::app
