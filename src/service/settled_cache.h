#pragma once
// R15: the figures of a date whose end has passed never change, so they are computed once per key (date, scope,
// filters) and kept. A bounded number is kept (the least recently asked go first); askers of a key being computed
// wait for that computation instead of repeating it (eight leaders opening last month's dashboard at once cost
// one computation).
#include <chrono>
#include <cstdint>
#include <functional>
#include <future>
#include <map>
#include <memory>
#include <mutex>
#include <string>

namespace tiendo::service {

template <class T>
class SettledCache {
 public:
  explicit SettledCache(size_t capacity) : capacity_(capacity) {}

  // The value for `key`, made by `make` by its first asker; an exception reaches every asker waiting for that
  // value and is not kept (the next asker makes it again).
  std::shared_ptr<const T> get(const std::string& key, const std::function<T()>& make) {
    std::promise<std::shared_ptr<const T>> made;
    std::shared_future<std::shared_ptr<const T>> value;
    bool first = false;
    {
      std::lock_guard lock(mu_);
      auto it = entries_.find(key);
      if (it == entries_.end()) {
        evict();
        it = entries_.emplace(key, Entry{made.get_future().share(), 0}).first;
        first = true;
      }
      it->second.asked = ++clock_;
      value = it->second.value;
    }
    if (first) {
      try {
        made.set_value(std::make_shared<const T>(make()));
      } catch (...) {
        {
          std::lock_guard lock(mu_);
          entries_.erase(key);
        }
        made.set_exception(std::current_exception());
      }
    }
    return value.get();
  }

  size_t size() const {
    std::lock_guard lock(mu_);
    return entries_.size();
  }

 private:
  struct Entry {
    std::shared_future<std::shared_ptr<const T>> value;
    uint64_t asked = 0;
  };
  static bool ready(const Entry& e) { return e.value.wait_for(std::chrono::seconds(0)) == std::future_status::ready; }
  // Under mu_, before adding one: drops the least recently asked values already made, down to capacity - 1.
  void evict() {
    while (entries_.size() >= capacity_) {
      auto oldest = entries_.end();
      for (auto it = entries_.begin(); it != entries_.end(); ++it) {
        if (ready(it->second) && (oldest == entries_.end() || it->second.asked < oldest->second.asked)) oldest = it;
      }
      if (oldest == entries_.end()) return;  // every one is still being made: one more for a while
      entries_.erase(oldest);
    }
  }

  const size_t capacity_;
  mutable std::mutex mu_;
  std::map<std::string, Entry> entries_;
  uint64_t clock_ = 0;
};

}  // namespace tiendo::service
