// The assignments' use cases as the API runs them: the list within the actor's units (one unit's list for today from
// the resident model, the same rows as evaluated), one assignment with its history, and each change with its audit
// entry and refusals. On SQLite, or on PostgreSQL when TIENDO_STORE_TEST_DB names one.
#include "service/assignments.h"

#include <gtest/gtest.h>

#include "service/dashboard_model.h"
#include "service/use_case_test.h"
#include "store/plan_store.h"

namespace tiendo::service {
namespace {

class AssignmentsService : public TwoWardsTest {
 protected:
  AssignmentsService() : TwoWardsTest("KH-NV") {}
  void SetUp() override {
    TwoWardsTest::SetUp();
    due_ = assignment("1", "exact", "2026-12-31");
  }

  // The ward's assignment of a new task of `kind` (exact, recurring, conditional).
  store::Id assignment(const std::string& code, const std::string& kind, std::optional<std::string> due) {
    return db_->write([&](store::Connection& c) {
      store::Task t;
      t.directive_id = directive_;
      t.code = code;
      t.name = "Số hóa hồ sơ " + code;
      t.deadline_kind = kind;
      t.deadline_due = due;
      return store::create_task(c, t, {ward_}, {}, kAt).at(0);
    });
  }

  AssignmentQuery of_unit(store::Id unit_id) {
    AssignmentQuery q;
    q.unit_id = unit_id;
    q.f.directive_id = directive_;
    return q;
  }
  std::vector<store::Id> listed(const Actor& who, const AssignmentQuery& q, domain::Date as_of) {
    return db_->read([&](store::Connection& c) {
      std::vector<store::Id> ids;
      for (const auto& x : matched_assignments(c, who, q, as_of, now_).rows) ids.push_back(x.a->id);
      return ids;
    });
  }
  domain::Date today() const { return domain::vietnam_date(now_); }
  std::string status_of(store::Id id) {
    return std::string(db_->read([&](store::Connection& c) { return assignment_view(c, admin_, id, today(), now_); })
                           .at("status")
                           .as_string());
  }

