#pragma once
// For the follow-up use cases' tests (followup, reopen, nudge): a city with two wards, a plan, the standing agency,
// the first ward's focal point and the other ward's (who must not see the first's rows), the ward's assignments and
// the audit entries of a row. On SQLite, or on PostgreSQL when TIENDO_STORE_TEST_DB names one.
#include <algorithm>
#include <optional>
#include <string>
#include <vector>

#include "service/call.h"
#include "service/service_test_util.h"

namespace tiendo::service {

class FollowupTest : public ServiceTest {
 protected:
  void SetUp() override {
    ServiceTest::SetUp();
    db_->write([&](store::Connection& c) {
      const auto city = unit(c, "TP", std::nullopt);
      ward_ = unit(c, "PhuongA", city);
      const auto other = unit(c, "PhuongB", city);
      directive_ = plan(c, "KH");
      agency_ = person(c, "thuongtruc", "standing_agency", city, false);
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

  // A use case run as `who` in one write transaction, at the test's instant.
  template <class F>
  auto as(const Actor& who, F&& f) {
    return db_->write([&](store::Connection& c) { return f(Call{c, who, now_, db_->kind() == "postgresql"}); });
  }

  // The audit entries of one row, oldest first.
  std::vector<store::AuditEntry> audited(const std::string& entity, store::Id id) {
    return db_->read([&](store::Connection& c) {
      long long total = 0;
      auto entries = store::list_audit(c, entity, std::to_string(id), {100, 0}, &total);
      std::sort(entries.begin(), entries.end(), [](const auto& a, const auto& b) { return a.id < b.id; });
      return entries;
    });
  }

  domain::Instant now_ = *domain::parse_iso_instant("2026-11-24T03:00:00Z");
  store::Id ward_ = 0, directive_ = 0;
  Actor agency_, officer_, stranger_;
};

}  // namespace tiendo::service
