// The delegation of report approval as the API calls it: a unit head names a deputy of the unit for a range of days,
// listed as active while it runs, then revokes it once, each step audited; and the refusals — a range domain/delegation
// refuses, someone other than the head delegating, a deputy from elsewhere or the focal point, a revocation by
// another or outside the actor's units.
#include "service/delegation.h"

#include <gtest/gtest.h>

#include "service/use_case_test.h"

namespace tiendo::service {
namespace {

namespace json = boost::json;

class DelegationService : public UseCaseTest {
 protected:
  void SetUp() override {
    UseCaseTest::SetUp();
    db_->write([&](store::Connection& c) {
      ward_ = unit(c, "P1", city_);
      other_ = unit(c, "P2", city_);
      head_ = person(c, "truongPhong", "unit_head", ward_);
      deputy_ = person(c, "phoPhong", "viewer", ward_);
      focal_ = person(c, "dauMoi", "focal_point", ward_);
      stranger_ = person(c, "truongKhac", "unit_head", other_);
    });
  }

  DelegationInput range(const Actor& to, const char* from, const char* until) const {
    return {to.user_id, *domain::parse_iso_date(from), *domain::parse_iso_date(until)};
  }

  domain::Date today() const { return domain::vietnam_date(now_); }

  store::Id ward_ = 0, other_ = 0;
  Actor head_, deputy_, focal_, stranger_;
};

TEST_F(DelegationService, DelegatedListedAndRevokedOnce) {
  const auto made =
      as(head_, [&](const Call& call) { return delegate_approval(call, range(deputy_, "2026-11-20", "2026-11-30")); });
  EXPECT_EQ(made.at("deputy_id").as_int64(), deputy_.user_id);
  EXPECT_EQ(made.at("delegator_id").as_int64(), head_.user_id);
  EXPECT_EQ(made.at("unit_id").as_int64(), ward_);
  EXPECT_EQ(made.at("from").as_string(), "2026-11-20");
  EXPECT_TRUE(made.at("active").as_bool());
  EXPECT_TRUE(made.at("revoked_at").is_null());
  const auto id = made.at("id").as_int64();

  // The head sees the delegation and whom they could name: the deputy, neither themselves nor the focal point.
  const auto listed = db_->read([&](store::Connection& c) { return delegations(c, head_, today()); });
  ASSERT_EQ(listed.at("total").as_int64(), 1);
  EXPECT_EQ(listed.at("items").as_array()[0], made);
  const auto& candidates = listed.at("candidates").as_array();
  ASSERT_EQ(candidates.size(), 1u);
  EXPECT_EQ(candidates[0].at("id").as_int64(), deputy_.user_id);
  EXPECT_EQ(candidates[0].at("name").as_string(), "phoPhong");
  // Another unit's head sees none of it.
  const auto elsewhere = db_->read([&](store::Connection& c) { return delegations(c, stranger_, today()); });
  EXPECT_EQ(elsewhere.at("total").as_int64(), 0);

  const auto revoked = as(head_, [&](const Call& call) { return revoke_delegation(call, id); });
  EXPECT_FALSE(revoked.at("active").as_bool());
  EXPECT_FALSE(revoked.at("revoked_at").is_null());
  const auto twice = refusal([&] { as(head_, [&](const Call& call) { return revoke_delegation(call, id); }); });
  ASSERT_TRUE(twice);
  EXPECT_EQ(twice->kind, Error::Kind::conflict);
  EXPECT_EQ(twice->field, "state");

  const auto entries = log("delegation", id);
  ASSERT_EQ(entries.size(), 2u);
  EXPECT_EQ(entries[0].action, "create");
  EXPECT_EQ(entries[0].username, head_.username);
  EXPECT_EQ(json::parse(entries[0].after_json), made);
  EXPECT_EQ(entries[1].action, "revoke");
  EXPECT_EQ(json::parse(entries[1].before_json), made);
  EXPECT_EQ(json::parse(entries[1].after_json), revoked);
}

TEST_F(DelegationService, DelegationRefusals) {
  const struct {
    const Actor* who;
    const Actor* to;
    const char *from, *until;
    Error::Kind kind;
    const char* field;
  } cases[] = {
      {&head_, &deputy_, "2026-11-30", "2026-11-20", Error::Kind::invalid, "to"},   // ends before it starts
      {&head_, &deputy_, "2026-11-01", "2026-11-10", Error::Kind::invalid, "to"},   // over already
      {&focal_, &deputy_, "2026-11-24", "2026-11-30", Error::Kind::forbidden, ""},  // only the head hands it on
      {&deputy_, &head_, "2026-11-24", "2026-11-30", Error::Kind::forbidden, ""},
      {&head_, &focal_, "2026-11-24", "2026-11-30", Error::Kind::invalid, "deputy_id"},     // drafts the reports
      {&head_, &head_, "2026-11-24", "2026-11-30", Error::Kind::invalid, "deputy_id"},      // oneself
      {&head_, &stranger_, "2026-11-24", "2026-11-30", Error::Kind::invalid, "deputy_id"},  // another unit's
  };
  for (const auto& c : cases) {
    const auto e = refusal(
        [&] { as(*c.who, [&](const Call& call) { return delegate_approval(call, range(*c.to, c.from, c.until)); }); });
    ASSERT_TRUE(e) << c.who->username << " → " << c.to->username;
    EXPECT_EQ(e->kind, c.kind) << c.who->username << " → " << c.to->username;
    EXPECT_EQ(e->field, c.field) << c.who->username << " → " << c.to->username;
  }
  const auto none = refusal([&] {
    as(head_, [&](const Call& call) {
      return delegate_approval(call, {1'000'000'000, today(), today()});  // no such user
    });
  });
  ASSERT_TRUE(none);
  EXPECT_EQ(none->field, "deputy_id");
}

TEST_F(DelegationService, RevokeRefusals) {
  const auto id =
      as(head_, [&](const Call& call) { return delegate_approval(call, range(deputy_, "2026-11-24", "2026-11-30")); })
          .at("id")
          .as_int64();
  const auto outside = refusal([&] { as(stranger_, [&](const Call& call) { return revoke_delegation(call, id); }); });
  ASSERT_TRUE(outside);
  EXPECT_EQ(outside->kind, Error::Kind::not_found);
  // The deputy cannot end what the head gave; the administrator can.
  const auto deputy = refusal([&] { as(deputy_, [&](const Call& call) { return revoke_delegation(call, id); }); });
  ASSERT_TRUE(deputy);
  EXPECT_EQ(deputy->kind, Error::Kind::forbidden);
  EXPECT_FALSE(as([&](const Call& call) { return revoke_delegation(call, id); }).at("active").as_bool());
}

TEST(DelegationRule, DeputiesAreHeadsOrViewers) {
  EXPECT_TRUE(may_be_deputy("unit_head"));
  EXPECT_TRUE(may_be_deputy("viewer"));
  EXPECT_FALSE(may_be_deputy("focal_point"));
  EXPECT_FALSE(may_be_deputy("admin"));
}

}  // namespace
}  // namespace tiendo::service
