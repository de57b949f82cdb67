// R16 at the store: a closed unit's successions read back from either side, its work passes to a successor (joined
// to the successor's own assignment, or a new one carrying deadline and last progress), and only its open
// follow-ups go along. On SQLite, or on PostgreSQL when TIENDO_STORE_TEST_DB names one.
#include "store/succession_store.h"

#include <map>

#include "store/followup_store.h"
#include "store/report_store.h"
#include "store/test_database.h"

namespace tiendo::store {
namespace {

using SuccessionStore = StoreTest;

constexpr const char* kClosing = "2026-11-15";
constexpr const char* kRecorded = "2026-11-14T09:00:00Z";

Succession succession(Id from, Id to, int position) {
  Succession s;
  s.unit_id = from;
  s.successor_id = to;
  s.position = position;
  s.closing_date = kClosing;
  s.reason = "Sáp nhập theo Nghị quyết 1656";
  s.recorded_at = kRecorded;
  return s;
}

// The assignment of `unit` among those of a task just created.
Assignment held_by(Connection& c, const std::vector<Id>& ids, Id unit) {
  for (const Id id : ids)
    if (auto a = find_assignment(c, id); a && a->unit_id == unit) return *a;
  ADD_FAILURE() << "no assignment of unit " << unit;
  return {};
}

TEST_F(SuccessionStore, SuccessionsReadBackFromBothSidesWithTheWorkPassed) {
  db_->write([&](Connection& c) {
    const Id city = unit(c, "CITY", std::nullopt);
    const Id closed = unit(c, "XA-CU", city), first = unit(c, "XA-MOI", city), second = unit(c, "XA-KHAC", city);
    const Id admin = user(c, "quantri", "admin", city).id;
    const Id s1 = insert_succession(c, succession(closed, first, 0), admin);
    const Id s2 = insert_succession(c, succession(closed, second, 1), std::nullopt);
    EXPECT_TRUE(closed_by_succession(c, closed));
    EXPECT_FALSE(closed_by_succession(c, first));

    // One task both held (joined), one only the closed unit held (a new assignment for the successor).
    const Id p = plan(c, "KH");
    Task both = task(p, "T1", "Việc chung");
    const auto both_ids = create_task(c, both, {closed, first}, {}, kAt);
    Task own = task(p, "T2", "Việc riêng", "2026-12-20");
    Assignment from = held_by(c, create_task(c, own, {closed}, {}, kAt), closed);
    from.effective_due = "2027-01-31";  // as an approved extension left it
    from.progress_percent = 40;
    from.last_update_period = "2026-10";
    from.last_update_at = "2026-10-31T08:00:00Z";
    const Id joined = pass_assignment(c, held_by(c, both_ids, closed), first, s1, kClosing, kRecorded);
    EXPECT_EQ(joined, held_by(c, both_ids, first).id);
    const Id made = pass_assignment(c, from, first, s1, kClosing, kRecorded);
    const auto to = find_assignment(c, made);
    ASSERT_TRUE(to.has_value());
    EXPECT_EQ(to->task_id, from.task_id);
    EXPECT_EQ(to->unit_id, first);
    EXPECT_FALSE(to->via_group_id.has_value());
    EXPECT_EQ(to->deadline_kind, "exact");
    EXPECT_EQ(to->original_due, "2026-12-20");
    EXPECT_EQ(to->effective_due, "2027-01-31");
    EXPECT_EQ(to->decision, "active");
    EXPECT_EQ(to->progress_percent, 40);
    EXPECT_EQ(to->last_update_period, "2026-10");
    EXPECT_EQ(to->last_update_at, "2026-10-31T08:00:00Z");
    EXPECT_EQ(to->created_at, kRecorded);
    // Its deadline is known from the succession on (issue 12); it has no trigger nor decision to record.
    const auto facts =
        c.query("SELECT fact, valid_from, effective_due FROM assignment_history WHERE assignment_id = $1", {made});
    ASSERT_EQ(facts.size(), 1u);
    EXPECT_EQ(facts[0].text(0), "due");
    EXPECT_EQ(facts[0].text(1), kRecorded);
    EXPECT_EQ(facts[0].text(2), "2027-01-31");

    std::map<Id, std::vector<std::string>> received;  // only the new assignment, not the joined one
    each_received_assignment(c, [&](const RowView& r) {
      if (r.i64(0) == made || r.i64(0) == joined)
        received[r.i64(0)] = {r.text(1), r.text(2), std::to_string(r.i64(3)), r.text(4), r.text(5)};
    });
    EXPECT_EQ(received, (std::map<Id, std::vector<std::string>>{
                            {made, {kClosing, kRecorded, "40", "2026-10", "2026-10-31T08:00:00Z"}}}));

    const auto of_closed = successions_of(c, closed);
    ASSERT_EQ(of_closed.size(), 2u);
    EXPECT_EQ(of_closed[0].id, s1);
    EXPECT_EQ(of_closed[0].unit_id, closed);
    EXPECT_EQ(of_closed[0].successor_id, first);
    EXPECT_EQ(of_closed[0].unit_name, "Đơn vị XA-CU");
    EXPECT_EQ(of_closed[0].successor_name, "Đơn vị XA-MOI");
    EXPECT_EQ(of_closed[0].position, 0);
    EXPECT_EQ(of_closed[0].closing_date, kClosing);
    EXPECT_EQ(of_closed[0].reason, "Sáp nhập theo Nghị quyết 1656");
    EXPECT_EQ(of_closed[0].recorded_at, kRecorded);
    EXPECT_EQ(of_closed[0].assignments, 2);
    EXPECT_EQ(of_closed[1].id, s2);
    EXPECT_EQ(of_closed[1].position, 1);
    EXPECT_EQ(of_closed[1].assignments, 0);
    const auto of_first = successions_of(c, first);
    ASSERT_EQ(of_first.size(), 1u);
    EXPECT_EQ(of_first[0].id, s1);
    EXPECT_TRUE(successions_of(c, city).empty());
  });
}

TEST_F(SuccessionStore, OnlyOpenFollowUpsMoveToTheSuccessor) {
  db_->write([&](Connection& c) {
    const Id city = unit(c, "CITY", std::nullopt);
    const Id closed = unit(c, "XA-CU", city), next = unit(c, "XA-MOI", city);
    const Id leader = user(c, "lanhdao", "leader", city).id;
    const Id s = insert_succession(c, succession(closed, next, 0), leader);
    const Id p = plan(c, "KH");
    Task t = task(p, "T1", "Việc");
    const Id from = create_task(c, t, {closed}, {}, kAt).at(0);
    Task t2 = task(p, "T2", "Việc khác");
    const Id to = create_task(c, t2, {next}, {}, kAt).at(0);  // any assignment of the successor will do here

    const Id decided = insert_extension(c, from, std::string("2026-12-31"), "2027-02-28", "Chờ vốn", 0, kAt);
    ASSERT_TRUE(decide_extension(c, decided, "rejected", 0, kAt));
    const Id pending = insert_extension(c, from, std::string("2026-12-31"), "2027-03-31", "Chờ vốn", 0, kAt);
    const Id open = insert_overdue_review(c, from, "Thiếu vốn", "Phòng", "Trưởng phòng", "Bổ sung", "2027-01-31",
                                          "Lộ trình", 0, kAt);
    const Id shut = insert_overdue_review(c, from, "Thiếu người", "Phòng", "Trưởng phòng", "Tuyển", "2027-01-31",
                                          "Lộ trình", 0, kAt);
    ASSERT_TRUE(close_overdue_review(c, shut, kAt));
    const Id asked = insert_explanation(c, closed, from, std::nullopt, "Vì sao chậm?", "2026-11-20", leader, kAt);
    const Id answered = insert_explanation(c, closed, from, std::nullopt, "Vì sao?", "2026-11-20", leader, kAt);
    ASSERT_TRUE(answer_explanation(c, answered, "Đã rõ", leader, kAt));
    const Id indicator_id = insert_indicator(c, indicator(p, "CT1"), kAt);
    const Id about_indicator =
        insert_explanation(c, closed, std::nullopt, indicator_id, "Số liệu?", "2026-11-20", leader, kAt);
    // A flag "vượt thẩm quyền" in a submitted report is held on; an answered one and a draft's are not.
    std::map<std::string, Id> reports;
    for (const auto& [period, state] :
         {std::pair{"2026-08", "draft"}, {"2026-09", "submitted"}, {"2026-10", "accepted"}}) {
      Report r;
      r.directive_id = p;
      r.unit_id = closed;
      r.period = period;
      r.state = state;
      r.created_at = kAt;
      reports[period] = insert_report(c, r);
      ReportItem i;
      i.assignment_id = from;
      i.exceeds_authority = true;
      save_report_item(c, reports[period], i);
    }
    ASSERT_TRUE(answer_escalation(c, reports["2026-09"], from, "Đã trình UBND", leader, kAt));

    FollowupsMoved moved;
    move_followups(c, from, to, next, s, moved);
    EXPECT_EQ(moved.extensions, 1);
    EXPECT_EQ(moved.overdue_reviews, 1);
    EXPECT_EQ(moved.explanations, 1);
    EXPECT_EQ(moved.escalations, 1);
    EXPECT_EQ(find_extension(c, pending)->assignment_id, to);
    EXPECT_EQ(find_extension(c, decided)->assignment_id, from);
    EXPECT_EQ(find_overdue_review(c, open)->assignment_id, to);
    EXPECT_EQ(find_overdue_review(c, shut)->assignment_id, from);
    EXPECT_EQ(find_explanation(c, asked)->assignment_id, to);
    EXPECT_EQ(find_explanation(c, asked)->unit_id, next);
    EXPECT_EQ(find_explanation(c, answered)->unit_id, closed);
    const auto held = c.query(
        "SELECT report_id, assignment_id, unit_id, succession_id FROM escalation_holders WHERE report_id IN ($1, $2, "
        "$3)",
        {reports["2026-08"], reports["2026-09"], reports["2026-10"]});
    ASSERT_EQ(held.size(), 1u);
    EXPECT_EQ(held[0].i64(0), reports["2026-10"]);
    EXPECT_EQ(held[0].i64(1), from);
    EXPECT_EQ(held[0].i64(2), next);
    EXPECT_EQ(held[0].i64(3), s);

    // What did not pass with an assignment: the unanswered request about an indicator.
    EXPECT_EQ(move_unit_explanations(c, closed, next), 1);
    EXPECT_EQ(find_explanation(c, about_indicator)->unit_id, next);
    EXPECT_EQ(find_explanation(c, answered)->unit_id, closed);
    EXPECT_EQ(move_unit_explanations(c, closed, next), 0);
  });
}

}  // namespace
}  // namespace tiendo::store
