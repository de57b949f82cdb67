// Published rankings as the API runs them: only an ended month, once per plan, group and month, audited, each unit
// reading the rows of its own subtree. On SQLite, or on PostgreSQL when TIENDO_STORE_TEST_DB names one.
#include "service/ranking.h"

#include <gtest/gtest.h>

#include "service/dashboard_model.h"
#include "service/use_case_test.h"
#include "store/plan_store.h"

namespace tiendo::service {
namespace {

namespace json = boost::json;

class RankingService : public UseCaseTest {
 protected:
  void SetUp() override {
    UseCaseTest::SetUp();
    now_ = *domain::parse_iso_instant("2026-12-05T03:00:00Z");  // November, when the plan had its work, has ended
    db_->write([&](store::Connection& c) {
      ward_ = unit(c, "PhuongA", city_);
      other_ = unit(c, "PhuongB", city_);
      directive_ = plan(c, "KH-XH");
      agency_ = person(c, "thuongtruc", "standing_agency", city_, false);
      stranger_ = person(c, "phuongB", "focal_point", other_);
      store::Task t;
      t.directive_id = directive_;
      t.code = "1";
      t.name = "Số hóa hồ sơ";
      t.deadline_kind = "exact";
      t.deadline_due = "2026-11-15";
      store::create_task(c, t, {ward_, other_}, {}, kAt);
    });
  }
  json::object publish(const std::string& month) {
    RankingPublicationRequest in;
    in.peer_group = "commune";
    in.month = *domain::parse_period(month);
    in.directive_id = directive_;
    return publish_ranking(*db_, model_, agency_, now_, in);
  }

  DashboardModel model_;
  store::Id ward_ = 0, other_ = 0, directive_ = 0;
  Actor agency_, stranger_;
};

TEST_F(RankingService, PublishedOnceForAnEndedMonthAndAudited) {
  const auto open = refusal([&] { publish("2026-12"); });  // now_ is in December
  ASSERT_TRUE(open);
  EXPECT_EQ(open->kind, Error::Kind::conflict);
  EXPECT_EQ(open->field, "month");

  const auto out = publish("2026-11");
  const auto id = out.at("id").as_int64();
  EXPECT_EQ(out.at("as_of").as_string(), "2026-11-30");
  EXPECT_EQ(out.at("month_label").as_string(), "tháng 11/2026");
  const auto& items = out.at("ranking").at("items").as_array();
  EXPECT_GE(items.size(), 2u);  // the two wards (on a shared PostgreSQL database, other tests' communes too)
  for (const auto& item : items) EXPECT_FALSE(item.as_object().contains("unit_path"));
  ASSERT_EQ(log("ranking_publication", id).size(), 1u);

  const auto again = refusal([&] { publish("2026-11"); });
  ASSERT_TRUE(again);
  EXPECT_EQ(again->kind, Error::Kind::conflict);
  EXPECT_EQ(again->field, "month");

  store::RankingPublicationFilter f;
  f.directive_id = directive_;
  const auto listed = db_->read([&](store::Connection& c) { return ranking_publications(c, f); });
  ASSERT_EQ(listed.size(), 1u);
  EXPECT_EQ(listed[0].at("id").as_int64(), id);
}

// A unit reads its own place only; the whole-city roles the whole table.
TEST_F(RankingService, AUnitReadsTheRowsOfItsSubtree) {
  const auto id = publish("2026-11").at("id").as_int64();
  const auto read = [&](const Actor& who) {
    return db_->read([&](store::Connection& c) { return ranking_publication(c, who, id); });
  };
  const auto whole = read(agency_).at("ranking").as_object();
  const auto rows = static_cast<long long>(whole.at("items").as_array().size());
  EXPECT_GE(rows, 2);
  const auto own = read(stranger_).at("ranking").as_object();
  ASSERT_EQ(own.at("items").as_array().size(), 1u);
  EXPECT_EQ(own.at("items").as_array()[0].at("unit_id").as_int64(), other_);
  EXPECT_EQ(own.at("total").as_int64(), rows);
  const auto missing =
      refusal([&] { db_->read([&](store::Connection& c) { return ranking_publication(c, stranger_, 999999); }); });
  ASSERT_TRUE(missing);
  EXPECT_EQ(missing->kind, Error::Kind::not_found);
}

}  // namespace
}  // namespace tiendo::service
