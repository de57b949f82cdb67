#include "service/assignment_list.h"

#include <gtest/gtest.h>

#include <memory>

#include "service/use_case_test.h"

namespace tiendo::service {
namespace {

using S = domain::AssignmentStatus;

// A small list: rows share their task and unit headers, as the store gives them.
struct Rows {
  std::vector<std::unique_ptr<store::Assignment>> owned;
  std::vector<EvaluatedAssignment> rows;

  void add(store::Id id, std::shared_ptr<const store::UnitHeader> unit, store::Id unit_id,
           std::shared_ptr<const store::TaskHeader> task, store::Id task_id, S status, std::optional<domain::Date> due,
           int progress, bool counted = true, bool missed_update = false) {
    auto a = std::make_unique<store::Assignment>();
    a->id = id;
    a->unit_id = unit_id;
    a->task_id = task_id;
    a->directive_id = 1;
    a->unit = std::move(unit);
    a->task = std::move(task);
    a->progress_percent = progress;
    EvaluatedAssignment x;
    x.a = a.get();
    x.e.status = status;
    x.e.due = due;
    x.e.overdue_days = status == S::overdue ? 5 : 0;
    x.e.update_owed = missed_update;
    x.counted = counted;
    owned.push_back(std::move(a));
    rows.push_back(x);
  }
  std::vector<store::Id> ids() const {
    std::vector<store::Id> out;
    for (const auto& x : rows) out.push_back(x.a->id);
    return out;
  }
};

std::shared_ptr<const store::UnitHeader> unit(std::string name) {
  auto u = std::make_shared<store::UnitHeader>();
  u->name = std::move(name);
  return u;
}
std::shared_ptr<const store::TaskHeader> task(std::string code, std::string leader, std::string field) {
  auto t = std::make_shared<store::TaskHeader>();
  t->code = std::move(code);
  t->name = "Nhiệm vụ " + t->code;
  t->directing_leader = std::move(leader);
  t->field = std::move(field);
  return t;
}

domain::Date day(int d) { return domain::Date{std::chrono::year{2026} / 11 / d}; }

Rows sample() {
  const auto le_chan = unit("UBND phường Lê Chân");
  const auto an_bien = unit("UBND phường An Biên");
  const auto so_kh = unit("Sở Khoa học và Công nghệ");
  const auto t1 = task("1", "Đồng chí Chủ tịch", "Chuyển đổi số");
  const auto t2 = task("2", "Đồng chí Phó Chủ tịch", "Khoa học công nghệ");
  Rows r;
  r.add(1, le_chan, 10, t1, 100, S::in_progress, day(30), 40);
  r.add(2, an_bien, 11, t1, 100, S::overdue, day(3), 10);
  r.add(3, so_kh, 12, t2, 200, S::no_deadline, std::nullopt, 70);
  r.add(4, le_chan, 10, t2, 200, S::due_soon, day(20), 90, true, true);
  r.add(5, an_bien, 11, t2, 200, S::overdue, day(1), 0, /*counted=*/false);
  return r;
}

TEST(AssignmentList, ParsesEveryColumnAndRefusesOthers) {
  for (std::string_view k :
       {"unit", "task", "directing_leader", "field", "due", "progress", "status", "overdue_days", "-due", "-unit"})
    EXPECT_TRUE(list_order_from(k)) << k;
  for (std::string_view k : {"", "-", "name", "due ", "--due", "Unit"}) EXPECT_FALSE(list_order_from(k)) << k;
  EXPECT_TRUE(list_order_from("-progress")->descending);
  EXPECT_FALSE(list_order_from("progress")->descending);
}

TEST(AssignmentList, SortsByEachColumn) {
  const struct {
    const char* order;
    std::vector<store::Id> ids;
  } cases[] = {
      // Names folded without diacritics: "so …" before "ubnd phuong an …" before "ubnd phuong le …"; ties keep
      // the list's order.
      {"unit", {3, 2, 5, 1, 4}},
      {"-unit", {1, 4, 2, 5, 3}},
      {"task", {1, 2, 3, 4, 5}},
      {"-task", {3, 4, 5, 1, 2}},
      {"directing_leader", {1, 2, 3, 4, 5}},
      {"field", {1, 2, 3, 4, 5}},
      // Undated work comes last in both directions: it is never the most urgent.
      {"due", {5, 2, 4, 1, 3}},
      {"-due", {1, 4, 2, 5, 3}},
      {"progress", {5, 2, 1, 3, 4}},
      {"-progress", {4, 3, 1, 2, 5}},
      // The status needing attention most first.
      {"status", {2, 5, 4, 1, 3}},
      {"overdue_days", {1, 3, 4, 2, 5}},
  };
  for (const auto& c : cases) {
    auto r = sample();
    sort_assignments(r.rows, *list_order_from(c.order));
    EXPECT_EQ(r.ids(), c.ids) << c.order;
  }
}

TEST(AssignmentList, GroupsWorstFirstAndCountsOnlyCountedRows) {
  const auto r = sample();
  const auto by_unit = group_assignments(r.rows, GroupBy::unit);
  ASSERT_EQ(by_unit.size(), 3u);
  EXPECT_EQ(by_unit[0].label, "UBND phường An Biên");  // one counted overdue row
  EXPECT_EQ(by_unit[0].listed, 2);
  EXPECT_EQ(by_unit[0].counted, 1);  // R1: the row of an inactive day is listed, not counted
  EXPECT_EQ(by_unit[0].overdue(), 1);
  EXPECT_EQ(by_unit[0].warnings, 1);
  EXPECT_EQ(by_unit[0].filter_param, "unit_id");
  EXPECT_EQ(by_unit[0].filter_value, "11");
  EXPECT_EQ(by_unit[1].label, "UBND phường Lê Chân");  // one row warned: due soon, its update missing
  EXPECT_EQ(by_unit[1].warnings, 1);
  EXPECT_EQ(by_unit[2].label, "Sở Khoa học và Công nghệ");

  const auto by_task = group_assignments(r.rows, GroupBy::task);
  ASSERT_EQ(by_task.size(), 2u);
  EXPECT_EQ(by_task[0].label, "1. Nhiệm vụ 1");
  EXPECT_EQ(by_task[0].filter_value, "100");
  EXPECT_EQ(by_task[1].listed, 3);
  EXPECT_EQ(by_task[1].counted, 2);

  const auto by_field = group_assignments(r.rows, GroupBy::field);
  ASSERT_EQ(by_field.size(), 2u);
  EXPECT_EQ(by_field[0].filter_param, "field");
  EXPECT_EQ(by_field[0].filter_value, "Chuyển đổi số");

  long long listed = 0;
  for (const auto& g : group_assignments(r.rows, GroupBy::directing_leader)) listed += g.listed;
  EXPECT_EQ(listed, 5);  // every row is in exactly one group
  EXPECT_TRUE(group_assignments({}, GroupBy::unit).empty());
}

TEST(AssignmentList, GroupNamesRoundTrip) {
  for (GroupBy g : {GroupBy::unit, GroupBy::task, GroupBy::directing_leader, GroupBy::field})
    EXPECT_EQ(group_by_from(to_string(g)), g);
  EXPECT_FALSE(group_by_from("leader"));
}

class ListNames : public UseCaseTest {};

// An exported list's title names the unit and plan of its filters, when they exist.
TEST_F(ListNames, OfTheFiltersThatExist) {
  store::Id ward = 0, directive = 0;
  db_->write([&](store::Connection& c) {
    ward = unit(c, "PhuongA", city_);
    directive = plan(c, "27/KH");
  });
  const auto names = db_->read([&](store::Connection& c) { return list_filter_names(c, ward, directive); });
  EXPECT_EQ(names.unit_name, "Đơn vị PhuongA");
  ASSERT_TRUE(names.plan_number);
  EXPECT_TRUE(names.plan_number->starts_with("27/KH"));
  const auto none = db_->read([&](store::Connection& c) { return list_filter_names(c, 987654321, std::nullopt); });
  EXPECT_FALSE(none.unit_name);
  EXPECT_FALSE(none.plan_number);
}

}  // namespace
}  // namespace tiendo::service
