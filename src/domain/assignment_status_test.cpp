#include "domain/assignment_status.h"

#include <gtest/gtest.h>

#include <set>

namespace tiendo::domain {

namespace {
const Period kOct{PeriodType::monthly, 2026, 10};
const Period kSep{PeriodType::monthly, 2026, 9};

AssignmentFacts with_due(const char* iso_due) {
  AssignmentFacts f;
  f.kind = DeadlineKind::quarter;
  f.original_due = parse_iso_date(iso_due);
  return f;
}
Date d(const char* s) { return *parse_iso_date(s); }
}  // namespace

struct StatusCase {
  const char* name;
  AssignmentFacts facts;
  const char* as_of;
  AssignmentStatus expected;
  int overdue_days;
  bool counts;
};

class AssignmentStatusTable : public ::testing::TestWithParam<StatusCase> {};

TEST_P(AssignmentStatusTable, Evaluates) {
  const auto& c = GetParam();
  const auto e = evaluate(c.facts, d(c.as_of), kOct, 7);
  EXPECT_EQ(to_string(e.status), to_string(c.expected)) << c.name;
  EXPECT_EQ(e.overdue_days, c.overdue_days) << c.name;
  EXPECT_EQ(e.counts_in_ratios, c.counts) << c.name;
}

AssignmentFacts done(AssignmentFacts f, const char* on) {
  f.confirmed_done_on = parse_iso_date(on);
  return f;
}
AssignmentFacts progressed(AssignmentFacts f, int pct, Period p) {
  f.progress_percent = pct;
  f.last_update_period = p;
  return f;
}
AssignmentFacts carried(AssignmentFacts f) {
  f.carried_in_judged_report = true;
  return f;
}
AssignmentFacts extended(AssignmentFacts f, const char* to) {
  f.effective_due = parse_iso_date(to);
  return f;
}
AssignmentFacts decided(AssignmentFacts f, Decision dec, const char* on) {
  f.decision = dec;
  f.decision_on = parse_iso_date(on);
  return f;
}
AssignmentFacts kind(DeadlineKind k) {
  AssignmentFacts f;
  f.kind = k;
  return f;
}

INSTANTIATE_TEST_SUITE_P(
    Rules, AssignmentStatusTable,
    ::testing::Values(
        StatusCase{"not started, far", with_due("2026-12-31"), "2026-10-01", AssignmentStatus::not_started, 0, true},
        StatusCase{"in progress", progressed(with_due("2026-12-31"), 40, kSep), "2026-10-01",
                   AssignmentStatus::in_progress, 0, true},
        StatusCase{"due soon at 7 days", with_due("2026-10-08"), "2026-10-01", AssignmentStatus::due_soon, 0, true},
        StatusCase{"not due soon at 8 days", with_due("2026-10-09"), "2026-10-01", AssignmentStatus::not_started, 0,
                   true},
        StatusCase{"due today is not overdue", with_due("2026-10-01"), "2026-10-01", AssignmentStatus::due_soon, 0,
                   true},
        StatusCase{"overdue by one day", with_due("2026-09-30"), "2026-10-01", AssignmentStatus::overdue, 1, true},
        StatusCase{"overdue age", with_due("2026-03-31"), "2026-10-31", AssignmentStatus::overdue, 214, true},
        StatusCase{"done on time", done(with_due("2026-06-30"), "2026-06-30"), "2026-10-01",
                   AssignmentStatus::done_on_time, 0, true},
        StatusCase{"done late", done(with_due("2026-06-30"), "2026-07-10"), "2026-10-01", AssignmentStatus::done_late,
                   10, true},
        StatusCase{"confirmation after as_of is not yet done", done(with_due("2026-06-30"), "2026-07-10"), "2026-07-05",
                   AssignmentStatus::overdue, 5, true},
        StatusCase{"extension moves the due date", extended(with_due("2026-06-30"), "2026-12-31"), "2026-10-01",
                   AssignmentStatus::not_started, 0, true},
        StatusCase{"done within extension is on time",
                   done(extended(with_due("2026-06-30"), "2026-09-30"), "2026-09-01"), "2026-10-01",
                   AssignmentStatus::done_on_time, 0, true},
        StatusCase{"recurring updated", carried(progressed(kind(DeadlineKind::recurring), 0, kOct)), "2026-10-25",
                   AssignmentStatus::recurring_updated, 0, false},
        // R5: only the judged period's report counts, not a later one sent early.
        StatusCase{"recurring updated later does not count",
                   progressed(kind(DeadlineKind::recurring), 0, Period{PeriodType::monthly, 2026, 11}), "2026-10-25",
                   AssignmentStatus::recurring_not_updated, 0, false},
        StatusCase{"recurring stale", progressed(kind(DeadlineKind::recurring), 0, kSep), "2026-10-25",
                   AssignmentStatus::recurring_not_updated, 0, false},
        StatusCase{"recurring never updated", kind(DeadlineKind::recurring), "2026-10-25",
                   AssignmentStatus::recurring_not_updated, 0, false},
        StatusCase{"conditional waiting", kind(DeadlineKind::conditional), "2026-10-25", AssignmentStatus::waiting, 0,
                   false},
        // R7: open work without a deadline is in "share of all" (it is not recurring, waiting, paused, cancelled).
        StatusCase{"roadmap without milestone", kind(DeadlineKind::roadmap), "2026-10-25",
                   AssignmentStatus::no_deadline, 0, true},
        StatusCase{"done without deadline is on time", done(kind(DeadlineKind::roadmap), "2026-05-01"), "2026-10-25",
                   AssignmentStatus::done_on_time, 0, true},
        StatusCase{"recurring is out of ratios", kind(DeadlineKind::recurring), "2026-10-25",
                   AssignmentStatus::recurring_not_updated, 0, false},
        StatusCase{"triggered later is waiting", kind(DeadlineKind::conditional), "2026-01-25",
                   AssignmentStatus::waiting, 0, false},
        StatusCase{"paused on as_of holds", decided(with_due("2026-12-31"), Decision::paused, "2026-10-25"),
                   "2026-10-25", AssignmentStatus::paused, 0, false},
        StatusCase{"due the day after is due soon", with_due("2026-10-26"), "2026-10-25", AssignmentStatus::due_soon, 0,
                   true},
        StatusCase{"due yesterday (holiday-moved) is overdue", extended(with_due("2026-04-19"), "2026-04-21"),
                   "2026-04-22", AssignmentStatus::overdue, 1, true},
        StatusCase{"due today (holiday-moved) is due soon", extended(with_due("2026-04-19"), "2026-04-21"),
                   "2026-04-21", AssignmentStatus::due_soon, 0, true},
        StatusCase{"roadmap milestone overdue", extended(kind(DeadlineKind::roadmap), "2026-09-30"), "2026-10-25",
                   AssignmentStatus::overdue, 25, true},
        StatusCase{"unspecified words", kind(DeadlineKind::unspecified), "2026-10-25", AssignmentStatus::no_deadline, 0,
                   true},
        StatusCase{"paused", decided(with_due("2026-03-31"), Decision::paused, "2026-03-01"), "2026-10-25",
                   AssignmentStatus::paused, 0, false},
        StatusCase{"cancelled", decided(with_due("2026-03-31"), Decision::cancelled, "2026-03-01"), "2026-10-25",
                   AssignmentStatus::cancelled, 0, false},
        StatusCase{"cancellation in the future does not hold yet",
                   decided(with_due("2026-03-31"), Decision::cancelled, "2026-11-01"), "2026-10-25",
                   AssignmentStatus::overdue, 208, true}),
    [](const auto& info) {
      std::string n = info.param.name;
      for (char& c : n) {
        if (!std::isalnum(static_cast<unsigned char>(c))) c = '_';
      }
      return n;
    });

TEST(AssignmentStatus, ConditionalTriggeredBecomesDated) {
  AssignmentFacts f = kind(DeadlineKind::conditional);
  f.triggered_on = d("2026-05-01");
  f.effective_due = d("2026-08-31");
  EXPECT_EQ(evaluate(f, d("2026-04-30"), kOct, 7).status, AssignmentStatus::waiting);
  EXPECT_EQ(evaluate(f, d("2026-06-01"), kOct, 7).status, AssignmentStatus::not_started);
  EXPECT_EQ(evaluate(f, d("2026-09-01"), kOct, 7).status, AssignmentStatus::overdue);
}

TEST(AssignmentStatus, LateAgainstOriginalEvenWhenExtended) {
  auto f = done(extended(with_due("2026-06-30"), "2026-09-30"), "2026-09-01");
  const auto e = evaluate(f, d("2026-10-01"), kOct, 7);
  EXPECT_EQ(e.status, AssignmentStatus::done_on_time);
  EXPECT_TRUE(e.late_against_original);
  EXPECT_EQ(iso(*e.due), "2026-09-30");
}

TEST(AssignmentStatus, CompletedThenReopened) {
  // Reopening clears the confirmation: the work is judged open again against its deadline.
  auto f = done(with_due("2026-06-30"), "2026-06-20");
  EXPECT_EQ(evaluate(f, d("2026-07-01"), kOct, 7).status, AssignmentStatus::done_on_time);
  f.confirmed_done_on.reset();
  EXPECT_EQ(evaluate(f, d("2026-07-01"), kOct, 7).status, AssignmentStatus::overdue);
}

TEST(AssignmentStatus, UpdateFlagAndOpenness) {
  auto f = progressed(with_due("2026-12-31"), 10, kOct);
  auto e = evaluate(f, d("2026-10-25"), kOct, 7);
  EXPECT_FALSE(e.updated_in_period);  // R5: progress alone is not the judged report carrying it
  f = carried(f);
  e = evaluate(f, d("2026-10-25"), kOct, 7);
  EXPECT_TRUE(e.updated_in_period);
  EXPECT_TRUE(e.open);
  e = evaluate(done(f, "2026-10-20"), d("2026-10-25"), kOct, 7);
  EXPECT_FALSE(e.open);
}

// R5: only work whose unit owed the judged period's report is judged on updates.
TEST(AssignmentStatus, UpdatesOwedOnlyByUnitsThatOwedTheReport) {
  struct Row {
    bool owes, carried, recurring;
    bool owed, missed;
  };
  for (const Row r : {Row{true, false, false, true, true}, Row{true, true, false, true, false},
                      Row{false, false, false, false, false}, Row{false, true, false, false, false},
                      Row{true, false, true, true, true}, Row{false, false, true, false, false}}) {
    auto f = with_due("2026-12-31");
    if (r.recurring) f.kind = DeadlineKind::recurring;
    if (r.carried) f = carried(f);
    f.owes_judged_report = r.owes;
    const auto e = evaluate(f, d("2026-11-25"), kOct, 7);
    EXPECT_EQ(e.update_owed, r.owed) << r.owes << r.carried << r.recurring;
    EXPECT_EQ(e.missed_update(), r.missed) << r.owes << r.carried << r.recurring;
  }
  auto f = done(with_due("2026-12-31"), "2026-10-20");
  EXPECT_FALSE(evaluate(f, d("2026-10-25"), kOct, 7).update_owed);  // done work owes nothing
}

TEST(AssignmentStatus, NamesRoundTrip) {
  for (int i = 0; i <= static_cast<int>(AssignmentStatus::cancelled); ++i) {
    const auto s = static_cast<AssignmentStatus>(i);
    EXPECT_EQ(assignment_status_from(to_string(s)), s);
  }
  EXPECT_FALSE(assignment_status_from("late"));
  EXPECT_EQ(decision_from("paused"), Decision::paused);
}

TEST(AssignmentStatus, AttentionRankPutsLateWorkFirstAndGivesEveryStatusItsOwnPlace) {
  std::set<int> ranks;
  for (size_t i = 0; i < kAssignmentStatusCount; ++i) ranks.insert(attention_rank(static_cast<AssignmentStatus>(i)));
  EXPECT_EQ(ranks.size(), kAssignmentStatusCount);
  EXPECT_EQ(attention_rank(AssignmentStatus::overdue), 0);
  EXPECT_LT(attention_rank(AssignmentStatus::due_soon), attention_rank(AssignmentStatus::in_progress));
  EXPECT_LT(attention_rank(AssignmentStatus::in_progress), attention_rank(AssignmentStatus::done_on_time));
  EXPECT_EQ(attention_rank(AssignmentStatus::cancelled), static_cast<int>(kAssignmentStatusCount) - 1);
}

}  // namespace tiendo::domain
