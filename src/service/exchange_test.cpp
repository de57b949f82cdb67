// The exchange's use cases (issue 18) as the API calls them: an external system, an item's code set, replaced and
// found again by those who may see the item, the links of a city task to a program from above with its roll-up, and
// the bulk exports' shapes; each write's audit entry and each refusal. On SQLite, or on PostgreSQL when
// TIENDO_STORE_TEST_DB names one.
#include "service/exchange.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <cctype>

#include "domain/ranges.h"
#include "service/exchange_exports.h"
#include "service/use_case_test.h"
#include "store/exchange_store.h"

namespace tiendo::service {
namespace {

namespace json = boost::json;
using K = Error::Kind;

class ExchangeService : public UseCaseTest {
 protected:
  void SetUp() override {
    UseCaseTest::SetUp();
    db_->write([&](store::Connection& c) {
      ward_ = unit(c, "PhuongA", city_);
      other_ = unit(c, "PhuongB", city_);
      officer_ = person(c, "dauMoi", "focal_point", ward_);
      plan_ = plan(c, "KH");
      store::Task t;
      t.directive_id = plan_;
      t.code = "T1";
      t.name = "Số hóa hồ sơ";
      t.deadline_kind = "recurring";
      const auto ids = store::create_task(c, t, {ward_, other_}, {}, kAt);
      task_ = t.id;
      ward_assignment_ = ids.at(0);
      other_assignment_ = ids.at(1);
    });
  }

  // A system code of this test: lower case, as a system's code must be.
  static std::string system_code(const std::string& prefix) {
    auto s = unique(prefix);
    std::transform(s.begin(), s.end(), s.begin(), [](unsigned char ch) { return std::tolower(ch); });
    return s.substr(0, 40);
  }

  std::string new_system(const std::string& prefix) {
    const auto code = system_code(prefix);
    as(admin_, [&](const Call& call) { return create_external_system(call, {code, "Hệ thống " + prefix, ""}); });
    return code;
  }

  std::vector<store::AuditEntry> audit_of(const std::string& entity, store::Id id) {
    return db_->read([&](store::Connection& c) {
      long long total = 0;
      return store::list_audit(c, entity, std::to_string(id), {100, 0}, &total);
    });
  }

