// Follow-up's named reads: a pending extension, a reminder day already run, the deliveries a sender leases
// and the text of the notification it sends. On SQLite, or on PostgreSQL when TIENDO_STORE_TEST_DB names one.
#include "store/followup_store.h"

#include <algorithm>

#include "store/test_database.h"
#include "store/user_store.h"

namespace tiendo::store {
namespace {

using FollowupStore = StoreTest;

TEST_F(FollowupStore, PendingExtensionUntilDecided) {
  db_->write([&](Connection& c) {
    const Id city = unit(c, "CITY", std::nullopt);
    Task t = task(plan(c, "KH"), "T1", "Việc");
    const Id a = create_task(c, t, {city}, {}, kAt).at(0);
    EXPECT_FALSE(has_pending_extension(c, a));
    const Id e = insert_extension(c, a, std::string("2026-12-31"), "2027-03-31", "Chờ kinh phí", 0, kAt);
    EXPECT_TRUE(has_pending_extension(c, a));
    ASSERT_TRUE(decide_extension(c, e, "rejected", 0, "2026-11-02T00:00:00Z"));
    EXPECT_FALSE(has_pending_extension(c, a));
  });
}

// The follow-up rows read back as named fields, each list scoped to a subtree and filtered by its state.
TEST_F(FollowupStore, FollowUpRowsReadBackByName) {
  db_->write([&](Connection& c) {
    const Id city = unit(c, "CITY", std::nullopt);
    const Id commune = unit(c, "XA", city);
    const std::string commune_path = find_unit(c, commune)->path;
    Task t = task(plan(c, "KH"), "T1", "Số hóa hồ sơ", "2026-10-31");
    const Id a = create_task(c, t, {commune}, {}, kAt).at(0);

    const Id e = insert_extension(c, a, std::string("2026-10-31"), "2027-01-31", "Chờ kinh phí", 0, kAt);
    const auto ext = find_extension(c, e);
    ASSERT_TRUE(ext.has_value());
    EXPECT_EQ(ext->assignment_id, a);
    EXPECT_EQ(ext->previous_due, "2026-10-31");
    EXPECT_EQ(ext->requested_due, "2027-01-31");
    EXPECT_EQ(ext->state, "pending");
    EXPECT_FALSE(ext->decided_at.has_value());
    EXPECT_EQ(ext->unit_id, commune);
    EXPECT_EQ(ext->unit_path, commune_path);
    EXPECT_EQ(ext->task_code, "T1");
    EXPECT_EQ(ext->task_name, "Số hóa hồ sơ");
    const auto pending = list_extensions(c, commune_path, std::string("pending"));
    ASSERT_EQ(pending.size(), 1u);
    EXPECT_EQ(pending[0].id, e);
    EXPECT_TRUE(list_extensions(c, commune_path, std::string("approved")).empty());
    ASSERT_TRUE(decide_extension(c, e, "approved", 0, "2026-11-02T00:00:00Z"));
    EXPECT_EQ(find_extension(c, e)->decided_at, "2026-11-02T00:00:00Z");

    const Id r = insert_overdue_review(c, a, "Chưa có kinh phí", "Phòng Kinh tế", "Trưởng phòng", "Bổ sung dự toán",
                                       "2027-03-31", "Tháng 12: trình", 0, kAt);
    auto review = find_overdue_review(c, r);
    ASSERT_TRUE(review.has_value());
    EXPECT_EQ(review->cause, "Chưa có kinh phí");
    EXPECT_EQ(review->new_due, "2027-03-31");
    EXPECT_EQ(review->state, "open");
    EXPECT_EQ(review->unit_path, commune_path);
    ASSERT_TRUE(close_overdue_review(c, r, "2026-11-03T00:00:00Z"));
    review = find_overdue_review(c, r);
    EXPECT_EQ(review->state, "closed");
    EXPECT_EQ(review->closed_at, "2026-11-03T00:00:00Z");
    EXPECT_EQ(list_overdue_reviews(c, commune_path, std::string("closed")).size(), 1u);
    EXPECT_TRUE(list_overdue_reviews(c, commune_path, std::string("open")).empty());

    const Id leader = user(c, "lanhdao", "leader", city).id;
    const Id x = insert_explanation(c, commune, a, std::nullopt, "Vì sao chậm?", "2026-11-10", leader, kAt);
    auto asked = find_explanation(c, x);
    ASSERT_TRUE(asked.has_value());
    EXPECT_EQ(asked->unit_id, commune);
    EXPECT_EQ(asked->assignment_id, a);
    EXPECT_FALSE(asked->indicator_id.has_value());
    EXPECT_EQ(asked->question, "Vì sao chậm?");
    EXPECT_EQ(asked->due_on, "2026-11-10");
    EXPECT_EQ(asked->requested_by_name, "lanhdao");  // the full name, not the user name
    EXPECT_FALSE(asked->answered_at.has_value());
    EXPECT_EQ(list_explanations(c, commune_path, false).size(), 1u);
    ASSERT_TRUE(answer_explanation(c, x, "Do thiếu kinh phí", leader, "2026-11-04T00:00:00Z"));
    EXPECT_FALSE(answer_explanation(c, x, "Lần hai", leader, "2026-11-05T00:00:00Z"));
    asked = find_explanation(c, x);
    EXPECT_EQ(asked->answer, "Do thiếu kinh phí");
    EXPECT_EQ(asked->answered_at, "2026-11-04T00:00:00Z");
    EXPECT_TRUE(list_explanations(c, commune_path, false).empty());
    EXPECT_EQ(list_explanations(c, commune_path, true).size(), 1u);
  });
}

TEST_F(FollowupStore, ReminderDayDoneOncePerPlanAndDay) {
  db_->write([&](Connection& c) {
    const Id p = plan(c, "KH"), other = plan(c, "KH2");
    EXPECT_FALSE(reminder_day_done(c, p, "2026-11-20"));
    record_reminder_day(c, p, "2026-11-20", kAt);
    EXPECT_TRUE(reminder_day_done(c, p, "2026-11-20"));
    EXPECT_FALSE(reminder_day_done(c, p, "2026-11-21"));
    EXPECT_FALSE(reminder_day_done(c, other, "2026-11-20"));
  });
}

TEST_F(FollowupStore, ClaimedDeliveriesNameTheirNotification) {
  db_->write([&](Connection& c) {
    const User u = user(c, "u", "focal_point", unit(c, "CITY", std::nullopt), "nguoi.nhan@example.vn");
    const Id to = u.id;
    const Id n = *insert_notification(
        c, to, unique("k"), {"before_due", "Nhắc báo cáo", "Còn 5 ngày.", "#/inbox", "Report reminder", "5 days left."},
        kAt);
    queue_delivery(c, n, u.email, kAt);
    const auto claimed = claim_deliveries(c, "2026-11-01T00:01:00Z", "2026-11-01T00:03:00Z", 1000);
    const auto mine =
        std::find_if(claimed.begin(), claimed.end(), [&](const ClaimedMail& d) { return d.notification_id == n; });
    ASSERT_NE(mine, claimed.end());
    EXPECT_GT(mine->id, 0);
    EXPECT_EQ(mine->address, "nguoi.nhan@example.vn");
    EXPECT_EQ(mine->attempts, 1);
    const auto text = notification_text(c, n);
    ASSERT_TRUE(text.has_value());
    EXPECT_EQ(text->title, "Nhắc báo cáo");
    EXPECT_EQ(text->body, "Còn 5 ngày.");
    EXPECT_EQ(text->title_en, "Report reminder");
    EXPECT_EQ(text->body_en, "5 days left.");
    EXPECT_FALSE(notification_text(c, n + 1000000).has_value());
    // In the bell: both languages as written, the delivery's state beside it.
    long long total = 0, unread = 0;
    const auto listed = list_notifications(c, to, Page{10, 0}, &total, &unread);
    ASSERT_EQ(listed.size(), 1u);
    EXPECT_EQ(total, 1);
    EXPECT_EQ(unread, 1);
    EXPECT_EQ(listed[0].id, n);
    EXPECT_EQ(listed[0].content.kind, "before_due");
    EXPECT_EQ(listed[0].content.title, "Nhắc báo cáo");
    EXPECT_EQ(listed[0].content.body, "Còn 5 ngày.");
    EXPECT_EQ(listed[0].content.link, "#/inbox");
    EXPECT_EQ(listed[0].content.title_en, "Report reminder");
    EXPECT_EQ(listed[0].content.body_en, "5 days left.");
    EXPECT_EQ(listed[0].created_at, kAt);
    EXPECT_FALSE(listed[0].read_at.has_value());
    ASSERT_TRUE(listed[0].email.has_value());
    EXPECT_EQ(listed[0].email->state, "sending");
    EXPECT_EQ(listed[0].email->attempts, 1);
    // The same event again for the same user is not a second notification.
    EXPECT_TRUE(insert_notification(c, to, "dup", listed[0].content, kAt).has_value());
    EXPECT_FALSE(insert_notification(c, to, "dup", listed[0].content, kAt).has_value());
    EXPECT_TRUE(mark_notification_read(c, n, to, "2026-11-02T00:00:00Z"));
    EXPECT_FALSE(mark_notification_read(c, n, to + 1000000, "2026-11-02T00:00:00Z"));
    const auto after = list_notifications(c, to, Page{10, 0}, &total, &unread);
    ASSERT_EQ(after.size(), 2u);  // newest first: the "dup" one, then the one read
    EXPECT_EQ(after[1].read_at, "2026-11-02T00:00:00Z");
    EXPECT_FALSE(after[0].email.has_value());
    EXPECT_EQ(unread, 1);
  });
}

}  // namespace
}  // namespace tiendo::store
