#include "security/password.h"

#include <sodium.h>

#include <condition_variable>
#include <deque>
#include <fstream>
#include <functional>
#include <future>
#include <memory>
#include <mutex>
#include <sstream>
#include <thread>
#include <vector>

namespace tiendo::security {

namespace {

constexpr int kHashThreads = 2;
constexpr int kHashQueue = 16;

// Argon2id is meant to be slow (64 MiB and 0.06–0.26 s of a core on the 2-core machines measured). Two threads do it
// for the whole process; a request waits for its turn, and when 16 already wait it is answered 503 at once instead of
// holding one more worker: a burst of logins (or a guessing flood) never stalls dashboards and saves.
class HashPool {
 public:
  HashPool(int threads, int queue) : limit_(threads + queue) {
    for (int i = 0; i < threads; ++i) threads_.emplace_back([this] { loop(); });
  }
  ~HashPool() {
    {
      std::lock_guard lock(mu_);
      stop_ = true;
    }
    cv_.notify_all();
    for (auto& t : threads_) t.join();
  }
  template <class F>
  auto run(F f) -> decltype(f()) {
    std::packaged_task<decltype(f())()> task(std::move(f));
    auto result = task.get_future();
    {
      std::lock_guard lock(mu_);
      if (in_flight_ >= limit_) {
        throw Busy();
      }
      ++in_flight_;
      jobs_.emplace_back([t = std::make_shared<decltype(task)>(std::move(task))] { (*t)(); });
    }
    cv_.notify_one();
    return result.get();
  }

 private:
  void loop() {
    for (;;) {
      std::function<void()> job;
      {
        std::unique_lock lock(mu_);
        cv_.wait(lock, [&] { return stop_ || !jobs_.empty(); });
        if (jobs_.empty()) return;
        job = std::move(jobs_.front());
        jobs_.pop_front();
      }
      job();
      std::lock_guard lock(mu_);
      --in_flight_;
    }
  }
  const int limit_;
  std::mutex mu_;
  std::condition_variable cv_;
  std::deque<std::function<void()>> jobs_;
  int in_flight_ = 0;
  bool stop_ = false;
  std::vector<std::thread> threads_;
};

HashPool& hashing() {
  static HashPool pool(kHashThreads, kHashQueue);
  return pool;
}

std::string hash_now(const std::string& password) {
  char out[crypto_pwhash_STRBYTES];
  // Interactive limits: 64 MiB and 0.06–0.26 s of a core (bench/RESULTS.md), enough against offline guessing.
  if (crypto_pwhash_str(out, password.c_str(), password.size(), crypto_pwhash_OPSLIMIT_INTERACTIVE,
                        crypto_pwhash_MEMLIMIT_INTERACTIVE) != 0) {
    throw std::runtime_error("out of memory while hashing a password");
  }
  return out;
}

}  // namespace

const std::string& dummy_hash() {
  static const std::string hash = hash_now("không có người dùng này " + std::to_string(randombytes_random()));
  return hash;
}

namespace {

std::mutex common_mu;
std::shared_ptr<const domain::CommonPasswords> common_list;

std::shared_ptr<const domain::CommonPasswords> common_passwords() {
  {
    std::lock_guard lock(common_mu);
    if (common_list) return common_list;
  }
  load_common_passwords();
  std::lock_guard lock(common_mu);
  return common_list;
}

}  // namespace

std::string hash_password(const std::string& password) {
  return hashing().run([&] { return hash_now(password); });
}

bool verify_password(const std::string& hash, const std::string& password) {
  return hashing().run([&] { return crypto_pwhash_str_verify(hash.c_str(), password.c_str(), password.size()) == 0; });
}

void prepare_logins() { dummy_hash(); }

void load_common_passwords(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    throw std::runtime_error("không đọc được danh sách mật khẩu phổ biến " + path +
                             " (gói Debian john-data; chạy scripts/install-deps.sh)");
  }
  std::stringstream ss;
  ss << in.rdbuf();
  auto list = std::make_shared<const domain::CommonPasswords>(ss.str());
  if (list->size() < 100) throw std::runtime_error("danh sách mật khẩu phổ biến " + path + " gần như rỗng");
  std::lock_guard lock(common_mu);
  common_list = std::move(list);
}

std::optional<std::string> password_problem(const std::string& password, const domain::PasswordContext& context) {
  return domain::password_problem(password, context, *common_passwords());
}

}  // namespace tiendo::security
