#pragma once
// One small interface over SQLite and PostgreSQL. SQL is written once with $1..$n placeholders and
// types both databases share (TEXT dates, INTEGER flags); each write runs as one transaction.
#include <atomic>
#include <condition_variable>
#include <deque>
#include <exception>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

namespace tiendo::store {

using Param = std::variant<std::nullptr_t, long long, double, std::string>;
using Params = std::vector<Param>;

// Optional values become NULL parameters.
template <class T>
Param opt(const std::optional<T>& v) {
  if (!v) return nullptr;
  if constexpr (std::is_integral_v<T>) {
    return static_cast<long long>(*v);
  } else {
    return Param{*v};
  }
}

// A read-only view of the current row while streaming: nothing is copied until asked for.
class RowView {
 public:
  virtual ~RowView() = default;
  virtual bool null(size_t i) const = 0;
  virtual std::string_view view(size_t i) const = 0;  // "" for NULL
  std::string text(size_t i) const { return std::string(view(i)); }
  std::optional<std::string> opt_text(size_t i) const {
    return null(i) ? std::nullopt : std::optional(std::string(view(i)));
  }
  long long i64(size_t i) const;
  std::optional<long long> opt_i64(size_t i) const { return null(i) ? std::nullopt : std::optional(i64(i)); }
};

class Row {
 public:
  explicit Row(std::vector<std::optional<std::string>> cells) : cells_(std::move(cells)) {}
  bool null(size_t i) const { return !cells_.at(i).has_value(); }
  const std::string& text(size_t i) const;  // "" for NULL
  long long i64(size_t i) const;            // 0 for NULL
  double f64(size_t i) const;               // 0 for NULL
  std::optional<std::string> opt_text(size_t i) const { return cells_.at(i); }
  std::optional<long long> opt_i64(size_t i) const;
  std::optional<double> opt_f64(size_t i) const;
  size_t size() const { return cells_.size(); }

 private:
  std::vector<std::optional<std::string>> cells_;
};
using Rows = std::vector<Row>;

struct DbError : std::runtime_error {
  enum class Kind { unavailable, constraint, busy, other };
  DbError(Kind k, const std::string& what) : std::runtime_error(what), kind(k) {}
  Kind kind;
};

// Work run on a network thread (the server's in-place reads, api/server) must never wait: for a connection, on a
// network round trip, for a write or for a model to be rebuilt. Where it would, WouldWait is thrown and the server
// runs the request again on its worker pool. Not a std::exception, so no handler's catch takes it for a failure.
struct WouldWait {};

// Marks this thread's work as in place while it lives (nesting is not needed: one request at a time).
class InPlace {
 public:
  InPlace() { on_ = true; }
  ~InPlace() { on_ = false; }
  InPlace(const InPlace&) = delete;
  InPlace& operator=(const InPlace&) = delete;
  static bool on() { return on_; }

 private:
  static thread_local bool on_;
};

class Connection {
 public:
  virtual ~Connection() = default;
  virtual Rows query(std::string_view sql, const Params& params = {}) = 0;
  // Streams the rows to `fn` without materializing them: for scans of a nation's assignments.
  virtual void each(std::string_view sql, const Params& params, const std::function<void(const RowView&)>& fn) = 0;
  virtual void script(std::string_view sql) = 0;  // several statements, no parameters
  virtual void begin(bool write) = 0;
  virtual void commit() = 0;
  virtual void rollback() = 0;
  virtual bool healthy() const = 0;
};

class Database {
 public:
  // "postgresql://..." or "postgres://..." opens PostgreSQL; anything else is a SQLite file path.
  static std::unique_ptr<Database> open(const std::string& url, int readers);

  using Factory = std::function<std::unique_ptr<Connection>()>;
  Database(std::string kind, Factory factory, int readers, bool single_writer);
  ~Database();

  std::string_view kind() const { return kind_; }

  // Runs f(Connection&) inside one transaction, committed when f returns, rolled back when it throws.
  // Called while this thread already runs a write of this database, f joins that transaction (reads
  // included, so they see its writes): a whole request can be made one transaction from outside.
  // SQLite (one writer): writes wait in a commit queue and run in batches, each f inside its own savepoint of one
  // shared transaction, on the thread that leads the batch; f's changes are undone alone when it throws, and it
  // returns only after the batch's COMMIT (one fsync for the batch): nothing is acknowledged before it is durable.
  template <class F>
  auto write(F&& f) {
    if (InPlace::on()) throw WouldWait{};  // a write may wait in the commit queue
    if (open_write_.db == this || !single_writer_) return run(true, std::forward<F>(f));
    return queued(f);
  }
  // Runs f on a consistent snapshot.
  template <class F>
  auto read(F&& f) {
    return run(false, std::forward<F>(f));
  }
  // For reads that may lag a moment behind the last write (documents, history, filtered figures): on
  // the streaming replica when there is one and it answers, else on the primary.
  template <class F>
  auto read_replica(F&& f) {
    if (replica_ && open_write_.db != this) {
      try {
        return replica_->read(f);
      } catch (const DbError& e) {
        if (e.kind != DbError::Kind::unavailable) throw;
      }
    }
    return read(std::forward<F>(f));
  }
  void set_replica(std::unique_ptr<Database> replica) { replica_ = std::move(replica); }
  Database* replica() const { return replica_.get(); }

