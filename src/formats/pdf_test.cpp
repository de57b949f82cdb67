#include "formats/pdf.h"

#include <gtest/gtest.h>

#include <atomic>
#include <future>
#include <thread>

namespace tiendo::formats {

namespace {
// Waits until `pred` holds (another thread reached its point), up to 5 s.
template <class F>
bool eventually(F pred) {
  for (int i = 0; i < 500 && !pred(); ++i) std::this_thread::sleep_for(std::chrono::milliseconds(10));
  return pred();
}
}  // namespace

TEST(ConversionGate, TwoRunEightWaitTheRestAreRefused) {
  ConversionGate gate(2, 8);
  std::promise<void> go;
  std::shared_future<void> release = go.get_future().share();
  std::atomic<int> ran{0}, max_seen{0};
  std::vector<std::thread> threads;
  for (int i = 0; i < 10; ++i) {
    threads.emplace_back([&] {
      const ConversionGate::Slot slot(gate);
      const int now = gate.running();
      for (int m = max_seen.load(); now > m && !max_seen.compare_exchange_weak(m, now);) {
      }
      release.wait();
      ++ran;
    });
  }
  ASSERT_TRUE(eventually([&] { return gate.running() == 2 && gate.waiting() == 8; }));
  // The eleventh finds the queue full.
  EXPECT_THROW(ConversionGate::Slot extra(gate), ConversionBusy);
  go.set_value();
  for (auto& t : threads) t.join();
  EXPECT_EQ(ran.load(), 10);
  EXPECT_LE(max_seen.load(), 2);
  EXPECT_EQ(gate.running(), 0);
  EXPECT_EQ(gate.waiting(), 0);
  // Free again: a new conversion runs at once.
  const ConversionGate::Slot again(gate);
  EXPECT_EQ(gate.running(), 1);
}

TEST(ConversionGate, QueueIsServedInOrder) {
  ConversionGate gate(1, 3);
  std::vector<int> order;
  std::mutex m;
  auto first = std::make_unique<ConversionGate::Slot>(gate);
  std::vector<std::thread> threads;
  for (int i = 0; i < 3; ++i) {
    ASSERT_TRUE(eventually([&] { return gate.waiting() == i; }));
    threads.emplace_back([&, i] {
      const ConversionGate::Slot slot(gate);
      std::lock_guard lock(m);
      order.push_back(i);
    });
  }
  ASSERT_TRUE(eventually([&] { return gate.waiting() == 3; }));
  first.reset();
  for (auto& t : threads) t.join();
  EXPECT_EQ(order, (std::vector<int>{0, 1, 2}));
}

}  // namespace tiendo::formats
