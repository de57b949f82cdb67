// The outbox's use cases (issue 18, item 3) as the API calls them: a system's template created then replaced, an item
// entered upstream by a clerk then acknowledged, the items laid out by the template for copying, a month prepared;
// each write's audit entry and each refusal. On SQLite, or on PostgreSQL when TIENDO_STORE_TEST_DB names one.
#include "service/outbox.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <cctype>

#include "service/use_case_test.h"

namespace tiendo::service {
namespace {

namespace json = boost::json;
using K = Error::Kind;

class OutboxService : public UseCaseTest {
 protected:
  void SetUp() override {
    UseCaseTest::SetUp();
    system_ = unique("he-thong");
    std::transform(system_.begin(), system_.end(), system_.begin(), [](unsigned char ch) { return std::tolower(ch); });
    system_ = system_.substr(0, 40);
    db_->write([&](store::Connection& c) {
      clerk_ = person(c, "vanthu", "standing_agency", city_, false);
      store::insert_external_system(c, {system_, "Hệ thống 57", "", kAt});
    });
  }

  // The standing agency's clerk runs every call here.
  template <class F>
  auto as(F&& f) {
    return UseCaseTest::as(clerk_, std::forward<F>(f));
  }

  static TemplateInput two_columns(const std::string& status_word) {
    TemplateInput in;
    in.columns = {{"upstream_code", "Mã nhiệm vụ"}, {"status", "Tình trạng"}};
    in.status_map = {{"overdue", status_word}};
    in.note = "theo màn hình nhập";
    return in;
  }

  // An item prepared for the system, as service/exchange_job lays one out.
  store::OutboxItem prepared(const std::string& code) {
    return db_->write([&](store::Connection& c) {
      store::OutboxItem item;
      item.kind = "assignment_update";
      item.ref_id = 1;
      item.period = "2026-11";
      item.system = system_;
      item.upstream_code = code;
      item.payload = json::serialize(json::object{
          {"columns", json::array{json::object{{"field", "upstream_code"}, {"header", "Mã"}, {"value", code}},
                                  json::object{{"field", "status"}, {"header", "Tình trạng"}, {"value", "Chậm"}}}}});
      item.payload_hash = code;
      return store::upsert_outbox_item(c, item, "2026-11-20T00:00:00Z").first;
    });
  }

  std::vector<store::AuditEntry> audit_of(const std::string& entity, store::Id id) {
    return db_->read([&](store::Connection& c) {
      long long total = 0;
      return store::list_audit(c, entity, std::to_string(id), {1000, 0}, &total);
    });
  }

