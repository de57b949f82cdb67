#include "service/feedback.h"

#include <gtest/gtest.h>

#include "service/errors.h"
#include "service/refusal_test_util.h"
#include "service/service_test_util.h"

namespace tiendo::service {
namespace {

namespace json = boost::json;
using domain::FeedbackRole;

class FeedbackService : public ServiceTest {
 protected:
  void SetUp() override {
    ServiceTest::SetUp();
    settings_.seal = &seal_;
    db_->write([&](store::Connection& c) {
      city_ = unit(c, "TP", std::nullopt);
      lead_ = unit(c, "SoKHCN", city_);
      other_ = unit(c, "PhuongX", city_);
      agency_ = person(c, "thuongtruc", "standing_agency", city_, FeedbackRole::standing_agency, false);
      officer_ = person(c, "dauMoi", "focal_point", lead_, FeedbackRole::unit_officer, true);
      head_ = person(c, "giamDoc", "unit_head", lead_, FeedbackRole::unit_head, true);
      stranger_ = person(c, "phuong", "focal_point", other_, FeedbackRole::unit_officer, true);
    });
  }

  Actor person(store::Connection& c, const std::string& name, const std::string& role, store::Id unit_id,
               FeedbackRole feedback_role, bool scoped) {
    Actor a = ServiceTest::person(c, name, role, unit_id, scoped);
    a.feedback_role = feedback_role;
    return a;
  }

  // A use case run as `who` in one write transaction, at the test's instant.
  template <class F>
  auto as(const Actor& who, F&& f) {
    return db_->write([&](store::Connection& c) { return f(Call{c, who, now_, db_->kind() == "postgresql"}); });
  }

  NewFeedback sent(const std::string& words, const std::string& contact = "0912 345 678") {
    NewFeedback in;
    in.kind = domain::FeedbackKind::phan_anh;
    in.field = "Chuyển đổi số";
    in.title = "Cổng dịch vụ công";
    in.text = words + " " + unique("nd");  // a shared database holds other tests' texts
    in.name = "Nguyễn Văn A";
    in.contact = contact;
    in.consent = true;
    in.remote_address = unique("10.0.0.1");
    return in;
  }

  Intake receive(const NewFeedback& in) {
    return as(Actor{}, [&](const Call& call) { return receive_feedback(call, settings_, in); });
  }
  store::FeedbackItem item(const Actor& who, store::Id id) {
    return db_->read([&](store::Connection& c) { return feedback_item(c, who, id); });
  }

