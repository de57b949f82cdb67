// The connection on both databases: numbers read back exactly as stored. SQLite in a temporary file, or the
// database named by TIENDO_STORE_TEST_DB (a PostgreSQL URL; `make test` runs these tests against both).
#include "store/db.h"

#include <gtest/gtest.h>

#include <cstdlib>
#include <filesystem>
#include <limits>

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

}  // namespace
}  // namespace tiendo::store
