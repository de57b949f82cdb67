// The event subscriptions' use cases (issue 18, item 1) as the API calls them: a subscription to an allowed address
// with its secret shown once and never audited, a system's outbox connector, switching one off, its deliveries read
// and a replay refused until one failed; each refusal. On SQLite, or on PostgreSQL when TIENDO_STORE_TEST_DB names
// one.
#include "service/event_subscriptions.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <cctype>

#include "service/use_case_test.h"

namespace tiendo::service {
namespace {

namespace json = boost::json;
using K = Error::Kind;

class EventSubscriptions : public UseCaseTest {
 protected:
  void SetUp() override {
    UseCaseTest::SetUp();
    cfg_.allowlist = {"hooks.example.vn", "localhost:8443"};
  }

  NewSubscription wanted(std::vector<std::string> types) const {
    NewSubscription in;
    in.name = unique("Kho dữ liệu");
    in.url = "https://hooks.example.vn/tiendo";
    in.event_types_given = true;
    in.event_types = std::move(types);
    return in;
  }

  std::optional<Error> refused(const NewSubscription& in) {
    return refusal([&] { as([&](const Call& call) { return create_event_subscription(call, cfg_, in); }); });
  }

  ExchangeConfig cfg_;
};

TEST_F(EventSubscriptions, SecretIsShownOnceAndNeverAudited) {
  const auto s = as([&](const Call& call) {
    return create_event_subscription(call, cfg_, wanted({"report_submitted", "report_returned"}));
  });
  const auto id = s.at("id").as_int64();
  const std::string secret(s.at("secret").as_string());
  EXPECT_EQ(secret.size(), 64u);
  EXPECT_TRUE(std::all_of(secret.begin(), secret.end(), [](unsigned char ch) { return std::isxdigit(ch); }));
  EXPECT_EQ(s.at("event_types"), json::value(json::array{"report_submitted", "report_returned"}));
  EXPECT_TRUE(s.at("outbox_system").is_null());
  const auto log = db_->read([&](store::Connection& c) {
    long long total = 0;
    return store::list_audit(c, "event_subscription", std::to_string(id), {100, 0}, &total);
  });
  ASSERT_EQ(log.size(), 1u);
  EXPECT_EQ(log[0].action, "create");
  EXPECT_EQ(log[0].after_json.find(secret), std::string::npos);
  auto shown = s;
  shown.erase("secret");
  EXPECT_EQ(json::parse(log[0].after_json), json::value(shown));

  const auto listed = db_->read([&](store::Connection& c) { return event_subscriptions(c); });
  const auto mine =
      std::find_if(listed.begin(), listed.end(), [&](const json::value& v) { return v.at("id").as_int64() == id; });
  ASSERT_NE(mine, listed.end());
  EXPECT_FALSE(mine->as_object().contains("secret"));

  const auto off = as([&](const Call& call) { return set_event_subscription_active(call, id, false); });
  EXPECT_FALSE(off.at("active").as_bool());
  const auto missing =
      refusal([&] { as([&](const Call& call) { return set_event_subscription_active(call, id, {}); }); });
  ASSERT_TRUE(missing);
  EXPECT_EQ(missing->field, "active");
  const auto unknown =
      refusal([&] { as([&](const Call& call) { return set_event_subscription_active(call, id + 1000000, true); }); });
  ASSERT_TRUE(unknown);
  EXPECT_EQ(unknown->kind, K::not_found);
}

TEST_F(EventSubscriptions, AddressAndTypesAreChecked) {
  struct Case {
    NewSubscription in;
    std::string field;
  };
  auto plain_http = wanted({"report_submitted"});
  plain_http.url = "http://hooks.example.vn/tiendo";
  auto elsewhere = wanted({"report_submitted"});
  elsewhere.url = "https://169.254.169.254/latest";
  auto connector_with_types = wanted({"report_submitted"});
  connector_with_types.outbox_system = "pakn.nq57.vn";
  auto unknown_system = wanted({});
  unknown_system.event_types_given = false;
  unknown_system.outbox_system = "khong-co-he-thong";
  for (const auto& c : std::vector<Case>{{plain_http, "url"},
                                         {elsewhere, "url"},
                                         {wanted({}), "event_types"},
                                         {wanted({"report_submitted", "not_a_type"}), "event_types"},
                                         {wanted({""}), "event_types"},
                                         {connector_with_types, "event_types"},
                                         {unknown_system, "outbox_system"}}) {
    const auto r = refused(c.in);
    ASSERT_TRUE(r) << c.in.url;
    EXPECT_EQ(r->kind, K::invalid);
    EXPECT_EQ(r->field, c.field) << c.in.url;
  }
}

// An event queued for the subscription is read with its payload and log; it is replayed only once it failed.
TEST_F(EventSubscriptions, DeliveryIsReadAndReplayedOnlyOnceFailed) {
  const auto s =
      as([&](const Call& call) { return create_event_subscription(call, cfg_, wanted({"feedback_answered"})); });
  const auto sid = s.at("id").as_int64();
  db_->write([&](store::Connection& c) {
    emit_event(c, "feedback_answered", unique("answered"), json::object{{"code", "PA-1"}}, now_);
  });
  store::DeliveryFilter f;
  f.subscription_id = sid;
  const auto page = db_->read([&](store::Connection& c) { return event_deliveries(c, f, {100, 0}); });
  ASSERT_EQ(page.total, 1);
  const auto id = page.items.at(0).at("id").as_int64();
  EXPECT_EQ(page.items.at(0).at("state").as_string(), "pending");
  const auto d = db_->read([&](store::Connection& c) { return event_delivery(c, id); });
  EXPECT_EQ(d.at("payload").at("data").at("code").as_string(), "PA-1");
  EXPECT_TRUE(d.at("log").as_array().empty());
  const auto pending = refusal([&] { as([&](const Call& call) { return replay_event_delivery(call, id); }); });
  ASSERT_TRUE(pending);
  EXPECT_EQ(pending->kind, K::conflict);
  EXPECT_EQ(pending->field, "state");
  const auto unknown =
      refusal([&] { as([&](const Call& call) { return replay_event_delivery(call, id + 1000000); }); });
  ASSERT_TRUE(unknown);
  EXPECT_EQ(unknown->kind, K::not_found);
}

}  // namespace
}  // namespace tiendo::service
