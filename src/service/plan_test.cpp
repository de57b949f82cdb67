// The plan's use cases as the API calls them: a plan built by hand and changed from a date on, with the audit
// entries the resident models follow (entity, id, action, before and after), and each use case's refusals. On
// SQLite, or on PostgreSQL when TIENDO_STORE_TEST_DB names one.
#include "service/plan.h"

#include <gtest/gtest.h>

#include "service/use_case_test.h"

namespace tiendo::service {
namespace {

namespace json = boost::json;

class PlanService : public UseCaseTest {
 protected:
  void SetUp() override {
    UseCaseTest::SetUp();
    db_->write([&](store::Connection& c) { ward_ = unit(c, "PhuongA", city_); });
  }

  store::Id directive() {
    store::Directive d;
    d.number = unique("KH-01");
    d.kind = "plan";
    d.title = "Kế hoạch chuyển đổi số";
    d.issued_on = "2026-01-10";
    d.year = 2026;
    d.has_plan = true;
    return as([&](const Call& call) { return create_directive(call, d); }).at("id").as_int64();
  }

  NewIndicator indicator(store::Id plan, const std::string& target) {
    NewIndicator in;
    in.directive_id = plan;
    in.code = "CT1";
    in.name = "Tỷ lệ hồ sơ trực tuyến";
    in.target_text = target;
    return in;
  }

  NewTask task(store::Id plan, const std::string& deadline) {
    NewTask in;
    in.task.directive_id = plan;
    in.task.code = "NV1";
    in.task.name = "Triển khai nền tảng";
    in.task.deadline_text = deadline;
    in.lead_unit_ids = {ward_};
    return in;
  }

