// A password reset link is known by its hash until used or expired. On SQLite, or on PostgreSQL when
// TIENDO_STORE_TEST_DB names one.
#include "store/user_store.h"

#include "store/test_database.h"

namespace tiendo::store {
namespace {

using UserStore = StoreTest;

TEST_F(UserStore, PasswordResetUserOnlyWhileUnusedAndUnexpired) {
  db_->write([&](Connection& c) {
    User u;
    u.username = unique("u");
    u.full_name = "Người dùng";
    u.password_hash = "x";
    u.role = "focal_point";
    u.unit_id = unit(c, "CITY", std::nullopt);
    const Id user = insert_user(c, u, kAt);
    const std::string hash = sha256_hex(unique("token"));
    insert_password_reset(c, hash, user, kAt, "2026-11-01T01:00:00Z");
    EXPECT_EQ(password_reset_user(c, hash, "2026-11-01T00:30:00Z"), user);
    EXPECT_FALSE(password_reset_user(c, hash, "2026-11-01T01:00:00Z").has_value());  // expired
    EXPECT_FALSE(password_reset_user(c, sha256_hex("other"), "2026-11-01T00:30:00Z").has_value());
    EXPECT_EQ(use_password_reset(c, hash, "2026-11-01T00:40:00Z"), user);
    EXPECT_FALSE(password_reset_user(c, hash, "2026-11-01T00:45:00Z").has_value());  // used
  });
}

}  // namespace
}  // namespace tiendo::store
