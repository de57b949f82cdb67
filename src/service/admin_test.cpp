// The administrator's use cases as the API calls them: an account created, listed, locked, unlocked, given a new
// password, its sessions ended and its login delay lifted, each audited; their refusals (input with its field, a unit
// or an account outside the actor's units, one's own lock, a name taken); and the audit trail with its chain check.
#include "service/admin.h"

#include <gtest/gtest.h>

#include "security/password.h"
#include "service/use_case_test.h"
#include "store/trust_store.h"

namespace tiendo::service {
namespace {

namespace json = boost::json;

constexpr const char* kPassword = "cay-phuong-do-ven-song-2026";

class AdminService : public UseCaseTest {
 protected:
  void SetUp() override {
    UseCaseTest::SetUp();
    db_->write([&](store::Connection& c) {
      ward_ = unit(c, "P1", city_);
      other_ = unit(c, "P2", city_);
      ward_admin_ = person(c, "qtPhuong", "admin", ward_);
    });
  }

  NewUser someone(const std::string& name, const std::string& role = "focal_point") const {
    return {unique(name), "Nguyễn Văn " + name, role, ward_, name + "@example.vn", kPassword};
  }
  json::object create(const Actor& who, const NewUser& in) {
    return create_user(*db_, who, now_, db_->kind() == "postgresql", in);
  }
  std::optional<Error> create_refused(const Actor& who, const NewUser& in) {
    return refusal([&] { create(who, in); });
  }
  store::User stored(store::Id id) {
    return *db_->read([&](store::Connection& c) { return store::find_user(c, id); });
  }
  long long sessions_of(store::Id id) {
    return db_->write([&](store::Connection& c) {
      store::insert_session(c, store::sha256_hex("a" + std::to_string(id)), id, "csrf", kAt, "2027-01-01T00:00:00Z");
      store::insert_session(c, store::sha256_hex("b" + std::to_string(id)), id, "csrf", kAt, "2027-01-01T00:00:00Z");
      return 2;
    });
  }