  store::Id due_ = 0;
};

TEST_F(AssignmentsService, ListWithinTheActorsUnits) {
  EXPECT_EQ(listed(officer_, of_unit(ward_), today()), std::vector<store::Id>{due_});
  EXPECT_EQ(listed(admin_, of_unit(ward_), today()), std::vector<store::Id>{due_});
  auto whole = of_unit(city_);
  whole.subtree = true;
  EXPECT_EQ(listed(admin_, whole, today()), std::vector<store::Id>{due_});
  AssignmentQuery mine;
  mine.f.directive_id = directive_;
  EXPECT_TRUE(listed(stranger_, mine, today()).empty());  // no filter: the stranger's own units, none of the ward's

  const auto outside = refusal([&] { listed(stranger_, of_unit(ward_), today()); });
  ASSERT_TRUE(outside);
  EXPECT_EQ(outside->kind, Error::Kind::forbidden);
  EXPECT_STREQ(outside->what(), "Đơn vị này nằm ngoài phạm vi của bạn.");
  const auto unknown = refusal([&] { listed(admin_, of_unit(999999), today()); });
  ASSERT_TRUE(unknown);
  EXPECT_EQ(unknown->kind, Error::Kind::invalid);
  EXPECT_EQ(unknown->field, "unit_id");
}

TEST_F(AssignmentsService, FiltersAfterEvaluation) {
  assignment("2", "recurring", std::nullopt);
  auto q = of_unit(ward_);
  q.statuses = {status_of(due_)};
  EXPECT_EQ(listed(officer_, q, today()), std::vector<store::Id>{due_});
  q.statuses.clear();
  q.due_to = "2026-12-30";
  EXPECT_TRUE(listed(officer_, q, today()).empty());
}

// One unit's list for today is read from the resident model: the same rows as evaluated, and the same refusal.
TEST_F(AssignmentsService, TodaysUnitListFromTheResidentModel) {
  DashboardModel model;
  const auto held = resident_assignments(*db_, model, officer_, of_unit(ward_), today(), now_);
  ASSERT_TRUE(held);
  ASSERT_EQ(held->rows.size(), 1u);
  EXPECT_EQ(held->rows[0].a->id, due_);
  EXPECT_EQ(domain::to_string(held->rows[0].e.status), status_of(due_));
  auto subtree = of_unit(ward_);
  subtree.subtree = true;
  EXPECT_FALSE(resident_assignments(*db_, model, officer_, subtree, today(), now_));
  EXPECT_FALSE(
      resident_assignments(*db_, model, officer_, of_unit(ward_), *domain::parse_iso_date("2026-11-20"), now_));
  const auto outside = refusal([&] { resident_assignments(*db_, model, stranger_, of_unit(ward_), today(), now_); });
  ASSERT_TRUE(outside);
  EXPECT_EQ(outside->kind, Error::Kind::forbidden);
}

TEST_F(AssignmentsService, ViewOutsideTheActorsUnitsIsNotFound) {
  const auto o = db_->read([&](store::Connection& c) { return assignment_view(c, officer_, due_, today(), now_); });
  EXPECT_EQ(o.at("id").as_int64(), due_);
  EXPECT_EQ(o.at("task").at("code").as_string(), "1");
  EXPECT_TRUE(o.at("history").as_array().empty());
  const auto hidden = refusal(
      [&] { db_->read([&](store::Connection& c) { return assignment_view(c, stranger_, due_, today(), now_); }); });
  ASSERT_TRUE(hidden);
  EXPECT_EQ(hidden->kind, Error::Kind::not_found);
  EXPECT_STREQ(hidden->what(), "Không tìm thấy nhiệm vụ được giao.");
}

TEST_F(AssignmentsService, CompletionConfirmedOnceAndReopenedAudited) {
  const auto future =
      refused([&](const Call& call) { return confirm_completion(call, due_, *domain::parse_iso_date("2026-11-25")); });
  ASSERT_TRUE(future);
  EXPECT_EQ(future->field, "done_on");
  const auto hidden =
      refusal([&] { as(stranger_, [&](const Call& call) { return confirm_completion(call, due_, {}); }); });
  ASSERT_TRUE(hidden);
  EXPECT_EQ(hidden->kind, Error::Kind::not_found);

  const auto done =
      as([&](const Call& call) { return confirm_completion(call, due_, *domain::parse_iso_date("2026-11-20")); });
  EXPECT_EQ(done.at("confirmed_done_on").as_string(), "2026-11-20");
  EXPECT_EQ(done.at("status").as_string(), "done_on_time");
  const auto again = refused([&](const Call& call) { return confirm_completion(call, due_, {}); });
  ASSERT_TRUE(again);
  EXPECT_EQ(again->kind, Error::Kind::conflict);

  EXPECT_TRUE(as([&](const Call& call) { return reopen_completion(call, due_); }).at("confirmed_done_on").is_null());
  const auto open = refused([&](const Call& call) { return reopen_completion(call, due_); });
  ASSERT_TRUE(open);
  EXPECT_EQ(open->kind, Error::Kind::conflict);
  const auto entries = log("assignment", due_);
  ASSERT_EQ(entries.size(), 2u);
  EXPECT_EQ(entries[0].action, "confirm");
  EXPECT_EQ(entries[1].action, "reopen");

  const auto recurring = assignment("2", "recurring", std::nullopt);
  const auto never = refused([&](const Call& call) { return confirm_completion(call, recurring, {}); });
  ASSERT_TRUE(never);
  EXPECT_EQ(never->kind, Error::Kind::conflict);
}

TEST_F(AssignmentsService, DecisionTriggerAndDeadline) {
  const auto wrong = refused([&](const Call& call) { return decide_assignment(call, due_, "stopped", {}); });
  ASSERT_TRUE(wrong);
  EXPECT_EQ(wrong->kind, Error::Kind::invalid);
  EXPECT_EQ(wrong->field, "decision");
  const auto later = assignment("4", "exact", "2027-03-31");
  const auto paused = as([&](const Call& call) { return decide_assignment(call, later, "paused", {}); });
  EXPECT_EQ(paused.at("decision").as_string(), "paused");
  EXPECT_EQ(paused.at("decision_on").as_string(), "2026-11-24");

  const auto not_conditional = refused([&](const Call& call) { return trigger_assignment(call, due_, {}, {}); });
  ASSERT_TRUE(not_conditional);
  EXPECT_EQ(not_conditional->kind, Error::Kind::conflict);
  const auto waiting = assignment("2", "conditional", std::nullopt);
  const auto triggered = as(
      [&](const Call& call) { return trigger_assignment(call, waiting, {}, *domain::parse_iso_date("2027-01-15")); });
  EXPECT_EQ(triggered.at("triggered_on").as_string(), "2026-11-24");
  EXPECT_EQ(triggered.at("effective_due").as_string(), "2027-01-15");

  const auto moved = as([&](const Call& call) {
    return set_effective_due(call, due_, *domain::parse_iso_date("2027-02-28"), "Chờ vốn bổ sung");
  });
  EXPECT_EQ(moved.at("effective_due").as_string(), "2027-02-28");
  EXPECT_EQ(moved.at("original_due").as_string(), "2026-12-31");
  const auto entries = log("assignment", due_);
  ASSERT_FALSE(entries.empty());
  EXPECT_EQ(entries.back().action, "set_effective_due");
  EXPECT_NE(entries.back().after_json.find("Chờ vốn bổ sung"), std::string::npos);  // why is part of the record
  const auto recurring = assignment("3", "recurring", std::nullopt);
  const auto no_due = refused(
      [&](const Call& call) { return set_effective_due(call, recurring, *domain::parse_iso_date("2027-02-28"), "x"); });
  ASSERT_TRUE(no_due);
  EXPECT_EQ(no_due->kind, Error::Kind::conflict);
}

}  // namespace
}  // namespace tiendo::service
