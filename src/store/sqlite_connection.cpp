// SQLite in WAL mode: readers never block the single writer, and a crash never leaves half a write.
#include <sqlite3.h>

#include <charconv>
#include <map>
#include <string>
#include <unordered_map>

#include "store/db.h"

namespace tiendo::store {

namespace {

// SQLite numbers parameters ?1..?n; the shared SQL says $1..$n.
std::string to_sqlite_placeholders(std::string_view sql) {
  std::string out;
  out.reserve(sql.size());
  bool in_string = false;
  for (size_t i = 0; i < sql.size(); ++i) {
    const char c = sql[i];
    if (c == '\'') in_string = !in_string;
    if (!in_string && c == '$' && i + 1 < sql.size() && sql[i + 1] >= '0' && sql[i + 1] <= '9') {
      out.push_back('?');
    } else {
      out.push_back(c);
    }
  }
  return out;
}

DbError error_of(sqlite3* db, int rc) {
  const int primary = rc & 0xFF;
  auto kind = primary == SQLITE_CONSTRAINT                         ? DbError::Kind::constraint
              : primary == SQLITE_BUSY || primary == SQLITE_LOCKED ? DbError::Kind::busy
              : primary == SQLITE_CANTOPEN || primary == SQLITE_FULL || primary == SQLITE_IOERR
                  ? DbError::Kind::unavailable
                  : DbError::Kind::other;
  return DbError(kind, std::string("sqlite: ") + sqlite3_errmsg(db));
}

class StatementRow final : public RowView {
 public:
  explicit StatementRow(sqlite3_stmt* st) : st_(st), columns(sqlite3_column_count(st)) {}
  bool null(size_t i) const override { return sqlite3_column_type(st_, static_cast<int>(i)) == SQLITE_NULL; }
  std::string_view view(size_t i) const override {
    const int c = static_cast<int>(i);
    if (sqlite3_column_type(st_, c) == SQLITE_FLOAT) {
      // SQLite's own text of a REAL keeps 15 significant digits (38/120 reads back as 31.6666666666667, not
      // the number stored). The shortest text that reads back as the same double is what PostgreSQL gives
      // too (extra_float_digits = 1), so both databases return every number exactly as stored.
      auto& buf = floats_[i];
      char out[32];
      const auto r = std::to_chars(out, out + sizeof out, sqlite3_column_double(st_, c));
      buf.assign(out, r.ptr);
      return buf;
    }
    const auto* text = reinterpret_cast<const char*>(sqlite3_column_text(st_, c));
    return text ? std::string_view(text, static_cast<size_t>(sqlite3_column_bytes(st_, c))) : std::string_view();
  }

 private:
  sqlite3_stmt* st_;
  mutable std::map<size_t, std::string> floats_;  // the text of each REAL column read in this row

 public:
  const int columns;
};

class SqliteConnection final : public Connection {
 public:
  explicit SqliteConnection(const std::string& path) {
    const int rc =
        sqlite3_open_v2(path.c_str(), &db_, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX, nullptr);
    if (rc != SQLITE_OK) {
      DbError e = error_of(db_, rc);
      sqlite3_close(db_);
      db_ = nullptr;
      throw e;
    }
    sqlite3_busy_timeout(db_, 5000);
    // FULL: a success answer means the report is on disk, even across a power cut.
    // No mmap: measured here, mapped readers remap on every checkpoint of a growing file and cut
    // write throughput by a third (bench/RESULTS.md); the page cache serves reads as fast.
    script("PRAGMA journal_mode=WAL; PRAGMA synchronous=FULL; PRAGMA foreign_keys=ON; PRAGMA temp_store=MEMORY");
  }
  ~SqliteConnection() override {
    for (auto& [sql, st] : cache_) sqlite3_finalize(st);
    sqlite3_close(db_);
  }

  Rows query(std::string_view sql, const Params& params) override {
    Rows rows;
    each(sql, params, [&](const RowView& v) {
      const auto& row = static_cast<const StatementRow&>(v);
      std::vector<std::optional<std::string>> cells(static_cast<size_t>(row.columns));
      for (int c = 0; c < row.columns; ++c) cells[static_cast<size_t>(c)] = v.opt_text(static_cast<size_t>(c));
      rows.emplace_back(std::move(cells));
    });
    return rows;
  }

  void each(std::string_view sql, const Params& params, const std::function<void(const RowView&)>& fn) override {
    sqlite3_stmt* st = prepare(sql);
    sqlite3_reset(st);
    sqlite3_clear_bindings(st);
    for (size_t i = 0; i < params.size(); ++i) {
      const int idx = static_cast<int>(i + 1);
      std::visit(
          [&](const auto& v) {
            using T = std::decay_t<decltype(v)>;
            if constexpr (std::is_same_v<T, std::nullptr_t>) {
              sqlite3_bind_null(st, idx);
            } else if constexpr (std::is_same_v<T, long long>) {
              sqlite3_bind_int64(st, idx, v);
            } else if constexpr (std::is_same_v<T, double>) {
              sqlite3_bind_double(st, idx, v);
            } else {
              sqlite3_bind_text(st, idx, v.data(), static_cast<int>(v.size()), SQLITE_TRANSIENT);
            }
          },
          params[i]);
    }
    const StatementRow row(st);
    for (;;) {
      const int rc = sqlite3_step(st);
      if (rc == SQLITE_DONE) break;
      if (rc != SQLITE_ROW) {
        DbError e = error_of(db_, rc);
        sqlite3_reset(st);
        throw e;
      }
      try {
        fn(row);
      } catch (...) {
        sqlite3_reset(st);
        throw;
      }
    }
    sqlite3_reset(st);
  }

  void script(std::string_view sql) override {
    char* err = nullptr;
    const std::string s(sql);
    if (sqlite3_exec(db_, s.c_str(), nullptr, nullptr, &err) != SQLITE_OK) {
      std::string msg = err ? err : "unknown";
      sqlite3_free(err);
      throw DbError(DbError::Kind::other, "sqlite: " + msg);
    }
  }

  void begin(bool write) override { script(write ? "BEGIN IMMEDIATE" : "BEGIN"); }
  void commit() override { script("COMMIT"); }
  void rollback() override {
    if (!sqlite3_get_autocommit(db_)) script("ROLLBACK");
  }
  bool healthy() const override { return db_ != nullptr && sqlite3_get_autocommit(db_); }

 private:
  sqlite3_stmt* prepare(std::string_view sql) {
    std::string key(sql);
    if (auto it = cache_.find(key); it != cache_.end()) return it->second;
    const std::string translated = to_sqlite_placeholders(sql);
    sqlite3_stmt* st = nullptr;
    const int rc = sqlite3_prepare_v3(db_, translated.c_str(), static_cast<int>(translated.size()),
                                      SQLITE_PREPARE_PERSISTENT, &st, nullptr);
    if (rc != SQLITE_OK) throw error_of(db_, rc);
    cache_.emplace(std::move(key), st);
    return st;
  }

  sqlite3* db_ = nullptr;
  std::unordered_map<std::string, sqlite3_stmt*> cache_;
};

}  // namespace

std::unique_ptr<Connection> open_sqlite(const std::string& path) { return std::make_unique<SqliteConnection>(path); }

}  // namespace tiendo::store
