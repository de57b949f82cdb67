// "Nhắc" as the API calls it: the units of overdue assignments reminded, previewed first with nothing sent or
// audited, and the refusals of what cannot be reminded.
#include "service/nudge.h"

#include <gtest/gtest.h>

#include "service/followup_test_fixture.h"

namespace tiendo::service {
namespace {

using NudgeService = FollowupTest;

TEST_F(NudgeService, OverdueAssignmentPreviewedThenSent) {
  const auto late = assignment("T1", "2026-10-31");
  NudgeInput in;
  in.preview = true;
  in.note = "Khẩn";
  in.assignment_ids = {late};
  const auto preview = as(agency_, [&](const Call& call) { return send_nudges(call, in); });
  ASSERT_EQ(preview.at("items").as_array().size(), 1u);
  const auto& item = preview.at("items").as_array()[0].as_object();
  EXPECT_EQ(item.at("unit_id").as_int64(), ward_);
  EXPECT_EQ(item.at("users").as_int64(), 1);  // the ward's focal point
  EXPECT_NE(std::string(item.at("body").as_string()).find("quá hạn 24 ngày"), std::string::npos);
  EXPECT_EQ(preview.at("notifications").as_int64(), 0);
  EXPECT_TRUE(log("reminder", late).empty());

  in.preview = false;
  const auto sent = as(agency_, [&](const Call& call) { return send_nudges(call, in); });
  EXPECT_EQ(sent.at("notifications").as_int64(), 1);
  const auto entries = log("reminder", late);
  ASSERT_EQ(entries.size(), 1u);
  EXPECT_EQ(entries[0].action, "send_overdue");
  EXPECT_EQ(boost::json::parse(entries[0].after_json), sent);
}

TEST_F(NudgeService, Refusals) {
  const auto on_time = assignment("T1", "2027-06-30");
  const auto late = assignment("T2", "2026-10-31");
  const struct {
    const Actor* who;
    std::optional<store::Id> directive;
    std::vector<store::Id> assignments;
    Error::Kind kind;
    const char* field;
  } cases[] = {
      {&agency_, std::nullopt, {}, Error::Kind::invalid, "directive_id"},    // neither a plan nor assignments
      {&agency_, directive_, {late}, Error::Kind::invalid, "directive_id"},  // both
      {&agency_, std::nullopt, {on_time}, Error::Kind::conflict, "assignment_ids"},
      {&stranger_, std::nullopt, {late}, Error::Kind::not_found, ""},
      {&agency_, 1'000'000'000, {}, Error::Kind::invalid, "directive_id"},  // no such plan
  };
  for (const auto& c : cases) {
    NudgeInput in;
    in.directive_id = c.directive;
    in.assignment_ids = c.assignments;
    const auto e = refusal([&] { as(*c.who, [&](const Call& call) { return send_nudges(call, in); }); });
    ASSERT_TRUE(e) << c.field;
    EXPECT_EQ(e->kind, c.kind) << c.field;
    EXPECT_EQ(e->field, c.field);
  }
}

}  // namespace
}  // namespace tiendo::service