  // Called on the writing thread once the outermost write that appended audit entries has committed and
  // given back its connection: it keeps the signed anchor of the audit chain (store/audit_anchor) current.
  void set_after_audited_write(std::function<void()> f) { after_audited_write_ = std::move(f); }
  // append_audit calls this inside the write; the hook runs after the commit.
  static void note_audit_appended() { audited_ = true; }

  // The commit queue (SQLite), for monitoring: the writes waiting for a batch, and the batches committed so far
  // (writes per batch = writes per fsync).
  size_t queued_writes();
  long long committed_batches() const { return batches_.load(); }

  void migrate();
  // Refreshes the planner's statistics (SQLite has none until asked): after bulk loads and at start-up.
  void analyze();

 private:
  class Lease;
  Lease acquire(bool write);
  std::unique_ptr<Connection> open_writer();  // SQLite

  template <class F>
  auto run(bool write, F&& f);
  template <class F>
  auto transaction(bool write, F&& f);

  // A write waiting in the commit queue: its work, and how it ended.
  struct Job {
    std::function<void(Connection&)> work;
    std::exception_ptr error;
    bool done = false;
  };
  template <class F>
  auto queued(F& f);
  void submit(Job& job);  // queues the job, leads batches while it waits its turn; rethrows its error
  bool run_batch(const std::vector<Job*>& batch);  // true when a write of it appended audit entries

  // Runs the hook when the outermost write ends without an exception, after its lease is returned.
  struct AfterWrite {
    Database* db;
    int exceptions = std::uncaught_exceptions();
    explicit AfterWrite(Database* d) : db(d) { audited_ = false; }
    ~AfterWrite();
  };

  std::string kind_;
  Factory factory_;
  bool single_writer_;
  std::mutex mu_;
  std::condition_variable cv_;
  std::vector<std::unique_ptr<Connection>> idle_;
  int open_ = 0;
  int max_;
  std::mutex writer_mu_;  // SQLite: one writer at a time, so writes never meet SQLITE_BUSY
  std::unique_ptr<Connection> writer_;
  std::mutex queue_mu_;  // the commit queue (SQLite)
  std::condition_variable queue_cv_;
  std::deque<Job*> queue_;
  bool leading_ = false;  // a thread is running a batch
  std::atomic<long long> batches_{0};
  std::unique_ptr<Database> replica_;

  struct OpenWrite {
    const Database* db = nullptr;
    Connection* c = nullptr;
  };
  static thread_local OpenWrite open_write_;
  std::function<void()> after_audited_write_;
  static thread_local bool audited_;
};

class Database::Lease {
 public:
  Lease(Database* db, std::unique_ptr<Connection> c, bool writer) : db_(db), c_(std::move(c)), writer_(writer) {}
  Lease(Lease&&) = default;
  ~Lease();
  Connection& operator*() { return *c_; }

 private:
  Database* db_;
  std::unique_ptr<Connection> c_;
  bool writer_;
  std::unique_lock<std::mutex> writer_lock_;
  friend class Database;
};

template <class F>
auto Database::run(bool write, F&& f) {
  if (open_write_.db == this) return f(*open_write_.c);
  if (!write || !after_audited_write_) return transaction(write, std::forward<F>(f));
  AfterWrite after(this);
  return transaction(write, std::forward<F>(f));
}

template <class F>
auto Database::queued(F& f) {
  using R = std::invoke_result_t<F&, Connection&>;
  if constexpr (std::is_void_v<R>) {
    Job job{[&](Connection& c) { f(c); }};
    submit(job);
  } else {
    std::optional<R> out;
    Job job{[&](Connection& c) { out.emplace(f(c)); }};
    submit(job);
    return std::move(*out);
  }
}

template <class F>
auto Database::transaction(bool write, F&& f) {
  Lease lease = acquire(write);
  Connection& c = *lease;
  c.begin(write);
  struct Mark {  // nested calls on this thread join this write until it ends, however it ends
    bool on;
    explicit Mark(bool on, const Database* db, Connection* c) : on(on) {
      if (on) open_write_ = {db, c};
    }
    ~Mark() {
      if (on) open_write_ = {};
    }
  } mark(write, this, &c);
  try {
    if constexpr (std::is_void_v<decltype(f(c))>) {
      f(c);
      c.commit();
    } else {
      auto result = f(c);
      c.commit();
      return result;
    }
  } catch (...) {
    try {
      c.rollback();
    } catch (...) {
      // The connection is broken; the lease drops it instead of returning it to the pool.
    }
    throw;
  }
}

}  // namespace tiendo::store
