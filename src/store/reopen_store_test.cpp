// Requests to reopen a report as stored and read back: every column with the names joined to it, a decision
// taken once, the latest request of a report, and lists kept to a subtree and to pending or decided.
// On SQLite, or on PostgreSQL when TIENDO_STORE_TEST_DB names one (rows of other tests beside these).
#include "store/reopen_store.h"

#include <algorithm>
#include <vector>

#include "store/test_database.h"
#include "store/user_store.h"

namespace tiendo::store {
namespace {

using ReopenStore = StoreTest;

ReopenRequest request(Id report_id, Id by, const std::string& reason, const std::string& at) {
  ReopenRequest q;
  q.report_id = report_id;
  q.reason = reason;
  q.requested_by = by;
  q.requested_at = at;
  return q;
}

TEST_F(ReopenStore, RequestReadBackByName) {
  db_->write([&](Connection& c) {
    const Id city = unit(c, "CITY", std::nullopt);
    const Id commune = unit(c, "XA", city);
    const Id kh = plan(c, "KH");
    const Id r = report(c, kh, commune, "2026-10", "accepted").id;
    const Id focal = user(c, "Nguyễn Văn An", "focal_point", commune).id;
    User agency;  // without a full name: named by the user name
    agency.username = unique("vanphong");
    agency.password_hash = "x";
    agency.role = "standing_agency";
    agency.unit_id = city;
    agency.id = insert_user(c, agency, kAt);

    const Id id = insert_reopen_request(c, request(r, focal, "Sai số liệu tháng 10", "2026-11-05T02:00:00Z"));
    auto q = find_reopen_request(c, id);
    ASSERT_TRUE(q.has_value());
    EXPECT_EQ(q->id, id);
    EXPECT_EQ(q->report_id, r);
    EXPECT_EQ(q->reason, "Sai số liệu tháng 10");
    EXPECT_EQ(q->requested_by, focal);
    EXPECT_EQ(q->requested_at, "2026-11-05T02:00:00Z");
    EXPECT_FALSE(q->decision.has_value());
    EXPECT_EQ(q->decision_note, "");
    EXPECT_FALSE(q->decided_by.has_value());
    EXPECT_FALSE(q->decided_at.has_value());
    EXPECT_EQ(q->requested_by_name, "Nguyễn Văn An");
    EXPECT_EQ(q->decided_by_name, "");
    EXPECT_EQ(q->unit_id, commune);
    EXPECT_EQ(q->unit_name, "Đơn vị XA");
    EXPECT_EQ(q->unit_path, find_unit(c, commune)->path);
    EXPECT_EQ(q->period, "2026-10");
    EXPECT_EQ(q->directive_id, kh);
    EXPECT_EQ(q->directive_number, unique("KH"));

    ASSERT_TRUE(decide_reopen_request(c, id, "granted", "Đồng ý mở lại", agency.id, "2026-11-06T03:00:00Z"));
    EXPECT_FALSE(decide_reopen_request(c, id, "refused", "Lần hai", focal, "2026-11-07T03:00:00Z"));
    q = find_reopen_request(c, id);
    EXPECT_EQ(q->decision, "granted");
    EXPECT_EQ(q->decision_note, "Đồng ý mở lại");
    EXPECT_EQ(q->decided_by, agency.id);
    EXPECT_EQ(q->decided_at, "2026-11-06T03:00:00Z");
    EXPECT_EQ(q->decided_by_name, agency.username);
    EXPECT_FALSE(find_reopen_request(c, 0).has_value());
  });
}

TEST_F(ReopenStore, LatestRequestOfAReport) {
  db_->write([&](Connection& c) {
    const Id city = unit(c, "CITY", std::nullopt);
    const Id kh = plan(c, "KH");
    const Id r = report(c, kh, city, "2026-10", "accepted").id;
    const Id other = report(c, kh, city, "2026-09", "accepted").id;
    const Id by = user(c, "dau-moi", "focal_point", city).id;
    EXPECT_FALSE(latest_reopen_request(c, r).has_value());
    const Id first = insert_reopen_request(c, request(r, by, "Lần một", kAt));
    ASSERT_TRUE(decide_reopen_request(c, first, "refused", "Chưa đủ lý do", by, "2026-11-02T00:00:00Z"));
    const Id second = insert_reopen_request(c, request(r, by, "Lần hai", "2026-11-03T00:00:00Z"));
    const auto latest = latest_reopen_request(c, r);
    ASSERT_TRUE(latest.has_value());
    EXPECT_EQ(latest->id, second);
    EXPECT_EQ(latest->reason, "Lần hai");
    EXPECT_FALSE(latest->decision.has_value());
    EXPECT_FALSE(latest_reopen_request(c, other).has_value());
  });
}

TEST_F(ReopenStore, ListKeepsToItsSubtreeAndState) {
  db_->write([&](Connection& c) {
    const Id city = unit(c, "CITY", std::nullopt);
    const Id a = unit(c, "XA", city), b = unit(c, "XB", city);
    const Id kh = plan(c, "KH");
    const Id by = user(c, "dau-moi", "focal_point", city).id;
    const Id in_a = insert_reopen_request(c, request(report(c, kh, a, "2026-10", "accepted").id, by, "A", kAt));
    const Id in_b = insert_reopen_request(c, request(report(c, kh, b, "2026-10", "accepted").id, by, "B", kAt));
    ASSERT_TRUE(decide_reopen_request(c, in_b, "granted", "", by, "2026-11-02T00:00:00Z"));
    const auto ids = [](const std::vector<ReopenRequest>& list) {
      std::vector<Id> out;
      for (const auto& q : list) out.push_back(q.id);
      return out;
    };
    const std::string city_path = find_unit(c, city)->path, a_path = find_unit(c, a)->path;
    EXPECT_EQ(ids(list_reopen_requests(c, city_path, std::nullopt)), (std::vector<Id>{in_b, in_a}));  // newest first
    EXPECT_EQ(ids(list_reopen_requests(c, a_path, std::nullopt)), std::vector<Id>{in_a});
    EXPECT_EQ(ids(list_reopen_requests(c, city_path, true)), std::vector<Id>{in_a});
    EXPECT_EQ(ids(list_reopen_requests(c, city_path, false)), std::vector<Id>{in_b});
    EXPECT_TRUE(list_reopen_requests(c, a_path, false).empty());
    const auto all = ids(list_reopen_requests(c, std::nullopt, std::nullopt));
    EXPECT_NE(std::find(all.begin(), all.end(), in_a), all.end());
    EXPECT_NE(std::find(all.begin(), all.end(), in_b), all.end());
  });
}

}  // namespace
}  // namespace tiendo::store
