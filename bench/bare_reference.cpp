// The bare reference of issue 13: what this machine does with nothing of Tiến Độ in the way, measured in the same
// run as Tiến Độ (bench/reference.sh) so that the ratio, not the absolute figure, is what is compared.
//
//   build/bench_bare serve --db F --port N   a bare Boost.Beast server (2 threads, Boost.JSON, SQLite WAL with a
//                                            256 MB mmap): GET /rows?unit=U answers the 50 rows of one unit from a
//                                            100,000-row table (made on first use)
//   build/bench_bare commit --db F --seconds S
//                                            bare durable single-row commits (synchronous=FULL), one at a time
#include <sqlite3.h>

#include <CLI/CLI.hpp>
#include <boost/asio.hpp>
#include <boost/beast.hpp>
#include <boost/json.hpp>
#include <chrono>
#include <cstdio>
#include <stdexcept>
#include <string>
#include <thread>
#include <vector>

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace http = beast::http;
namespace json = boost::json;
using asio::ip::tcp;

namespace {

constexpr int kRows = 100000;
constexpr int kPerUnit = 50;

void exec(sqlite3* db, const char* sql) {
  char* err = nullptr;
  if (sqlite3_exec(db, sql, nullptr, nullptr, &err) != SQLITE_OK) {
    std::string what = err ? err : "sqlite error";
    sqlite3_free(err);
    throw std::runtime_error(what);
  }
}

sqlite3* open(const std::string& path, bool full_sync) {
  sqlite3* db = nullptr;
  if (sqlite3_open_v2(path.c_str(), &db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX, nullptr) !=
      SQLITE_OK)
    throw std::runtime_error("cannot open " + path);
  exec(db, "PRAGMA journal_mode=WAL; PRAGMA mmap_size=268435456; PRAGMA busy_timeout=5000");
  exec(db, full_sync ? "PRAGMA synchronous=FULL" : "PRAGMA synchronous=NORMAL");
  return db;
}

// 100,000 rows shaped like an assignment list line: 2,000 units of 50 rows each.
void ensure_table(const std::string& path) {
  sqlite3* db = open(path, false);
  exec(db,
       "CREATE TABLE IF NOT EXISTS items (id INTEGER PRIMARY KEY, unit_id INTEGER NOT NULL, title TEXT NOT NULL, "
       "due_date TEXT NOT NULL, progress INTEGER NOT NULL, status TEXT NOT NULL, updated_at TEXT NOT NULL);"
       "CREATE INDEX IF NOT EXISTS items_unit ON items (unit_id, id);"
       "CREATE TABLE IF NOT EXISTS counters (id INTEGER PRIMARY KEY, n INTEGER NOT NULL, at TEXT NOT NULL)");
  sqlite3_stmt* count = nullptr;
  sqlite3_prepare_v2(db, "SELECT COUNT(*) FROM items", -1, &count, nullptr);
  sqlite3_step(count);
  const int have = sqlite3_column_int(count, 0);
  sqlite3_finalize(count);
  if (have < kRows) {
    exec(db, "BEGIN; DELETE FROM items; DELETE FROM counters");
    sqlite3_stmt* ins = nullptr;
    sqlite3_prepare_v2(db, "INSERT INTO items VALUES (?, ?, ?, ?, ?, ?, ?)", -1, &ins, nullptr);
    for (int i = 1; i <= kRows; ++i) {
      const std::string title = "Nhiệm vụ số " + std::to_string(i) + ": triển khai kế hoạch chuyển đổi số cấp xã";
      sqlite3_bind_int(ins, 1, i);
      sqlite3_bind_int(ins, 2, (i - 1) / kPerUnit + 1);
      sqlite3_bind_text(ins, 3, title.c_str(), -1, SQLITE_TRANSIENT);
      sqlite3_bind_text(ins, 4, "2026-11-20", -1, SQLITE_STATIC);
      sqlite3_bind_int(ins, 5, i % 101);
      sqlite3_bind_text(ins, 6, "overdue", -1, SQLITE_STATIC);
      sqlite3_bind_text(ins, 7, "2026-11-19T02:00:00Z", -1, SQLITE_STATIC);
      sqlite3_step(ins);
      sqlite3_reset(ins);
    }
    sqlite3_finalize(ins);
    exec(db, "INSERT INTO counters VALUES (1, 0, ''); COMMIT; ANALYZE");
  }
  sqlite3_close(db);
}

// One connection and one prepared statement per server thread.
struct Reader {
  sqlite3* db;
  sqlite3_stmt* rows;
  explicit Reader(const std::string& path) : db(open(path, false)) {
    sqlite3_prepare_v3(db,
                       "SELECT id, unit_id, title, due_date, progress, status, updated_at FROM items "
                       "WHERE unit_id = ? ORDER BY id LIMIT 50",
                       -1, SQLITE_PREPARE_PERSISTENT, &rows, nullptr);
  }
  std::string answer(long long unit) {
    json::array items;
    exec(db, "BEGIN");
    sqlite3_bind_int64(rows, 1, unit);
    while (sqlite3_step(rows) == SQLITE_ROW) {
      auto text = [&](int i) { return json::string(reinterpret_cast<const char*>(sqlite3_column_text(rows, i))); };
      items.push_back(json::object{{"id", sqlite3_column_int64(rows, 0)},
                                   {"unit_id", sqlite3_column_int64(rows, 1)},
                                   {"title", text(2)},
                                   {"due_date", text(3)},
                                   {"progress_percent", sqlite3_column_int(rows, 4)},
                                   {"status", text(5)},
                                   {"updated_at", text(6)}});
    }
    sqlite3_reset(rows);
    exec(db, "COMMIT");
    const auto n = static_cast<long long>(items.size());
    return json::serialize(json::object{{"items", std::move(items)}, {"total", n}});
  }
};

// Outside the coroutine: a coroutine resumed on the other thread must not keep the first thread's address.
std::string answer(const std::string& path, long long unit) {
  thread_local Reader reader(path);
  return reader.answer(unit);
}

asio::awaitable<void> session(tcp::socket socket, std::string path) {
  beast::tcp_stream stream(std::move(socket));
  beast::flat_buffer buffer;
  for (;;) {
    http::request<http::string_body> req;
    auto [ec, n] = co_await http::async_read(stream, buffer, req, asio::as_tuple(asio::use_awaitable));
    if (ec) break;
    http::response<http::string_body> res{http::status::ok, req.version()};
    res.set(http::field::content_type, "application/json");
    const std::string_view target = req.target();
    const auto eq = target.find("unit=");
    long long unit = eq == std::string_view::npos ? 1 : std::atoll(std::string(target.substr(eq + 5)).c_str());
    res.body() = answer(path, unit);
    res.keep_alive(req.keep_alive());
    res.prepare_payload();
    auto [wec, w] = co_await http::async_write(stream, res, asio::as_tuple(asio::use_awaitable));
    if (wec || !req.keep_alive()) break;
  }
  beast::error_code ignored;
  stream.socket().shutdown(tcp::socket::shutdown_send, ignored);
}

asio::awaitable<void> listen(tcp::acceptor& acceptor, std::string path) {
  for (;;) {
    auto [ec, socket] = co_await acceptor.async_accept(asio::as_tuple(asio::use_awaitable));
    if (ec) co_return;
    socket.set_option(tcp::no_delay(true));
    auto executor = asio::make_strand(acceptor.get_executor());
    asio::co_spawn(executor, session(std::move(socket), path), asio::detached);
  }
}

void serve(const std::string& path, unsigned short port, int threads) {
  ensure_table(path);
  asio::io_context ioc(threads);
  tcp::acceptor acceptor(ioc, tcp::endpoint(asio::ip::make_address("127.0.0.1"), port));
  asio::co_spawn(ioc, listen(acceptor, path), asio::detached);
  asio::signal_set signals(ioc, SIGINT, SIGTERM);
  signals.async_wait([&](auto, int) { ioc.stop(); });
  std::vector<std::thread> pool;
  for (int i = 1; i < threads; ++i) pool.emplace_back([&] { ioc.run(); });
  ioc.run();
  for (auto& t : pool) t.join();
}

// Durable single-row commits, one after the other: the rate the disk allows one writer.
void commit(const std::string& path, double seconds) {
  ensure_table(path);
  sqlite3* db = open(path, true);
  sqlite3_stmt* up = nullptr;
  sqlite3_prepare_v2(db, "UPDATE counters SET n = n + 1, at = ? WHERE id = 1", -1, &up, nullptr);
  long done = 0;
  const auto start = std::chrono::steady_clock::now();
  const auto end = start + std::chrono::duration<double>(seconds);
  while (std::chrono::steady_clock::now() < end) {
    exec(db, "BEGIN IMMEDIATE");
    sqlite3_bind_text(up, 1, "2026-11-19T02:00:00Z", -1, SQLITE_STATIC);
    sqlite3_step(up);
    sqlite3_reset(up);
    exec(db, "COMMIT");
    ++done;
  }
  const double elapsed = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  std::printf("bare durable commits: %ld in %.1f s = %.0f/s\n", done, elapsed, static_cast<double>(done) / elapsed);
  sqlite3_close(db);
}

}  // namespace

int main(int argc, char** argv) {
  CLI::App app{"The bare reference of issue 13"};
  app.require_subcommand(1);
  std::string db;
  unsigned short port = 18097;
  int threads = 2;
  double seconds = 5;
  auto* s = app.add_subcommand("serve", "a bare HTTP server answering 50 rows");
  s->add_option("--db", db)->required();
  s->add_option("--port", port)->capture_default_str();
  s->add_option("--threads", threads)->capture_default_str();
  auto* c = app.add_subcommand("commit", "bare durable single-row commits");
  c->add_option("--db", db)->required();
  c->add_option("--seconds", seconds)->capture_default_str();
  CLI11_PARSE(app, argc, argv);
  if (s->parsed()) serve(db, port, threads);
  if (c->parsed()) commit(db, seconds);
  return 0;
}
