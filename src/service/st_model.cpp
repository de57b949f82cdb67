#include "service/st_model.h"

#include <algorithm>

#include "service/st_figures.h"
#include "store/change_feed.h"
#include "store/plan_store.h"

namespace tiendo::service {

namespace {

// The fields of the register a figure may read: everything but the current stage and the version, which a stage
// move or an execution event moves (the figures read the stage from the dated events instead).
bool same_register(store::StTask a, store::StTask b) {
  a.stage = b.stage = "";
  a.version = b.version = 0;
  return a == b;
}

void order(StSnapshot& s) {
  s.by_code.clear();
  s.by_code.reserve(s.by_id.size());
  for (const auto& [id, e] : s.by_id) s.by_code.push_back(e.get());
  // As store::list_st_tasks orders them (codes are unique, compared byte by byte as both databases do).
  std::sort(s.by_code.begin(), s.by_code.end(),
            [](const StEntry* a, const StEntry* b) { return a->task.code < b->task.code; });
}

}  // namespace

std::vector<const StEntry*> StSnapshot::in_scope(const std::optional<std::string>& scope_path) const {
  if (!scope_path) return by_code;
  std::vector<const StEntry*> out;
  for (const StEntry* e : by_code) {
    // As store::list_st_tasks: the tasks it hosts or manages.
    if (e->task.host_unit_path.starts_with(*scope_path) || e->task.managing_unit_path.starts_with(*scope_path))
      out.push_back(e);
  }
  return out;
}

domain::StTaskRefs StSnapshot::facts_of(const std::vector<const StEntry*>& entries) {
  domain::StTaskRefs out;
  out.reserve(entries.size());
  for (const StEntry* e : entries) out.push_back(&e->facts);
  return out;
}

std::shared_ptr<const StSnapshot> load_st_snapshot(store::Connection& c, long long register_mark) {
  auto s = std::make_shared<StSnapshot>();
  // The point of the log first: a write committed while the rest is read is read again at the next catch-up.
  s->seq = store::current_seq(c);
  s->register_mark = register_mark;
  s->book = st_rule_book(c);
  for (const auto& [day, name] : store::list_holidays(c)) {
    if (auto d = domain::parse_iso_date(day)) s->cal.holidays.insert(*d);
  }
  for (auto& x : st_tasks_with_facts(c, {})) {
    const auto id = x.task.id;
    s->by_id.emplace(id, std::make_shared<const StEntry>(StEntry{std::move(x.task), std::move(x.facts)}));
  }
  order(*s);
  return s;
}

std::shared_ptr<const StSnapshot> catch_up(store::Connection& c, const std::shared_ptr<const StSnapshot>& base) {
  const auto changes = store::st_changes_since(c, base->seq);
  if (changes.last_seq == base->seq) return base;
  if (changes.everything) return load_st_snapshot(c, base->register_mark + 1);
  auto s = std::make_shared<StSnapshot>(*base);
  s->seq = changes.last_seq;
  bool register_changed = false;
  for (const store::Id id : changes.tasks) {
    auto t = store::find_st_task(c, id);
    const auto old = s->by_id.find(id);
    if (!t) {
      if (old != s->by_id.end()) {
        s->by_id.erase(old);
        register_changed = true;
      }
      continue;
    }
    if (old == s->by_id.end() || !same_register(old->second->task, *t)) register_changed = true;
    auto facts =
        st_task_facts(*t, store::list_st_events(c, id), store::list_st_updates(c, id), store::list_st_estimates(c, id));
    s->by_id[id] = std::make_shared<const StEntry>(StEntry{std::move(*t), std::move(facts)});
  }
  if (register_changed) ++s->register_mark;
  order(*s);
  return s;
}

std::shared_ptr<const StSnapshot> StModel::current(store::Database& db) {
  std::lock_guard catching(catching_up_);
  std::shared_ptr<const StSnapshot> base;
  long long mark = 0;  // of a first load: past the mark of any answer kept from another database
  {
    std::lock_guard lock(mu_);
    if (db_ == &db) base = snapshot_;
    if (snapshot_) mark = snapshot_->register_mark + 1;
  }
  auto next = db.read([&](store::Connection& c) { return base ? catch_up(c, base) : load_st_snapshot(c, mark); });
  std::lock_guard lock(mu_);
  db_ = &db;
  snapshot_ = next;
  return next;
}

std::string StModel::key(const StSnapshot& s, std::string_view what, domain::Date as_of, domain::Date today,
                         const std::optional<std::string>& scope_path) {
  std::string mark = "r" + std::to_string(s.register_mark);
  if (as_of >= today) mark += "s" + std::to_string(s.seq);
  return std::string(what) + "|" + mark + "|" + domain::iso(as_of) + "|" + scope_path.value_or("*");
}

std::shared_ptr<const std::string> StModel::answer(const StSnapshot& s, std::string_view what, domain::Date as_of,
                                                   domain::Date today, const std::optional<std::string>& scope_path,
                                                   const std::function<std::string()>& make) {
  return (as_of < today ? settled_ : latest_).get(key(s, what, as_of, today, scope_path), make);
}

}  // namespace tiendo::service
