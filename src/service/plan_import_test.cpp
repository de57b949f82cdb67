// The import page's three use cases as the API calls them: a file's rows kept as a preview, the person's choices
// for words no unit matched, and the confirmation that creates the rows, each audited; and their refusals. On
// SQLite, or on PostgreSQL when TIENDO_STORE_TEST_DB names one.
#include "service/plan_import.h"

#include <gtest/gtest.h>

#include "service/use_case_test.h"

namespace tiendo::service {
namespace {

namespace json = boost::json;

class PlanImportService : public UseCaseTest {
 protected:
  void SetUp() override {
    UseCaseTest::SetUp();
    db_->write([&](store::Connection& c) {
      plan_ = plan(c, "KH-NHAP");
      ward_ = unit(c, "PhuongA", city_);
    });
  }

  // One task whose lead unit is written in words no unit has.
  static domain::ImportedPlan one_task() {
    domain::ImportedPlan p;
    domain::ImportedTask t;
    t.row = 1;
    t.code = "1";
    t.name = "Số hóa hồ sơ hộ tịch";
    t.lead_text = "Tổ công tác đặc biệt";
    t.output = "Cơ sở dữ liệu";
    t.deadline_text = "Quý IV/2026";
    p.tasks.push_back(t);
    return p;
  }

  store::Id upload(const domain::ImportedPlan& p, std::optional<std::string> upstream = std::nullopt) {
    return as([&](const Call& call) { return upload_plan_import(call, plan_, "ke-hoach.xlsx", "xlsx", p, upstream); })
        .at("id")
        .as_int64();
  }

  store::Id plan_ = 0, ward_ = 0;
};

TEST_F(PlanImportService, PreviewChoicesThenConfirmCreatesTheRowsOnce) {
  const auto id = upload(one_task());
  auto entries = log("plan_import", id);
  ASSERT_EQ(entries.size(), 1u);
  EXPECT_EQ(entries[0].action, "upload");
  EXPECT_EQ(json::parse(entries[0].after_json).at("tasks"), 1);
  EXPECT_GT(json::parse(entries[0].after_json).at("indicators").as_int64(), -1);

  const auto blocked = refused([&](const Call& call) { return confirm_plan_import(call, id); });
  ASSERT_TRUE(blocked) << "an unmatched lead unit blocks the confirmation";
  EXPECT_EQ(blocked->kind, Error::Kind::conflict);

  const auto unknown = refused([&](const Call& call) {
    return choose_import_units(call, id, {{"choices[0]", "Tổ công tác đặc biệt", {ward_ + 100000}, {}}});
  });
  ASSERT_TRUE(unknown);
  EXPECT_EQ(unknown->kind, Error::Kind::invalid);
  EXPECT_EQ(unknown->field, "choices[0].unit_ids");

  as([&](const Call& call) {
    return choose_import_units(call, id, {{"choices[0]", "Tổ công tác đặc biệt", {ward_}, {}}});
  });
  const auto out = as([&](const Call& call) { return confirm_plan_import(call, id); });
  EXPECT_EQ(out.at("state"), "confirmed");
  EXPECT_EQ(out.at("created").at("tasks"), 1);
  EXPECT_EQ(out.at("created").at("assignments"), 1);
  entries = log("plan_import", id);
  ASSERT_EQ(entries.size(), 2u);
  EXPECT_EQ(entries[1].action, "confirm");

  const auto again = refused([&](const Call& call) { return confirm_plan_import(call, id); });
  ASSERT_TRUE(again);
  EXPECT_EQ(again->field, "state");
  const auto late_choice = refused([&](const Call& call) { return choose_import_units(call, id, {}); });
  ASSERT_TRUE(late_choice);
  EXPECT_EQ(late_choice->field, "state");
}

TEST_F(PlanImportService, RefusesAnUnknownSystemAndWhatIsNotAPlan) {
  const auto system = refused([&](const Call& call) {
    return upload_plan_import(call, plan_, "ct.xlsx", "xlsx", one_task(), std::string("khong-co"));
  });
  ASSERT_TRUE(system);
  EXPECT_EQ(system->field, "upstream");

  const auto missing = refused([&](const Call& call) {
    return upload_plan_import(call, plan_ + 100000, "k.xlsx", "xlsx", one_task(), std::nullopt);
  });
  ASSERT_TRUE(missing);
  EXPECT_EQ(missing->kind, Error::Kind::not_found);

  const auto none = refused([&](const Call& call) { return confirm_plan_import(call, 100000000); });
  ASSERT_TRUE(none);
  EXPECT_EQ(none->kind, Error::Kind::not_found);
}

}  // namespace
}  // namespace tiendo::service
