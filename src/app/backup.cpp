#include "app/backup.h"

#include <sqlite3.h>
#include <sys/wait.h>
#include <unistd.h>

#include <filesystem>
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

void restore(const std::string& from, const std::string& db_url) {
  if (db_url.starts_with("postgres")) {
    // Into an empty database, all or nothing.
    if (!run({"pg_restore", "--no-owner", "--exit-on-error", "--single-transaction", "--dbname", db_url, from}))
      throw std::runtime_error("pg_restore thất bại; cơ sở dữ liệu đích không bị thay đổi");
    return;
  }
  if (std::filesystem::exists(db_url)) throw std::runtime_error("tệp đích đã tồn tại: " + db_url);
  backup(from, db_url);
}

void backup(const std::string& db_url, const std::string& destination) {
  if (db_url.starts_with("postgres")) {
    if (!run({"pg_dump", "--format=custom", "--file", destination, db_url}))
      throw std::runtime_error("pg_dump thất bại");
    return;
  }
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

}  // namespace tiendo::app
