// Feedback items as stored and read back: every column round-trips, an update at a stale version writes nothing,
// and the reminders' read (items still owed an answer) leaves out the classified-away and the answered. On
// SQLite, or on PostgreSQL when TIENDO_STORE_TEST_DB names one (rows of other tests beside these).
#include "store/feedback_store.h"

#include <algorithm>
#include <set>

#include "store/test_database.h"
#include "store/user_store.h"

namespace tiendo::store {
namespace {

using FeedbackStore = StoreTest;

FeedbackItem item(const std::string& code, const std::string& state, std::optional<Id> unit) {
  FeedbackItem f;
  f.code = code;
  f.kind = "phan_anh";
  f.field = "chuyen_doi_so";
  f.channel = unit ? "letter" : "web";
  f.title = "Cổng dịch vụ công chậm";
  f.body = "Nộp hồ sơ trực tuyến bị lỗi " + code;
  f.sender_type = "nguoi_dan";
  f.contact_sealed = "sealed";
  f.contact_hash = "hash-" + code;
  f.body_hash = "body-" + code;
  f.consent_at = "2026-11-01T00:00:00Z";
  f.rating_token_hash = "token-" + code;
  f.received_at = "2026-11-02T01:00:00Z";
  f.received_on = "2026-11-02";
  f.received_unit_id = unit;
  f.state = state;
  f.acknowledge_due = "2026-11-03";
  f.forward_due = "2026-11-09";
  f.answer_due = "2026-11-17";
  f.owed_by = f.answer_due;
  return f;
}

TEST_F(FeedbackStore, AnItemReadsBackAsWritten) {
  db_->write([&](Connection& c) {
    const Id city = unit(c, "CITY", std::nullopt);
    auto f = item(unique("PA"), "received", city);
    f.external_ref = "PAKN-123";
    const Id id = insert_feedback(c, f);
    const auto back = find_feedback(c, id);
    ASSERT_TRUE(back.has_value());
    EXPECT_EQ(back->code, f.code);
    EXPECT_EQ(back->external_ref, "PAKN-123");
    EXPECT_EQ(back->title, f.title);
    EXPECT_EQ(back->received_on, "2026-11-02");
    EXPECT_EQ(back->answer_due, "2026-11-17");
    EXPECT_EQ(back->owed_by, "2026-11-17");
    EXPECT_EQ(back->received_unit_id, city);
    EXPECT_EQ(back->state, "received");
    EXPECT_EQ(back->version, 1);
    EXPECT_FALSE(back->extended_due.has_value());
    EXPECT_EQ(find_feedback_by_code(c, f.code)->id, id);
  });
}

TEST_F(FeedbackStore, AStaleVersionWritesNothing) {
  db_->write([&](Connection& c) {
    auto f = item(unique("PA"), "received", std::nullopt);
    f.id = insert_feedback(c, f);
    f.state = "accepted";
    f.extended_due = "2026-12-01";
    f.owed_by = "2026-12-01";
    ASSERT_TRUE(update_feedback(c, f, 1));
    f.state = "not_accepted";
    EXPECT_FALSE(update_feedback(c, f, 1));
    const auto back = find_feedback(c, f.id);
    EXPECT_EQ(back->state, "accepted");
    EXPECT_EQ(back->extended_due, "2026-12-01");
    EXPECT_EQ(back->owed_by, "2026-12-01");
    EXPECT_EQ(back->version, 2);
  });
}

TEST_F(FeedbackStore, AwaitingAnswerLeavesOutTheClassifiedAwayAndTheAnswered) {
  db_->write([&](Connection& c) {
    const Id city = unit(c, "CITY", std::nullopt);
    std::set<Id> owed, settled;
    for (const std::string state : {"received", "accepted", "assigned", "drafted"})
      owed.insert(insert_feedback(c, item(unique("PA-" + state), state, city)));
    for (const std::string state : {"not_accepted", "merged", "forwarded", "published"})
      settled.insert(insert_feedback(c, item(unique("PA-" + state), state, city)));
    FeedbackFilter f;
    f.awaiting_answer = true;
    std::set<Id> listed;
    for (const auto& i : list_feedback(c, f, 0, 0, nullptr)) listed.insert(i.id);
    for (const Id id : owed) EXPECT_TRUE(listed.count(id)) << id;
    for (const Id id : settled) EXPECT_FALSE(listed.count(id)) << id;
    long long total = 0;
    f.state = "drafted";
    const auto drafted = list_feedback(c, f, 10, 0, &total);
    EXPECT_TRUE(
        std::all_of(drafted.begin(), drafted.end(), [](const FeedbackItem& i) { return i.state == "drafted"; }));
    EXPECT_GE(total, 1);
  });
}

TEST_F(FeedbackStore, ATaskIsLinkedOnceAndAnEndedLinkIsKept) {
  db_->write([&](Connection& c) {
    const Id city = unit(c, "CITY", std::nullopt);
    Task t = task(plan(c, "KH"), "T1", "Số hóa hồ sơ đất đai");
    create_task(c, t, {city}, {}, kAt);
    const auto task = list_tasks(c, {.directive_id = t.directive_id}, {10, 0}, nullptr).at(0);
    const Id by = user(c, "haian", "focal_point", city).id;
    const Id fid = insert_feedback(c, item(unique("PA"), "received", city));
    EXPECT_TRUE(link_feedback_task(c, fid, task.id, by, kAt));
    EXPECT_FALSE(link_feedback_task(c, fid, task.id, by, kAt));
    auto links = list_feedback_task_links(c, {fid});
    ASSERT_EQ(links.size(), 1u);
    EXPECT_EQ(links[0].task_id, task.id);
    EXPECT_EQ(links[0].task_code, "T1");
    EXPECT_EQ(links[0].task_name, "Số hóa hồ sơ đất đai");
    EXPECT_EQ(links[0].directive_id, t.directive_id);
    EXPECT_EQ(links[0].linked_at, kAt);
    FeedbackFilter f;
    f.task_id = task.id;
    EXPECT_EQ(list_feedback(c, f, 0, 0, nullptr).size(), 1u);
    EXPECT_TRUE(unlink_feedback_task(c, fid, task.id, by, "2026-11-05T00:00:00Z"));
    EXPECT_FALSE(unlink_feedback_task(c, fid, task.id, by, "2026-11-05T00:00:00Z"));
    EXPECT_TRUE(list_feedback_task_links(c, {fid}).empty());
    EXPECT_TRUE(list_feedback(c, f, 0, 0, nullptr).empty());
    EXPECT_TRUE(link_feedback_task(c, fid, task.id, by, "2026-11-06T00:00:00Z"));  // a new link after the old one
    EXPECT_EQ(list_feedback_task_links(c, {fid}).size(), 1u);
    EXPECT_TRUE(list_feedback_task_links(c, {}).empty());
  });
}

// The adoption branch's columns round-trip with the adopted task's words; coordinating units are set as a list
// (taken off dated, added once), bring the item into their subtree's inbox, and the mark moves with every write.
TEST_F(FeedbackStore, AdoptionAndCoordinatorsRoundTrip) {
  db_->write([&](Connection& c) {
    const Id city = unit(c, "CITY", std::nullopt);
    const Id a = unit(c, "A", city), b = unit(c, "B", city), other = unit(c, "C", city);
    Task t = task(plan(c, "KH"), "T9", "Bản đồ số chợ truyền thống");
    create_task(c, t, {city}, {}, kAt);
    const auto task = list_tasks(c, {.directive_id = t.directive_id}, {10, 0}, nullptr).at(0);
    auto f = item(unique("PA"), "assigned", std::nullopt);
    f.kind = "sang_kien";
    f.lead_unit_id = other;
    f.id = insert_feedback(c, f);
    const auto mark = feedback_mark(c);
    f.adoption = "adopted";
    f.proposed_on = "2026-11-05";
    f.adoption_decided_on = "2026-11-20";
    f.adoption_reason = "Đưa vào kế hoạch";
    f.adopted_task_id = task.id;
    f.policy_change = "Sửa quy chế chợ";
    ASSERT_TRUE(update_feedback(c, f, f.version));
    EXPECT_NE(feedback_mark(c), mark);
    const auto back = *find_feedback(c, f.id);
    EXPECT_EQ(back.adoption, "adopted");
    EXPECT_EQ(back.proposed_on, "2026-11-05");
    EXPECT_EQ(back.adoption_decided_on, "2026-11-20");
    EXPECT_EQ(back.adoption_reason, "Đưa vào kế hoạch");
    EXPECT_EQ(back.adopted_task_id, task.id);
    EXPECT_EQ(back.adopted_task_code, "T9");
    EXPECT_EQ(back.adopted_task_name, "Bản đồ số chợ truyền thống");
    EXPECT_EQ(back.policy_change, "Sửa quy chế chợ");
    FeedbackFilter adopted;
    adopted.adoption = "adopted";
    const auto found = list_feedback(c, adopted, 0, 0, nullptr);
    EXPECT_TRUE(std::any_of(found.begin(), found.end(), [&](const FeedbackItem& x) { return x.id == f.id; }));

    const auto path_of = [&](Id u) { return find_unit(c, u)->path; };
    FeedbackFilter in_b;
    in_b.scope_path = path_of(b);
    EXPECT_TRUE(list_feedback(c, in_b, 0, 0, nullptr).empty());
    EXPECT_TRUE(set_feedback_coordinators(c, f.id, {a, b, b}, std::nullopt, "2026-11-06"));
    EXPECT_FALSE(set_feedback_coordinators(c, f.id, {b, a}, std::nullopt, "2026-11-07"));
    auto coordinators = list_feedback_coordinators(c, {f.id});
    ASSERT_EQ(coordinators.size(), 2u);
    EXPECT_EQ(coordinators[0].added_on, "2026-11-06");
    EXPECT_EQ(list_feedback(c, in_b, 0, 0, nullptr).size(), 1u);
    EXPECT_TRUE(set_feedback_coordinators(c, f.id, {a}, std::nullopt, "2026-11-08"));
    coordinators = list_feedback_coordinators(c, {f.id});
    ASSERT_EQ(coordinators.size(), 1u);
    EXPECT_EQ(coordinators[0].unit_id, a);
    EXPECT_TRUE(list_feedback(c, in_b, 0, 0, nullptr).empty());
    // Taken off and named again: a new row, the earlier one kept with its end.
    EXPECT_TRUE(set_feedback_coordinators(c, f.id, {a, b}, std::nullopt, "2026-11-09"));
    EXPECT_EQ(c.query("SELECT COUNT(*) FROM feedback_coordinators WHERE item_id = $1", {f.id}).at(0).i64(0), 3);
    EXPECT_TRUE(list_feedback_coordinators(c, {}).empty());
  });
}

}  // namespace
}  // namespace tiendo::store
