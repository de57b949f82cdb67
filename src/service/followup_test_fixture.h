#pragma once
// For the follow-up use cases' tests (followup, reopen, nudge): a city with two wards, a plan, the standing agency,
// the first ward's focal point and the other ward's (who must not see the first's rows), the ward's assignments and
// the audit entries of a row. On SQLite, or on PostgreSQL when TIENDO_STORE_TEST_DB names one.
#include <algorithm>
#include <optional>
#include <string>
#include <vector>

#include "service/use_case_test.h"

namespace tiendo::service {

class FollowupTest : public UseCaseTest {
 protected:
  void SetUp() override {
    UseCaseTest::SetUp();
    db_->write([&](store::Connection& c) {
      ward_ = unit(c, "PhuongA", city_);
      const auto other = unit(c, "PhuongB", city_);
      directive_ = plan(c, "KH");
      agency_ = person(c, "thuongtruc", "standing_agency", city_, false);
      officer_ = person(c, "dauMoi", "focal_point", ward_, true);
      stranger_ = person(c, "phuongB", "focal_point", other, true);
    });
  }

  // The ward's assignment of a new task due on `due` (nothing: recurring work).
  store::Id assignment(const std::string& code, std::optional<std::string> due) {
    return db_->write([&](store::Connection& c) {
      store::Task t;
      t.directive_id = directive_;
      t.code = code;
      t.name = "Số hóa hồ sơ " + code;
      t.deadline_kind = due ? "exact" : "recurring";
      t.deadline_due = due;
      return store::create_task(c, t, {ward_}, {}, kAt).at(0);
    });
  }

  store::Id ward_ = 0, directive_ = 0;
  Actor agency_, officer_, stranger_;
};

}  // namespace tiendo::service
