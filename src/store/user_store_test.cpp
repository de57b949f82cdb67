// A password reset link is known by its hash until used or expired. On SQLite, or on PostgreSQL when
// TIENDO_STORE_TEST_DB names one.
#include "store/user_store.h"

#include "store/test_database.h"

namespace tiendo::store {
namespace {

using UserStore = StoreTest;

TEST_F(UserStore, PasswordResetUserOnlyWhileUnusedAndUnexpired) {
  db_->write([&](Connection& c) {
    const User u = user(c, "u", "focal_point", unit(c, "CITY", std::nullopt));
    const std::string hash = sha256_hex(unique("token"));
    insert_password_reset(c, hash, u.id, kAt, "2026-11-01T01:00:00Z");
    EXPECT_EQ(password_reset_user(c, hash, "2026-11-01T00:30:00Z"), u.id);
    EXPECT_FALSE(password_reset_user(c, hash, "2026-11-01T01:00:00Z").has_value());  // expired
    EXPECT_FALSE(password_reset_user(c, sha256_hex("other"), "2026-11-01T00:30:00Z").has_value());
    EXPECT_EQ(use_password_reset(c, hash, "2026-11-01T00:40:00Z"), u.id);
    EXPECT_FALSE(password_reset_user(c, hash, "2026-11-01T00:45:00Z").has_value());  // used
  });
}

// Every request with a token reads its session and user at once: the user's unit path comes with it, and a token
// nobody holds, or one logged out, finds nothing.
TEST_F(UserStore, SessionUserReadAtOnceUntilLoggedOut) {
  db_->write([&](Connection& c) {
    const User u = user(c, "s", "focal_point", unit(c, "CITY", std::nullopt));
    const std::string hash = sha256_hex(unique("session"));
    insert_session(c, hash, u.id, "csrf-1", kAt, "2026-11-02T00:00:00Z");
    const auto found = find_session_user(c, hash);
    ASSERT_TRUE(found.has_value());
    EXPECT_EQ(found->session.user_id, u.id);
    EXPECT_EQ(found->session.csrf_token, "csrf-1");
    EXPECT_EQ(found->session.expires_at, "2026-11-02T00:00:00Z");
    EXPECT_EQ(found->user.id, u.id);
    EXPECT_EQ(found->user.username, u.username);
    EXPECT_EQ(found->user.role, "focal_point");
    EXPECT_EQ(found->user.unit_id, u.unit_id);
    EXPECT_FALSE(found->user.unit_path.empty());
    EXPECT_FALSE(find_session_user(c, sha256_hex("nobody")).has_value());
    delete_session(c, hash);
    EXPECT_FALSE(find_session_user(c, hash).has_value());
  });
}

}  // namespace
}  // namespace tiendo::store