  std::string system_;
  Actor clerk_;
};

TEST_F(OutboxService, TemplateIsCreatedThenReplacedWithItsAuditTrail) {
  auto t = as([&](const Call& call) { return save_outbox_template(call, system_, two_columns("Chậm")); });
  EXPECT_EQ(t.at("columns").as_array().size(), 2u);
  EXPECT_EQ(t.at("status_map"), json::value(json::object{{"overdue", "Chậm"}}));
  EXPECT_EQ(t.at("note").as_string(), "theo màn hình nhập");
  t = as([&](const Call& call) { return save_outbox_template(call, system_, two_columns("Chậm tiến độ")); });
  EXPECT_EQ(t.at("status_map"), json::value(json::object{{"overdue", "Chậm tiến độ"}}));
  std::vector<std::string> actions;
  for (const auto& e : audit_of("outbox_template", 0))
    if (e.after_json.find(system_) != std::string::npos) actions.push_back(e.action);
  std::sort(actions.begin(), actions.end());
  EXPECT_EQ(actions, (std::vector<std::string>{"create", "update"}));
  const auto listed = db_->read([&](store::Connection& c) { return outbox_templates(c); });
  EXPECT_FALSE(listed.at("fields").as_array().empty());

  auto bad = two_columns("Chậm");
  bad.columns[1].second = "";
  const auto no_header =
      refusal([&] { as([&](const Call& call) { return save_outbox_template(call, system_, bad); }); });
  ASSERT_TRUE(no_header);
  EXPECT_EQ(no_header->field, "columns[1].header");
  const auto unknown = refusal(
      [&] { as([&](const Call& call) { return save_outbox_template(call, system_ + "-x", two_columns("Chậm")); }); });
  ASSERT_TRUE(unknown);
  EXPECT_EQ(unknown->kind, K::not_found);
}

// Entered by hand (not after today, once), then acknowledged upstream; each mark audited with the states.
TEST_F(OutboxService, ClerkMarksAnItemEnteredThenAcknowledged) {
  const auto item = prepared("NV-1");
  const auto future = refusal([&] {
    as([&](const Call& call) {
      return mark_outbox_entered(call, item.id, *domain::parse_iso_date("2026-11-25"), "So 1");
    });
  });
  ASSERT_TRUE(future);
  EXPECT_EQ(future->field, "entered_on");
  const auto early =
      refusal([&] { as([&](const Call& call) { return mark_outbox_acknowledged(call, item.id, ""); }); });
  ASSERT_TRUE(early);
  EXPECT_EQ(early->kind, K::conflict);

  auto o = as([&](const Call& call) {
    return mark_outbox_entered(call, item.id, *domain::parse_iso_date("2026-11-24"), "So 1");
  });
  EXPECT_EQ(o.at("state").as_string(), "sent");
  EXPECT_EQ(o.at("entered_on").as_string(), "2026-11-24");
  EXPECT_EQ(o.at("columns").as_array().size(), 2u);
  EXPECT_FALSE(o.contains("payload"));
  const auto again = refusal([&] {
    as([&](const Call& call) {
      return mark_outbox_entered(call, item.id, *domain::parse_iso_date("2026-11-24"), "So 2");
    });
  });
  ASSERT_TRUE(again);
  EXPECT_EQ(again->kind, K::conflict);
  EXPECT_EQ(again->field, "state");
  o = as([&](const Call& call) { return mark_outbox_acknowledged(call, item.id, "XN-1"); });
  EXPECT_EQ(o.at("state").as_string(), "acknowledged");

  auto log = audit_of("outbox_item", item.id);
  std::sort(log.begin(), log.end(), [](const auto& a, const auto& b) { return a.id < b.id; });
  ASSERT_EQ(log.size(), 2u);
  EXPECT_EQ(log[0].action, "entered");
  EXPECT_EQ(json::parse(log[0].before_json), json::value(json::object{{"state", "prepared"}}));
  EXPECT_EQ(json::parse(log[0].after_json),
            json::value(json::object{{"state", "sent"}, {"entered_on", "2026-11-24"}, {"external_ref", "So 1"}}));
  EXPECT_EQ(log[1].action, "acknowledged");
  EXPECT_EQ(json::parse(log[1].after_json),
            json::value(json::object{{"state", "acknowledged"}, {"external_ref", "XN-1"}}));

  const auto read = db_->read([&](store::Connection& c) { return outbox_item(c, item.id); });
  EXPECT_TRUE(read.contains("payload"));
  const auto missing =
      refusal([&] { db_->read([&](store::Connection& c) { return outbox_item(c, item.id + 1000000); }); });
  ASSERT_TRUE(missing);
  EXPECT_EQ(missing->kind, K::not_found);
}

// The template's columns in order, then the item's number and state; a system and a known state are required.
TEST_F(OutboxService, ExportLaysItemsOutByTheTemplate) {
  const auto item = prepared("NV-2");
  const auto none = refusal([&] {
    db_->read([&](store::Connection& c) { return outbox_export(c, store::OutboxFilter{system_, {}, {}, {}}); });
  });
  ASSERT_TRUE(none);
  EXPECT_EQ(none->kind, K::not_found);  // no template yet
  as([&](const Call& call) { return save_outbox_template(call, system_, two_columns("Chậm")); });
  const auto t = db_->read([&](store::Connection& c) {
    return outbox_export(c, store::OutboxFilter{system_, {}, std::string("2026-11"), {}});
  });
  ASSERT_EQ(t.columns.size(), 4u);
  EXPECT_EQ(t.columns[0].label, "Mã nhiệm vụ");
  EXPECT_EQ(t.columns[2].name, "item_id");
  ASSERT_EQ(t.rows.size(), 1u);
  EXPECT_EQ(std::get<std::string>(t.rows[0][0]), "NV-2");
  EXPECT_EQ(std::get<std::string>(t.rows[0][1]), "Chậm");
  EXPECT_EQ(std::get<long long>(t.rows[0][2]), item.id);
  EXPECT_EQ(t.stem, "hop-thu-di-" + system_ + "-2026-11");
  EXPECT_EQ(json::value(t.head), json::value(json::object{{"system", system_}, {"assumed", false}}));

  for (const auto& f : {store::OutboxFilter{{}, {}, {}, {}}, store::OutboxFilter{system_, std::string("x"), {}, {}}}) {
    const auto r = refusal([&] { db_->read([&](store::Connection& c) { return outbox_export(c, f); }); });
    ASSERT_TRUE(r);
    EXPECT_EQ(r->kind, K::invalid);
  }
  const auto bad_state = refusal([&] {
    db_->read([&](store::Connection& c) {
      return outbox_items(c, OutboxQuery{store::OutboxFilter{{}, std::string("entered"), {}, {}}, {}});
    });
  });
  ASSERT_TRUE(bad_state);
  EXPECT_EQ(bad_state->field, "state");
}

TEST_F(OutboxService, PrepareNeedsAMonthAndAKnownSystem) {
  const auto postgres = db_->kind() == "postgresql";
  struct Case {
    std::optional<std::string> period, system;
    std::string field;
  };
  for (const auto& c : std::vector<Case>{{std::nullopt, std::nullopt, "period"},
                                         {std::string("2026"), std::nullopt, "period"},
                                         {std::string("2026-11"), system_ + "-x", "system"}}) {
    const auto r = refusal([&] { prepare_outbox_month(*db_, clerk_, now_, postgres, c.period, c.system); });
    ASSERT_TRUE(r);
    EXPECT_EQ(r->field, c.field);
  }
  const auto out = prepare_outbox_month(*db_, clerk_, now_, postgres, std::string("2026-11"), system_);
  EXPECT_EQ(out.at("items").as_int64(), 0);
  EXPECT_EQ(out.at("system").as_string(), system_);
  bool audited = false;
  for (const auto& e : audit_of("outbox", 0))
    audited = audited || (e.action == "prepare" && json::parse(e.after_json) == json::value(out));
  EXPECT_TRUE(audited);
}

}  // namespace
}  // namespace tiendo::service
