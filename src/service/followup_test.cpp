// The follow-up use cases as the API calls them: an extension requested and decided, an overdue assignment
// reviewed and closed, an explanation asked and answered, each audited as before; and each use case's refusals,
// a row outside the actor's units first among them. On SQLite, or on PostgreSQL when TIENDO_STORE_TEST_DB names one.
#include "service/followup.h"

#include <gtest/gtest.h>

#include "service/followup_test_fixture.h"

namespace tiendo::service {
namespace {

namespace json = boost::json;

class FollowupService : public FollowupTest {
 protected:
  json::object requested(const Actor& who, store::Id assignment_id, const char* due) {
    return as(who, [&](const Call& call) {
      return request_extension(call, followup_assignment(call.c, call.who, assignment_id),
                               {*domain::parse_iso_date(due), "Chờ kinh phí"});
    });
  }

  ReviewInput review(const char* new_due) const {
    return {"Chưa có kinh phí", "Phòng Kinh tế", "Trưởng phòng", "Bổ sung dự toán", *domain::parse_iso_date(new_due),
            "Tháng 12: trình"};
  }
};

// Requested by the unit, approved by the standing agency: the effective deadline moves, the original stays, and
// both steps are audited with the answers given.
TEST_F(FollowupService, ExtensionRequestedAndApproved) {
  const auto a = assignment("T1", "2026-12-31");
  const auto out = requested(officer_, a, "2027-03-31");
  EXPECT_EQ(out.at("previous_due").as_string(), "2026-12-31");
  EXPECT_EQ(out.at("requested_due").as_string(), "2027-03-31");
  EXPECT_EQ(out.at("state").as_string(), "pending");
  const auto id = out.at("id").as_int64();

  const auto again = refusal([&] { requested(officer_, a, "2027-06-30"); });
  ASSERT_TRUE(again);
  EXPECT_EQ(again->kind, Error::Kind::conflict);
  EXPECT_EQ(again->field, "assignment_id");

  const auto decided =
      as(agency_, [&](const Call& call) { return decide_extension(call, id, extension_decision(true, {})); });
  EXPECT_EQ(decided.at("state").as_string(), "approved");
  EXPECT_TRUE(decided.at("note").is_null());
  const auto moved = db_->read([&](store::Connection& c) { return *store::find_assignment(c, a); });
  EXPECT_EQ(moved.effective_due, "2027-03-31");
  EXPECT_EQ(moved.original_due, "2026-12-31");

  const auto twice = refusal([&] {
    as(agency_, [&](const Call& call) { return decide_extension(call, id, extension_decision(false, "Không")); });
  });
  ASSERT_TRUE(twice);
  EXPECT_EQ(twice->kind, Error::Kind::conflict);
  EXPECT_EQ(twice->field, "state");

  const auto entries = log("extension", id);
  ASSERT_EQ(entries.size(), 2u);
  EXPECT_EQ(entries[0].action, "request");
  EXPECT_EQ(entries[0].username, officer_.username);
  EXPECT_EQ(json::parse(entries[0].after_json), out);
  EXPECT_EQ(entries[1].action, "approve");
  EXPECT_EQ(json::parse(entries[1].after_json), decided);
}

TEST_F(FollowupService, ExtensionRefusals) {
  const auto a = assignment("T1", "2026-12-31");
  const auto recurring = assignment("T2", std::nullopt);
  struct Case {
    const Actor* who;
    store::Id assignment;
    const char* due;
    Error::Kind kind;
    const char* field;
  } cases[] = {
      {&stranger_, a, "2027-03-31", Error::Kind::not_found, ""},  // outside the actor's units
      {&officer_, a, "2026-12-31", Error::Kind::invalid, "requested_due"},
      {&officer_, recurring, "2027-03-31", Error::Kind::conflict, ""},
  };
  for (const auto& c : cases) {
    const auto e = refusal([&] { requested(*c.who, c.assignment, c.due); });
    ASSERT_TRUE(e) << c.due;
    EXPECT_EQ(e->kind, c.kind) << c.due;
    EXPECT_EQ(e->field, c.field) << c.due;
  }
  // A refusal says why, before anything is looked up.
  for (const std::optional<std::string>& blank : {std::optional<std::string>{}, std::optional<std::string>{" \n "}}) {
    const auto no_reason = refusal([&] { extension_decision(false, blank); });
    ASSERT_TRUE(no_reason);
    EXPECT_EQ(no_reason->field, "reason");
  }
  // Refused: the deadline stays.
  const auto id = requested(officer_, a, "2027-03-31").at("id").as_int64();
  const auto stranger = refusal([&] {
    as(stranger_, [&](const Call& call) { return decide_extension(call, id, extension_decision(true, {})); });
  });
  ASSERT_TRUE(stranger);
  EXPECT_EQ(stranger->kind, Error::Kind::not_found);
  const auto out = as(agency_, [&](const Call& call) {
    return decide_extension(call, id, extension_decision(false, "Chưa đủ lý do"));
  });
  EXPECT_EQ(out.at("state").as_string(), "refused");
  EXPECT_EQ(out.at("note").as_string(), "Chưa đủ lý do");
  EXPECT_FALSE(db_->read([&](store::Connection& c) { return store::find_assignment(c, a)->effective_due; }));
}

// Only work overdue today is reviewed, with a new deadline after today; the review closes once.
TEST_F(FollowupService, OverdueReviewCreatedAndClosed) {
  const auto late = assignment("T1", "2026-10-31");
  const auto on_time = assignment("T2", "2027-06-30");
  const auto create = [&](store::Id a, const char* new_due) {
    return as(officer_, [&](const Call& call) {
      return create_overdue_review(call, followup_assignment(call.c, call.who, a), review(new_due));
    });
  };
  const auto not_overdue = refusal([&] { create(on_time, "2027-12-31"); });
  ASSERT_TRUE(not_overdue);
  EXPECT_EQ(not_overdue->kind, Error::Kind::conflict);
  EXPECT_EQ(not_overdue->field, "assignment_id");
  const auto today = refusal([&] { create(late, "2026-11-24"); });
  ASSERT_TRUE(today);
  EXPECT_EQ(today->kind, Error::Kind::invalid);
  EXPECT_EQ(today->field, "new_due");

  const auto out = create(late, "2027-03-31");
  EXPECT_EQ(out.at("state").as_string(), "open");
  EXPECT_EQ(out.at("new_due").as_string(), "2027-03-31");
  EXPECT_EQ(out.at("responsible_person").as_string(), "Trưởng phòng");
  const auto id = out.at("id").as_int64();
  const auto stranger =
      refusal([&] { as(stranger_, [&](const Call& call) { return close_overdue_review(call, id); }); });
  ASSERT_TRUE(stranger);
  EXPECT_EQ(stranger->kind, Error::Kind::not_found);
  const auto closed = as(agency_, [&](const Call& call) { return close_overdue_review(call, id); });
  EXPECT_EQ(closed, (json::object{{"id", id}, {"state", "closed"}}));
  const auto twice = refusal([&] { as(agency_, [&](const Call& call) { return close_overdue_review(call, id); }); });
  ASSERT_TRUE(twice);
  EXPECT_EQ(twice->field, "state");

  const auto entries = log("overdue_review", id);
  ASSERT_EQ(entries.size(), 2u);
  EXPECT_EQ(entries[0].action, "create");
  EXPECT_EQ(json::parse(entries[0].after_json), out);
  EXPECT_EQ(entries[1].action, "close");
  const auto listed = db_->read([&](store::Connection& c) { return overdue_reviews(c, officer_, "closed"); });
  ASSERT_EQ(listed.size(), 1u);
  EXPECT_EQ(listed[0].at("id").as_int64(), id);
  EXPECT_TRUE(db_->read([&](store::Connection& c) { return overdue_reviews(c, stranger_, {}); }).empty());
}

// Asked about an assignment, answered once by its unit; an indicator's request names one that exists.
TEST_F(FollowupService, ExplanationAskedAndAnswered) {
  const auto a = assignment("T1", "2026-10-31");
  const auto out = as(agency_, [&](const Call& call) {
    const auto about = explanation_subject(followup_assignment(call.c, call.who, a), std::nullopt);
    return request_explanation(call, about, "Vì sao chậm?", *domain::parse_iso_date("2026-12-01"));
  });
  EXPECT_EQ(out.at("unit_id").as_int64(), ward_);
  EXPECT_EQ(out.at("assignment_id").as_int64(), a);
  EXPECT_TRUE(out.at("indicator_id").is_null());
  EXPECT_EQ(out.at("due_on").as_string(), "2026-12-01");
  const auto id = out.at("id").as_int64();

  const auto stranger =
      refusal([&] { db_->read([&](store::Connection& c) { return explanation_request(c, stranger_, id); }); });
  ASSERT_TRUE(stranger);
  EXPECT_EQ(stranger->kind, Error::Kind::not_found);
  const auto answer = [&] {
    return as(officer_, [&](const Call& call) {
      return answer_explanation(call, explanation_request(call.c, call.who, id), "Chờ kinh phí");
    });
  };
  const auto answered = answer();
  EXPECT_EQ(answered.at("answer").as_string(), "Chờ kinh phí");
  EXPECT_EQ(answered.at("answered_at").as_string(), domain::iso(now_));
  const auto twice = refusal(answer);
  ASSERT_TRUE(twice);
  EXPECT_EQ(twice->kind, Error::Kind::conflict);
  EXPECT_EQ(twice->field, "state");
  const auto entries = log("explanation", id);
  ASSERT_EQ(entries.size(), 2u);
  EXPECT_EQ(json::parse(entries[0].after_json), out);
  EXPECT_EQ(json::parse(entries[1].after_json), answered);
  EXPECT_EQ(db_->read([&](store::Connection& c) { return explanation_requests(c, officer_, true); }).size(), 1u);

  const auto indicator_id =
      db_->write([&](store::Connection& c) { return store::insert_indicator(c, indicator(directive_, "CT1"), kAt); });
  EXPECT_EQ(
      db_->read([&](store::Connection& c) { return explanation_subject(c, agency_, indicator_id, ward_); }).unit_id,
      ward_);
  const struct {
    const Actor* who;
    std::optional<store::Id> indicator, unit;
    const char* field;
  } wrong[] = {
      {&agency_, std::nullopt, ward_, "assignment_id"},
      {&agency_, 1'000'000'000, std::nullopt, "assignment_id"},
      {&agency_, 1'000'000'000, ward_, "indicator_id"},
      {&agency_, indicator_id, 1'000'000'000, "unit_id"},
      // The other ward's focal point does not learn the ward exists, nor ask it anything.
      {&stranger_, indicator_id, ward_, "unit_id"},
  };
  for (const auto& w : wrong) {
    const auto e = refusal(
        [&] { db_->read([&](store::Connection& c) { return explanation_subject(c, *w.who, w.indicator, w.unit); }); });
    ASSERT_TRUE(e) << w.field;
    EXPECT_EQ(e->kind, Error::Kind::invalid);
    EXPECT_EQ(e->field, w.field);
  }
}

TEST_F(FollowupService, EscalationOutsideTheUnitsIsNotFound) {
  const auto e =
      refusal([&] { db_->read([&](store::Connection& c) { return escalation(c, officer_, 1'000'000'000, 1); }); });
  ASSERT_TRUE(e);
  EXPECT_EQ(e->kind, Error::Kind::not_found);
}

}  // namespace
}  // namespace tiendo::service
