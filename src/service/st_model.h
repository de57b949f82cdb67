#pragma once
// The S&T register and every task's life kept resident (issue 16 at national size: 34 provinces × 200 tasks, 60,000
// events, 75,000 monthly updates). Reading them all again for every figure took seconds; the model reads them once
// and, before each answer, only the tasks the audit log names as written since (store::st_changes_since), as the
// dashboard's shares follow the change feed. Answers computed from it are kept (`answer`): a date before
// today is settled (R15, R18: every event, update and estimate is dated by the day it was recorded, so a later one
// never reaches an earlier date), so its answer is computed once for as long as the register entries it reads stay
// as they are; today's is computed once per write.
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "domain/st_task.h"
#include "service/settled_cache.h"
#include "store/db.h"
#include "store/st_task_store.h"

namespace tiendo::service {

// One task as the S&T readings need it: its register entry and its life as domain facts.
struct StEntry {
  store::StTask task;
  domain::StTaskFacts facts;
};

// Every task as of one point of the audit log, shared read-only by the requests that read it: a write makes the
// next one, which shares every entry but the written tasks'.
struct StSnapshot {
  long long seq = 0;  // the audit log is applied up to here
  // Moves when something a past date's answer reads may have changed: a register entry (edited in place; R18: the
  // sector and problem are the register's current text), the unit tree (scopes, names), the rules or the holidays.
  long long register_mark = 0;
  domain::StRuleBook book;
  domain::HolidayCalendar cal;
  std::map<store::Id, std::shared_ptr<const StEntry>> by_id;
  std::vector<const StEntry*> by_code;  // the register's order

  // The tasks hosted or managed within `scope_path` (nothing: all), in the register's order.
  std::vector<const StEntry*> in_scope(const std::optional<std::string>& scope_path) const;
  static domain::StTaskRefs facts_of(const std::vector<const StEntry*>& entries);
};

// Reads every task, its life and what the figures need besides, as of now.
std::shared_ptr<const StSnapshot> load_st_snapshot(store::Connection& c, long long register_mark);
// `base` brought up to the newest write: the same snapshot when nothing was written since.
std::shared_ptr<const StSnapshot> catch_up(store::Connection& c, const std::shared_ptr<const StSnapshot>& base);

// One per server process (the router's), for one database.
class StModel {
 public:
  StModel() = default;
  StModel(const StModel&) = delete;
  StModel& operator=(const StModel&) = delete;

  // The snapshot as of the newest write. Call it outside any transaction of `db`: it reads in its own.
  std::shared_ptr<const StSnapshot> current(store::Database& db);

  // The key of the answer `what` as of `as_of` over `scope_path` from `s`: a date before `today` by the register
  // mark (settled), any other by the snapshot's point of the log.
  static std::string key(const StSnapshot& s, std::string_view what, domain::Date as_of, domain::Date today,
                         const std::optional<std::string>& scope_path);
  // The serialized answer `what` as of `as_of` over `scope_path` from `s`, made by `make` by its first asker (the
  // others wait for it instead of computing it again).
  std::shared_ptr<const std::string> answer(const StSnapshot& s, std::string_view what, domain::Date as_of,
                                            domain::Date today, const std::optional<std::string>& scope_path,
                                            const std::function<std::string()>& make);

 private:
  // A settled date's answers stay useful until the register changes; today's only until the next write, and a
  // national answer is megabytes: a few are enough (an answer and its compressed twin, for a few scopes).
  SettledCache<std::string> settled_{32};
  SettledCache<std::string> latest_{8};
  std::mutex catching_up_;  // one catch-up at a time: the requests behind it then find nothing more to read
  std::mutex mu_;           // guards the two below
  const store::Database* db_ = nullptr;
  std::shared_ptr<const StSnapshot> snapshot_;
};

}  // namespace tiendo::service
