// Published rankings at the store: one per plan, peer group and month (the second publisher is told, not
// duplicated), kept as published, listed newest month first. SQLite in a temporary file, or the database named
// by TIENDO_STORE_TEST_DB (a PostgreSQL URL; each test adds its own rows beside whatever is there).
#include "store/ranking_store.h"

#include <gtest/gtest.h>

#include "store/test_database.h"

namespace tiendo::store {
namespace {

class RankingPublications : public StoreTest {
 protected:
  void SetUp() override {
    StoreTest::SetUp();
    const std::string name = ::testing::UnitTest::GetInstance()->current_test_info()->name();
    db_->write([&](Connection& c) {
      const Id unit = c.query(
                           "INSERT INTO units (code, name, kind, path) VALUES ($1, 'Sở KH&CN', 'department', "
                           "'/1/') RETURNING id",
                           {"R-" + name})
                          .at(0)
                          .i64(0);
      user_ = c.query(
                   "INSERT INTO users (username, full_name, password_hash, role, unit_id, created_at) VALUES "
                   "($1, 'Nguyễn Văn A', 'x', 'standing_agency', $2, '2026-11-01T00:00:00Z') RETURNING id",
                   {"r-" + name, unit})
                  .at(0)
                  .i64(0);
      plan_ = c.query(
                   "INSERT INTO directives (number, kind, title, has_plan) VALUES ($1, 'plan', 'Kế hoạch', 1) "
                   "RETURNING id",
                   {"9/KH-" + name})
                  .at(0)
                  .i64(0);
    });
  }
  RankingPublication publication(const std::string& month, const std::string& group) const {
    RankingPublication p;
    p.directive_id = plan_;
    p.peer_group = group;
    p.month = month;
    p.as_of = month + "-28";
    p.ranking = R"({"items":[{"rank":1,"unit_id":7}]})";
    p.published_by = user_;
    p.published_at = "2026-11-02T03:00:00Z";
    return p;
  }
  Id user_ = 0, plan_ = 0;
};

TEST_F(RankingPublications, OnePerPlanGroupAndMonthKeptAsPublished) {
  const auto first =
      db_->write([&](Connection& c) { return insert_ranking_publication(c, publication("2026-10", "commune")); });
  ASSERT_TRUE(first);
  auto again = publication("2026-10", "commune");
  again.ranking = R"({"items":[]})";
  EXPECT_FALSE(db_->write([&](Connection& c) { return insert_ranking_publication(c, again); }));
  // Another group or month is its own publication.
  EXPECT_TRUE(
      db_->write([&](Connection& c) { return insert_ranking_publication(c, publication("2026-10", "department")); }));
  EXPECT_TRUE(
      db_->write([&](Connection& c) { return insert_ranking_publication(c, publication("2026-09", "commune")); }));

  const auto kept = db_->read([&](Connection& c) { return find_ranking_publication(c, *first); });
  ASSERT_TRUE(kept);
  EXPECT_EQ(kept->ranking, R"({"items":[{"rank":1,"unit_id":7}]})");
  EXPECT_EQ(kept->published_by_name, "Nguyễn Văn A");
  EXPECT_EQ(kept->directive_number, "9/KH-OnePerPlanGroupAndMonthKeptAsPublished");

  RankingPublicationFilter f;
  f.directive_id = plan_;
  f.peer_group = "commune";
  const auto listed = db_->read([&](Connection& c) { return list_ranking_publications(c, f); });
  ASSERT_EQ(listed.size(), 2u);
  EXPECT_EQ(listed[0].month, "2026-10");
  EXPECT_EQ(listed[1].month, "2026-09");
  EXPECT_TRUE(listed[0].ranking.empty()) << "the list leaves the tables out";
  f.peer_group.reset();
  EXPECT_EQ(db_->read([&](Connection& c) { return list_ranking_publications(c, f); }).size(), 3u);
}

}  // namespace
}  // namespace tiendo::store