  store::Id ward_ = 0, other_ = 0;
  Actor ward_admin_;
};

TEST_F(AdminService, CreatedListedAndAudited) {
  const auto in = someone("dauMoi");
  const auto made = create(admin_, in);
  EXPECT_EQ(made.at("username").as_string(), in.username);
  EXPECT_EQ(made.at("role").as_string(), "focal_point");
  EXPECT_EQ(made.at("unit_id").as_int64(), ward_);
  EXPECT_EQ(made.at("email").as_string(), in.email);
  EXPECT_TRUE(made.at("active").as_bool());
  EXPECT_FALSE(made.contains("password_hash"));
  const auto id = made.at("id").as_int64();
  EXPECT_TRUE(security::verify_password(stored(id).password_hash, kPassword));

  const auto entries = log("user", id);
  ASSERT_EQ(entries.size(), 1u);
  EXPECT_EQ(entries[0].action, "create");
  EXPECT_EQ(entries[0].username, admin_.username);
  EXPECT_EQ(json::parse(entries[0].after_json), made);

  // The ward's administrator lists the ward's accounts only; the city's lists them all.
  const auto ward = db_->read([&](store::Connection& c) { return users(c, ward_admin_, {100, 0}); });
  EXPECT_EQ(ward.total, 2);  // themselves and the new one
  for (const auto& u : ward.items) EXPECT_EQ(u.at("unit_id").as_int64(), ward_);
  const auto city = db_->read([&](store::Connection& c) { return users(c, admin_, {100, 0}); });
  EXPECT_GE(city.total, 3);
}

TEST_F(AdminService, CreateRefusals) {
  auto bad_name = someone("x");
  bad_name.username = "Nguyễn Văn";
  auto bad_role = someone("y", "mayor");
  auto no_unit = someone("z");
  no_unit.unit_id = 1'000'000'000;
  auto elsewhere = someone("w");
  elsewhere.unit_id = other_;
  auto weak = someone("v");
  weak.password = "123456789";
  const struct {
    const Actor* who;
    NewUser in;
    Error::Kind kind;
    const char* field;
  } cases[] = {
      {&admin_, bad_name, Error::Kind::invalid, "username"},
      {&admin_, bad_role, Error::Kind::invalid, "role"},
      {&admin_, someone("host", "host"), Error::Kind::invalid, "role"},  // the host role is a host organisation's
      {&admin_, no_unit, Error::Kind::invalid, "unit_id"},
      {&ward_admin_, elsewhere, Error::Kind::forbidden, ""},
      {&admin_, weak, Error::Kind::invalid, "password"},
  };
  for (const auto& c : cases) {
    const auto e = create_refused(*c.who, c.in);
    ASSERT_TRUE(e) << c.in.username;
    EXPECT_EQ(e->kind, c.kind) << c.in.username;
    EXPECT_EQ(e->field, c.field) << c.in.username;
  }
  const auto in = someone("trung");
  create(admin_, in);
  const auto taken = create_refused(admin_, in);
  ASSERT_TRUE(taken);
  EXPECT_EQ(taken->kind, Error::Kind::conflict);
  EXPECT_EQ(taken->field, "username");
}

// A new password from the administrator ends every session and lifts the login delay; the weak one is refused.
TEST_F(AdminService, PasswordSetByTheAdministrator) {
  const auto id = create(admin_, someone("quen")).at("id").as_int64();
  const auto name = stored(id).username;
  sessions_of(id);
  db_->write([&](store::Connection& c) {
    store::lock_login_throttle(c, name, "10.0.0.1", kAt);
    store::set_login_throttle(c, name, "10.0.0.1", 9, "2027-01-01T00:00:00Z", kAt);
  });
  const bool postgres = db_->kind() == "postgresql";

  const auto weak = refusal([&] { reset_user_password(*db_, admin_, now_, postgres, id, "123456789"); });
  ASSERT_TRUE(weak);
  EXPECT_EQ(weak->field, "new_password");
  const auto outside =
      refusal([&] { reset_user_password(*db_, ward_admin_, now_, postgres, 1'000'000'000, kPassword); });
  ASSERT_TRUE(outside);
  EXPECT_EQ(outside->kind, Error::Kind::not_found);

  EXPECT_EQ(reset_user_password(*db_, admin_, now_, postgres, id, "song-cam-mua-thu-2026"), 2);
  EXPECT_TRUE(security::verify_password(stored(id).password_hash, "song-cam-mua-thu-2026"));
  const auto throttle = db_->write(
      [&](store::Connection& c) { return store::lock_login_throttle(c, name, "10.0.0.1", "2026-11-24T03:00:00Z"); });
  EXPECT_EQ(throttle.failures, 0);
  const auto entries = log("user", id);
  ASSERT_EQ(entries.size(), 2u);
  EXPECT_EQ(entries[1].action, "password_reset_by_admin");
  EXPECT_EQ(json::parse(entries[1].after_json), (json::object{{"sessions_ended", 2}, {"username", name}}));
}

TEST_F(AdminService, LockedUnlockedSessionsEndedDelayLifted) {
  const auto id = create(admin_, someone("khoa")).at("id").as_int64();
  sessions_of(id);
  const auto locked = as([&](const Call& call) { return set_user_active(call, id, false); });
  EXPECT_FALSE(locked.at("active").as_bool());
  const auto unlocked = as([&](const Call& call) { return set_user_active(call, id, true); });
  EXPECT_TRUE(unlocked.at("active").as_bool());
  sessions_of(id);
  EXPECT_EQ(as([&](const Call& call) { return end_user_sessions(call, id); }), 2);
  EXPECT_EQ(as([&](const Call& call) { return end_user_sessions(call, id); }), 0);
  as([&](const Call& call) { unlock_user(call, id); });

  const auto entries = log("user", id);
  ASSERT_EQ(entries.size(), 6u);
  EXPECT_EQ(entries[1].action, "deactivate");
  EXPECT_EQ(json::parse(entries[1].before_json), (json::object{{"active", true}}));
  EXPECT_EQ(json::parse(entries[1].after_json).at("sessions_ended").as_int64(), 2);
  EXPECT_EQ(entries[2].action, "activate");
  EXPECT_EQ(entries[3].action, "end_sessions");
  EXPECT_EQ(entries[5].action, "unlock");

  // Nobody locks their own account; an account outside the actor's units is not found.
  const auto self = refused([&](const Call& call) { return set_user_active(call, admin_.user_id, false); });
  ASSERT_TRUE(self);
  EXPECT_EQ(self->kind, Error::Kind::conflict);
  const auto other = db_->write([&](store::Connection& c) { return person(c, "ngoai", "viewer", other_); });
  const auto outside =
      refusal([&] { as(ward_admin_, [&](const Call& call) { return set_user_active(call, other.user_id, false); }); });
  ASSERT_TRUE(outside);
  EXPECT_EQ(outside->kind, Error::Kind::not_found);
  EXPECT_TRUE(
      refusal([&] { as(ward_admin_, [&](const Call& call) { return end_user_sessions(call, other.user_id); }); }));
  EXPECT_TRUE(refusal([&] { as(ward_admin_, [&](const Call& call) { unlock_user(call, other.user_id); }); }));
}

// `tiendo user …` runs the same use cases as the system: the whole city is its scope, and its entries name the
// command line, with no account behind them.
TEST_F(AdminService, TheCommandLineActsAsTheSystem) {
  Actor cli;
  cli.username = "cli";
  cli.source = "cli";
  auto in = someone("tuDongLenh");
  in.unit_id = other_;
  const auto id = create(cli, in).at("id").as_int64();
  sessions_of(id);
  as(cli, [&](const Call& call) { return set_user_active(call, id, false); });
  EXPECT_FALSE(stored(id).active);

  const auto entries = log("user", id);
  ASSERT_EQ(entries.size(), 2u);
  for (const auto& e : entries) {
    EXPECT_EQ(e.source, "cli");
    EXPECT_EQ(e.username, "cli");
    EXPECT_FALSE(e.user_id);
  }
  // A person's entries name the API and the account.
  const auto by_person = create(admin_, someone("quaTrang")).at("id").as_int64();
  const auto theirs = log("user", by_person);
  ASSERT_EQ(theirs.size(), 1u);
  EXPECT_EQ(theirs[0].source, "api");
  EXPECT_EQ(theirs[0].user_id, admin_.user_id);
}

TEST_F(AdminService, AuditTrailListedAndVerified) {
  const auto id = create(admin_, someone("vet")).at("id").as_int64();
  const auto trail = db_->read([&](store::Connection& c) {
    return audit_entries(c, "user", std::to_string(id), {50, 0});
  });
  ASSERT_EQ(trail.total, 1);
  EXPECT_EQ(trail.items[0].at("action").as_string(), "create");
  EXPECT_EQ(trail.items[0].at("user_id").as_int64(), admin_.user_id);
  EXPECT_TRUE(trail.items[0].at("before").is_null());
  EXPECT_EQ(trail.items[0].at("after").at("id").as_int64(), id);
  const auto check = db_->read([&](store::Connection& c) { return verify_audit_chain(c); });
  EXPECT_TRUE(check.at("ok").as_bool());
  EXPECT_GE(check.at("checked").as_int64(), 1);
  EXPECT_TRUE(check.at("first_broken_id").is_null());
}

}  // namespace
}  // namespace tiendo::service