  store::Id ward_ = 0, other_ = 0, plan_ = 0, task_ = 0, ward_assignment_ = 0, other_assignment_ = 0;
  Actor officer_;
};

TEST_F(ExchangeService, SystemIsCreatedOnceUnderAWellFormedCode) {
  const auto code = system_code("lgsp");
  const auto s = as(admin_, [&](const Call& call) { return create_external_system(call, {code, "LGSP", "ghi chú"}); });
  EXPECT_EQ(s.at("code").as_string(), code);
  EXPECT_EQ(s.at("created_at").as_string(), "2026-11-24T03:00:00Z");
  const auto again = refusal([&] {
    as(admin_, [&](const Call& call) { return create_external_system(call, {code, "X", ""}); });
  });
  ASSERT_TRUE(again);
  EXPECT_EQ(again->kind, K::conflict);
  EXPECT_EQ(again->field, "code");
  const auto bad = refusal([&] {
    as(admin_, [&](const Call& call) { return create_external_system(call, {"Hoa", "X", ""}); });
  });
  ASSERT_TRUE(bad);
  EXPECT_EQ(bad->kind, K::invalid);
  EXPECT_EQ(bad->field, "code");
  const auto listed = db_->read([&](store::Connection& c) { return external_systems(c); });
  EXPECT_EQ(std::count_if(listed.begin(), listed.end(),
                          [&](const json::value& v) { return v.at("code").as_string() == code; }),
            1);
}

// A code replaced keeps its audit trail (before and after); the code finds the item only for those who may see it.
TEST_F(ExchangeService, CodeIsSetReplacedAndFoundByThoseWhoSeeTheItem) {
  const auto system = new_system("nq57");
  const auto set = [&](store::Id id, std::optional<std::string> code) {
    return as(admin_, [&](const Call& call) {
      return set_item_code(call, {"assignment", id, system, std::move(code), "theo công văn"});
    });
  };
  auto codes = set(other_assignment_, "NV-1");
  ASSERT_EQ(codes.size(), 1u);
  EXPECT_EQ(codes[0].at("code").as_string(), "NV-1");
  codes = set(other_assignment_, "NV-2");
  ASSERT_EQ(codes.size(), 1u);
  EXPECT_EQ(codes[0].at("code").as_string(), "NV-2");
  const auto log = audit_of("assignment", other_assignment_);
  ASSERT_EQ(log.size(), 2u);
  for (const auto& e : log) {
    EXPECT_EQ(e.action, "external_code");
    EXPECT_EQ(e.username, admin_.username);
  }
  const auto last = std::max_element(log.begin(), log.end(), [](const auto& a, const auto& b) { return a.id < b.id; });
  EXPECT_EQ(json::parse(last->before_json), json::value(json::object{{"system", system}, {"code", "NV-1"}}));
  EXPECT_EQ(json::parse(last->after_json), json::value(json::object{{"system", system}, {"code", "NV-2"}}));

  const auto found = [&](const Actor& who) {
    return db_->read([&](store::Connection& c) { return items_with_code(Call{c, who, now_}, system, "NV-2"); });
  };
  EXPECT_EQ(found(admin_).size(), 1u);
  EXPECT_TRUE(found(officer_).empty());  // another ward's assignment
  const auto hidden = refusal([&] {
    db_->read([&](store::Connection& c) {
      return codes_of_item(Call{c, officer_, now_}, "assignment", other_assignment_);
    });
  });
  ASSERT_TRUE(hidden);
  EXPECT_EQ(hidden->kind, K::not_found);
  EXPECT_EQ(std::string(hidden->what()), "Không tìm thấy phân công.");

  EXPECT_TRUE(set(other_assignment_, std::nullopt).empty());  // removed; the old row stays closed
}

TEST_F(ExchangeService, CodeRefusals) {
  const auto system = new_system("nq57");
  struct Case {
    CodeChange in;
    K kind;
    std::string field;
  };
  const std::vector<Case> cases{
      {{"bogus", task_, system, "X", ""}, K::invalid, "entity"},
      {{"task", task_, system, " X", ""}, K::invalid, "code"},
      {{"task", task_, "qd20", "H31", ""}, K::invalid, "system"},  // agency codes are units' only
      {{"st_task", task_, "khcn.quocgia", "X", ""}, K::invalid, "system"},
      {{"task", task_, system_code("khong-co"), "X", ""}, K::invalid, "system"},
      {{"task", 99999999, system, "X", ""}, K::not_found, ""},
  };
  for (const auto& c : cases) {
    const auto r = refusal([&] { as(admin_, [&](const Call& call) { return set_item_code(call, c.in); }); });
    ASSERT_TRUE(r) << c.in.entity;
    EXPECT_EQ(r->kind, c.kind) << c.in.entity << " " << c.in.system;
    EXPECT_EQ(r->field, c.field) << c.in.entity << " " << c.in.system;
  }
}

// A city task linked to a program's task: the change audited once, the roll-up counting its assignments.
TEST_F(ExchangeService, UpstreamLinksAndRollup) {
  const auto system = new_system("ctr");
  store::Id program = 0, upstream = 0;
  db_->write([&](store::Connection& c) {
    program = plan(c, "CTr");
    store::insert_upstream_program(c, program, system, "", kAt, 0);
    store::Task up;
    up.directive_id = program;
    up.code = "NV-3";
    up.name = "Số hóa hồ sơ đất đai";
    up.deadline_kind = "recurring";
    store::create_task(c, up, {}, {}, kAt);
    upstream = up.id;
  });
  const auto links = as(admin_, [&](const Call& call) { return set_upstream_links(call, task_, {upstream}); });
  ASSERT_EQ(links.size(), 1u);
  EXPECT_EQ(links[0].at("upstream_task_id").as_int64(), upstream);
  as(admin_, [&](const Call& call) { return set_upstream_links(call, task_, {upstream}); });  // unchanged
  const auto log = audit_of("task", task_);
  ASSERT_EQ(log.size(), 1u);
  EXPECT_EQ(json::parse(log[0].after_json), json::value(json::object{{"upstream_task_ids", json::array{upstream}}}));

  const auto not_program =
      refusal([&] { as(admin_, [&](const Call& call) { return set_upstream_links(call, task_, {task_}); }); });
  ASSERT_TRUE(not_program);
  EXPECT_EQ(not_program->field, "upstream_task_ids");
  const auto from_program =
      refusal([&] { as(admin_, [&](const Call& call) { return set_upstream_links(call, upstream, {upstream}); }); });
  ASSERT_TRUE(from_program);
  EXPECT_EQ(from_program->field, "id");
  const auto too_many = refusal([&] {
    as(admin_,
       [&](const Call& call) { return set_upstream_links(call, task_, std::vector<store::Id>(101, upstream)); });
  });
  ASSERT_TRUE(too_many);
  EXPECT_EQ(too_many->field, "upstream_task_ids");

  const auto later = *domain::parse_iso_instant("2026-11-25T03:00:00Z");
  const auto roll =
      db_->read([&](store::Connection& c) { return program_rollup(c, program, domain::vietnam_date(later), later); });
  EXPECT_EQ(roll.at("system").as_string(), system);
  EXPECT_EQ(roll.at("tasks").as_int64(), 1);
  EXPECT_EQ(roll.at("linked").as_int64(), 1);
  const auto& item = roll.at("items").as_array().at(0);
  EXPECT_EQ(item.at("upstream_code").as_string(), "NV-3");
  EXPECT_EQ(item.at("assignments").as_int64(), 2);
  const auto none = refusal([&] {
    db_->read([&](store::Connection& c) { return program_rollup(c, plan_, domain::vietnam_date(later), later); });
  });
  ASSERT_TRUE(none);
  EXPECT_EQ(none->kind, K::not_found);
}

// One table in its three shapes: JSON items with their codes, CSV with the byte-order mark and a column per system,
// .xlsx; any other format refused.
TEST_F(ExchangeService, ExportShapes) {
  ExportTable t;
  t.columns = {{"name", "Tên"}, {"value", "Giá trị"}, {"n", "Số"}};
  t.rows = {{std::string("Xã \"A\", B"), 12.5, 3LL}, {std::string("C"), ExportCell{}, 4LL}};
  t.systems = {"nq57"};
  t.codes = {{{"nq57", "NV-1"}}, {}};
  t.stem = "bang";
  t.head = json::object{{"as_of", "2026-11-24"}};
  const auto j = render_export(t, "json", now_);
  ASSERT_TRUE(j.json);
  EXPECT_EQ(
      json::serialize(*j.json),
      R"({"as_of":"2026-11-24","items":[{"name":"Xã \"A\", B","value":1.25E1,"n":3,"external_codes":{"nq57":"NV-1"}},)"
      R"({"name":"C","value":null,"n":4,"external_codes":{}}]})");
  const auto csv = render_export(t, "csv", now_);
  EXPECT_EQ(csv.filename, "bang.csv");
  EXPECT_EQ(csv.content_type, "text/csv; charset=utf-8");
  EXPECT_EQ(csv.body, "\xEF\xBB\xBFTên,Giá trị,Số,Mã nq57\r\n\"Xã \"\"A\"\", B\",12.5,3,NV-1\r\nC,,4,\r\n");
  const auto xlsx = render_export(t, "xlsx", now_);
  EXPECT_EQ(xlsx.filename, "bang.xlsx");
  EXPECT_EQ(xlsx.body.substr(0, 2), "PK");
  const auto bad = refusal([&] { render_export(t, "pdf", now_); });
  ASSERT_TRUE(bad);
  EXPECT_EQ(bad->field, "format");
  EXPECT_EQ(std::string(bad->what()), "Tham số \"" + domain::field_label("format") + "\" phải là json, csv hoặc xlsx.");
}

TEST_F(ExchangeService, ReportTimelinessOfAPlanOnly) {
  const auto none = refusal([&] {
    db_->read([&](store::Connection& c) {
      return report_timeliness_export(c, task_ + 1000000, std::nullopt, domain::vietnam_date(now_), now_);
    });
  });
  ASSERT_TRUE(none);
  EXPECT_EQ(none->kind, K::not_found);
}

}  // namespace
}  // namespace tiendo::service
