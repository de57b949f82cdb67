// Retried writes and login throttling at the store: a key is taken once per user and keeps the answer saved under
// it, and a throttle row counts, waits and is forgotten as its header says. Rows dated in 2000 are this file's
// own: the "forget before" deletes touch nothing of the other tests sharing a PostgreSQL database.
#include "store/trust_store.h"

#include "store/test_database.h"

namespace tiendo::store {
namespace {

using TrustStore = StoreTest;

TEST_F(TrustStore, AKeyIsTakenOncePerUserAndKeepsItsAnswer) {
  db_->write([&](Connection& c) {
    const Id city = unit(c, "CITY", std::nullopt);
    const Id u = user(c, "a", "focal_point", city).id, other = user(c, "b", "focal_point", city).id;
    EXPECT_FALSE(find_answer(c, u, "k1").has_value());
    ASSERT_TRUE(claim_key(c, u, "k1", "POST /api/reports abc", kAt));
    EXPECT_FALSE(claim_key(c, u, "k1", "POST /api/reports abc", kAt));
    EXPECT_TRUE(claim_key(c, other, "k1", "POST /api/reports xyz", kAt));
    auto answer = find_answer(c, u, "k1");  // taken, not yet answered
    ASSERT_TRUE(answer.has_value());
    EXPECT_EQ(answer->fingerprint, "POST /api/reports abc");
    EXPECT_EQ(answer->status, 0);
    EXPECT_EQ(answer->content_type, "");
    EXPECT_EQ(answer->body, "");
    save_answer(c, u, "k1", {"ignored", 201, "application/json", R"({"message":"Đã lưu"})"});
    answer = find_answer(c, u, "k1");
    EXPECT_EQ(answer->fingerprint, "POST /api/reports abc");
    EXPECT_EQ(answer->status, 201);
    EXPECT_EQ(answer->content_type, "application/json");
    EXPECT_EQ(answer->body, R"({"message":"Đã lưu"})");
    EXPECT_EQ(find_answer(c, other, "k1")->fingerprint, "POST /api/reports xyz");

    release_key(c, other, "k1");
    EXPECT_FALSE(find_answer(c, other, "k1").has_value());
    EXPECT_TRUE(find_answer(c, u, "k1").has_value());
    EXPECT_TRUE(claim_key(c, other, "k1", "POST /api/reports xyz", kAt));

    ASSERT_TRUE(claim_key(c, u, "old", "f", "2000-01-01T00:00:00Z"));
    forget_answers_before(c, "2000-01-02T00:00:00Z");
    EXPECT_FALSE(find_answer(c, u, "old").has_value());
    EXPECT_TRUE(find_answer(c, u, "k1").has_value());
  });
}

TEST_F(TrustStore, ALoginThrottleCountsWaitsAndIsCleared) {
  db_->write([&](Connection& c) {
    const std::string name = unique("nguoidung"), address = unique("10.0.0.1"), other_address = unique("10.0.0.2");
    auto t = lock_login_throttle(c, name, address, "2000-01-01T00:00:00Z");
    EXPECT_EQ(t.failures, 0);
    EXPECT_EQ(t.next_at, "2000-01-01T00:00:00Z");
    set_login_throttle(c, name, address, 3, "2000-01-01T00:00:08Z", "2000-01-01T00:00:01Z");
    t = lock_login_throttle(c, name, address, "2000-01-01T00:00:02Z");
    EXPECT_EQ(t.failures, 3);
    EXPECT_EQ(t.next_at, "2000-01-01T00:00:08Z");

    release_login_attempt(c, name, address);
    EXPECT_EQ(lock_login_throttle(c, name, address, "2000-01-01T00:00:03Z").failures, 2);
    extend_login_delay(c, name, address, "2000-01-01T00:00:09Z");
    EXPECT_EQ(lock_login_throttle(c, name, address, "2000-01-01T00:00:03Z").next_at, "2000-01-01T00:00:09Z");
    extend_login_delay(c, name, address, "2000-01-01T00:00:05Z");  // never earlier
    EXPECT_EQ(lock_login_throttle(c, name, address, "2000-01-01T00:00:03Z").next_at, "2000-01-01T00:00:09Z");
    set_login_throttle(c, name, address, 0, "2000-01-01T00:00:09Z", "2000-01-01T00:00:03Z");
    release_login_attempt(c, name, address);  // never below none
    EXPECT_EQ(lock_login_throttle(c, name, address, "2000-01-01T00:00:03Z").failures, 0);

    // Spraying: the failures of every name tried from one address, in rows touched since then; "#" rows are not
    // logins.
    set_login_throttle(c, name, address, 2, "2000-01-01T00:00:09Z", "2000-01-01T00:00:10Z");
    lock_login_throttle(c, unique("khac"), address, "2000-01-01T00:00:10Z");
    set_login_throttle(c, unique("khac"), address, 3, "2000-01-01T00:00:19Z", "2000-01-01T00:00:10Z");
    lock_login_throttle(c, unique("cu"), address, "2000-01-01T00:00:00Z");
    set_login_throttle(c, unique("cu"), address, 5, "2000-01-01T00:00:09Z", "2000-01-01T00:00:00Z");
    lock_login_throttle(c, "#" + unique("dem"), address, "2000-01-01T00:00:10Z");
    set_login_throttle(c, "#" + unique("dem"), address, 7, "2000-01-01T00:00:19Z", "2000-01-01T00:00:10Z");
    lock_login_throttle(c, name, other_address, "2000-01-01T00:00:10Z");
    set_login_throttle(c, name, other_address, 11, "2000-01-01T00:00:19Z", "2000-01-01T00:00:10Z");
    EXPECT_EQ(failures_from_address_since(c, address, "2000-01-01T00:00:05Z"), 5);
    EXPECT_EQ(failures_from_address_since(c, address, "2000-01-01T00:00:00Z"), 10);
    EXPECT_EQ(failures_from_address_since(c, unique("10.9.9.9"), "2000-01-01T00:00:00Z"), 0);

    // A right password clears one address; an admin's unlock every address of the name.
    EXPECT_EQ(lock_login_throttle(c, name, address, "2000-01-02T00:00:00Z").failures, 2);
    clear_login_throttle(c, name, address);
    EXPECT_EQ(lock_login_throttle(c, name, address, "2000-01-02T00:00:00Z").failures, 0);
    EXPECT_EQ(lock_login_throttle(c, name, other_address, "2000-01-02T00:00:00Z").failures, 11);
    set_login_throttle(c, name, address, 1, "2000-01-02T00:00:00Z", "2000-01-02T00:00:00Z");
    clear_login_throttle(c, name, std::nullopt);
    EXPECT_EQ(lock_login_throttle(c, name, address, "2000-01-02T00:00:00Z").failures, 0);
    EXPECT_EQ(lock_login_throttle(c, name, other_address, "2000-01-02T00:00:00Z").failures, 0);

    // Forgotten only once both the wait is over and no attempt came since: a new row then starts from none.
    lock_login_throttle(c, unique("cho"), address, "2000-01-01T00:00:00Z");
    set_login_throttle(c, unique("cho"), address, 4, "2000-01-03T00:00:00Z", "2000-01-01T00:00:00Z");
    set_login_throttle(c, name, address, 1, "2000-01-01T00:00:00Z", "2000-01-02T00:00:00Z");
    forget_login_throttle_before(c, "2000-01-02T00:00:00Z");
    EXPECT_EQ(lock_login_throttle(c, unique("cu"), address, "2000-01-02T00:00:00Z").failures, 0);
    EXPECT_EQ(lock_login_throttle(c, unique("cho"), address, "2000-01-02T00:00:00Z").failures, 4);
    EXPECT_EQ(lock_login_throttle(c, name, address, "2000-01-02T00:00:00Z").failures, 1);
  });
}

}  // namespace
}  // namespace tiendo::store
