// An account's own use cases as the API calls them: a login opening a session its token finds until logout, the
// throttles (a delay per name and address after five failures, a ceiling per address), a password changed with the
// current one, a reset link requested and used once; each audited with the client's address, and refused with the
// kind and field the API answers.
#include "service/auth.h"

#include <gtest/gtest.h>

#include <boost/json.hpp>

#include "security/password.h"
#include "service/use_case_test.h"
#include "store/review_store.h"
#include "store/trust_store.h"

namespace tiendo::service {
namespace {

namespace json = boost::json;

constexpr const char* kPassword = "cay-phuong-do-ven-song-2026";
constexpr const char* kAddress = "198.51.100.7";

class AuthService : public UseCaseTest {
 protected:
  void SetUp() override {
    UseCaseTest::SetUp();
    hash_ = security::hash_password(kPassword);
    db_->write([&](store::Connection& c) {
      ward_ = unit(c, "P1", city_);
      officer_ = person(c, "canBo", "focal_point", ward_);
      store::set_password_hash(c, officer_.user_id, hash_);
    });
  }

  AccountCall call(const Actor& who, const std::string& address = kAddress) {
    return {*db_, who, address, now_, db_->kind() == "postgresql"};
  }
  AccountCall anyone(const std::string& address = kAddress) { return call(nobody_, address); }
  Session logged_in(const std::string& password = kPassword) {
    return login(anyone(), officer_.username, password, 12);
  }
  store::User stored() {
    return *db_->read([&](store::Connection& c) { return store::find_user(c, officer_.user_id); });
  }
  long long links_made(store::Id id) {
    return db_->read(
        [&](store::Connection& c) { return store::count_password_resets_since(c, id, "2026-01-01T00:00:00Z"); });
  }

