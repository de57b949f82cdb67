// The history the forecasts read, as known before an instant: each period's latest submitted progress and the
// line it came from, the difficulties lines name, flags "vượt thẩm quyền" still unanswered since they were raised,
// and each task's coordinators; `unit_id` keeps to one unit. On SQLite, or on PostgreSQL when
// TIENDO_STORE_TEST_DB names one (rows of other tests beside these: only this test's assignments are compared).
#include "store/forecast_store.h"

#include <map>
#include <tuple>
#include <utility>
#include <vector>

#include "store/followup_store.h"
#include "store/test_database.h"

namespace tiendo::store {
namespace {

class ForecastStore : public StoreTest {
 protected:
  // A commune with its assignment `a` and another with `b`, both of one task.
  void SetUp() override {
    StoreTest::SetUp();
    db_->write([&](Connection& c) {
      const Id city = unit(c, "CITY", std::nullopt);
      u_ = unit(c, "XA", city);
      v_ = unit(c, "XB", city);
      plan_ = plan(c, "KH");
      Task t = task(plan_, "T1", "Số hóa hồ sơ");
      const auto ids = create_task(c, t, {u_, v_}, {}, kAt);
      a_ = ids.at(0);
      b_ = ids.at(1);
    });
  }
  // Submits the report with one line for `assignment` at `at`.
  void submit(Connection& c, const Report& r, Id assignment, int progress, const std::string& difficulties,
              bool exceeds_authority, const std::string& at) {
    ReportItem i;
    i.assignment_id = assignment;
    i.progress_percent = progress;
    i.difficulties = difficulties;
    i.exceeds_authority = exceeds_authority;
    save_report_item(c, r.id, i);
    submit_report(c, r, at);
  }
  bool mine(Id assignment) const { return assignment == a_ || assignment == b_; }