  security::FeedbackSeal seal_{std::string(32, 'k')};
  FeedbackSettings settings_;
  domain::Instant now_ = *domain::parse_iso_instant("2026-11-02T03:00:00Z");
  store::Id city_ = 0, lead_ = 0, other_ = 0;
  Actor agency_, officer_, head_, stranger_;
};

// From the public page to the published answer and the sender's rating, which reopens it.
TEST_F(FeedbackService, FullPathFromSubmissionToRating) {
  const auto got = receive(sent("Cổng bị lỗi khi nộp hồ sơ"));
  EXPECT_EQ(got.item.state, "received");
  EXPECT_EQ(got.item.received_on, "2026-11-02");
  EXPECT_EQ(got.item.answer_due, "2026-11-17");  // 15 calendar days
  EXPECT_FALSE(got.item.received_unit_id);       // the public page's items are the standing agency's
  EXPECT_FALSE(got.email);
  EXPECT_NE(got.link.find("/#/gop-y?ma=" + got.item.code + "&t=" + got.token), std::string::npos);
  const auto id = got.item.id;

  auto o = as(agency_, [&](const Call& call) {
    return classify_feedback(call, settings_, feedback_item(call.c, call.who, id), 1, {"accepted", {}, {}, {}});
  });
  EXPECT_EQ(o.at("state").as_string(), "accepted");
  o = as(agency_, [&](const Call& call) {
    return assign_feedback(call, settings_, feedback_item(call.c, call.who, id), 2,
                           {lead_, std::vector<store::Id>{other_, lead_}});
  });
  EXPECT_EQ(o.at("state").as_string(), "assigned");
  EXPECT_EQ(o.at("coordinators").as_array().size(), 1u);  // the lead unit is not its own coordinator
  EXPECT_EQ(o.at("leads").as_array().size(), 1u);
  // The lead unit's officer sees the sender; the coordinating unit's officer sees the item without them.
  EXPECT_FALSE(o.at("sender").is_null());
  const auto seen = db_->read([&](store::Connection& c) {
    return feedback_detail(Call{c, stranger_, now_}, settings_, feedback_item(c, stranger_, id));
  });
  EXPECT_TRUE(seen.at("sender").is_null());

  o = as(officer_, [&](const Call& call) {
    return draft_feedback_answer(call, settings_, feedback_item(call.c, call.who, id), 3,
                                 {"Đã khắc phục lỗi.", std::nullopt});
  });
  EXPECT_EQ(o.at("state").as_string(), "drafted");
  const auto unmoderated = refusal([&] {
    as(head_,
       [&](const Call& call) { return approve_feedback(call, settings_, feedback_item(call.c, call.who, id), 4); });
  });
  ASSERT_TRUE(unmoderated);
  EXPECT_EQ(unmoderated->kind, Error::Kind::conflict);
  o = as(agency_, [&](const Call& call) {
    return moderate_feedback(call, settings_, feedback_item(call.c, call.who, id), 4,
                             {"Lỗi cổng dịch vụ công", "Cổng bị lỗi.", true});
  });
  EXPECT_EQ(o.at("state").as_string(), "drafted");  // moderation keeps the state
  o = as(head_,
         [&](const Call& call) { return approve_feedback(call, settings_, feedback_item(call.c, call.who, id), 5); });
  EXPECT_EQ(o.at("state").as_string(), "published");
  EXPECT_EQ(o.at("public_answer").as_string(), "Đã khắc phục lỗi.");
  EXPECT_EQ(o.at("answers").as_array().size(), 1u);

  const auto view = as(Actor{}, [&](const Call& call) {
    return rate_feedback(call, settings_, got.item.code,
                         {got.token, domain::FeedbackRating::chua_hai_long, "Vẫn còn lỗi", false});
  });
  EXPECT_EQ(view.at("rating").as_string(), "chua_hai_long");
  EXPECT_TRUE(view.at("reopened").as_bool());
  EXPECT_EQ(view.at("status").as_string(), "in_progress");
  EXPECT_TRUE(view.at("sender_name").is_null());  // published anonymously
}

TEST_F(FeedbackService, IntakeRefusals) {
  auto in = sent("Liên hệ sai");
  in.contact = "không có";
  auto e = refusal([&] { receive(in); });
  ASSERT_TRUE(e);
  EXPECT_EQ(e->kind, Error::Kind::invalid);
  EXPECT_EQ(e->field, "contact");

  in = sent("Không đồng ý");
  in.consent = std::nullopt;
  e = refusal([&] { receive(in); });
  ASSERT_TRUE(e);
  EXPECT_EQ(e->field, "consent");

  in = sent("Gửi hai lần", "a@example.vn");
  in.contact = unique("a") + "@example.vn";
  const auto first = receive(in);
  EXPECT_TRUE(first.email);  // mailed the link, when mail is set up
  e = refusal([&] { receive(in); });
  ASSERT_TRUE(e);
  EXPECT_EQ(e->kind, Error::Kind::duplicate);
  EXPECT_EQ(e->field, "text");
  EXPECT_NE(std::string(e->what()).find(first.item.code), std::string::npos);

  // The public page's limit per contact: the next item from the same contact waits an hour.
  settings_.limits.per_contact_hour = 1;
  in.text += " khác";
  e = refusal([&] { receive(in); });
  ASSERT_TRUE(e);
  EXPECT_EQ(e->kind, Error::Kind::rate_limited);
  EXPECT_EQ(e->field, "contact");
  EXPECT_EQ(e->retry_after_seconds, 3600);
  // A desk enters what it received, however many from one person; as a unit's officer, for its unit.
  in.channel = domain::FeedbackChannel::letter;
  const auto entered = as(officer_, [&](const Call& call) { return receive_feedback(call, settings_, in); });
  EXPECT_EQ(entered.item.received_unit_id, lead_);
  EXPECT_EQ(entered.item.entered_by, officer_.user_id);

  settings_.seal = nullptr;
  e = refusal([&] { receive(sent("Không có khóa")); });
  ASSERT_TRUE(e);
  EXPECT_EQ(e->kind, Error::Kind::unavailable);
}

TEST_F(FeedbackService, StepRefusals) {
  const auto id = receive(sent("Đường ngập")).item.id;
  // Out of the person's scope the item does not exist.
  auto e = refusal([&] { item(stranger_, id); });
  ASSERT_TRUE(e);
  EXPECT_EQ(e->kind, Error::Kind::not_found);
  // The agency classifies a public item; a unit's officer may not (and the item is not theirs to see either).
  const auto f = item(agency_, id);
  const struct {
    Actor who;
    long long version;
    Classification in;
    Error::Kind kind;
    const char* field;
  } cases[] = {
      {officer_, 1, {"accepted", {}, {}, {}}, Error::Kind::forbidden, ""},
      {agency_, 2, {"accepted", {}, {}, {}}, Error::Kind::conflict, "version"},
      {agency_, 1, {"not_accepted", {}, {}, {}}, Error::Kind::invalid, "reason"},
      {agency_, 1, {"merged", {}, "PA-KHONGCO", {}}, Error::Kind::invalid, "merged_into_code"},
      {agency_, 1, {"merged", {}, f.code, {}}, Error::Kind::invalid, "merged_into_code"},  // not into itself
      {agency_, 1, {"deleted", {}, {}, {}}, Error::Kind::invalid, "outcome"},
  };
  for (const auto& c : cases) {
    e = refusal(
        [&] { as(c.who, [&](const Call& call) { return classify_feedback(call, settings_, f, c.version, c.in); }); });
    ASSERT_TRUE(e) << c.in.outcome;
    EXPECT_EQ(e->kind, c.kind) << c.in.outcome;
    EXPECT_EQ(e->field, c.field) << c.in.outcome;
  }
  // A step out of order: nothing is assigned before it is accepted.
  e = refusal([&] {
    as(agency_, [&](const Call& call) { return assign_feedback(call, settings_, f, 1, {lead_, {}}); });
  });
  ASSERT_TRUE(e);
  EXPECT_EQ(e->kind, Error::Kind::conflict);
  // Only initiatives, solutions and product orders go to adoption.
  e = refusal([&] { as(agency_, [&](const Call& call) { return decide_adoption(call, settings_, f, 1, {}); }); });
  ASSERT_TRUE(e);
  EXPECT_EQ(e->kind, Error::Kind::conflict);
  // The rating link's secret, and an answer to rate.
  e = refusal([&] {
    as(Actor{}, [&](const Call& call) {
      return rate_feedback(call, settings_, f.code, {"sai", domain::FeedbackRating::hai_long, {}, false});
    });
  });
  ASSERT_TRUE(e);
  EXPECT_EQ(e->kind, Error::Kind::forbidden);
  EXPECT_EQ(e->field, "token");
}

TEST_F(FeedbackService, ListRefusesUnknownFilters) {
  for (const auto& [query, field] : {std::pair{FeedbackQuery{"closed", {}, {}, {}, {}}, "state"},
                                     std::pair{FeedbackQuery{{}, "none", {}, {}, {}}, "urgency"},
                                     std::pair{FeedbackQuery{{}, {}, "maybe", {}, {}}, "adoption"}}) {
    const FeedbackQuery& q = query;  // clang 14 cannot capture a structured binding in a lambda
    const auto e =
        refusal([&] { as(agency_, [&](const Call& call) { return list_feedback_items(call, settings_, q); }); });
    ASSERT_TRUE(e) << field;
    EXPECT_EQ(e->kind, Error::Kind::invalid);
    EXPECT_EQ(e->field, field);
  }
}

}  // namespace
}  // namespace tiendo::service
