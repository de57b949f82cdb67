// The plan's named reads that the handlers and the plan import use: the root unit, group sizes, the plans
// implementing a directive, what a plan holds and the codes taken in it. On SQLite, or on PostgreSQL when
// TIENDO_STORE_TEST_DB names one (test_database.h).
#include "store/plan_store.h"

#include <algorithm>

#include "store/test_database.h"

namespace tiendo::store {
namespace {

using PlanStore = StoreTest;

TEST_F(PlanStore, RootUnitIsTheFirstUnitWithoutParent) {
  db_->write([&](Connection& c) {
    const Id city = unit(c, "CITY", std::nullopt);
    unit(c, "WARD", city);
    const auto root = root_unit(c);
    ASSERT_TRUE(root.has_value());
    EXPECT_FALSE(root->parent_id.has_value());
    EXPECT_LE(root->id, city);  // a shared database may hold an older root
    if (root->id == city) {
      EXPECT_EQ(root->name, "Đơn vị CITY");
    }
  });
}

TEST_F(PlanStore, GroupSizesCountTheCurrentMembers) {
  db_->write([&](Connection& c) {
    const Id city = unit(c, "CITY", std::nullopt);
    const Id a = unit(c, "A", city), b = unit(c, "B", city);
    UnitGroup g;
    g.code = unique("G");
    g.name = "Nhóm";
    g.member_ids = {a, b};
    const Id group = insert_unit_group(c, g, kAt);
    UnitGroup empty;
    empty.code = unique("E");
    empty.name = "Nhóm trống";
    const Id none = insert_unit_group(c, empty, kAt);
    const auto sizes = unit_group_sizes(c);
    EXPECT_EQ(sizes.at(group), 2);
    EXPECT_FALSE(sizes.contains(none));
    set_group_members(c, group, {a}, "2026-11-02T00:00:00Z");
    EXPECT_EQ(unit_group_sizes(c).at(group), 1);
  });
}

TEST_F(PlanStore, DirectivesBasedOnNameThePlansImplementingOne) {
  db_->write([&](Connection& c) {
    const Id basis = plan(c, "NQ");
    const Id first = plan(c, "KH1", {basis});
    const Id second = plan(c, "KH2", {basis});
    plan(c, "KH3");  // on another basis: not listed
    const auto refs = directives_based_on(c, basis);
    ASSERT_EQ(refs.size(), 2u);
    EXPECT_EQ(refs[0].id, first);
    EXPECT_EQ(refs[0].number, unique("KH1"));
    EXPECT_EQ(refs[0].title, "Kế hoạch KH1");
    EXPECT_EQ(refs[1].id, second);
    EXPECT_TRUE(directives_based_on(c, second).empty());
  });
}

TEST_F(PlanStore, NumberAndTitleOfOneDirective) {
  db_->write([&](Connection& c) {
    const Id p = plan(c, "KH", {plan(c, "NQ")});
    const auto ref = find_directive_ref(c, p);
    ASSERT_TRUE(ref);
    EXPECT_EQ(ref->id, p);
    EXPECT_EQ(ref->number, unique("KH"));
    EXPECT_EQ(ref->title, "Kế hoạch KH");
    EXPECT_FALSE(find_directive_ref(c, p + 1000000));
  });
}

TEST_F(PlanStore, ContentsAndCodesOfOnePlan) {
  db_->write([&](Connection& c) {
    const Id p = plan(c, "KH"), other = plan(c, "KHX");
    for (const char* code : {"1", "2"}) insert_indicator(c, indicator(p, code), kAt);
    Task t = task(p, "T1", "Việc");
    insert_task(c, t, kAt);
    t.directive_id = other;
    t.code = "T9";
    insert_task(c, t, kAt);
    const auto contents = plan_contents(c, p);
    EXPECT_EQ(contents.indicator_count, 2);
    EXPECT_EQ(contents.task_count, 1);
    EXPECT_EQ(task_codes(c, p), std::vector<std::string>{"T1"});
    auto codes = indicator_codes(c, p);
    std::sort(codes.begin(), codes.end());
    EXPECT_EQ(codes, (std::vector<std::string>{"1", "2"}));
    EXPECT_EQ(plan_contents(c, other).indicator_count, 0);
  });
}

}  // namespace
}  // namespace tiendo::store
