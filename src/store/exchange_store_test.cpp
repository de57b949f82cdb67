// Exchange's named reads: exported indicator values, an event's delivery with its log of attempts, an upstream
// program's tasks, what the outbox copies upward (unit reports, feedback initiatives) and the indicator targets
// known on a past day. Each round trip checks every field by name. On SQLite, or on PostgreSQL when
// TIENDO_STORE_TEST_DB names one (rows of other tests beside these, so each read is narrowed to this test's).
#include "store/exchange_store.h"

#include <algorithm>

#include "store/feedback_store.h"
#include "store/report_store.h"
#include "store/test_database.h"

namespace tiendo::store {
namespace {

using ExchangeStore = StoreTest;

// Submits what was typed into the report at `at`, as the unit's submission does.
void submit(Connection& c, Report r, const std::string& at) {
  submit_report(c, r, at);
  r.state = "submitted";
  r.first_submitted_at = r.submitted_at = at;
  r.updated_at = at;
  ASSERT_TRUE(update_report(c, r, r.version).has_value());
}

// A unit's report for `period`, opened at the start of October.
Report draft(Connection& c, Id directive_id, Id unit_id, const std::string& period) {
  Report r;
  r.directive_id = directive_id;
  r.unit_id = unit_id;
  r.period = period;
  r.state = "draft";
  r.created_at = "2026-10-01T00:00:00Z";
  r.id = insert_report(c, r);
  return r;
}

TEST_F(ExchangeStore, ExportedIndicatorValueNamesItsIndicatorAndUnit) {
  db_->write([&](Connection& c) {
    const Id city = unit(c, "CITY", std::nullopt);
    const Id p = plan(c, "KH");
    const Id ind = insert_indicator(c, indicator(p, unique("CT")), kAt);
    const Report r = draft(c, p, city, "2026-10");
    IndicatorValue v;
    v.indicator_id = ind;
    v.unit_id = city;
    v.period = "2026-10";
    v.numerator = 30;
    v.denominator = 40;
    v.value = 75;
    v.report_id = r.id;
    v.updated_at = kAt;
    save_report_indicator_value(c, v);
    submit(c, r, "2026-10-18T02:00:00Z");

    const auto all = export_indicator_values(c, std::string("2026-10"));
    const auto mine = std::find_if(all.begin(), all.end(), [&](const auto& x) { return x.indicator_id == ind; });
    ASSERT_NE(mine, all.end());
    EXPECT_EQ(mine->indicator_code, unique("CT"));
    EXPECT_EQ(mine->indicator_name, "Tỷ lệ hồ sơ trực tuyến");
    EXPECT_EQ(mine->unit_of_measure, "%");
    EXPECT_EQ(mine->unit_id, city);
    EXPECT_EQ(mine->unit_code, unique("CITY"));
    EXPECT_EQ(mine->unit_name, "Đơn vị CITY");
    EXPECT_EQ(mine->period, "2026-10");
    EXPECT_EQ(mine->numerator, 30.0);
    EXPECT_EQ(mine->denominator, 40.0);
    EXPECT_EQ(mine->value, 75.0);
    EXPECT_FALSE(mine->estimated_full_year.has_value());  // left blank, not read as 0
    EXPECT_EQ(mine->updated_at, "2026-10-18T02:00:00Z");
    const auto other = export_indicator_values(c, std::string("2026-09"));
    EXPECT_TRUE(std::none_of(other.begin(), other.end(), [&](const auto& x) { return x.indicator_id == ind; }));
  });
}

TEST_F(ExchangeStore, DeliveryAndItsAttemptsReadBackByName) {
  db_->write([&](Connection& c) {
    EventSubscription s;
    s.name = unique("kho-du-lieu");
    s.url = "https://kho.example.vn/events";
    s.secret = "secret";
    s.event_types = unique("type");  // a type no other test's subscription takes
    s.created_at = kAt;
    const Id sub = insert_subscription(c, s, 0);
    ASSERT_TRUE(record_event(c, unique("ev"), unique("key"), s.event_types, kAt, R"({"n":1})"));

    DeliveryFilter f;
    f.subscription_id = sub;
    long long total = 0;
    auto listed = list_event_deliveries(c, f, Page{10, 0}, &total);
    ASSERT_EQ(total, 1);
    ASSERT_EQ(listed.size(), 1u);
    const Id id = listed[0].id;
    EXPECT_EQ(listed[0].event_id, unique("ev"));
    EXPECT_EQ(listed[0].type, s.event_types);
    EXPECT_EQ(listed[0].occurred_at, kAt);
    EXPECT_EQ(listed[0].subscription_id, sub);
    EXPECT_EQ(listed[0].subscription_name, s.name);
    EXPECT_EQ(listed[0].state, "pending");
    EXPECT_EQ(listed[0].attempts, 0);
    EXPECT_EQ(listed[0].next_attempt_at, kAt);
    EXPECT_EQ(listed[0].last_error, "");
    EXPECT_FALSE(listed[0].sent_at.has_value());
    EXPECT_EQ(listed[0].payload, R"({"n":1})");
    EXPECT_TRUE(event_attempts(c, id).empty());

    // Refused once, then taken: the delivery is sent and both attempts stay in its log.
    const auto take = [&](const std::string& now, const std::string& token) {
      const auto claimed = claim_event_deliveries(c, now, "2026-11-01T01:00:00Z", token, 1000);
      ASSERT_TRUE(std::any_of(claimed.begin(), claimed.end(), [&](const auto& d) { return d.id == id; }));
    };
    take("2026-11-01T00:01:00Z", "t1");
    EXPECT_EQ(finish_event_delivery(c, id, "t1", {false, 503, "Service Unavailable", "2026-11-01T00:01:00Z", 120},
                                    "2026-11-01T00:01:01Z", "2026-11-01T00:02:00Z", 5),
              "failed");
    take("2026-11-01T00:03:00Z", "t2");
    EXPECT_EQ(finish_event_delivery(c, id, "t2", {true, 200, "", "2026-11-01T00:03:00Z", 45}, "2026-11-01T00:03:01Z",
                                    "2026-11-01T00:04:00Z", 5),
              "sent");

    const auto d = find_event_delivery(c, id);
    ASSERT_TRUE(d.has_value());
    EXPECT_EQ(d->id, id);
    EXPECT_EQ(d->event_id, unique("ev"));
    EXPECT_EQ(d->type, s.event_types);
    EXPECT_EQ(d->occurred_at, kAt);
    EXPECT_EQ(d->subscription_id, sub);
    EXPECT_EQ(d->subscription_name, s.name);
    EXPECT_EQ(d->state, "sent");
    EXPECT_EQ(d->attempts, 2);
    EXPECT_EQ(d->next_attempt_at, "2026-11-01T00:02:00Z");
    EXPECT_EQ(d->last_error, "");
    EXPECT_EQ(d->sent_at, "2026-11-01T00:03:01Z");
    EXPECT_EQ(d->payload, R"({"n":1})");
    EXPECT_FALSE(find_event_delivery(c, id + 1000000).has_value());

    const auto log = event_attempts(c, id);
    ASSERT_EQ(log.size(), 2u);
    EXPECT_EQ(log[0].attempt, 1);
    EXPECT_EQ(log[0].started_at, "2026-11-01T00:01:00Z");
    EXPECT_EQ(log[0].outcome, "failed");
    EXPECT_EQ(log[0].http_status, 503);
    EXPECT_EQ(log[0].error, "Service Unavailable");
    EXPECT_EQ(log[0].duration_ms, 120);
    EXPECT_EQ(log[1].attempt, 2);
    EXPECT_EQ(log[1].started_at, "2026-11-01T00:03:00Z");
    EXPECT_EQ(log[1].outcome, "sent");
    EXPECT_EQ(log[1].http_status, 200);
    EXPECT_EQ(log[1].error, "");
    EXPECT_EQ(log[1].duration_ms, 45);

    f.state = "pending";
    EXPECT_TRUE(list_event_deliveries(c, f, Page{10, 0}, &total).empty());
    EXPECT_EQ(total, 0);
  });
}

// An upstream program's task, a city task linked to it and a commune's submitted report on that city task: the
// program's tasks as known on a day, and the line the outbox copies upward.
TEST_F(ExchangeStore, ProgramTasksAndOutboxAssignmentSourceReadBackByName) {
  db_->write([&](Connection& c) {
    const std::string system = unique("he-thong-57");
    insert_external_system(c, {system, "Hệ thống 57", "", kAt});
    const Id program = plan(c, "CTr");
    insert_upstream_program(c, program, system, "", kAt, 0);
    Task up;
    up.directive_id = program;
    up.code = "NV-3";
    up.name = "Số hóa hồ sơ đất đai";
    up.deadline_text = "Quý IV/2026";
    up.deadline_kind = "quarter";
    create_task(c, up, {}, {}, kAt);

    EXPECT_TRUE(program_tasks(c, program, std::string(kAt)).empty());  // not yet known the instant it was made
    for (const auto& tasks :
         {program_tasks(c, program, std::nullopt), program_tasks(c, program, std::string("2026-11-02T00:00:00Z"))}) {
      ASSERT_EQ(tasks.size(), 1u);
      EXPECT_EQ(tasks[0].id, up.id);
      EXPECT_EQ(tasks[0].code, "NV-3");
      EXPECT_EQ(tasks[0].name, "Số hóa hồ sơ đất đai");
      EXPECT_EQ(tasks[0].deadline_text, "Quý IV/2026");
    }

    const Id city = unit(c, "CITY", std::nullopt);
    const Id commune = unit(c, "XA", city);
    const Id p = plan(c, "KH");
    Task t;
    t.directive_id = p;
    t.code = "T1";
    t.name = "Số hóa hồ sơ của xã";
    t.deadline_kind = "recurring";
    const Id a = create_task(c, t, {commune}, {}, kAt).at(0);
    set_upstream_links(c, t.id, {up.id}, kAt, std::nullopt);
    const Report r = draft(c, p, commune, "2026-10");
    ReportItem i;
    i.assignment_id = a;
    i.progress_percent = 60;
    i.work_done = "Đã số hóa 600 hồ sơ";
    i.output_ref = "Báo cáo 12/BC-UBND";
    i.difficulties = "Thiếu máy quét";
    save_report_item(c, r.id, i);
    submit(c, r, "2026-10-18T02:00:00Z");

    const auto sources = outbox_assignment_sources(c, "2026-10", system);
    ASSERT_EQ(sources.size(), 1u);
    const auto& s = sources[0];
    EXPECT_EQ(s.assignment_id, a);
    EXPECT_EQ(s.unit_id, commune);
    EXPECT_EQ(s.unit_name, "Đơn vị XA");
    EXPECT_EQ(s.task_name, "Số hóa hồ sơ của xã");
    EXPECT_EQ(s.system, system);
    EXPECT_EQ(s.upstream_task_id, up.id);
    EXPECT_EQ(s.upstream_task_code, "NV-3");
    EXPECT_EQ(s.progress_percent, 60);
    EXPECT_EQ(s.work_done, "Đã số hóa 600 hồ sơ");
    EXPECT_EQ(s.output_ref, "Báo cáo 12/BC-UBND");
    EXPECT_EQ(s.difficulties, "Thiếu máy quét");
    EXPECT_EQ(s.report_id, r.id);
    EXPECT_EQ(s.submitted_at, "2026-10-18T02:00:00Z");
    EXPECT_TRUE(outbox_assignment_sources(c, "2026-09", system).empty());
  });
}

TEST_F(ExchangeStore, OutboxFeedbackSourceReadsBackByName) {
  db_->write([&](Connection& c) {
    const auto item = [&](const std::string& code, const std::string& kind, const std::string& state) {
      FeedbackItem f;
      f.code = unique(code);
      f.kind = kind;
      f.field = "chuyen_doi_so";
      f.channel = "web";
      f.title = "Ứng dụng AI trả lời thủ tục";
      f.body = "Đề xuất trợ lý ảo " + code;
      f.sender_type = "doanh_nghiep";
      f.contact_sealed = "sealed";
      f.contact_hash = "hash-" + f.code;
      f.body_hash = "body-" + f.code;
      f.consent_at = kAt;
      f.rating_token_hash = "token-" + f.code;
      f.received_at = "2026-08-14T01:00:00Z";
      f.received_on = "2026-08-14";
      f.state = state;
      f.acknowledge_due = "2026-08-15";
      f.forward_due = "2026-08-21";
      f.answer_due = "2026-08-28";
      return insert_feedback(c, f);
    };
    const Id initiative = item("SK", "sang_kien", "received");
    const Id complaint = item("PA", "phan_anh", "received");      // not an initiative: stays in the city
    const Id refused = item("SK2", "sang_kien", "not_accepted");  // refused: not listed upward

    const auto all = outbox_feedback_sources(c, "2026-08");
    const auto mine = std::find_if(all.begin(), all.end(), [&](const auto& x) { return x.id == initiative; });
    ASSERT_NE(mine, all.end());
    EXPECT_EQ(mine->code, unique("SK"));
    EXPECT_EQ(mine->kind, "sang_kien");
    EXPECT_EQ(mine->title, "Ứng dụng AI trả lời thủ tục");
    EXPECT_EQ(mine->body, "Đề xuất trợ lý ảo SK");
    EXPECT_EQ(mine->field, "chuyen_doi_so");
    EXPECT_EQ(mine->received_on, "2026-08-14");
    EXPECT_TRUE(
        std::none_of(all.begin(), all.end(), [&](const auto& x) { return x.id == complaint || x.id == refused; }));
    const auto september = outbox_feedback_sources(c, "2026-09");
    EXPECT_TRUE(std::none_of(september.begin(), september.end(), [&](const auto& x) { return x.id == initiative; }));
  });
}

// Issue 12: an indicator's targets, its own and per level, as they were before a later change.
TEST_F(ExchangeStore, IndicatorTargetsKnownBeforeADay) {
  db_->write([&](Connection& c) {
    auto i = indicator(plan(c, "KH"), unique("CT"));
    i.level_targets = {{"commune", "≥70%", 70, std::nullopt}};
    i.id = insert_indicator(c, i, kAt);
    i.target_text = "≥90%";
    i.target_value = 90.5;
    update_indicator_target(c, i, "2026-12-01T00:00:00Z");

    const auto known = [&](const std::string& before) {
      std::vector<IndicatorTargetKnown> out;
      for (auto& t : indicator_targets_before(c, before))
        if (t.indicator_id == i.id) out.push_back(std::move(t));
      std::sort(out.begin(), out.end(), [](const auto& x, const auto& y) { return x.level < y.level; });
      return out;
    };
    EXPECT_TRUE(known(kAt).empty());
    auto then = known("2026-11-15T00:00:00Z");
    ASSERT_EQ(then.size(), 2u);
    EXPECT_EQ(then[0].indicator_id, i.id);
    EXPECT_EQ(then[0].level, "");
    EXPECT_EQ(then[0].target_text, "≥80%");
    EXPECT_EQ(then[0].comparator, "at_least");
    EXPECT_EQ(then[0].target_value, 80.0);
    EXPECT_EQ(then[1].level, "commune");
    EXPECT_EQ(then[1].target_text, "≥70%");
    EXPECT_EQ(then[1].comparator, "at_least");
    EXPECT_EQ(then[1].target_value, 70.0);
    const auto now = known("2026-12-02T00:00:00Z");
    ASSERT_EQ(now.size(), 2u);
    EXPECT_EQ(now[0].target_text, "≥90%");
    EXPECT_EQ(now[0].target_value, 90.5);
    EXPECT_EQ(now[1].target_value, 70.0);
  });
}

}  // namespace
}  // namespace tiendo::store
