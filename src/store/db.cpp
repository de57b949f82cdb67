#include "store/db.h"

#include <spdlog/spdlog.h>

#include <charconv>

#include "store/embedded.h"

namespace tiendo::store {

std::unique_ptr<Connection> open_sqlite(const std::string& path);
std::unique_ptr<Connection> open_postgresql(const std::string& url);

namespace {
const std::string kEmpty;
}

long long RowView::i64(size_t i) const {
  if (null(i)) return 0;
  const auto v = view(i);
  long long out = 0;
  std::from_chars(v.data(), v.data() + v.size(), out);
  return out;
}

const std::string& Row::text(size_t i) const {
  const auto& c = cells_.at(i);
  return c ? *c : kEmpty;
}
long long Row::i64(size_t i) const { return null(i) ? 0 : std::stoll(*cells_[i]); }
double Row::f64(size_t i) const { return null(i) ? 0 : std::stod(*cells_[i]); }
std::optional<long long> Row::opt_i64(size_t i) const {
  return null(i) ? std::nullopt : std::optional(std::stoll(*cells_[i]));
}
std::optional<double> Row::opt_f64(size_t i) const {
  return null(i) ? std::nullopt : std::optional(std::stod(*cells_[i]));
}

std::unique_ptr<Database> Database::open(const std::string& url, int readers) {
  if (url.starts_with("postgresql://") || url.starts_with("postgres://")) {
    return std::make_unique<Database>(
        "postgresql", [url] { return open_postgresql(url); }, readers, false);
  }
  return std::make_unique<Database>(
      "sqlite", [url] { return open_sqlite(url); }, readers, true);
}

Database::Database(std::string kind, Factory factory, int readers, bool single_writer)
    : kind_(std::move(kind)), factory_(std::move(factory)), single_writer_(single_writer), max_(readers) {
  if (single_writer_) writer_ = open_writer();
}

Database::~Database() = default;

std::unique_ptr<Connection> Database::open_writer() {
  auto c = factory_();
  // SQLite's one writer keeps its pages between writes (no other connection writes to invalidate them): a cache
  // that holds a write's working set (the report, its unit's assignments and tasks, the audit tail, their
  // indexes) instead of SQLite's 2 MB, which made each save fetch its pages again through the kernel.
  c->script("PRAGMA cache_size = -65536");
  return c;
}

thread_local Database::OpenWrite Database::open_write_;
thread_local bool Database::audited_ = false;
thread_local bool InPlace::on_ = false;

Database::AfterWrite::~AfterWrite() {
  const bool run = audited_ && std::uncaught_exceptions() == exceptions;
  audited_ = false;
  if (!run) return;
  try {
    db->after_audited_write_();
  } catch (const std::exception& e) {
    spdlog::error("audit anchor not updated: {}", e.what());
  }
}

Database::Lease::~Lease() {
  if (!c_) return;
  if (writer_ && db_->single_writer_) {
    if (c_->healthy()) {
      db_->writer_ = std::move(c_);
    }
    return;  // writer_lock_ releases the writer mutex
  }
  std::lock_guard lk(db_->mu_);
  if (c_->healthy()) {
    db_->idle_.push_back(std::move(c_));
  } else {
    --db_->open_;
  }
  db_->cv_.notify_one();
}

size_t Database::queued_writes() {
  std::lock_guard lk(queue_mu_);
  return queue_.size();
}

void Database::submit(Job& job) {
  std::unique_lock lk(queue_mu_);
  queue_.push_back(&job);
  while (!job.done) {
    if (leading_ || queue_.empty()) {  // a batch is running, or this job's batch is being anchored
      queue_cv_.wait(lk);
      continue;
    }
    // No batch running: this thread runs the next one, the writes queued so far (its own among them, or ahead
    // of it), and waits again if its own was not among them.
    leading_ = true;
    constexpr size_t kMaxBatch = 256;
    std::vector<Job*> batch;
    while (!queue_.empty() && batch.size() < kMaxBatch) {
      batch.push_back(queue_.front());
      queue_.pop_front();
    }
    lk.unlock();
    const bool audited = run_batch(batch);
    lk.lock();
    leading_ = false;
    queue_cv_.notify_all();  // the next batch may run while this one's entries are anchored
    if (audited && after_audited_write_) {
      // As for a single write: after the commit and the writer's release, the audit anchor signs the batch's
      // entries before any of its writers is answered.
      lk.unlock();
      try {
        after_audited_write_();
      } catch (const std::exception& e) {
        spdlog::error("audit anchor not updated: {}", e.what());
      }
      lk.lock();
    }
    for (Job* j : batch) j->done = true;
    queue_cv_.notify_all();
  }
  if (job.error) std::rethrow_exception(job.error);
}

bool Database::run_batch(const std::vector<Job*>& batch) {
  const auto fail_all = [&](std::exception_ptr e) {  // a write that failed alone keeps its own error
    for (Job* j : batch) {
      if (!j->error) j->error = e;
    }
  };
  std::optional<Lease> lease;
  try {
    lease.emplace(acquire(true));
    (**lease).begin(true);
  } catch (...) {
    fail_all(std::current_exception());
    return false;
  }
  Connection& c = **lease;
  bool audited = false;
  bool broken = false;  // the transaction itself is gone: the database rolled it back, or a savepoint failed
  open_write_ = {this, &c};
  for (Job* j : batch) {
    audited_ = false;
    try {
      c.script("SAVEPOINT job");
      j->work(c);
      c.script("RELEASE job");
      audited = audited || audited_;
    } catch (...) {
      j->error = std::current_exception();
      try {
        c.script("ROLLBACK TO job");
        c.script("RELEASE job");
      } catch (...) {
        broken = true;
        break;
      }
    }
  }
  open_write_ = {};
  audited_ = false;
  try {
    // The others in the batch are not at fault: they fail as a busy database does (answered "try again").
    if (broken) throw DbError(DbError::Kind::busy, "the write batch was rolled back with a failed write");
    c.commit();
    ++batches_;
    return audited;
  } catch (...) {
    // Nothing of the batch is durable: every write in it fails, none is acknowledged.
    fail_all(std::current_exception());
    try {
      c.rollback();
    } catch (...) {
      // The connection is broken; the lease drops it instead of keeping it.
    }
    return false;
  }
}

Database::Lease Database::acquire(bool write) {
  // In place, only an embedded database's idle reader is taken: SQLite reads a page cache and its file, a server
  // database answers over the network, and opening a connection or waiting for one may take long.
  if (InPlace::on() && (write || kind_ != "sqlite")) throw WouldWait{};
  if (write && single_writer_) {
    std::unique_lock lk(writer_mu_);
    if (!writer_) writer_ = open_writer();
    Lease l(this, std::move(writer_), true);
    l.writer_lock_ = std::move(lk);
    return l;
  }
  std::unique_lock lk(mu_);
  if (InPlace::on() && idle_.empty()) throw WouldWait{};
  cv_.wait(lk, [&] { return !idle_.empty() || open_ < max_; });
  if (!idle_.empty()) {
    auto c = std::move(idle_.back());
    idle_.pop_back();
    return Lease(this, std::move(c), write);
  }
  ++open_;
  lk.unlock();
  try {
    return Lease(this, factory_(), write);
  } catch (...) {
    std::lock_guard relock(mu_);
    --open_;
    cv_.notify_one();
    throw;
  }
}

namespace {
// Issue 12: what the history migration could not date from the audit log or the rows themselves. Those facts
// hold, as they are now, for every past date (as they did before the history existed).
void report_unrebuilt_history(Connection& c) {
  const auto count = [&](const char* sql) { return c.query(sql).at(0).i64(0); };
  const long long deadlines =
      count("SELECT COUNT(*) FROM assignment_history WHERE fact = 'due' AND recorded_by = 'undated'");
  const long long decisions =
      count("SELECT COUNT(*) FROM assignment_history WHERE fact = 'decision' AND recorded_by = 'undated'");
  const long long units = count("SELECT COUNT(*) FROM unit_history WHERE recorded_by = 'undated'");
  const long long edited =
      count("SELECT COUNT(DISTINCT entity_id) FROM audit_log WHERE entity = 'unit' AND action = 'update'");
  const long long progress = count(
      "SELECT COUNT(*) FROM assignments a WHERE (a.progress_percent > 0 OR a.last_update_period IS NOT NULL) AND "
      "NOT EXISTS (SELECT 1 FROM submitted_report_items i WHERE i.assignment_id = a.id)");
  if (deadlines + decisions + units + edited + progress == 0) {
    spdlog::info("history: every existing fact dated from the audit log or its own row");
    return;
  }
  spdlog::warn(
      "history: not rebuilt, kept as they are now for every past date: {} extended deadlines and {} decisions "
      "with no date in the audit log; the days of {} units with no creation in the audit log; {} units edited "
      "since their creation keep only their current days; {} assignments with progress but no submitted report "
      "count no progress for past dates",
      deadlines, decisions, units, edited, progress);
}
// Issue 12: the plan rows the 009 migration could not date from the audit log (created by an import, the demo or
// before the audit log): they count, as they are now, for every past date.
void report_undated_plan(Connection& c) {
  const auto count = [&](const char* sql) { return c.query(sql).at(0).i64(0); };
  const long long tasks = count("SELECT COUNT(*) FROM task_history WHERE recorded_by = 'undated'");
  const long long indicators =
      count("SELECT COUNT(*) FROM indicator_target_history WHERE level = '' AND recorded_by = 'undated'");
  const long long members = count("SELECT COUNT(*) FROM unit_group_member_history WHERE recorded_by = 'undated'");
  if (tasks + indicators + members == 0) {
    spdlog::info("plan history: every task, indicator and group member dated from the audit log");
    return;
  }
  spdlog::warn(
      "plan history: not dated, kept as they are now for every past date: {} tasks (with their assignments and "
      "deadlines), {} indicators (with their targets), {} group members with no creation in the audit log",
      tasks, indicators, members);
}
// Issue 12: the reporting rules and holidays the 013 migration could not date, and the rules edited more than
// once whose earlier values it did not rebuild.
void report_undated_calendar(Connection& c) {
  const auto count = [&](const char* sql) { return c.query(sql).at(0).i64(0); };
  const long long rules = count("SELECT COUNT(*) FROM reporting_rule_history WHERE recorded_by = 'undated'");
  const long long holidays = count("SELECT COUNT(*) FROM holiday_history WHERE recorded_by = 'undated'");
  const long long edited = count(
      "SELECT COUNT(*) FROM (SELECT entity_id FROM audit_log WHERE entity = 'reporting_rule' GROUP BY entity_id "
      "HAVING COUNT(*) > 1) x");
  if (rules + holidays + edited == 0) {
    spdlog::info("calendar history: every reporting rule dated from the audit log");
    return;
  }
  spdlog::warn(
      "calendar history: kept as they are now for every past date: {} reporting rules and {} holidays with no "
      "date in the audit log; {} rules edited more than once keep only their current value",
      rules, holidays, edited);
}
}  // namespace

void Database::migrate() {
  const auto& files = kind_ == "sqlite" ? sqlite_migrations() : postgresql_migrations();
  write([&](Connection& c) {
    c.script("CREATE TABLE IF NOT EXISTS schema_migrations (version TEXT PRIMARY KEY, applied_at TEXT NOT NULL)");
    for (const auto& f : files) {
      if (!c.query("SELECT 1 FROM schema_migrations WHERE version = $1", {std::string(f.name)}).empty()) continue;
      spdlog::info("migration {}", f.name);
      c.script(f.content);
      c.query("INSERT INTO schema_migrations (version, applied_at) VALUES ($1, CURRENT_TIMESTAMP)",
              {std::string(f.name)});
      if (std::string_view(f.name).starts_with("008_history")) report_unrebuilt_history(c);
      if (std::string_view(f.name).starts_with("009_plan_history")) report_undated_plan(c);
      if (std::string_view(f.name).starts_with("013_calendar_history")) report_undated_calendar(c);
    }
  });
}

void Database::analyze() {
  // Outside a transaction: PostgreSQL's ANALYZE and SQLite's both run on their own.
  Lease lease = acquire(true);
  (*lease).script("ANALYZE");
}

}  // namespace tiendo::store
