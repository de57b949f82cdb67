// The resident S&T model (issue 16) answers as a fresh reading of the register does, through a sequence of writes
// of every kind, over the whole city and over one host's subtree, for a past date and for today; and a past date's
// kept answer stays right when a later fact arrives, while a register edit retires it. On SQLite, or on PostgreSQL
// when TIENDO_STORE_TEST_DB names one (other tests' tasks beside these: both readings see them alike).
#include "service/st_model.h"

#include <sstream>

#include "service/st_figures.h"
#include "store/test_database.h"
#include "store/user_store.h"

namespace tiendo::service {
namespace {

using store::Id;

constexpr const char* kToday = "2026-11-24";
domain::Date day(const char* iso) { return *domain::parse_iso_date(iso); }

// Every number and row of the figures, in order, as text: two equal digests are equal answers.
std::string digest(const domain::StFigures& f) {
  std::ostringstream o;
  const auto& t = f.tracking;
  o << "T" << t.active << "," << t.registered << "," << t.documented << "," << t.updated << "," << t.tracked << ";";
  for (const auto& r : t.rows)
    o << r.task_id << ":" << r.registered << r.documented << r.updated << "/" << r.months_due << "/" << r.months_updated
      << "/" << r.late_events.size() << ";";
  for (const auto& s : f.stages) {
    o << "S" << domain::to_string(s.stage);
    for (auto id : s.task_ids) o << "," << id;
    o << ";";
  }
  for (const auto& x : f.overdue)
    o << "O" << x.task_id << domain::to_string(x.kind) << domain::iso(x.due) << x.days_late << ";";
  o << "M" << f.money.advanced << "," << f.money.settled << ";";
  for (const auto& b : f.blocked) o << "B" << b.task_id << ";";
  o << "Y" << f.year.estimate << "," << f.year.disbursed << ";";
  for (const auto& r : f.year.rows) o << r.task_id << ":" << r.estimate.value_or(-1) << "," << r.disbursed << ";";
  for (const auto& x : f.outcomes) o << "R" << x.task_id << domain::to_string(x.rating) << ";";
  o << "L" << f.late_tasks << ",rows" << f.rows.size();
  return o.str();
}

std::string digest(const domain::StPipeline& p) {
  std::ostringstream o;
  o << p.problems_proposed << "," << p.problems_ordered << "," << p.ordered_tasks << ";";
  for (const auto& s : p.sectors) {
    o << s.sector << ":";
    for (const auto& pr : s.problems) {
      o << pr.problem << "@" << domain::iso(pr.proposed_on) << "#" << pr.ordered_tasks;
      for (const auto& t : pr.tasks) o << "," << t.task_id;
      o << ";";
    }
  }
  return o.str();
}

class StModelTest : public store::StoreTest {
 protected:
  // The audit entry a write through the API appends: what tells the model which task to read again.
  void audited(store::Connection& c, const std::string& entity, Id id) {
    store::AuditEntry e;
    e.at = std::string(kToday) + "T03:00:00Z";
    e.username = "test";
    e.source = "test";
    e.entity = entity;
    e.entity_id = std::to_string(id);
    e.action = "test";
    store::append_audit(c, db_->kind() == "postgresql", std::move(e));
  }
  Id host(store::Connection& c, const std::string& code, Id root) {
    store::Unit u;
    u.code = unique(code);
    u.name = "Viện " + code;
    u.kind = std::string(domain::kHostOrgKind);
    u.peer_group = "other";
    u.parent_id = root;
    return store::insert_unit(c, u, kAt);
  }
  void event(store::Connection& c, Id task, const std::string& kind, std::optional<std::string> to,
             const std::string& doc_date, const std::string& recorded_on, long long amount = 0) {
    store::StEvent e;
    e.task_id = task;
    e.kind = kind;
    e.to_stage = std::move(to);
    e.doc_number = "01/QĐ";
    e.doc_date = doc_date;
    e.signer_name = "Nguyễn Văn A";
    e.signer_position = "Giám đốc";
    e.amount = amount;
    e.recorded_at = recorded_on + "T03:00:00Z";
    e.recorded_on = recorded_on;
    store::insert_st_event(c, e);
  }
  void update(store::Connection& c, Id task, int month, const std::string& recorded_on) {
    store::StUpdate u;
    u.task_id = task;
    u.year = 2026;
    u.month = month;
    u.progress_percent = 10.0 * month;
    u.recorded_at = recorded_on + "T03:00:00Z";
    u.recorded_on = recorded_on;
    store::insert_st_update(c, u);
  }
  // A task in execution since March 2026, with its documents recorded in time, an advance, and updates for the
  // months given (each recorded on the 3rd of the next month).
  Id task(store::Connection& c, const std::string& code, Id host_id, const std::string& problem,
          std::vector<int> months) {
    store::StTask t;
    t.code = unique(code);
    t.title = "Nhiệm vụ " + code;
    t.level = "tinh";
    t.kind = "de_tai";
    t.mode = "dat_hang";
    t.problem = problem;
    t.sector = "Nông nghiệp";
    t.host_unit_id = host_id;
    t.managing_unit_id = managing_;
    t.budget_nsnn = 1'000'000'000;
    t.national_code = "QG-" + code;
    t.national_code_on = "2026-03-02";
    t.start_date = "2026-03-01";
    t.end_date = "2027-02-28";
    t.stage = "thuc_hien";
    t.created_at = kAt;
    const Id id = store::insert_st_task(c, t);
    event(c, id, "stage", "de_xuat", "2026-01-05", "2026-01-06");
    event(c, id, "stage", "xac_dinh", "2026-01-20", "2026-01-21");
    event(c, id, "stage", "phe_duyet", "2026-02-10", "2026-02-11");
    event(c, id, "stage", "hop_dong", "2026-02-25", "2026-02-26");
    event(c, id, "stage", "thuc_hien", "2026-03-01", "2026-03-02");
    event(c, id, "tam_ung", std::nullopt, "2026-03-05", "2026-03-06", 400'000'000);
    for (int m : months) update(c, id, m, "2026-" + std::string(m < 9 ? "0" : "") + std::to_string(m + 1) + "-03");
    return id;
  }

