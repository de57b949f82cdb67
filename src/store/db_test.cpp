// The connection on both databases: numbers read back exactly as stored. SQLite in a temporary file, or the
// database named by TIENDO_STORE_TEST_DB (a PostgreSQL URL; `make test` runs these tests against both).
#include "store/db.h"

#include <gtest/gtest.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <future>
#include <limits>
#include <set>
#include <sstream>
#include <stdexcept>
#include <thread>

namespace tiendo::store {
namespace {

std::unique_ptr<Database> open_test_database(std::filesystem::path& dir) {
  if (const char* url = std::getenv("TIENDO_STORE_TEST_DB")) return Database::open(url, 1);
  dir = std::filesystem::temp_directory_path() /
        ("tiendo-db-test-" + std::to_string(::testing::UnitTest::GetInstance()->random_seed()));
  std::filesystem::create_directories(dir);
  return Database::open((dir / "t.db").string(), 1);
}

TEST(Numbers, ReadBackExactlyAsStoredWithTheSameTextOnBothDatabases) {
  std::filesystem::path dir;
  auto db = open_test_database(dir);
  struct Case {
    double stored;
    const char* text;  // the shortest text that reads back as the same double
  };
  const Case cases[] = {
      {38.0 * 100 / 120.0, "31.666666666666668"},  // a share's rate: 15 digits would read back as another number
      {0.1 + 0.2, "0.30000000000000004"},
      {17.5, "17.5"},
      {5.0, "5"},
      {1e15, "1e+15"},  // the largest sum of money the ranges allow, in đồng
      {-2.25, "-2.25"},
      {std::numeric_limits<double>::min(), "2.2250738585072014e-308"},
  };
  db->write([&](Connection& c) {
    c.script("CREATE TEMPORARY TABLE numbers_test (k INTEGER, v DOUBLE PRECISION)");
    long long k = 0;
    for (const auto& t : cases) c.query("INSERT INTO numbers_test (k, v) VALUES ($1, $2)", {k++, t.stored});
    const auto rows = c.query("SELECT v FROM numbers_test ORDER BY k", {});
    ASSERT_EQ(rows.size(), std::size(cases));
    for (size_t i = 0; i < rows.size(); ++i) {
      EXPECT_EQ(rows[i].f64(0), cases[i].stored) << cases[i].text;
      EXPECT_EQ(rows[i].text(0), cases[i].text);
    }
    // An aggregate is a number too: the sum of two shares reads back as the double the database computed.
    const auto sum = c.query("SELECT SUM(v) FROM numbers_test WHERE k < 2", {});
    EXPECT_EQ(sum.at(0).f64(0), 38.0 * 100 / 120.0 + (0.1 + 0.2));
    c.script("DROP TABLE numbers_test");
  });
  if (!dir.empty()) std::filesystem::remove_all(dir);
}

// The commit queue (SQLite): writes that arrive while a batch runs share the next one (one COMMIT, one fsync), each in
// its own savepoint: the one that fails is undone alone, the others commit.
TEST(CommitQueue, AFailingWriteRollsBackAloneWhileItsBatchCommits) {
  const auto dir = std::filesystem::temp_directory_path() / ("tiendo-queue-test-" + std::to_string(::getpid()));
  std::filesystem::create_directories(dir);
  auto db = Database::open((dir / "q.db").string(), 2);
  db->write([](Connection& c) { c.script("CREATE TABLE q (k INTEGER PRIMARY KEY, note TEXT)"); });
  const long long before = db->committed_batches();

  std::promise<void> started, release;
  auto held = release.get_future().share();
  // The first write holds its batch open until the next three are queued behind it.
  std::thread first([&] {
    db->write([&](Connection& c) {
      c.query("INSERT INTO q (k, note) VALUES (1, 'first')");
      started.set_value();
      held.wait();
    });
  });
  started.get_future().wait();
  std::vector<std::thread> next;
  std::exception_ptr failed;
  for (int k : {2, 3, 4}) {
    next.emplace_back([&, k] {
      try {
        db->write([&](Connection& c) {
          c.query("INSERT INTO q (k, note) VALUES ($1, 'queued')", {static_cast<long long>(k)});
          // Its own change is visible inside its write, then undone with it.
          EXPECT_EQ(c.query("SELECT COUNT(*) FROM q WHERE k = $1", {static_cast<long long>(k)}).at(0).i64(0), 1);
          if (k == 3) throw std::runtime_error("refused");
        });
      } catch (const std::runtime_error& e) {
        EXPECT_EQ(std::string(e.what()), "refused");
        failed = std::current_exception();
      }
    });
  }
  while (db->queued_writes() < 3) std::this_thread::yield();
  release.set_value();
  first.join();
  for (auto& t : next) t.join();

  EXPECT_TRUE(failed) << "the failing write's own error reaches its caller";
  EXPECT_EQ(db->committed_batches() - before, 2) << "the three queued writes shared one commit";
  const auto keys = db->read([](Connection& c) {
    std::set<long long> out;
    for (const auto& r : c.query("SELECT k FROM q")) out.insert(r.i64(0));
    return out;
  });
  EXPECT_EQ(keys, (std::set<long long>{1, 2, 4}));
  // A failing write alone in its batch leaves nothing either, and the queue goes on.
  EXPECT_THROW(db->write([](Connection& c) {
    c.query("INSERT INTO q (k, note) VALUES (5, 'alone')");
    c.query("INSERT INTO q (k, note) VALUES (1, 'duplicate key')");
  }),
               DbError);
  db->write([](Connection& c) { c.query("INSERT INTO q (k, note) VALUES (6, 'after')"); });
  EXPECT_EQ(db->read([](Connection& c) { return c.query("SELECT COUNT(*) FROM q WHERE k IN (5, 6)").at(0).i64(0); }),
            1);
  db.reset();
  std::filesystem::remove_all(dir);
}

// Nothing is acknowledged before its batch is durable: a process writing from 8 threads is killed at a random
// moment; every write it had acknowledged is in the database it leaves.
TEST(CommitQueue, EveryAcknowledgedWriteSurvivesAKill) {
  const auto dir = std::filesystem::temp_directory_path() / ("tiendo-queue-kill-" + std::to_string(::getpid()));
  std::filesystem::create_directories(dir);
  const std::string path = (dir / "k.db").string();
  Database::open(path, 1)->write([](Connection& c) { c.script("CREATE TABLE k (id INTEGER PRIMARY KEY, w INTEGER)"); });
  int fds[2];
  ASSERT_EQ(::pipe(fds), 0);
  const pid_t child = ::fork();
  ASSERT_GE(child, 0);
  if (child == 0) {
    ::close(fds[0]);
    auto db = Database::open(path, 1);
    std::vector<std::thread> writers;
    for (int w = 0; w < 8; ++w) {
      writers.emplace_back([&, w] {
        for (long long i = 0;; ++i) {
          const long long id = i * 8 + w + 1;
          db->write([&](Connection& c) { c.query("INSERT INTO k (id, w) VALUES ($1, $2)", {id, (long long)w}); });
          const std::string line = std::to_string(id) + "\n";  // one write(2) per line: atomic on a pipe
          if (::write(fds[1], line.data(), line.size()) < 0) ::_exit(1);
        }
      });
    }
    for (auto& t : writers) t.join();
    ::_exit(0);
  }
  ::close(fds[1]);
  std::this_thread::sleep_for(std::chrono::milliseconds(300 + std::rand() % 300));
  ::kill(child, SIGKILL);
  ::waitpid(child, nullptr, 0);
  std::string acked;
  char buf[4096];
  for (ssize_t n; (n = ::read(fds[0], buf, sizeof buf)) > 0;) acked.append(buf, static_cast<size_t>(n));
  ::close(fds[0]);
  auto db = Database::open(path, 1);
  const auto stored = db->read([](Connection& c) {
    std::set<long long> out;
    for (const auto& r : c.query("SELECT id FROM k")) out.insert(r.i64(0));
    return out;
  });
  std::istringstream in(acked);
  size_t count = 0;
  for (long long id; in >> id; ++count) ASSERT_TRUE(stored.contains(id)) << "acknowledged write " << id << " lost";
  EXPECT_GT(count, 0u);
  EXPECT_EQ(db->read([](Connection& c) { return c.query("PRAGMA integrity_check").at(0).text(0); }), "ok");
  db.reset();
  std::filesystem::remove_all(dir);
}

// A network thread's work (InPlace) never waits: no write (the commit queue may hold it), no read of a server
// database (a round trip), no read of SQLite while no reader connection is idle. It is told so (WouldWait) at
// once, and the same reads run as usual once the thread is no longer in place.
TEST(InPlace, AReadThatWouldWaitGivesWayAtOnce) {
  std::filesystem::path dir;
  auto db = open_test_database(dir);  // one reader connection at most
  const auto one = [](Connection& c) { return c.query("SELECT 1", {}).at(0).i64(0); };
  const bool embedded = db->kind() == "sqlite";
  {
    InPlace here;
    EXPECT_THROW(db->write([](Connection& c) { c.query("SELECT 1", {}); }), WouldWait);
    // No reader opened yet: opening one is not done in place.
    EXPECT_THROW(db->read(one), WouldWait);
  }
  EXPECT_EQ(db->read(one), 1);  // opens the reader, which then waits idle
  {
    InPlace here;
    if (embedded)
      EXPECT_EQ(db->read(one), 1);
    else
      EXPECT_THROW(db->read(one), WouldWait);
  }
  // The one reader held by another thread: in place, the read gives way instead of waiting for it.
  std::promise<void> holding, release;
  std::thread holder([&] {
    db->read([&](Connection& c) {
      holding.set_value();
      release.get_future().wait();
      return one(c);
    });
  });
  holding.get_future().wait();
  {
    InPlace here;
    const auto asked = std::chrono::steady_clock::now();
    EXPECT_THROW(db->read(one), WouldWait);
    EXPECT_LT(std::chrono::steady_clock::now() - asked, std::chrono::seconds(1));
  }
  release.set_value();
  holder.join();
  EXPECT_FALSE(InPlace::on());
  EXPECT_EQ(db->read(one), 1);
  if (!dir.empty()) std::filesystem::remove_all(dir);
}

}  // namespace
}  // namespace tiendo::store
