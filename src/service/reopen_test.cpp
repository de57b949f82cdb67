// Reopening an accepted report as the API calls it: asked by the unit from the version it read, decided once by the
// standing agency, the report a draft again when granted; each step audited and told to the other side.
#include "service/reopen.h"

#include <gtest/gtest.h>

#include "service/followup_test_fixture.h"
#include "service/report.h"
#include "store/followup_store.h"
#include "store/report_store.h"

namespace tiendo::service {
namespace {

namespace json = boost::json;

class ReopenService : public FollowupTest {
 protected:
  // The ward's report of a month, in `state`.
  store::Id report(const std::string& period, const std::string& state) {
    return db_->write([&](store::Connection& c) {
      store::Report r;
      r.directive_id = directive_;
      r.unit_id = ward_;
      r.period = period;
      r.state = state;
      r.created_at = r.updated_at = kAt;
      return store::insert_report(c, r);
    });
  }
  json::object requested(const Actor& who, store::Id report_id, std::optional<long long> version = std::nullopt) {
    return as(who, [&](const Call& call) {
      return request_reopen(call, report_in_scope(call.c, call.who, report_id), "Sai số liệu", version);
    });
  }
  json::object decided(store::Id id, bool grant, std::optional<std::string> note = std::nullopt) {
    return as(agency_, [&](const Call& call) { return decide_reopen(call, id, reopen_decision(grant, note)); });
  }
  long long bell(const Actor& who) {
    return db_->read([&](store::Connection& c) {
      long long total = 0, unread = 0;
      store::list_notifications(c, who.user_id, {100, 0}, &total, &unread);
      return total;
    });
  }
};

TEST_F(ReopenService, RequestedThenGranted) {
  const auto r = report("2026-10", "accepted");
  const auto stale = refusal([&] { requested(officer_, r, 7); });
  ASSERT_TRUE(stale);
  EXPECT_EQ(stale->kind, Error::Kind::conflict);
  EXPECT_EQ(stale->field, "version");
  const auto stranger = refusal([&] { requested(stranger_, r); });
  ASSERT_TRUE(stranger);
  EXPECT_EQ(stranger->kind, Error::Kind::not_found);

  const auto out = requested(officer_, r, 1);
  EXPECT_EQ(out.at("reason").as_string(), "Sai số liệu");
  EXPECT_EQ(out.at("state").as_string(), "pending");
  EXPECT_EQ(bell(agency_), 1);  // the standing agency is told
  const auto twice = refusal([&] { requested(officer_, r); });
  ASSERT_TRUE(twice);
  EXPECT_EQ(twice->field, "state");

  const auto id = out.at("id").as_int64();
  const auto granted = decided(id, true);
  EXPECT_EQ(granted.at("state").as_string(), "granted");
  EXPECT_EQ(granted.at("report_state").as_string(), "draft");
  EXPECT_EQ(granted.at("report_version").as_int64(), 2);
  const auto now = db_->read([&](store::Connection& c) { return *store::find_report(c, r); });
  EXPECT_EQ(now.state, "draft");
  EXPECT_EQ(now.reopened_count, 1);
  EXPECT_EQ(bell(officer_), 1);  // the asker is told
  const auto again = refusal([&] { decided(id, false, "Không"); });
  ASSERT_TRUE(again);
  EXPECT_EQ(again->field, "state");

  const auto entries = log("reopen_request", id);
  ASSERT_EQ(entries.size(), 2u);
  EXPECT_EQ(entries[0].action, "request");
  EXPECT_EQ(json::parse(entries[0].after_json), out);
  EXPECT_EQ(entries[1].action, "grant");
  EXPECT_EQ(json::parse(entries[1].before_json), out);
  const auto report_log = log("report", r);
  ASSERT_EQ(report_log.size(), 1u);
  EXPECT_EQ(report_log[0].action, "reopen");
}

TEST_F(ReopenService, RefusedKeepsTheReportAccepted) {
  const auto draft = report("2026-09", "draft");
  const auto not_accepted = refusal([&] { requested(officer_, draft); });
  ASSERT_TRUE(not_accepted);
  EXPECT_EQ(not_accepted->field, "state");

  const auto r = report("2026-10", "accepted");
  const auto id = requested(officer_, r).at("id").as_int64();
  for (const auto& note : {std::optional<std::string>(), std::optional<std::string>("")}) {
    const auto e = refusal([&] { reopen_decision(false, note); });
    ASSERT_TRUE(e);
    EXPECT_EQ(e->field, "note");
  }
  const auto out = decided(id, false, "Số liệu đúng");
  EXPECT_EQ(out.at("state").as_string(), "refused");
  EXPECT_EQ(out.at("report_state").as_string(), "accepted");
  EXPECT_EQ(db_->read([&](store::Connection& c) { return store::find_report(c, r)->state; }), "accepted");
  const auto listed = db_->read([&](store::Connection& c) { return reopen_requests(c, officer_, false); });
  ASSERT_EQ(listed.size(), 1u);
  EXPECT_TRUE(db_->read([&](store::Connection& c) { return reopen_requests(c, stranger_, {}); }).empty());
}

}  // namespace
}  // namespace tiendo::service