  // The model's answer and a fresh reading's, as of `d`, over `scope`.
  void expect_fresh(StModel& model, const std::optional<std::string>& scope, const char* d) {
    const auto snap = model.current(*db_);
    const auto mine = snap->in_scope(scope);
    const auto kept = digest(domain::st_figures(snap->book, snap->cal, StSnapshot::facts_of(mine), day(d)));
    const auto pipeline = digest(domain::st_problem_pipeline(StSnapshot::facts_of(mine), day(d)));
    db_->read([&](store::Connection& c) {
      EXPECT_EQ(kept, digest(st_task_figures(c, scope, day(d)).figures)) << d << " " << scope.value_or("*");
      store::StTaskFilter f;
      f.scope_path = scope;
      std::vector<domain::StTaskFacts> facts;
      std::vector<Id> ids;
      for (auto& x : st_tasks_with_facts(c, f)) {
        ids.push_back(x.task.id);
        facts.push_back(std::move(x.facts));
      }
      EXPECT_EQ(pipeline, digest(domain::st_problem_pipeline(facts, day(d)))) << d;
      std::vector<Id> listed;
      for (const auto* e : mine) listed.push_back(e->task.id);
      EXPECT_EQ(listed, ids) << "the register's order and scope";
    });
  }
  void expect_fresh_everywhere(StModel& model) {
    for (const auto* d : {"2026-10-31", kToday}) {
      expect_fresh(model, std::nullopt, d);
      expect_fresh(model, host_path_, d);
    }
  }

