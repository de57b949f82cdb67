// Only submitted data counts, at the store: a report's lines enter the counted facts (assignment progress,
// indicator values) only through `submit_report`, each submission is recorded and never rewritten, and an
// older period never rewinds the current progress. SQLite in a temporary file, or the database named by
// TIENDO_STORE_TEST_DB (a PostgreSQL URL; each test adds its own rows beside whatever is there).
#include "store/report_store.h"

#include <gtest/gtest.h>

#include "store/plan_store.h"
#include "store/test_database.h"

namespace tiendo::store {
namespace {

class SubmittedOnly : public StoreTest {
 protected:
  void SetUp() override {
    StoreTest::SetUp();
    // Codes unique per test: the tests may share one PostgreSQL database.
    const std::string name = ::testing::UnitTest::GetInstance()->current_test_info()->name();
    db_->write([&](Connection& c) {
      unit_ = c.query(
                   "INSERT INTO units (code, name, kind, path) VALUES ($1, 'Phường U', 'commune', '/1/') "
                   "RETURNING id",
                   {"U-" + name})
                  .at(0)
                  .i64(0);
      plan_ = c.query(
                   "INSERT INTO directives (number, kind, title, has_plan) VALUES ($1, 'plan', 'Kế hoạch', 1) "
                   "RETURNING id",
                   {"1/KH-" + name})
                  .at(0)
                  .i64(0);
      indicator_ = c.query(
                        "INSERT INTO indicators (directive_id, code, name, target_text, comparator, target_value, "
                        "aggregation) VALUES ($1, '1', 'Tỷ lệ', '≥80%', 'at_least', 80, 'ratio_of_sums') "
                        "RETURNING id",
                        {plan_})
                       .at(0)
                       .i64(0);
      const Id task = c.query(
                           "INSERT INTO tasks (directive_id, code, name, deadline_kind) VALUES ($1, 'T1', 'Việc', "
                           "'recurring') RETURNING id",
                           {plan_})
                          .at(0)
                          .i64(0);
      assignment_ = c.query(
                         "INSERT INTO assignments (task_id, unit_id, deadline_kind) VALUES ($1, $2, 'recurring') "
                         "RETURNING id",
                         {task, unit_})
                        .at(0)
                        .i64(0);
    });
  }

  Report report(const std::string& period) {
    return db_->write([&](Connection& c) {
      if (auto r = find_report_for(c, plan_, unit_, period)) return *r;
      Report r;
      r.directive_id = plan_;
      r.unit_id = unit_;
      r.period = period;
      r.state = "draft";
      r.created_at = "2026-11-01T00:00:00Z";
      r.id = insert_report(c, r);
      return *find_report(c, r.id);
    });
  }
  // Types a line into the report, as a draft edit does.
  void type(const Report& r, int progress, double numerator) {
    db_->write([&](Connection& c) {
      ReportItem i;
      i.assignment_id = assignment_;
      i.progress_percent = progress;
      save_report_item(c, r.id, i);
      IndicatorValue v;
      v.indicator_id = indicator_;
      v.unit_id = unit_;
      v.period = r.period;
      v.numerator = numerator;
      v.denominator = 40;
      v.value = 100.0 * numerator / 40;
      v.report_id = r.id;
      v.updated_at = "2026-11-01T00:00:00Z";
      save_report_indicator_value(c, v);
    });
  }
  void submit(const Report& r, const std::string& at) {
    db_->write([&](Connection& c) { submit_report(c, r, at); });
  }
  Assignment assignment() {
    return db_->read([&](Connection& c) { return *find_assignment(c, assignment_); });
  }
  std::optional<double> counted(const std::string& period) {
    return db_->read([&](Connection& c) -> std::optional<double> {
      for (const auto& v : indicator_values(c, indicator_, unit_, std::nullopt, std::nullopt))
        if (v.period == period) return v.numerator;
      return std::nullopt;
    });
  }