  domain::Date today_ = *domain::parse_iso_date("2026-11-24");
  store::Id ward_ = 0;
};

TEST_F(PlanService, DirectiveWithItsRuleAndChain) {
  const auto plan = directive();
  auto entries = log("directive", plan);
  ASSERT_EQ(entries.size(), 1u);
  EXPECT_EQ(entries[0].action, "create");
  EXPECT_EQ(entries[0].username, admin_.username);
  EXPECT_TRUE(entries[0].before_json.empty());
  EXPECT_EQ(json::parse(entries[0].after_json).at("number").as_string(), unique("KH-01"));

  store::Directive child;
  child.number = unique("KH-02");
  child.kind = "decision";
  child.title = "Quyết định triển khai";
  child.basis_ids = {plan};
  const auto child_id = as([&](const Call& call) { return create_directive(call, child); }).at("id").as_int64();
  const auto view = db_->read([&](store::Connection& c) { return directive_view(c, child_id, today_); });
  ASSERT_EQ(view.at("basis_chain").as_array().size(), 1u);
  EXPECT_EQ(view.at("basis_chain").as_array()[0].at("id").as_int64(), plan);
  EXPECT_FALSE(view.contains("reporting_rule"));  // not a plan

  const auto planned = db_->read([&](store::Connection& c) { return directive_view(c, plan, today_); });
  EXPECT_EQ(planned.at("implemented_by").as_array().size(), 1u);
  EXPECT_EQ(planned.at("reporting_rule").at("period_type").as_string(), "monthly");
  EXPECT_EQ(planned.at("indicator_count").as_int64(), 0);
}

TEST_F(PlanService, DirectiveRefusals) {
  directive();
  store::Directive d;
  d.number = unique("KH-01");
  d.kind = "plan";
  d.title = "Lặp số";
  auto r = refused([&](const Call& call) { return create_directive(call, d); });
  ASSERT_TRUE(r);
  EXPECT_EQ(r->kind, Error::Kind::conflict);
  EXPECT_EQ(r->field, "number");
  d.number = unique("KH-09");
  d.kind = "law";
  r = refused([&](const Call& call) { return create_directive(call, d); });
  ASSERT_TRUE(r);
  EXPECT_EQ(r->field, "kind");
  d.kind = "plan";
  d.basis_ids = {987654321};
  r = refused([&](const Call& call) { return create_directive(call, d); });
  ASSERT_TRUE(r);
  EXPECT_EQ(r->field, "basis_ids");
  r = refusal([&] { db_->read([&](store::Connection& c) { return directive_view(c, 987654321, today_); }); });
  ASSERT_TRUE(r);
  EXPECT_EQ(r->kind, Error::Kind::not_found);
}

TEST_F(PlanService, ReportingRuleChangedAndAudited) {
  const auto plan = directive();
  RuleChange ch;
  ch.period_type = "quarterly";
  ch.due_soon_days = 5;
  ch.weights = true;
  ch.weight_feedback = 0.2;
  ch.remind_days_before = "7,3,1";
  const auto after = as([&](const Call& call) { return update_reporting_rule(call, plan, ch); });
  EXPECT_EQ(after.at("period_type").as_string(), "quarterly");
  EXPECT_EQ(after.at("weights").at("feedback").as_double(), 0.2);
  EXPECT_EQ(after.at("reminders").at("days_before").as_string(), "7,3,1");
  const auto entries = log("reporting_rule", plan);
  ASSERT_EQ(entries.size(), 1u);
  EXPECT_EQ(entries[0].action, "update");
  EXPECT_EQ(json::parse(entries[0].before_json).at("period_type").as_string(), "monthly");
  EXPECT_EQ(json::parse(entries[0].after_json), json::value(after));

  RuleChange leap;
  leap.annual_due_month = 2;
  leap.annual_due_day = 29;
  auto r = refused([&](const Call& call) { return update_reporting_rule(call, plan, leap); });
  ASSERT_TRUE(r);
  EXPECT_EQ(r->field, "annual_due_day");
  RuleChange zero;
  zero.weights = true;
  zero.weight_timeliness = zero.weight_updates = zero.weight_completion = zero.weight_indicators = 0;
  zero.weight_feedback = 0;
  r = refused([&](const Call& call) { return update_reporting_rule(call, plan, zero); });
  ASSERT_TRUE(r);
  EXPECT_EQ(r->field, "weights");
  r = refused([&](const Call& call) { return update_reporting_rule(call, 987654321, RuleChange{}); });
  ASSERT_TRUE(r);
  EXPECT_EQ(r->kind, Error::Kind::not_found);
}

TEST_F(PlanService, HolidaysSavedAndDeleted) {
  const auto day = *domain::parse_iso_date("2026-09-02");
  EXPECT_EQ(as([&](const Call& call) { return save_holiday(call, day, "Quốc khánh"); }),
            (json::object{{"day", "2026-09-02"}, {"name", "Quốc khánh"}}));
  auto listed = db_->read([&](store::Connection& c) { return service::list_holidays(c); });
  EXPECT_EQ(listed.total, static_cast<long long>(listed.items.size()));
  EXPECT_NE(std::find(listed.items.begin(), listed.items.end(),
                      json::value(json::object{{"day", "2026-09-02"}, {"name", "Quốc khánh"}})),
            listed.items.end());
  as([&](const Call& call) {
    delete_holiday(call, day);
    return 0;
  });
  listed = db_->read([&](store::Connection& c) { return service::list_holidays(c); });
  for (const auto& h : listed.items) EXPECT_NE(h.at("day").as_string(), "2026-09-02");
}

TEST_F(PlanService, IndicatorTargetAndSourceFromNowOn) {
  const auto plan = directive();
  const auto created = as([&](const Call& call) { return create_indicator(call, indicator(plan, "≥80%")); });
  EXPECT_EQ(created.at("aggregation").as_string(), "ratio_of_sums");  // a rate: a ratio of sums
  EXPECT_EQ(created.at("comparator").as_string(), "at_least");
  const auto id = created.at("id").as_int64();

  const auto changed = as([&](const Call& call) { return update_indicator_target(call, id, "≥90%", {}); });
  EXPECT_EQ(changed.at("target_value").as_double(), 90.0);
  // A source already held writes nothing.
  as([&](const Call& call) { return update_indicator_source(call, id, "reported"); });
  const auto sourced = as([&](const Call& call) { return update_indicator_source(call, id, "national_portal"); });
  EXPECT_EQ(sourced.at("data_source").as_string(), "national_portal");

  const auto entries = log("indicator", id);
  ASSERT_EQ(entries.size(), 3u);
  EXPECT_EQ(entries[0].action, "create");
  EXPECT_EQ(json::parse(entries[0].after_json), json::value(created));
  EXPECT_EQ(entries[1].action, "update_target");
  EXPECT_EQ(json::parse(entries[1].before_json), json::value(created));
  EXPECT_EQ(json::parse(entries[1].after_json), json::value(changed));
  EXPECT_EQ(entries[2].action, "update_source");
  EXPECT_EQ(json::parse(entries[2].before_json), json::value(json::object{{"data_source", "reported"}}));
  EXPECT_EQ(json::parse(entries[2].after_json), json::value(json::object{{"data_source", "national_portal"}}));

  const auto view = db_->read([&](store::Connection& c) { return indicator_view(Call{c, admin_, now_}, id, today_); });
  EXPECT_TRUE(view.contains("evaluation"));
  EXPECT_TRUE(view.at("values").as_array().empty());
}

TEST_F(PlanService, IndicatorRefusals) {
  const auto plan = directive();
  const auto refused_new = [&](const NewIndicator& in) {
    return refused([&](const Call& call) { return create_indicator(call, in); });
  };
  auto r = refused_new(indicator(plan, "nhiều"));
  ASSERT_TRUE(r);
  EXPECT_EQ(r->field, "target_text");
  r = refused_new(indicator(plan, "120%"));  // a share is at most 100
  ASSERT_TRUE(r);
  EXPECT_EQ(r->field, "target_text");
  auto in = indicator(plan, "5 sản phẩm");
  in.aggregation = "median";
  r = refused_new(in);
  ASSERT_TRUE(r);
  EXPECT_EQ(r->field, "aggregation");
  in = indicator(plan, "5 sản phẩm");
  in.data_source = "feedback_r1";  // a computed share for a count
  r = refused_new(in);
  ASSERT_TRUE(r);
  EXPECT_EQ(r->field, "data_source");
  in = indicator(plan, "5 sản phẩm");
  in.baseline = 2.5;  // a count is whole
  r = refused_new(in);
  ASSERT_TRUE(r);
  EXPECT_EQ(r->field, "baseline");
  in = indicator(plan, "5 sản phẩm");
  in.reporting_group_id = 987654321;
  r = refused_new(in);
  ASSERT_TRUE(r);
  EXPECT_EQ(r->field, "reporting_group_id");

  const auto id =
      as([&](const Call& call) { return create_indicator(call, indicator(plan, "5 sản phẩm")); }).at("id").as_int64();
  r = refused([&](const Call& call) { return update_indicator_target(call, id, "5 sản phẩm", {{"commune", "2"}}); });
  ASSERT_TRUE(r);
  EXPECT_EQ(r->field, "level_targets");  // no such level
  r = refused([&](const Call& call) { return update_indicator_source(call, id, "feedback_r2"); });
  ASSERT_TRUE(r);
  EXPECT_EQ(r->field, "data_source");
  r = refused([&](const Call& call) { return update_indicator_target(call, 987654321, "5 sản phẩm", {}); });
  ASSERT_TRUE(r);
  EXPECT_EQ(r->kind, Error::Kind::not_found);
}

TEST_F(PlanService, TaskDeadlineAndRemoval) {
  const auto plan = directive();
  const auto created = as([&](const Call& call) { return create_task(call, task(plan, "Quý II/2027")); });
  EXPECT_EQ(created.at("deadline_kind").as_string(), "quarter");
  EXPECT_EQ(created.at("deadline_due").as_string(), "2027-06-30");
  EXPECT_EQ(created.at("assignment_count").as_int64(), 1);
  const auto id = created.at("id").as_int64();

  const auto moved = as([&](const Call& call) { return update_task_deadline(call, id, "30/9/2027"); });
  EXPECT_EQ(moved.at("deadline_due").as_string(), "2027-09-30");
  const auto seen = db_->read([&](store::Connection& c) { return task_view(Call{c, admin_, now_}, id, today_); });
  EXPECT_EQ(seen.at("rollup").at("total").as_int64(), 1);
  as([&](const Call& call) {
    remove_task(call, id);
    return 0;
  });

  const auto entries = log("task", id);
  ASSERT_EQ(entries.size(), 3u);
  EXPECT_EQ(entries[0].action, "create");
  EXPECT_EQ(json::parse(entries[0].after_json), json::value(created));
  EXPECT_EQ(entries[1].action, "update_deadline");
  EXPECT_EQ(json::parse(entries[1].after_json), json::value(moved));
  EXPECT_EQ(entries[2].action, "remove");
  EXPECT_TRUE(entries[2].after_json.empty());

  auto listed = db_->read([&](store::Connection& c) {
    return list_tasks(Call{c, admin_, now_}, {}, {100, 0}, today_);
  });
  for (const auto& t : listed.items) EXPECT_NE(t.at("id").as_int64(), id);
}

TEST_F(PlanService, TaskRefusals) {
  const auto plan = directive();
  auto in = task(plan, "sớm thôi");
  auto r = refused([&](const Call& call) { return create_task(call, in); });
  ASSERT_TRUE(r);
  EXPECT_EQ(r->field, "deadline_text");
  in = task(plan, "Năm 2027");
  in.lead_unit_ids.clear();
  r = refused([&](const Call& call) { return create_task(call, in); });
  ASSERT_TRUE(r);
  EXPECT_EQ(r->field, "lead_unit_ids");
  in = task(plan, "Năm 2027");
  in.task.coordinator_ids = {987654321};
  r = refused([&](const Call& call) { return create_task(call, in); });
  ASSERT_TRUE(r);
  EXPECT_EQ(r->field, "coordinating_unit_ids");
  in = task(plan, "Năm 2027");
  in.lead_group_ids = {987654321};
  r = refused([&](const Call& call) { return create_task(call, in); });
  ASSERT_TRUE(r);
  EXPECT_EQ(r->field, "lead_group_ids");
  r = refused([&](const Call& call) {
    remove_task(call, 987654321);
    return 0;
  });
  ASSERT_TRUE(r);
  EXPECT_EQ(r->kind, Error::Kind::not_found);
}

TEST(PlanDeadlineWords, ReadOrRefused) {
  const auto read = read_deadline_words("30/6/2026");
  EXPECT_EQ(read.at("due").as_string(), "2026-06-30");
  EXPECT_EQ(read_deadline_words("Thường xuyên").at("due"), json::value(nullptr));
  const auto r = refusal([] { read_deadline_words("mai"); });
  ASSERT_TRUE(r);
  EXPECT_EQ(r->kind, Error::Kind::invalid);
  EXPECT_EQ(r->field, "deadline_text");
}

}  // namespace
}  // namespace tiendo::service
