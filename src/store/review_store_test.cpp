// A report's reviews and the heads' delegations of approval, as stored and read back: reviews in the order made with
// the names of who signed and for whom, delegations listed newest first within a subtree, the active one found by
// its dates until revoked. On SQLite, or on PostgreSQL when TIENDO_STORE_TEST_DB names one.
#include "store/review_store.h"

#include "store/report_store.h"
#include "store/test_database.h"

namespace tiendo::store {
namespace {

using ReviewStore = StoreTest;

Id submitted_report(Connection& c, Id plan_id, Id unit_id) {
  Report r;
  r.directive_id = plan_id;
  r.unit_id = unit_id;
  r.period = "2026-10";
  r.state = "submitted";
  r.created_at = "2026-11-01T00:00:00Z";
  return insert_report(c, r);
}

TEST_F(ReviewStore, ReviewsReadBackInOrderWithTheirSigners) {
  db_->write([&](Connection& c) {
    const Id city = unit(c, "CITY", std::nullopt);
    const Id p = plan(c, "KH");
    const Id report = submitted_report(c, p, city), other = submitted_report(c, p, unit(c, "XA", city));
    const Id head = user(c, "Nguyễn Văn Trưởng", "leader", city).id;
    const Id deputy = user(c, "Trần Thị Phó", "leader", city).id;
    insert_review(c, {0, report, "approve", "Đồng ý", deputy, head, "2026-11-02T01:00:00Z", "", ""});
    insert_review(c, {0, report, "return", "Bổ sung số liệu", head, std::nullopt, "2026-11-03T02:00:00Z", "", ""});
    insert_review(c, {0, other, "accept", "", head, std::nullopt, "2026-11-04T00:00:00Z", "", ""});

    const auto reviews = reviews_of(c, report);
    ASSERT_EQ(reviews.size(), 2u);
    EXPECT_GT(reviews[0].id, 0);
    EXPECT_LT(reviews[0].id, reviews[1].id);
    EXPECT_EQ(reviews[0].report_id, report);
    EXPECT_EQ(reviews[0].action, "approve");
    EXPECT_EQ(reviews[0].comment, "Đồng ý");
    EXPECT_EQ(reviews[0].by_user, deputy);
    EXPECT_EQ(reviews[0].on_behalf_of, head);
    EXPECT_EQ(reviews[0].at, "2026-11-02T01:00:00Z");
    EXPECT_EQ(reviews[0].by_name, "Trần Thị Phó");
    EXPECT_EQ(reviews[0].on_behalf_of_name, "Nguyễn Văn Trưởng");
    EXPECT_EQ(reviews[1].action, "return");
    EXPECT_EQ(reviews[1].comment, "Bổ sung số liệu");
    EXPECT_EQ(reviews[1].by_user, head);
    EXPECT_FALSE(reviews[1].on_behalf_of.has_value());
    EXPECT_EQ(reviews[1].by_name, "Nguyễn Văn Trưởng");
    EXPECT_EQ(reviews[1].on_behalf_of_name, "");
    ASSERT_EQ(reviews_of(c, other).size(), 1u);
    EXPECT_EQ(reviews_of(c, other)[0].action, "accept");
    EXPECT_TRUE(reviews_of(c, other + 1000000).empty());
  });
}

TEST_F(ReviewStore, DelegationReadsBackByName) {
  db_->write([&](Connection& c) {
    const Id city = unit(c, "CITY", std::nullopt);
    const Id commune = unit(c, "XA", city);
    const Id head = user(c, "Lê Văn Chủ Tịch", "leader", commune).id;
    const Id deputy = user(c, "Phạm Thị Phó", "leader", commune).id;
    const Id id = insert_delegation(c, {0, commune, head, deputy, "2026-11-01", "2026-11-30", kAt});
    const auto d = find_delegation(c, id);
    ASSERT_TRUE(d.has_value());
    EXPECT_EQ(d->id, id);
    EXPECT_EQ(d->unit_id, commune);
    EXPECT_EQ(d->delegator_id, head);
    EXPECT_EQ(d->deputy_id, deputy);
    EXPECT_EQ(d->from_date, "2026-11-01");
    EXPECT_EQ(d->to_date, "2026-11-30");
    EXPECT_EQ(d->created_at, kAt);
    EXPECT_FALSE(d->revoked_at.has_value());
    EXPECT_EQ(d->unit_name, "Đơn vị XA");
    EXPECT_EQ(d->unit_path, find_unit(c, commune)->path);
    EXPECT_EQ(d->delegator_name, "Lê Văn Chủ Tịch");
    EXPECT_EQ(d->deputy_name, "Phạm Thị Phó");
    EXPECT_FALSE(find_delegation(c, id + 1000000).has_value());
  });
}

// Listed newest first and only within the subtree asked; the active one is the newest whose days (both included)
// hold the day and that is not revoked; a revocation is written once.
TEST_F(ReviewStore, DelegationsListedInTheirSubtreeAndActiveUntilRevoked) {
  db_->write([&](Connection& c) {
    const Id city = unit(c, "CITY", std::nullopt);
    const Id a = unit(c, "XA-A", city), b = unit(c, "XA-B", city);
    const Id head = user(c, "truong", "leader", a).id, deputy = user(c, "pho", "leader", a).id;
    const Id other_head = user(c, "truong-b", "leader", b).id, other_deputy = user(c, "pho-b", "leader", b).id;
    const Id month = insert_delegation(c, {0, a, head, deputy, "2026-11-01", "2026-11-30", kAt});
    const Id week = insert_delegation(c, {0, a, head, deputy, "2026-11-10", "2026-11-16", kAt});
    const Id in_b = insert_delegation(c, {0, b, other_head, other_deputy, "2026-11-01", "2026-11-30", kAt});

    const auto in_a = list_delegations(c, find_unit(c, a)->path);
    ASSERT_EQ(in_a.size(), 2u);
    EXPECT_EQ(in_a[0].id, week);
    EXPECT_EQ(in_a[1].id, month);
    const auto in_city = list_delegations(c, find_unit(c, city)->path);
    ASSERT_EQ(in_city.size(), 3u);
    EXPECT_EQ(in_city[0].id, in_b);
    std::vector<Id> everywhere;
    for (const auto& d : list_delegations(c, std::nullopt))
      if (d.id == month || d.id == week || d.id == in_b) everywhere.push_back(d.id);
    EXPECT_EQ(everywhere, (std::vector<Id>{in_b, week, month}));

    EXPECT_EQ(active_delegation(c, deputy, "2026-11-12")->id, week);
    EXPECT_EQ(active_delegation(c, deputy, "2026-11-01")->id, month);
    EXPECT_EQ(active_delegation(c, deputy, "2026-11-30")->id, month);
    EXPECT_FALSE(active_delegation(c, deputy, "2026-10-31").has_value());
    EXPECT_FALSE(active_delegation(c, deputy, "2026-12-01").has_value());
    EXPECT_FALSE(active_delegation(c, head, "2026-11-12").has_value());

    EXPECT_TRUE(revoke_delegation(c, week, "2026-11-11T00:00:00Z"));
    EXPECT_FALSE(revoke_delegation(c, week, "2026-11-12T00:00:00Z"));
    EXPECT_EQ(find_delegation(c, week)->revoked_at, "2026-11-11T00:00:00Z");
    EXPECT_EQ(active_delegation(c, deputy, "2026-11-12")->id, month);
    EXPECT_TRUE(revoke_delegation(c, month, "2026-11-11T00:00:00Z"));
    EXPECT_FALSE(active_delegation(c, deputy, "2026-11-12").has_value());
    EXPECT_EQ(list_delegations(c, find_unit(c, a)->path).size(), 2u);  // revoked ones are still listed
  });
}

}  // namespace
}  // namespace tiendo::store