  Id unit_ = 0, plan_ = 0, indicator_ = 0, assignment_ = 0;
};

TEST_F(SubmittedOnly, DraftLinesCountOnlyOnceSubmittedAndEverySubmissionIsKept) {
  // Each step: typed (progress, numerator) into November's report, whether it is then submitted, and what
  // counts afterwards (progress, numerator; nullopt: nothing yet).
  struct Step {
    int progress;
    double numerator;
    bool submit;
    int counted_progress;
    std::optional<double> counted_value;
  };
  const Step steps[] = {
      {30, 10, false, 0, std::nullopt},  // a draft: nothing counts
      {35, 12, true, 35, 12},            // submitted
      {80, 30, false, 35, 12},           // corrected after a return: the submission stands
      {90, 36, false, 35, 12},           // corrected again
      {90, 36, true, 90, 36},            // submitted again
  };
  const Report nov = report("2026-11");
  int n = 0;
  for (const auto& s : steps) {
    SCOPED_TRACE("step " + std::to_string(n));
    type(nov, s.progress, s.numerator);
    if (s.submit) submit(nov, "2026-11-1" + std::to_string(n) + "T02:00:00Z");
    EXPECT_EQ(assignment().progress_percent, s.counted_progress);
    EXPECT_EQ(counted("2026-11"), s.counted_value);
    ++n;
  }
  // The report still shows its own lines; the records hold each submission, oldest first.
  db_->read([&](Connection& c) {
    ASSERT_EQ(report_indicator_values(c, nov.id).size(), 1u);
    EXPECT_EQ(report_indicator_values(c, nov.id)[0].numerator, 36);
    const auto history = submitted_values(c, indicator_, unit_, "2026-11");
    ASSERT_EQ(history.size(), 2u);
    EXPECT_EQ(history[0].numerator, 12);
    EXPECT_EQ(history[0].updated_at, "2026-11-11T02:00:00Z");
    EXPECT_EQ(history[1].numerator, 36);
    EXPECT_EQ(history[1].updated_at, "2026-11-14T02:00:00Z");
    const auto items = submitted_items(c, nov.id);
    ASSERT_EQ(items.size(), 2u);
    EXPECT_EQ(items[0].item.progress_percent, 35);
    EXPECT_EQ(items[1].item.progress_percent, 90);
    EXPECT_EQ(last_submitted_items(c, nov.id).at(0).progress_percent, 90);
    EXPECT_EQ(last_submitted_progress(c, nov.id).at(assignment_), 90);
  });
}

TEST_F(SubmittedOnly, TwoSubmissionsInOneSecondStayApart) {
  const Report nov = report("2026-11");
  type(nov, 20, 5);
  submit(nov, "2026-11-20T02:00:00Z");
  type(nov, 25, 6);
  submit(nov, "2026-11-20T02:00:00Z");
  db_->read([&](Connection& c) {
    const auto last = last_submitted_items(c, nov.id);
    ASSERT_EQ(last.size(), 1u);
    EXPECT_EQ(last[0].progress_percent, 25);
  });
}

// A save's lines are checked against the unit's assignments in the plan, reading only the lines sent: another
// unit's assignment, another plan's and one that does not exist are not among them.
TEST_F(SubmittedOnly, OnlyTheUnitsAssignmentsInThePlanAreItsLines) {
  const std::string name = ::testing::UnitTest::GetInstance()->current_test_info()->name();
  Id other_unit_work = 0, other_plan_work = 0;
  db_->write([&](Connection& c) {
    const Id other_unit =
        c.query("INSERT INTO units (code, name, kind, path) VALUES ($1, 'Phường V', 'commune', '/1/') RETURNING id",
                {"V-" + name})
            .at(0)
            .i64(0);
    const Id other_plan = c.query(
                               "INSERT INTO directives (number, kind, title, has_plan) VALUES ($1, 'plan', 'Khác', 1) "
                               "RETURNING id",
                               {"2/KH-" + name})
                              .at(0)
                              .i64(0);
    const auto task_of = [&](Id plan) {
      return c
          .query(
              "INSERT INTO tasks (directive_id, code, name, deadline_kind) VALUES ($1, 'T2', 'Việc', 'recurring') "
              "RETURNING id",
              {plan})
          .at(0)
          .i64(0);
    };
    const auto assign = [&](Id task, Id unit) {
      return c
          .query("INSERT INTO assignments (task_id, unit_id, deadline_kind) VALUES ($1, $2, 'recurring') RETURNING id",
                 {task, unit})
          .at(0)
          .i64(0);
    };
    other_unit_work = assign(task_of(plan_), other_unit);
    other_plan_work = assign(task_of(other_plan), unit_);
  });
  db_->read([&](Connection& c) {
    const Id missing = other_plan_work + 1000000;
    EXPECT_EQ(unit_assignment_ids(c, plan_, unit_, {assignment_}), std::set<Id>{assignment_});
    EXPECT_EQ(unit_assignment_ids(c, plan_, unit_, {assignment_, other_unit_work, other_plan_work, missing}),
              std::set<Id>{assignment_});
    EXPECT_TRUE(unit_assignment_ids(c, plan_, unit_, {other_unit_work}).empty());
    EXPECT_TRUE(unit_assignment_ids(c, plan_, unit_, {}).empty());
  });
}

TEST_F(SubmittedOnly, AnOlderPeriodNeverRewindsCurrentProgress) {
  // Reports submitted in this order (period, progress): the current progress and last update period after each.
  struct Case {
    const char* period;
    int progress;
    int current;
    const char* last_period;
  };
  const Case cases[] = {
      {"2026-10", 40, 40, "2026-10"}, {"2026-11", 60, 60, "2026-11"},
      {"2026-10", 45, 60, "2026-11"},  // October re-submitted after November: no rewind
      {"2026-09", 10, 60, "2026-11"},  // an even older month, first sent late
      {"2026-11", 55, 55, "2026-11"},  // November corrected: the latest period says less, and it counts
      {"2026-12", 70, 70, "2026-12"},
  };
  int n = 0;
  for (const auto& k : cases) {
    SCOPED_TRACE(std::string("case ") + std::to_string(n) + " " + k.period);
    const Report r = report(k.period);
    type(r, k.progress, 1);
    submit(r, "2026-12-0" + std::to_string(n + 1) + "T02:00:00Z");
    const auto a = assignment();
    EXPECT_EQ(a.progress_percent, k.current);
    EXPECT_EQ(a.last_update_period, std::optional<std::string>(k.last_period));
    ++n;
  }
}

}  // namespace
}  // namespace tiendo::store