  Id u_ = 0, v_ = 0, plan_ = 0, a_ = 0, b_ = 0;
};

TEST_F(ForecastStore, EachPeriodsLatestSubmissionBeforeAnInstant) {
  db_->write([&](Connection& c) {
    const Report oct = report(c, plan_, u_, "2026-10"), nov = report(c, plan_, u_, "2026-11");
    submit(c, oct, a_, 20, "Tháng 10 chậm", false, "2026-10-20T00:00:00Z");
    submit(c, nov, a_, 40, "", false, "2026-11-10T00:00:00Z");
    submit(c, nov, a_, 38, "Thiếu kinh phí", false, "2026-11-15T00:00:00Z");
    submit(c, report(c, plan_, v_, "2026-11"), b_, 70, "Xã B chờ thiết bị", false, "2026-11-12T00:00:00Z");

    // Each line read as (assignment, period, progress, the difficulties its line id names).
    using Line = std::tuple<Id, std::string, int, std::string>;
    const auto read = [&](const std::optional<std::string>& before, std::optional<Id> unit_id) {
      std::map<Id, std::string> difficulties;
      each_difficulties(
          c, before, [&](Id line, std::string_view text) { difficulties[line] = std::string(text); }, unit_id);
      std::vector<Line> out;
      each_reported_progress(
          c, before,
          [&](Id assignment, std::string_view period, int progress, Id line) {
            EXPECT_TRUE(!unit_id || assignment == a_) << assignment;  // one unit's alone
            if (mine(assignment)) out.emplace_back(assignment, std::string(period), progress, difficulties[line]);
          },
          unit_id);
      return out;
    };
    EXPECT_EQ(read(std::nullopt, std::nullopt), (std::vector<Line>{{a_, "2026-11", 38, "Thiếu kinh phí"},
                                                                   {a_, "2026-10", 20, "Tháng 10 chậm"},
                                                                   {b_, "2026-11", 70, "Xã B chờ thiết bị"}}));
    EXPECT_EQ(
        read(std::string("2026-11-14"), std::nullopt),
        (std::vector<Line>{
            {a_, "2026-11", 40, ""}, {a_, "2026-10", 20, "Tháng 10 chậm"}, {b_, "2026-11", 70, "Xã B chờ thiết bị"}}));
    EXPECT_EQ(read(std::string("2026-11-14"), u_),
              (std::vector<Line>{{a_, "2026-11", 40, ""}, {a_, "2026-10", 20, "Tháng 10 chậm"}}));
    EXPECT_TRUE(read(std::string("2026-10-20T00:00:00Z"), std::nullopt).empty());  // submitted at, not before
  });
}

TEST_F(ForecastStore, EscalationUnansweredSinceItWasLastRaised) {
  db_->write([&](Connection& c) {
    const Report nov = report(c, plan_, u_, "2026-11");
    submit(c, nov, a_, 10, "", true, "2026-11-10T00:00:00Z");
    submit(c, nov, a_, 20, "", true, "2026-11-12T00:00:00Z");
    submit(c, nov, a_, 30, "", false, "2026-11-14T00:00:00Z");  // cleared
    submit(c, nov, a_, 40, "", true, "2026-11-16T00:00:00Z");   // raised again
    submit(c, report(c, plan_, v_, "2026-11"), b_, 50, "", true, "2026-11-11T00:00:00Z");

    const auto raised = [&](const std::optional<std::string>& before, std::optional<Id> unit_id = std::nullopt) {
      std::map<Id, std::string> out;
      each_unanswered_escalation(
          c, before,
          [&](Id assignment, std::string_view at) {
            EXPECT_TRUE(!unit_id || assignment == a_) << assignment;
            if (mine(assignment)) out[assignment] = std::string(at);
          },
          unit_id);
      return out;
    };
    using Raised = std::map<Id, std::string>;
    EXPECT_EQ(raised(std::string("2026-11-13")), (Raised{{a_, "2026-11-10T00:00:00Z"}, {b_, "2026-11-11T00:00:00Z"}}));
    EXPECT_EQ(raised(std::string("2026-11-15")), (Raised{{b_, "2026-11-11T00:00:00Z"}}));
    EXPECT_EQ(raised(std::nullopt), (Raised{{a_, "2026-11-16T00:00:00Z"}, {b_, "2026-11-11T00:00:00Z"}}));
    EXPECT_EQ(raised(std::nullopt, u_), (Raised{{a_, "2026-11-16T00:00:00Z"}}));

    const Id by = user(c, "vanphong", "standing_agency", u_).id;
    ASSERT_TRUE(answer_escalation(c, nov.id, a_, "Đã trình UBND thành phố", by, "2026-11-17T00:00:00Z"));
    EXPECT_EQ(raised(std::nullopt), (Raised{{b_, "2026-11-11T00:00:00Z"}}));
    EXPECT_EQ(raised(std::string("2026-11-17T00:00:00Z")),
              (Raised{{a_, "2026-11-16T00:00:00Z"}, {b_, "2026-11-11T00:00:00Z"}}));
  });
}

TEST_F(ForecastStore, CoordinatorsOfEveryTaskRemovedOnesIncluded) {
  db_->write([&](Connection& c) {
    Task kept = task(plan_, "T2", "Bản đồ số"), removed = task(plan_, "T3", "Kho dữ liệu");
    kept.coordinator_ids = {v_, u_};
    removed.coordinator_ids = {v_};
    create_task(c, kept, {u_}, {}, kAt);
    create_task(c, removed, {u_}, {}, kAt);
    remove_task(c, removed.id, "2026-11-05T00:00:00Z");
    std::vector<std::pair<Id, std::string>> seen;
    each_task_coordinator(c, [&](Id task_id, std::string_view name) {
      if (task_id == kept.id || task_id == removed.id) seen.emplace_back(task_id, std::string(name));
    });
    // By task, then by name.
    EXPECT_EQ(seen, (std::vector<std::pair<Id, std::string>>{
                        {kept.id, "Đơn vị XA"}, {kept.id, "Đơn vị XB"}, {removed.id, "Đơn vị XB"}}));
  });
}

}  // namespace
}  // namespace tiendo::store