  Id managing_ = 0, h1_ = 0, h2_ = 0;
  std::string host_path_;
};

TEST_F(StModelTest, AnswersAsAFreshReadingThroughWritesAndKeepsPastDatesSettled) {
  Id a = 0, b = 0;
  db_->write([&](store::Connection& c) {
    managing_ = unit(c, "SKHCN", std::nullopt);
    store::Unit root;
    root.code = unique("HOSTS");
    root.name = "Tổ chức chủ trì";
    root.kind = std::string(domain::kHostRootKind);
    root.peer_group = "other";
    const Id root_id = store::insert_unit(c, root, kAt);
    h1_ = host(c, "V1", root_id);
    h2_ = host(c, "V2", root_id);
    host_path_ = store::find_unit(c, h1_)->path;
    a = task(c, "A", h1_, "Giống lúa chịu mặn", {3, 4, 5, 6, 7, 8, 9});
    b = task(c, "B", h2_, "Giống lúa chịu mặn", {3, 4, 6});
    audited(c, "st_task", a);
    audited(c, "st_task", b);
  });
  StModel model;
  expect_fresh_everywhere(model);
  const auto first = model.current(*db_);
  EXPECT_EQ(model.current(*db_), first) << "nothing written: the same snapshot, nothing read again";

  // A past date's answer, kept; then a fact of today arrives (a monthly update and an advance of task b).
  const auto today = day(kToday), past = day("2026-10-31");
  const auto figures_of = [&](const StSnapshot& s, domain::Date d) {
    return digest(domain::st_figures(s.book, s.cal, StSnapshot::facts_of(s.in_scope(std::nullopt)), d));
  };
  const auto past_key = StModel::key(*first, "figures", past, today, std::nullopt);
  const auto kept =
      *model.answer(*first, "figures", past, today, std::nullopt, [&] { return figures_of(*first, past); });
  EXPECT_EQ(*model.answer(*first, "figures", past, today, std::nullopt, [] { return std::string("again"); }), kept)
      << "kept, not made again";
  const auto today_key = StModel::key(*first, "figures", today, today, std::nullopt);
  db_->write([&](store::Connection& c) {
    update(c, b, 10, kToday);
    event(c, b, "tam_ung", std::nullopt, kToday, kToday, 100'000'000);
    audited(c, "st_task", b);
  });
  const auto later = model.current(*db_);
  EXPECT_GT(later->seq, first->seq);
  EXPECT_EQ(later->register_mark, first->register_mark) << "a dated fact leaves the register as it was";
  EXPECT_EQ(StModel::key(*later, "figures", past, today, std::nullopt), past_key) << "the past date is settled";
  EXPECT_NE(StModel::key(*later, "figures", today, today, std::nullopt), today_key) << "today's answer moves";
  EXPECT_EQ(figures_of(*later, past), kept) << "a later fact never reaches a past date";
  EXPECT_EQ(*model.answer(*later, "figures", past, today, std::nullopt, [] { return std::string("again"); }), kept);
  EXPECT_NE(figures_of(*later, today), figures_of(*first, today)) << "but reaches today";
  EXPECT_EQ(later->by_id.at(a), first->by_id.at(a)) << "only the written task is read again";
  expect_fresh_everywhere(model);

  // A register edit (edited in place: the problem and the budget) retires the kept past answers.
  db_->write([&](store::Connection& c) {
    auto t = *store::find_st_task(c, a);
    t.problem = "Nuôi trồng thủy sản";
    t.budget_nsnn = 2'000'000'000;
    ASSERT_TRUE(store::update_st_task(c, t, t.version));
    audited(c, "st_task", a);
  });
  const auto edited = model.current(*db_);
  EXPECT_GT(edited->register_mark, later->register_mark);
  EXPECT_NE(StModel::key(*edited, "figures", past, today, std::nullopt), past_key);
  expect_fresh_everywhere(model);

  // A stage move (the stored stage and version only) is a dated fact like the others.
  db_->write([&](store::Connection& c) {
    const auto t = *store::find_st_task(c, b);
    ASSERT_TRUE(store::set_st_task_stage(c, b, "nop_nghiem_thu", t.version));
    event(c, b, "stage", "nop_nghiem_thu", kToday, kToday);
    audited(c, "st_task", b);
  });
  EXPECT_EQ(model.current(*db_)->register_mark, edited->register_mark);
  expect_fresh_everywhere(model);

  // A new task, then a unit renamed (every task read again: names and scopes come from the unit tree).
  db_->write([&](store::Connection& c) { audited(c, "st_task", task(c, "C", h1_, "Nuôi trồng thủy sản", {3})); });
  expect_fresh_everywhere(model);
  const auto before_unit = model.current(*db_);
  db_->write([&](store::Connection& c) {
    auto u = *store::find_unit(c, h1_);
    u.name = "Viện mới";
    store::update_unit(c, u, kAt);
    audited(c, "unit", h1_);
  });
  const auto renamed = model.current(*db_);
  EXPECT_GT(renamed->register_mark, before_unit->register_mark);
  EXPECT_EQ(renamed->by_id.at(a)->task.host_unit_name, "Viện mới");
  expect_fresh_everywhere(model);
}

}  // namespace
}  // namespace tiendo::service
