#include "service/settled_cache.h"

#include <gtest/gtest.h>

#include <atomic>
#include <stdexcept>
#include <thread>
#include <vector>

namespace tiendo::service {

TEST(SettledCache, MakesEachKeyOnceAndKeepsIt) {
  SettledCache<int> cache(4);
  int made = 0;
  EXPECT_EQ(*cache.get("a", [&] { return ++made; }), 1);
  EXPECT_EQ(*cache.get("a", [&] { return ++made; }), 1);
  EXPECT_EQ(*cache.get("b", [&] { return ++made; }), 2);
  EXPECT_EQ(made, 2);
}

TEST(SettledCache, AskersOfAKeyBeingMadeWaitForIt) {
  SettledCache<int> cache(4);
  std::atomic<int> made{0};
  std::promise<void> release;
  auto gate = release.get_future().share();
  std::vector<std::thread> askers;
  std::vector<int> got(8);
  for (size_t i = 0; i < got.size(); ++i) {
    askers.emplace_back([&, i] {
      got[i] = *cache.get("nation|2026-10-19", [&] {
        gate.wait();
        return 100 + ++made;
      });
    });
  }
  std::this_thread::sleep_for(std::chrono::milliseconds(50));
  release.set_value();
  for (auto& t : askers) t.join();
  EXPECT_EQ(made.load(), 1);
  for (const int v : got) EXPECT_EQ(v, 101);
}

TEST(SettledCache, AFailureIsNotKept) {
  SettledCache<int> cache(4);
  EXPECT_THROW(cache.get("a", []() -> int { throw std::runtime_error("busy"); }), std::runtime_error);
  EXPECT_EQ(cache.size(), 0u);
  EXPECT_EQ(*cache.get("a", [] { return 7; }), 7);
}

TEST(SettledCache, KeepsTheMostRecentlyAskedWithinItsCapacity) {
  SettledCache<int> cache(2);
  int made = 0;
  cache.get("a", [&] { return ++made; });
  cache.get("b", [&] { return ++made; });
  cache.get("a", [&] { return ++made; });  // asked again: "b" is now the oldest
  cache.get("c", [&] { return ++made; });
  EXPECT_EQ(cache.size(), 2u);
  EXPECT_EQ(*cache.get("a", [&] { return ++made; }), 1);  // kept
  EXPECT_EQ(*cache.get("b", [&] { return ++made; }), 4);  // made again
}

}  // namespace tiendo::service
