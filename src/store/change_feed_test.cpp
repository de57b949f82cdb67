// What changed since a point of the audit log: the units a report, assignment or extension entry touches, the
// writes that move no figure (an escalation's answer only when asked), and the computed or structural changes.
// On SQLite, or on PostgreSQL when TIENDO_STORE_TEST_DB names one: the tests run one after another, so the entries
// after a point read within this test's transaction are its own.
#include "store/change_feed.h"

#include <string>

#include "store/followup_store.h"
#include "store/test_database.h"
#include "store/user_store.h"

namespace tiendo::store {
namespace {

class ChangeFeed : public StoreTest {
 protected:
  void log(Connection& c, const std::string& entity, Id id, const std::string& action) {
    append_audit(c, db_->kind() == "postgresql",
                 {0, kAt, std::nullopt, "cli", "cli", entity, std::to_string(id), action, "", "{}", "", ""});
  }
};

TEST_F(ChangeFeed, UnitsOfReportsAssignmentsAndExtensions) {
  db_->write([&](Connection& c) {
    const Id city = unit(c, "CITY", std::nullopt);
    const Id x = unit(c, "X", city), y = unit(c, "Y", city), z = unit(c, "Z", city);
    const Id kh = plan(c, "KH");
    Task t = task(kh, "T1", "Việc");
    const auto a = create_task(c, t, {y, z}, {}, kAt);
    const Id e = insert_extension(c, a.at(1), std::string("2026-12-31"), "2027-03-31", "Chờ kinh phí", 0, kAt);
    const long long seq = current_seq(c);
    log(c, "report", report(c, kh, x, "2026-11").id, "submit");
    log(c, "assignment", a.at(0), "confirm");
    log(c, "extension", e, "decide");
    const auto ch = changes_since(c, seq);
    EXPECT_EQ(ch.units, (std::set<Id>{x, y, z}));
    EXPECT_FALSE(ch.structural);
    EXPECT_FALSE(ch.computed);
    EXPECT_EQ(ch.last_seq, current_seq(c));
  });
}

TEST_F(ChangeFeed, FigureNeutralWritesAreSkippedButSeen) {
  db_->write([&](Connection& c) {
    const Id x = unit(c, "X", std::nullopt);
    const Id r = report(c, plan(c, "KH"), x, "2026-11").id;
    const long long seq = current_seq(c);
    log(c, "report", r, "edit");  // a draft's edit: only its submission counts
    log(c, "reopen_request", r, "create");
    log(c, "user", user(c, "u", "focal_point", x).id, "update");
    log(c, "escalation", r, "answer");
    auto ch = changes_since(c, seq);
    EXPECT_TRUE(ch.units.empty());
    EXPECT_FALSE(ch.structural);
    EXPECT_FALSE(ch.computed);
    EXPECT_EQ(ch.last_seq, current_seq(c));  // read past, not to be read again
    EXPECT_GT(ch.last_seq, seq);
    // The risks ask for escalations: an answer is a change of its report's unit.
    ch = changes_since(c, seq, /*escalations=*/true);
    EXPECT_EQ(ch.units, std::set<Id>{x});
    EXPECT_FALSE(ch.structural);
  });
}

TEST_F(ChangeFeed, ComputedAndStructuralChanges) {
  db_->write([&](Connection& c) {
    const long long start = current_seq(c);
    auto ch = changes_since(c, start);  // nothing new: the point stays
    EXPECT_EQ(ch.last_seq, start);
    EXPECT_TRUE(ch.units.empty());
    EXPECT_FALSE(ch.structural || ch.computed);

    log(c, "feedback_item", 1, "classify");
    ch = changes_since(c, start);
    EXPECT_TRUE(ch.computed);
    EXPECT_FALSE(ch.structural);
    EXPECT_TRUE(ch.units.empty());

    const long long seq = current_seq(c);
    log(c, "directive", plan(c, "KH"), "update");  // names no unit: everything is recomputed
    ch = changes_since(c, seq);
    EXPECT_TRUE(ch.structural);
    EXPECT_FALSE(ch.computed);
    EXPECT_TRUE(ch.units.empty());
    EXPECT_EQ(ch.last_seq, current_seq(c));
  });
}

}  // namespace
}  // namespace tiendo::store
