// The S&T task's use cases (issue 16) as the API calls them: one task's path from its proposal to its execution
// with the audit entries the resident model follows, and each use case's refusals. On SQLite, or on PostgreSQL when
// TIENDO_STORE_TEST_DB names one.
#include "service/st_task.h"

#include <gtest/gtest.h>

#include <algorithm>

#include "service/refusal_test_util.h"
#include "service/service_test_util.h"

namespace tiendo::service {
namespace {

namespace json = boost::json;
using domain::StRole;

class StTaskService : public ServiceTest {
 protected:
  void SetUp() override {
    ServiceTest::SetUp();
    db_->write([&](store::Connection& c) {
      city_ = unit(c, "TP", std::nullopt);
      ward_ = unit(c, "PhuongA", city_);
      other_ = unit(c, "PhuongB", city_);
      store::Unit root;
      root.code = unique("KhoiChuTri");
      root.name = "Các tổ chức chủ trì";
      root.kind = std::string(domain::kHostRootKind);
      root.peer_group = "other";
      const auto root_id = store::insert_unit(c, root, kAt);
      store::Unit host;
      host.code = unique("Vien");
      host.name = "Viện Nghiên cứu";
      host.kind = std::string(domain::kHostOrgKind);
      host.peer_group = "other";
      host.parent_id = root_id;
      host_unit_ = store::insert_unit(c, host, kAt);
      agency_ = person(c, "thuongtruc", "standing_agency", city_, StRole::managing_agency, false);
      officer_ = person(c, "dauMoi", "focal_point", ward_, StRole::unit_officer, true);
      stranger_ = person(c, "phuongB", "focal_point", other_, StRole::unit_officer, true);
      host_ = person(c, "vien", "host", host_unit_, StRole::host, true);
    });
  }

  Actor person(store::Connection& c, const std::string& name, const std::string& role, store::Id unit_id,
               StRole st_role, bool scoped) {
    Actor a = ServiceTest::person(c, name, role, unit_id, scoped);
    a.st_role = st_role;
    return a;
  }

  // A use case run as `who` in one write transaction, at the test's instant.
  template <class F>
  auto as(const Actor& who, F&& f) {
    return db_->write([&](store::Connection& c) { return f(Call{c, who, now_, db_->kind() == "postgresql"}); });
  }

  StRegisterInput entry(const std::string& code) const {
    StRegisterInput in;
    in.code = unique(code);
    in.title = "Nghiên cứu vật liệu mới";
    in.level = "tinh";
    in.kind = "de_tai";
    in.mode = "dat_hang";
    in.budget_nsnn = 1'000'000'000;
    in.start_date = domain::parse_iso_date("2026-12-01");
    in.end_date = domain::parse_iso_date("2028-11-30");
    in.host_unit_id = host_unit_;
    in.managing_unit_id = ward_;
    return in;
  }
  static domain::StDocument doc(const char* date = "2026-11-20") {
    return {"12/QĐ-SKHCN", domain::parse_iso_date(date), "Nguyễn Văn An", "Giám đốc Sở KH&CN", ""};
  }
  store::Id created(const std::string& code) {
    return as(agency_, [&](const Call& call) { return create_st_task(call, entry(code), doc(), ""); })
        .at("id")
        .as_int64();
  }
  json::object moved(const Actor& who, store::Id id, const std::string& to, long long version) {
    StStageMove in;
    in.to_stage = to;
    in.version = version;
    in.doc = doc();
    return as(who, [&](const Call& call) { return move_st_task_stage(call, id, in); });
  }

