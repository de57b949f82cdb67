// The synthesis report's use case as the API calls it: the narrative saved over a version read, audited, and each
// refusal. On SQLite, or on PostgreSQL when TIENDO_STORE_TEST_DB names one.
#include "service/synthesis.h"

#include <gtest/gtest.h>

#include "service/use_case_test.h"

namespace tiendo::service {
namespace {

namespace json = boost::json;

class SynthesisService : public UseCaseTest {
 protected:
  void SetUp() override {
    UseCaseTest::SetUp();
    db_->write([&](store::Connection& c) { plan_ = plan(c, "KH-TH"); });
  }

  json::object save(const SynthesisEdit& edit, store::Id directive) {
    return as([&](const Call& call) { return save_synthesis(call, directive, std::nullopt, today_, edit); });
  }

  SynthesisEdit summary(long long version, const std::string& text) {
    SynthesisEdit e;
    e.version = version;
    e.sections = json::object{{"summary", text}};
    return e;
  }

  domain::Date today_ = *domain::parse_iso_date("2026-11-24");
  store::Id plan_ = 0;
};

TEST_F(SynthesisService, NarrativeSavedOverTheVersionReadAndAudited) {
  const auto first = save(summary(0, "Tháng này các đơn vị đã…"), plan_);
  const auto again =
      db_->read([&](store::Connection& c) { return synthesis_of(c, plan_, std::nullopt, today_, now_); });
  EXPECT_EQ(json::serialize(first), json::serialize(again));

  const auto stale = refused(
      [&](const Call& call) { return save_synthesis(call, plan_, std::nullopt, today_, summary(0, "Bản khác")); });
  ASSERT_TRUE(stale);
  EXPECT_EQ(stale->kind, Error::Kind::conflict);
  EXPECT_EQ(stale->field, "version");

  auto entries = db_->read([&](store::Connection& c) {
    long long total = 0;
    return store::list_audit(c, std::string("synthesis_report"), std::nullopt, {100, 0}, &total);
  });
  ASSERT_FALSE(entries.empty());
  EXPECT_EQ(entries.front().action, "create");
  EXPECT_EQ(entries.front().username, admin_.username);
  EXPECT_EQ(json::parse(entries.front().after_json).at("sections").at("summary"), "Tháng này các đơn vị đã…");
}

TEST_F(SynthesisService, RefusesWhatIsNotAReportOrNotItsSection) {
  SynthesisEdit unknown;
  unknown.sections = json::object{{"loi_ket", "x"}};
  const auto section =
      refused([&](const Call& call) { return save_synthesis(call, plan_, std::nullopt, today_, unknown); });
  ASSERT_TRUE(section);
  EXPECT_EQ(section->kind, Error::Kind::invalid);
  EXPECT_EQ(section->field, "sections.loi_ket");

  SynthesisEdit format;
  format.format = "memo";
  const auto bad_format =
      refused([&](const Call& call) { return save_synthesis(call, plan_, std::nullopt, today_, format); });
  ASSERT_TRUE(bad_format);
  EXPECT_EQ(bad_format->field, "format");

  const auto period = refused(
      [&](const Call& call) { return save_synthesis(call, plan_, std::string("2026-Q9"), today_, summary(0, "x")); });
  ASSERT_TRUE(period);
  EXPECT_EQ(period->field, "period");

  const auto no_plan = db_->write([&](store::Connection& c) {
    store::Directive d;
    d.number = unique("CT-01");
    d.kind = "directive";
    d.title = "Chỉ thị";
    return store::insert_directive(c, d);
  });
  const auto not_a_plan =
      refused([&](const Call& call) { return save_synthesis(call, no_plan, std::nullopt, today_, summary(0, "x")); });
  ASSERT_TRUE(not_a_plan);
  EXPECT_EQ(not_a_plan->kind, Error::Kind::invalid);
  EXPECT_EQ(not_a_plan->field, "id");

  const auto missing = refused(
      [&](const Call& call) { return save_synthesis(call, no_plan + 100000, std::nullopt, today_, summary(0, "x")); });
  ASSERT_TRUE(missing);
  EXPECT_EQ(missing->kind, Error::Kind::not_found);
}

}  // namespace
}  // namespace tiendo::service
