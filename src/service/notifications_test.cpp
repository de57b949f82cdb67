// A person's own notifications as the API runs them: the page with its unread count, one marked read by its owner
// only, the e-mail preference. On SQLite, or on PostgreSQL when TIENDO_STORE_TEST_DB names one.
#include "service/notifications.h"

#include <gtest/gtest.h>

#include "service/use_case_test.h"
#include "store/followup_store.h"

namespace tiendo::service {
namespace {

class NotificationsService : public UseCaseTest {
 protected:
  void SetUp() override {
    UseCaseTest::SetUp();
    db_->write([&](store::Connection& c) {
      owner_ = person(c, "dauMoi", "focal_point", city_);
      other_ = person(c, "khac", "focal_point", city_);
      store::NotificationContent n{"reminder",  "Sắp đến hạn báo cáo", "Kỳ 2026-11",
                                   "#/reports", "Report due soon",     "Period 2026-11"};
      id_ = *store::insert_notification(c, owner_.user_id, unique("nhac"), n, kAt);
    });
  }
  boost::json::object page(const Actor& who) {
    return db_->read([&](store::Connection& c) { return notifications(c, who, store::Page{50, 0}); });
  }

  Actor owner_, other_;
  store::Id id_ = 0;
};

TEST_F(NotificationsService, OwnNotificationsReadByTheirOwnerOnly) {
  auto mine = page(owner_);
  ASSERT_EQ(mine.at("total").as_int64(), 1);
  EXPECT_EQ(mine.at("unread").as_int64(), 1);
  const auto& n = mine.at("items").as_array().at(0).as_object();
  EXPECT_EQ(n.at("title").as_string(), "Sắp đến hạn báo cáo");
  EXPECT_EQ(n.at("title_en").as_string(), "Report due soon");
  EXPECT_TRUE(n.at("read_at").is_null());
  EXPECT_TRUE(n.at("email").is_null());
  EXPECT_EQ(page(other_).at("total").as_int64(), 0);

  const auto theirs = refusal([&] { as(other_, [&](const Call& call) { mark_notification_read(call, id_); }); });
  ASSERT_TRUE(theirs);
  EXPECT_EQ(theirs->kind, Error::Kind::not_found);
  EXPECT_STREQ(theirs->what(), "Không tìm thấy thông báo.");
  as(owner_, [&](const Call& call) { mark_notification_read(call, id_); });
  EXPECT_EQ(page(owner_).at("unread").as_int64(), 0);
}

TEST_F(NotificationsService, EmailPreference) {
  as(owner_, [&](const Call& call) { set_email_preference(call, false); });
  EXPECT_FALSE(db_->read([&](store::Connection& c) { return store::find_user(c, owner_.user_id)->notify_email; }));
  as(owner_, [&](const Call& call) { set_email_preference(call, true); });
  EXPECT_TRUE(db_->read([&](store::Connection& c) { return store::find_user(c, owner_.user_id)->notify_email; }));
}

}  // namespace
}  // namespace tiendo::service
