#include "app/backup.h"

#include <sqlite3.h>
#include <sys/wait.h>
#include <unistd.h>

#include <stdexcept>

namespace tiendo::app {

void backup(const std::string& db_url, const std::string& destination) {
  if (db_url.starts_with("postgres")) {
    const pid_t pid = fork();
    if (pid == 0) {
      execlp("pg_dump", "pg_dump", "--format=custom", "--file", destination.c_str(), db_url.c_str(), nullptr);
      _exit(127);
    }
    int status = 0;
    waitpid(pid, &status, 0);
    if (!WIFEXITED(status) || WEXITSTATUS(status) != 0) throw std::runtime_error("pg_dump thất bại");
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