  domain::Instant now_ = *domain::parse_iso_instant("2026-11-24T03:00:00Z");
  store::Id city_ = 0, ward_ = 0, other_ = 0, host_unit_ = 0;
  Actor agency_, officer_, stranger_, host_;
};

// From the proposal to the contract, the host's monthly update, an estimate and an advance; every write audited on
// the task as the resident model reads the log.
TEST_F(StTaskService, FullPathFromProposalToExecution) {
  const auto id = created("KC-01");
  auto o = db_->read([&](store::Connection& c) {
    return st_task_view(Call{c, officer_, now_}, id, *domain::parse_iso_date("2026-11-24"));
  });
  EXPECT_EQ(o.at("stage").as_string(), "de_xuat");
  EXPECT_EQ(o.at("events").as_array().size(), 1u);
  EXPECT_EQ(o.at("update_month").as_string(), "2026-11");
  EXPECT_FALSE(o.at("next_stages").as_array().empty());  // the managing ward's officer manages it
  long long version = o.at("version").as_int64();
  for (const char* to : {"xac_dinh", "giao_truc_tiep", "xet_chon", "phe_duyet", "hop_dong"}) {
    o = moved(agency_, id, to, version);
    EXPECT_EQ(o.at("stage").as_string(), to);
    version = o.at("version").as_int64();
  }
  EXPECT_TRUE(o.at("can_update_monthly").as_bool());

  StMonthlyInput month;
  month.year = 2026;
  month.month = 11;
  month.progress_percent = 5;
  o = as(host_, [&](const Call& call) { return add_st_monthly_update(call, id, month); });
  ASSERT_EQ(o.at("updates").as_array().size(), 1u);
  EXPECT_EQ(o.at("updates").as_array()[0].at("progress_percent").as_double(), 5.0);

  o = as(agency_, [&](const Call& call) { return add_st_estimate(call, id, 2026, 300'000'000); });
  ASSERT_EQ(o.at("estimates").as_array().size(), 1u);

  StEventInput advance;
  advance.kind = "tam_ung";
  advance.version = version;
  advance.doc = doc();
  advance.amount = 400'000'000;
  o = as(agency_, [&](const Call& call) { return record_st_event(call, id, advance); });
  EXPECT_EQ(o.at("advanced").as_int64(), 400'000'000);

  const auto log = db_->read([&](store::Connection& c) {
    long long total = 0;
    return store::list_audit(c, "st_task", std::to_string(id), {100, 0}, &total);
  });
  std::vector<std::string> actions;
  for (const auto& e : log) actions.push_back(e.action);
  std::sort(actions.begin(), actions.end());
  EXPECT_EQ(actions, (std::vector<std::string>{"create", "estimate", "event", "monthly_update", "stage", "stage",
                                               "stage", "stage", "stage"}));
  for (const auto& e : log) {
    EXPECT_EQ(e.username, e.action == "monthly_update" ? host_.username : agency_.username);
    if (e.action == "stage" && e.after_json.find("hop_dong") != std::string::npos) {
      EXPECT_EQ(json::parse(e.before_json), json::value(json::object{{"stage", "phe_duyet"}}));
      EXPECT_EQ(
          json::parse(e.after_json),
          json::value(json::object{{"stage", "hop_dong"}, {"doc_number", "12/QĐ-SKHCN"}, {"doc_date", "2026-11-20"}}));
    }
  }
}

TEST_F(StTaskService, RegisterRefusals) {
  const auto refused = [&](const Actor& who, StRegisterInput in, domain::StDocument d = doc()) {
    return refusal([&] { as(who, [&](const Call& call) { return create_st_task(call, in, d, ""); }); });
  };
  auto in = entry("KC-02");
  in.code = "  ";
  auto r = refused(agency_, in);
  ASSERT_TRUE(r);
  EXPECT_EQ(r->kind, Error::Kind::invalid);
  EXPECT_EQ(r->field, "code");
  in = entry("KC-02");
  in.mode = "mua_sam";
  r = refused(agency_, in);
  ASSERT_TRUE(r);
  EXPECT_EQ(r->field, "mode");
  in = entry("KC-02");
  in.host_unit_id = ward_;  // a ward is no host organisation
  r = refused(agency_, in);
  ASSERT_TRUE(r);
  EXPECT_EQ(r->field, "host_unit_id");
  in = entry("KC-02");
  in.managing_unit_id = other_;
  r = refused(officer_, in);  // another ward's task
  ASSERT_TRUE(r);
  EXPECT_EQ(r->kind, Error::Kind::forbidden);
  r = refused(agency_, entry("KC-02"), {});
  ASSERT_TRUE(r);
  EXPECT_EQ(r->field, "doc_number");
  r = refused(agency_, entry("KC-02"), doc("2026-11-25"));
  ASSERT_TRUE(r);
  EXPECT_EQ(r->field, "doc_date");  // after today

  const auto id = created("KC-02");
  r = refused(agency_, entry("KC-02"));
  ASSERT_TRUE(r);
  EXPECT_EQ(r->kind, Error::Kind::conflict);
  EXPECT_EQ(r->field, "code");

  const auto update = [&](const Actor& who, std::optional<long long> version) {
    return refusal(
        [&] { as(who, [&](const Call& call) { return update_st_task(call, id, version, entry("KC-02")); }); });
  };
  r = update(stranger_, 1);
  ASSERT_TRUE(r);
  EXPECT_EQ(r->kind, Error::Kind::not_found);
  r = update(host_, 1);
  ASSERT_TRUE(r);
  EXPECT_EQ(r->kind, Error::Kind::forbidden);
  r = update(agency_, std::nullopt);
  ASSERT_TRUE(r);
  EXPECT_EQ(r->field, "version");
  r = update(agency_, 7);
  ASSERT_TRUE(r);
  EXPECT_EQ(r->kind, Error::Kind::conflict);
  EXPECT_FALSE(update(agency_, 1));
}

TEST_F(StTaskService, StageEventUpdateAndLinkRefusals) {
  const auto id = created("KC-03");
  const auto step = [&](const Actor& who, const StStageMove& in) {
    return refusal([&] { as(who, [&](const Call& call) { return move_st_task_stage(call, id, in); }); });
  };
  // Out of scope is not found, whatever the input says.
  auto r = step(stranger_, {});
  ASSERT_TRUE(r);
  EXPECT_EQ(r->kind, Error::Kind::not_found);
  r = step(agency_, {});
  ASSERT_TRUE(r);
  EXPECT_EQ(r->field, "to_stage");
  StStageMove in;
  in.to_stage = "xac_dinh";
  in.version = 1;
  in.doc = doc();
  r = step(host_, in);
  ASSERT_TRUE(r);
  EXPECT_EQ(r->kind, Error::Kind::forbidden);
  in.to_stage = "hop_dong";
  r = step(agency_, in);
  ASSERT_TRUE(r);
  EXPECT_EQ(r->kind, Error::Kind::conflict);

  StEventInput event;
  event.kind = "stage";
  event.version = 1;
  event.doc = doc();
  const auto record = [&](const Actor& who) {
    return refusal([&] { as(who, [&](const Call& call) { return record_st_event(call, id, event); }); });
  };
  r = record(agency_);
  ASSERT_TRUE(r);
  EXPECT_EQ(r->field, "kind");
  event.kind = "tam_ung";
  r = record(host_);
  ASSERT_TRUE(r);
  EXPECT_EQ(r->kind, Error::Kind::forbidden);
  r = record(agency_);  // no advance at the proposal
  ASSERT_TRUE(r);
  EXPECT_EQ(r->kind, Error::Kind::conflict);

  StMonthlyInput month;
  month.year = 2026;
  month.month = 12;
  month.progress_percent = 5;
  const auto update = [&](const Actor& who) {
    return refusal([&] { as(who, [&](const Call& call) { return add_st_monthly_update(call, id, month); }); });
  };
  r = update(host_);
  ASSERT_TRUE(r);
  EXPECT_EQ(r->field, "month");  // a month to come
  EXPECT_EQ(r->kind, Error::Kind::invalid);
  month.month = 11;
  r = update(host_);
  ASSERT_TRUE(r);
  EXPECT_EQ(r->kind, Error::Kind::conflict);  // before the contract
  EXPECT_EQ(r->field, "month");

  r = refusal([&] { as(agency_, [&](const Call& call) { return add_st_estimate(call, id, std::nullopt, 1); }); });
  ASSERT_TRUE(r);
  EXPECT_EQ(r->field, "year");
  r = refusal([&] { as(host_, [&](const Call& call) { return add_st_estimate(call, id, 2026, 1); }); });
  ASSERT_TRUE(r);
  EXPECT_EQ(r->kind, Error::Kind::forbidden);
  r = refusal([&] { as(agency_, [&](const Call& call) { return unlink_st_task_plan(call, id); }); });
  ASSERT_TRUE(r);
  EXPECT_EQ(r->kind, Error::Kind::conflict);
  EXPECT_EQ(r->field, "assignment_id");
  r = refusal([&] { as(agency_, [&](const Call& call) { return link_st_task_plan(call, id, std::nullopt); }); });
  ASSERT_TRUE(r);
  EXPECT_EQ(r->field, "assignment_id");
}

TEST_F(StTaskService, RulesRefusals) {
  domain::StRules r;
  r.effective_from = domain::make_date(2090, 1, 1);
  r.fail_num = 4;
  auto e = refusal([&] { as(agency_, [&](const Call& call) { return add_st_rules(call, r); }); });
  ASSERT_TRUE(e);
  EXPECT_EQ(e->field, "fail_num");
  r.fail_num = 1;
  const auto added = as(agency_, [&](const Call& call) { return add_st_rules(call, r); });
  EXPECT_EQ(added.at("effective_from").as_string(), "2090-01-01");
  e = refusal([&] { as(agency_, [&](const Call& call) { return add_st_rules(call, r); }); });
  ASSERT_TRUE(e);
  EXPECT_EQ(e->kind, Error::Kind::conflict);
  EXPECT_EQ(e->field, "effective_from");
}

}  // namespace
}  // namespace tiendo::service
