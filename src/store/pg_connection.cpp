// PostgreSQL through libpq: parameters travel separately from the SQL text, never spliced in.
#include <libpq-fe.h>

#include <charconv>
#include <cstring>
#include <memory>

#include "store/db.h"

namespace tiendo::store {

namespace {

class ResultRow final : public RowView {
 public:
  explicit ResultRow(PGresult* r) : r_(r) {}
  void at(int row) { row_ = row; }
  int columns() const { return PQnfields(r_); }
  bool null(size_t i) const override { return PQgetisnull(r_, row_, static_cast<int>(i)) != 0; }
  std::string_view view(size_t i) const override {
    const int c = static_cast<int>(i);
    return {PQgetvalue(r_, row_, c), static_cast<size_t>(PQgetlength(r_, row_, c))};
  }

 private:
  PGresult* r_;
  int row_ = 0;
};

class PgConnection final : public Connection {
 public:
  explicit PgConnection(const std::string& url) : conn_(PQconnectdb(url.c_str())) {
    if (PQstatus(conn_) != CONNECTION_OK) {
      std::string msg = PQerrorMessage(conn_);
      PQfinish(conn_);
      conn_ = nullptr;
      throw DbError(DbError::Kind::unavailable, "postgresql: " + msg);
    }
    PQsetNoticeProcessor(
        conn_, [](void*, const char*) {}, nullptr);
    // extra_float_digits = 1: the shortest text that reads back as the same double (the SQLite side matches it).
    script("SET client_encoding = 'UTF8'; SET TIME ZONE 'UTC'; SET extra_float_digits = 1");
  }
  ~PgConnection() override {
    if (conn_) PQfinish(conn_);
  }

  Rows query(std::string_view sql, const Params& params) override {
    Rows rows;
    each(sql, params, [&](const RowView& v) {
      const auto& row = static_cast<const ResultRow&>(v);
      std::vector<std::optional<std::string>> cells(static_cast<size_t>(row.columns()));
      for (int c = 0; c < row.columns(); ++c) cells[static_cast<size_t>(c)] = v.opt_text(static_cast<size_t>(c));
      rows.emplace_back(std::move(cells));
    });
    return rows;
  }

  void each(std::string_view sql, const Params& params, const std::function<void(const RowView&)>& fn) override {
    std::vector<std::string> texts(params.size());
    std::vector<const char*> values(params.size(), nullptr);
    for (size_t i = 0; i < params.size(); ++i) {
      std::visit(
          [&](const auto& v) {
            using T = std::decay_t<decltype(v)>;
            if constexpr (std::is_same_v<T, std::nullptr_t>) {
              return;
            } else if constexpr (std::is_same_v<T, std::string>) {
              texts[i] = v;
            } else if constexpr (std::is_same_v<T, long long>) {
              texts[i] = std::to_string(v);
            } else {
              char buf[64];
              auto [end, ec] = std::to_chars(buf, buf + sizeof buf, v);
              texts[i] = std::string(buf, end);
            }
            values[i] = texts[i].c_str();
          },
          params[i]);
    }
    const std::string s(sql);
    PGresult* r =
        PQexecParams(conn_, s.c_str(), static_cast<int>(params.size()), nullptr, values.data(), nullptr, nullptr, 0);
    check(r);
    std::unique_ptr<PGresult, decltype(&PQclear)> owned(r, PQclear);
    ResultRow row(r);
    const int n = PQntuples(r);
    for (int i = 0; i < n; ++i) {
      row.at(i);
      fn(row);
    }
  }

  void script(std::string_view sql) override {
    const std::string s(sql);
    PGresult* r = PQexec(conn_, s.c_str());
    check(r);
    PQclear(r);
  }

  void begin(bool write) override { script(write ? "BEGIN" : "BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY"); }
  void commit() override { script("COMMIT"); }
  void rollback() override { script("ROLLBACK"); }
  bool healthy() const override {
    return conn_ != nullptr && PQstatus(conn_) == CONNECTION_OK && PQtransactionStatus(conn_) == PQTRANS_IDLE;
  }

 private:
  void check(PGresult* r) {
    const auto st = PQresultStatus(r);
    if (st == PGRES_COMMAND_OK || st == PGRES_TUPLES_OK) return;
    const char* state = PQresultErrorField(r, PG_DIAG_SQLSTATE);
    std::string msg = "postgresql: " + std::string(PQerrorMessage(conn_));
    PQclear(r);
    DbError::Kind kind = DbError::Kind::other;
    if (PQstatus(conn_) != CONNECTION_OK || (state && std::strncmp(state, "08", 2) == 0) ||
        (state && std::strncmp(state, "57P", 3) == 0)) {
      kind = DbError::Kind::unavailable;
    } else if (state && std::strncmp(state, "23", 2) == 0) {
      kind = DbError::Kind::constraint;
    } else if (state && (std::strcmp(state, "40001") == 0 || std::strcmp(state, "40P01") == 0)) {
      kind = DbError::Kind::busy;
    }
    throw DbError(kind, msg);
  }

  PGconn* conn_;
};

}  // namespace

std::unique_ptr<Connection> open_postgresql(const std::string& url) { return std::make_unique<PgConnection>(url); }

}  // namespace tiendo::store
