// Durable progress updates straight through the store: one assignment update per transaction, each
// committed (SQLite synchronous=FULL, PostgreSQL synchronous_commit=on) before the next starts.
//
//   build/bench_store --db bench/out/national.db --seconds 5 [--threads 1]
#include <CLI/CLI.hpp>
#include <atomic>
#include <chrono>
#include <random>
#include <thread>

#include "store/plan_store.h"

using namespace tiendo;

int main(int argc, char** argv) {
  CLI::App app{"Store write benchmark"};
  std::string db_url;
  double seconds = 5;
  int threads = 1;
  app.add_option("--db", db_url)->required();
  app.add_option("--seconds", seconds)->capture_default_str();
  app.add_option("--threads", threads)->capture_default_str();
  CLI11_PARSE(app, argc, argv);

  auto db = store::Database::open(db_url, threads);
  const auto ids = db->read([](store::Connection& c) {
    std::vector<store::Id> out;
    for (const auto& r : c.query("SELECT id FROM assignments ORDER BY id LIMIT 20000")) out.push_back(r.i64(0));
    return out;
  });
  std::atomic<long> done{0};
  std::atomic<bool> stop{false};
  std::vector<std::thread> workers;
  const auto start = std::chrono::steady_clock::now();
  for (int t = 0; t < threads; ++t) {
    workers.emplace_back([&, t] {
      std::mt19937 rng(static_cast<unsigned>(t));
      while (!stop.load()) {
        const store::Id id = ids[rng() % ids.size()];
        db->write([&](store::Connection& c) {
          store::record_progress(c, id, static_cast<int>(rng() % 100), "2026-12", "2026-11-24T03:00:00Z", std::nullopt);
        });
        done.fetch_add(1);
      }
    });
  }
  std::this_thread::sleep_for(std::chrono::duration<double>(seconds));
  stop = true;
  for (auto& w : workers) w.join();
  const double elapsed = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  std::printf("%s, %d thread(s): %ld durable updates in %.1f s = %.0f/s\n", std::string(db->kind()).c_str(), threads,
              done.load(), elapsed, static_cast<double>(done.load()) / elapsed);
  return 0;
}