  std::string hash_;
  store::Id ward_ = 0;
  Actor officer_, nobody_;
};

TEST_F(AuthService, LoginOpensASessionUntilLogout) {
  const auto s = logged_in();
  EXPECT_EQ(s.token.size(), 64u);
  EXPECT_EQ(s.csrf_token.size(), 32u);
  EXPECT_EQ(s.expires, now_ + std::chrono::hours(12));
  EXPECT_EQ(s.user.id, officer_.user_id);

  const auto in = session_of(*db_, s.token, now_);
  ASSERT_TRUE(in);
  EXPECT_EQ(in->user.username, officer_.username);
  EXPECT_EQ(in->csrf_token, s.csrf_token);
  EXPECT_FALSE(in->signs_for);
  EXPECT_FALSE(session_of(*db_, s.token, s.expires));       // over at its end
  EXPECT_FALSE(session_of(*db_, s.token.substr(1), now_));  // not a token we make
  EXPECT_EQ(db_->read([&](store::Connection& c) { return own_account(c, officer_); }).id, officer_.user_id);

  logout(*db_, s.token);
  EXPECT_FALSE(session_of(*db_, s.token, now_));

  const auto entries = log("user", officer_.user_id);
  ASSERT_EQ(entries.size(), 1u);
  EXPECT_EQ(entries[0].action, "login");
  EXPECT_EQ(entries[0].username, officer_.username);  // nobody signed in: the account signs
  EXPECT_EQ(json::parse(entries[0].after_json), (json::object{{"username", officer_.username}, {"address", kAddress}}));
}

// A deputy's session carries the head they sign for while the delegation runs.
TEST_F(AuthService, DeputySessionSignsForTheHead) {
  const auto [head, deputy] = db_->write([&](store::Connection& c) {
    const auto h = person(c, "truong", "unit_head", ward_);
    const auto d = person(c, "pho", "viewer", ward_);
    store::set_password_hash(c, d.user_id, hash_);
    store::Delegation g;
    g.unit_id = ward_;
    g.delegator_id = h.user_id;
    g.deputy_id = d.user_id;
    g.from_date = "2026-11-20";
    g.to_date = "2026-11-30";
    g.created_at = kAt;
    store::insert_delegation(c, g);
    return std::pair{h, d};
  });
  const auto s = login(anyone(), deputy.username, kPassword, 24 * 30);  // a session over the delegation's end
  const auto in = session_of(*db_, s.token, now_);
  ASSERT_TRUE(in);
  EXPECT_EQ(in->signs_for, head.user_id);
  const auto after = session_of(*db_, s.token, *domain::parse_iso_instant("2026-12-01T03:00:00Z"));
  ASSERT_TRUE(after);
  EXPECT_FALSE(after->signs_for);
}

TEST_F(AuthService, WrongPasswordsAreSlowedThenTheRightOneClears) {
  for (int i = 1; i <= 5; ++i) {
    const auto e = refusal([&] { logged_in("sai-mat-khau-roi"); });
    ASSERT_TRUE(e) << i;
    EXPECT_EQ(e->kind, Error::Kind::wrong_credentials) << i;
    EXPECT_EQ(e->field, "password") << i;
  }
  // The sixth waits: refused before any check, with the seconds to wait.
  const auto waiting = refusal([&] { logged_in(); });
  ASSERT_TRUE(waiting);
  EXPECT_EQ(waiting->kind, Error::Kind::slowed);
  EXPECT_EQ(waiting->field, "password");
  EXPECT_GE(waiting->retry_after_seconds, 1);
  // Another address is not held back, and the right password clears its count.
  EXPECT_EQ(login(anyone("198.51.100.8"), officer_.username, kPassword, 12).user.id, officer_.user_id);

  const auto entries = log("user", officer_.user_id);
  ASSERT_EQ(entries.size(), 6u);
  EXPECT_EQ(entries[0].action, "login_failed");
  EXPECT_EQ(json::parse(entries[0].after_json).at("failures").as_int64(), 1);
  EXPECT_EQ(entries[4].action, "login_failed_delayed");
  EXPECT_EQ(json::parse(entries[4].after_json).at("next_attempt_after_seconds").as_int64(), 2);
  EXPECT_EQ(entries[5].action, "login");

  // An unknown name is answered as a wrong password.
  const auto unknown = refusal([&] { login(anyone(), unique("khongCo"), kPassword, 12); });
  ASSERT_TRUE(unknown);
  EXPECT_EQ(unknown->kind, Error::Kind::wrong_credentials);
}

TEST_F(AuthService, LockedAccountAndGuessingAddressRefused) {
  db_->write([&](store::Connection& c) { store::set_user_active(c, officer_.user_id, false); });
  const auto locked = refusal([&] { logged_in(); });
  ASSERT_TRUE(locked);
  EXPECT_EQ(locked->kind, Error::Kind::wrong_credentials);
  EXPECT_TRUE(json::parse(log("user", officer_.user_id).back().after_json).at("inactive").as_bool());

  // Sixty failures from one address over any names: every login from it waits the window out.
  const std::string guesser = "203.0.113.9";
  db_->write([&](store::Connection& c) {
    store::lock_login_throttle(c, unique("nhieuTen"), guesser, domain::iso(now_));
    store::set_login_throttle(c, unique("nhieuTen"), guesser, 60, domain::iso(now_), domain::iso(now_));
  });
  const auto flood = refusal([&] { login(anyone(guesser), officer_.username, kPassword, 12); });
  ASSERT_TRUE(flood);
  EXPECT_EQ(flood->kind, Error::Kind::slowed);
  EXPECT_EQ(flood->retry_after_seconds, 15 * 60);
}

TEST_F(AuthService, PasswordChangedKeepsOnlyTheCurrentSession) {
  const auto here = logged_in();
  const auto there = login(anyone("198.51.100.8"), officer_.username, kPassword, 12);
  const struct {
    const char *current, *next, *field;
  } cases[] = {
      {"sai-mat-khau-roi", "song-cam-mua-thu-2026", "current_password"},
      {kPassword, kPassword, "new_password"},  // the same
      {kPassword, "123456789", "new_password"},
  };
  for (const auto& c : cases) {
    const auto e = refusal([&] { change_password(call(officer_), c.current, c.next, here.token); });
    ASSERT_TRUE(e) << c.next;
    EXPECT_EQ(e->kind, Error::Kind::invalid) << c.next;
    EXPECT_EQ(e->field, c.field) << c.next;
  }
  EXPECT_EQ(change_password(call(officer_), kPassword, "song-cam-mua-thu-2026", here.token), 1);
  EXPECT_TRUE(session_of(*db_, here.token, now_));
  EXPECT_FALSE(session_of(*db_, there.token, now_));
  EXPECT_TRUE(security::verify_password(stored().password_hash, "song-cam-mua-thu-2026"));
  const auto last = log("user", officer_.user_id).back();
  EXPECT_EQ(last.action, "password_change");
  EXPECT_EQ(last.username, officer_.username);
  EXPECT_EQ(json::parse(last.after_json).at("sessions_ended").as_int64(), 1);
}

// "Quên mật khẩu": a link for an account with an e-mail, three an hour; nothing for an unknown name, and no sign of
// which it was; twenty requests an hour from one address.
TEST_F(AuthService, ResetLinksRequestedWithinLimits) {
  const mail::SmtpConfig off;
  request_password_reset(anyone(), officer_.username, off, "https://tiendo.example/");
  EXPECT_EQ(links_made(officer_.user_id), 0);  // no e-mail: nothing to send to
  store::User u;
  u.username = unique("coEmail");
  u.full_name = "Trần Thị Mai";
  u.role = "viewer";
  u.unit_id = ward_;
  u.email = u.username + "@example.vn";
  u.password_hash = hash_;
  const auto id = db_->write([&](store::Connection& c) { return store::insert_user(c, u, kAt); });
  // By name three times, then by e-mail: the fourth link within the hour is refused.
  for (int i = 0; i < 3; ++i) request_password_reset(anyone(), u.username, off, "https://tiendo.example/");
  request_password_reset(anyone(), u.email, off, "https://tiendo.example/");
  request_password_reset(anyone(), unique("khongCo"), off, "https://tiendo.example/");
  EXPECT_EQ(links_made(id), 3);
  const auto entries = log("user", id);
  ASSERT_EQ(entries.size(), 4u);
  EXPECT_EQ(entries[0].action, "password_reset_requested");
  EXPECT_EQ(entries[3].action, "password_reset_refused");

  const std::string busy = "192.0.2.44";
  for (int i = 0; i < 20; ++i) request_password_reset(anyone(busy), unique("ai"), off, "https://tiendo.example/");
  const auto e = refusal([&] { request_password_reset(anyone(busy), unique("ai"), off, "https://tiendo.example/"); });
  ASSERT_TRUE(e);
  EXPECT_EQ(e->kind, Error::Kind::rate_limited);
  EXPECT_EQ(e->field, "login");
}

TEST_F(AuthService, ResetLinkUsedOnce) {
  const auto there = logged_in();
  const std::string token(64, 'a'), expired(64, 'b');
  db_->write([&](store::Connection& c) {
    store::insert_password_reset(c, store::sha256_hex(unique(token)), officer_.user_id, kAt, "2026-11-24T03:30:00Z");
    store::insert_password_reset(c, store::sha256_hex(unique(expired)), officer_.user_id, kAt, "2026-11-24T02:00:00Z");
    store::lock_login_throttle(c, officer_.username, "10.0.0.1", kAt);
    store::set_login_throttle(c, officer_.username, "10.0.0.1", 9, "2027-01-01T00:00:00Z", kAt);
  });
  const auto weak = refusal([&] { reset_password(anyone(), unique(token), "123456789"); });
  ASSERT_TRUE(weak);
  EXPECT_EQ(weak->field, "new_password");
  const auto late = refusal([&] { reset_password(anyone(), unique(expired), "song-cam-mua-thu-2026"); });
  ASSERT_TRUE(late);
  EXPECT_EQ(late->kind, Error::Kind::invalid_token);
  EXPECT_EQ(late->field, "token");

  EXPECT_EQ(reset_password(anyone(), unique(token), "song-cam-mua-thu-2026"), officer_.username);
  EXPECT_TRUE(security::verify_password(stored().password_hash, "song-cam-mua-thu-2026"));
  EXPECT_FALSE(session_of(*db_, there.token, now_));
  const auto throttle = db_->write(
      [&](store::Connection& c) { return store::lock_login_throttle(c, officer_.username, "10.0.0.1", kAt); });
  EXPECT_EQ(throttle.failures, 0);
  const auto again = refusal([&] { reset_password(anyone(), unique(token), "mot-mat-khau-khac-2026"); });
  ASSERT_TRUE(again);
  EXPECT_EQ(again->kind, Error::Kind::invalid_token);
  EXPECT_EQ(log("user", officer_.user_id).back().action, "password_reset");
}

TEST(AuthRule, ThrottleAddresses) {
  EXPECT_EQ(throttle_address("198.51.100.7"), "198.51.100.7");
  EXPECT_EQ(throttle_address("::ffff:198.51.100.7"), "198.51.100.7");
  EXPECT_EQ(throttle_address("2001:db8:1:2:3:4:5:6"), "2001:db8:1:2::/64");
  EXPECT_EQ(throttle_address("not an address"), "not an address");
}

}  // namespace
}  // namespace tiendo::service
