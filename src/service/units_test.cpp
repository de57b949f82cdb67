// The unit tree's use cases as the API calls them: units created and changed, groups by hand and by rule with the
// work their members owe, a unit closed into its successor, with the audit entries the resident models follow, and
// each use case's refusals. On SQLite, or on PostgreSQL when TIENDO_STORE_TEST_DB names one.
#include "service/units.h"

#include <gtest/gtest.h>

#include "service/plan.h"
#include "service/use_case_test.h"

namespace tiendo::service {
namespace {

namespace json = boost::json;

class UnitsService : public UseCaseTest {
 protected:
  UnitChange named(const std::string& name, const std::string& kind) {
    UnitChange ch;
    ch.name = name;
    ch.kind = kind;
    return ch;
  }
  store::Id new_unit(const std::string& code, const std::string& kind, std::optional<store::Id> parent) {
    return as([&](const Call& call) { return create_unit(call, unique(code), parent, named("Đơn vị " + code, kind)); })
        .at("id")
        .as_int64();
  }
  // A task of a new plan given to a group: each member owes one assignment.
  store::Id task_for_group(store::Id group) {
    return as([&](const Call& call) {
             store::Directive d;
             d.number = unique("KH");
             d.kind = "plan";
             d.title = "Kế hoạch";
             d.has_plan = true;
             NewTask t;
             t.task.directive_id = create_directive(call, d).at("id").as_int64();
             t.task.code = "NV1";
             t.task.name = "Nhiệm vụ chung";
             t.task.deadline_text = "Năm 2027";
             t.lead_group_ids = {group};
             return create_task(call, t);
           })
        .at("id")
        .as_int64();
  }
  // The unit's assignments of one task (a shared database holds other tests' groups by rule and their tasks).
  std::vector<store::Assignment> assignments_of(store::Id unit_id, store::Id task_id) {
    return db_->read([&](store::Connection& c) {
      store::AssignmentFilter f;
      f.unit_id = unit_id;
      f.task_id = task_id;
      return store::list_assignments(c, f);
    });
  }
};

TEST_F(UnitsService, UnitCreatedAndChangedAudited) {
  const auto created =
      as([&](const Call& call) { return create_unit(call, unique("XA1"), city_, named("Xã Một", "commune")); });
  EXPECT_EQ(created.at("peer_group").as_string(), "commune");  // R12: a commune is compared with communes
  const auto id = created.at("id").as_int64();
  UnitChange ch;
  ch.short_name = "X1";
  ch.active_from = domain::parse_iso_date("2025-07-01");
  const auto after = as([&](const Call& call) { return update_unit(call, id, ch); });
  EXPECT_EQ(after.at("active_from").as_string(), "2025-07-01");
  ch = {};
  ch.active_from = std::optional<domain::Date>{};  // null clears the day
  EXPECT_EQ(as([&](const Call& call) { return update_unit(call, id, ch); }).at("active_from"), json::value(nullptr));

  const auto entries = log("unit", id);
  ASSERT_EQ(entries.size(), 3u);
  EXPECT_EQ(entries[0].action, "create");
  EXPECT_EQ(json::parse(entries[0].after_json), json::value(created));
  EXPECT_EQ(entries[1].action, "update");
  EXPECT_EQ(json::parse(entries[1].before_json), json::value(created));
  EXPECT_EQ(json::parse(entries[1].after_json), json::value(after));
  const auto view = db_->read([&](store::Connection& c) { return unit_view(c, id); });
  EXPECT_TRUE(view.at("successors").as_array().empty());
}

TEST_F(UnitsService, UnitRefusals) {
  const auto id = new_unit("XA2", "commune", city_);
  auto r = refused([&](const Call& call) { return create_unit(call, unique("XA2"), city_, named("Lặp", "commune")); });
  ASSERT_TRUE(r);
  EXPECT_EQ(r->kind, Error::Kind::conflict);
  EXPECT_EQ(r->field, "code");
  r = refused([&](const Call& call) { return create_unit(call, unique("XA3"), city_, named("", "commune")); });
  ASSERT_TRUE(r);
  EXPECT_EQ(r->field, "name");
  r = refused([&](const Call& call) { return create_unit(call, unique("XA3"), city_, named("Tỉnh", "province")); });
  ASSERT_TRUE(r);
  EXPECT_EQ(r->field, "kind");
  EXPECT_NE(std::string(r->what()).find("chọn một trong"), std::string::npos);
  r = refused([&](const Call& call) { return create_unit(call, unique("XA3"), city_, named("Viện", "host_org")); });
  ASSERT_TRUE(r);
  EXPECT_EQ(r->field, "kind");  // a host organisation outside its own tree
  UnitChange days;
  days.active_from = domain::parse_iso_date("2026-01-01");
  days.active_to = domain::parse_iso_date("2025-01-01");
  r = refused([&](const Call& call) { return update_unit(call, id, days); });
  ASSERT_TRUE(r);
  EXPECT_EQ(r->field, "active_to");
  r = refused([&](const Call& call) { return update_unit(call, 987654321, {}); });
  ASSERT_TRUE(r);
  EXPECT_EQ(r->kind, Error::Kind::not_found);
}

// The unit a list or a page narrows to: within the actor's subtree, or refused.
TEST_F(UnitsService, ScopedUnit) {
  const auto ward = new_unit("PA", "ward", city_);
  const auto other = new_unit("PB", "ward", city_);
  Actor officer, stranger;
  db_->write([&](store::Connection& c) {
    officer = person(c, "dauMoi", "focal_point", ward);
    stranger = person(c, "phuongB", "focal_point", other);
  });
  db_->read([&](store::Connection& c) {
    EXPECT_EQ(scoped_unit(c, officer, ward).id, ward);
    EXPECT_EQ(scoped_unit(c, admin_, ward).id, ward);
  });
  const auto outside =
      refusal([&] { db_->read([&](store::Connection& c) { return scoped_unit(c, stranger, ward); }); });
  ASSERT_TRUE(outside);
  EXPECT_EQ(outside->kind, Error::Kind::forbidden);
  EXPECT_STREQ(outside->what(), "Đơn vị này nằm ngoài phạm vi của bạn.");
  const auto unknown =
      refusal([&] { db_->read([&](store::Connection& c) { return scoped_unit(c, admin_, 987654321); }); });
  ASSERT_TRUE(unknown);
  EXPECT_EQ(unknown->kind, Error::Kind::invalid);
  EXPECT_EQ(unknown->field, "unit_id");
  EXPECT_STREQ(unknown->what(), "Không tìm thấy đơn vị.");
}

TEST_F(UnitsService, GroupByRuleFollowsNewUnitsAndOwesItsTasks) {
  const auto first = new_unit("XA4", "commune", city_);
  const auto group = as([&](const Call& call) {
    return create_unit_group(call, unique("NHOM"), "Các xã", {}, {"commune", "commune"});
  });
  EXPECT_EQ(group.at("member_kinds"), (json::array{"commune"}));
  const auto group_id = group.at("id").as_int64();
  EXPECT_NE(
      std::find(group.at("member_ids").as_array().begin(), group.at("member_ids").as_array().end(), json::value(first)),
      group.at("member_ids").as_array().end());
  const auto task = task_for_group(group_id);
  EXPECT_EQ(assignments_of(first, task).size(), 1u);
  // A commune created later joins the group and owes its task from now on.
  const auto later = new_unit("XA5", "commune", city_);
  EXPECT_EQ(assignments_of(later, task).size(), 1u);

  auto r = refused([&](const Call& call) { return set_unit_group_members(call, group_id, {first}); });
  ASSERT_TRUE(r);
  EXPECT_EQ(r->kind, Error::Kind::conflict);  // members by rule are not changed by hand
  const auto hand = as([&](const Call& call) { return set_unit_group_rule(call, group_id, {}); });
  EXPECT_TRUE(hand.at("member_kinds").as_array().empty());
  const auto fewer = as([&](const Call& call) { return set_unit_group_members(call, group_id, {first}); });
  EXPECT_EQ(fewer.at("member_count").as_int64(), 1);
  EXPECT_TRUE(assignments_of(later, task).empty());  // who leaves no longer owes the group's task

  const auto entries = log("unit_group", group_id);
  ASSERT_EQ(entries.size(), 3u);
  EXPECT_EQ(entries[0].action, "create");
  EXPECT_EQ(entries[1].action, "set_rule");
  EXPECT_EQ(json::parse(entries[1].after_json), json::value(hand));
  EXPECT_EQ(entries[2].action, "set_members");
  EXPECT_EQ(json::parse(entries[2].before_json), json::value(hand));
  EXPECT_EQ(json::parse(entries[2].after_json), json::value(fewer));
}

TEST_F(UnitsService, GroupRefusals) {
  const auto member = new_unit("XA6", "commune", city_);
  auto r =
      refused([&](const Call& call) { return create_unit_group(call, unique("NHOM"), "Nhóm", {member}, {"commune"}); });
  ASSERT_TRUE(r);
  EXPECT_EQ(r->field, "member_ids");  // a rule and hand-picked members at once
  r = refused([&](const Call& call) { return create_unit_group(call, unique("NHOM"), "Nhóm", {}, {"host_org"}); });
  ASSERT_TRUE(r);
  EXPECT_EQ(r->field, "member_kinds");
  r = refused([&](const Call& call) { return create_unit_group(call, unique("NHOM"), "Nhóm", {987654321}, {}); });
  ASSERT_TRUE(r);
  EXPECT_EQ(r->field, "member_ids");
  as([&](const Call& call) { return create_unit_group(call, unique("NHOM"), "Nhóm", {member}, {}); });
  r = refused([&](const Call& call) { return create_unit_group(call, unique("NHOM"), "Nhóm", {}, {}); });
  ASSERT_TRUE(r);
  EXPECT_EQ(r->kind, Error::Kind::conflict);
  r = refused([&](const Call& call) { return set_unit_group_rule(call, 987654321, {"commune"}); });
  ASSERT_TRUE(r);
  EXPECT_EQ(r->kind, Error::Kind::not_found);
}

TEST_F(UnitsService, ClosedUnitPassesItsWorkAndGroups) {
  const auto closing = new_unit("XA7", "ward", city_);
  const auto successor = new_unit("XA8", "ward", city_);
  const auto group_id =
      as([&](const Call& call) { return create_unit_group(call, unique("NHOM"), "Phường A", {closing}, {}); })
          .at("id")
          .as_int64();
  task_for_group(group_id);
  const auto day = *domain::parse_iso_date("2026-12-01");
  const auto closed = as([&](const Call& call) {
    return close_unit(call, closing, day, "Sáp nhập", {SuccessorChoice{successor, {}}});
  });
  EXPECT_EQ(closed.at("active_to").as_string(), "2026-11-30");
  EXPECT_EQ(closed.at("passed").as_array().size(), 1u);
  EXPECT_EQ(closed.at("joined_groups").as_array().size(), 1u);
  EXPECT_EQ(closed.at("successors").as_array().size(), 1u);
  const auto entries = log("unit", closing);
  ASSERT_EQ(entries.back().action, "close");
  EXPECT_EQ(json::parse(entries.back().after_json), json::value(closed));

  auto r = refused([&](const Call& call) {
    return close_unit(call, closing, day, "Lần nữa", {SuccessorChoice{successor, {}}});
  });
  ASSERT_TRUE(r);
  EXPECT_EQ(r->kind, Error::Kind::invalid);  // closed already
  UnitChange days;
  days.active_to = domain::parse_iso_date("2026-12-31");
  r = refused([&](const Call& call) { return update_unit(call, closing, days); });
  ASSERT_TRUE(r);
  EXPECT_EQ(r->kind, Error::Kind::conflict);
  EXPECT_EQ(r->field, "active_to");
  r = refused([&](const Call& call) {
    return close_unit(call, successor, day, "Tách", {SuccessorChoice{987654321, {}}});
  });
  ASSERT_TRUE(r);
  EXPECT_EQ(r->field, "successors");
}

}  // namespace
}  // namespace tiendo::service
