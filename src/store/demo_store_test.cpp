// The demo loader's picks: open dated assignments before or after a day, never extended, of a kind, outside
// a unit; a decided extension in one step; a draft dropped whole. On SQLite, or on PostgreSQL when
// TIENDO_STORE_TEST_DB names one (the global picks are then checked against their conditions only).
#include "store/demo_store.h"

#include <algorithm>

#include "store/plan_store.h"
#include "store/report_store.h"
#include "store/test_database.h"

namespace tiendo::store {
namespace {

class DemoStore : public StoreTest {
 protected:
  Id assign(Connection& c, Id plan_id, Id unit_id, const std::string& code, const std::string& kind,
            std::optional<std::string> due) {
    Task t = task(plan_id, code, "Việc " + code);
    t.deadline_kind = kind;
    t.deadline_due = std::move(due);
    return create_task(c, t, {unit_id}, {}, kAt).at(0);
  }
};

TEST_F(DemoStore, PicksOpenDatedAssignmentsOfAUnit) {
  db_->write([&](Connection& c) {
    const Id u = unit(c, "U", std::nullopt), p = plan(c, "KH");
    const Id later = assign(c, p, u, "1", "exact", "2026-12-10");
    const Id earlier = assign(c, p, u, "2", "exact", "2026-10-01");
    assign(c, p, u, "3", "recurring", std::nullopt);
    const Id roadmap = assign(c, p, u, "4", "roadmap", "2026-12-31");
    const auto after = first_open_assignment_due_after(c, u, "2026-11-24");
    ASSERT_TRUE(after.has_value());
    EXPECT_EQ(after->id, later);
    EXPECT_EQ(after->original_due, "2026-12-10");
    const auto before = first_unextended_assignment_due_before(c, u, "2026-11-24");
    ASSERT_TRUE(before.has_value());
    EXPECT_EQ(before->id, earlier);
    set_effective_due(c, earlier, std::string("2026-12-31"), kAt);
    EXPECT_FALSE(first_unextended_assignment_due_before(c, u, "2026-11-24").has_value());
    EXPECT_EQ(unit_assignments_of_kind(c, u, "roadmap"), std::vector<Id>{roadmap});
  });
}

TEST_F(DemoStore, PicksAcrossUnits) {
  db_->write([&](Connection& c) {
    const Id city = unit(c, "CITY", std::nullopt), ward = unit(c, "WARD", city), p = plan(c, "KH");
    const Id overdue = assign(c, p, ward, "1", "exact", "2026-10-01");
    const Id mine = assign(c, p, city, "2", "exact", "2026-10-01");
    const auto elsewhere = first_open_assignment_elsewhere_due_before(c, city, "2026-11-01");
    ASSERT_TRUE(elsewhere.has_value());
    EXPECT_NE(*elsewhere, mine);
    EXPECT_NE(find_assignment(c, *elsewhere)->unit_id, city);
    auto open = open_unextended_assignments_due_before(c, "2026-11-01", 1000000);
    EXPECT_TRUE(std::is_sorted(open.begin(), open.end()));
    EXPECT_NE(std::find(open.begin(), open.end(), overdue), open.end());
    set_effective_due(c, overdue, std::string("2026-12-31"), kAt);
    open = open_unextended_assignments_due_before(c, "2026-11-01", 1000000);
    EXPECT_EQ(std::find(open.begin(), open.end(), overdue), open.end());
    EXPECT_LE(open_unextended_assignments_due_before(c, "2026-11-01", 1).size(), 1u);
  });
}

TEST_F(DemoStore, ApprovedExtensionStartsFromTheOriginalDeadline) {
  db_->write([&](Connection& c) {
    const Id u = unit(c, "U", std::nullopt), p = plan(c, "KH");
    const Id a = assign(c, p, u, "1", "exact", "2026-10-01");
    insert_approved_extension(c, a, "2026-11-30", "Chờ kinh phí", "2026-10-20T02:00:00Z", "2026-10-25T02:00:00Z");
    const auto rows =
        c.query("SELECT previous_due, requested_due, state, decided_at FROM extensions WHERE assignment_id = $1", {a});
    ASSERT_EQ(rows.size(), 1u);
    EXPECT_EQ(rows[0].text(0), "2026-10-01");
    EXPECT_EQ(rows[0].text(1), "2026-11-30");
    EXPECT_EQ(rows[0].text(2), "approved");
    EXPECT_EQ(rows[0].text(3), "2026-10-25T02:00:00Z");
  });
}

TEST_F(DemoStore, DiscardedDraftLeavesNothing) {
  db_->write([&](Connection& c) {
    Report r;
    r.directive_id = plan(c, "KH");
    r.unit_id = unit(c, "U", std::nullopt);
    r.period = "2026-11";
    r.state = "draft";
    r.created_at = kAt;
    r.id = insert_report(c, r);
    discard_draft_report(c, r.id);
    EXPECT_FALSE(find_report(c, r.id).has_value());
    EXPECT_TRUE(c.query("SELECT 1 FROM report_state_history WHERE report_id = $1", {r.id}).empty());
  });
}

}  // namespace
}  // namespace tiendo::store
