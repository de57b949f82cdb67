// S&T tasks at the store: the register entry reads back whole and is rewritten only at its version, lists keep to
// a subtree and their filters, the task's life (events, monthly updates, estimates, plan links) reads back in the
// order recorded with numbers exact, an import is confirmed once, rule versions round-trip, and the audit log names
// the tasks to read again. On SQLite, or on PostgreSQL when TIENDO_STORE_TEST_DB names one.
#include "store/st_task_store.h"

#include <algorithm>
#include <tuple>

#include "store/change_feed.h"
#include "store/test_database.h"

namespace tiendo::store {
namespace {

using StTaskStore = StoreTest;

StTask entry(const std::string& code, Id host, Id managing) {
  StTask t;
  t.code = code;
  t.national_code = "QG-" + code;
  t.national_code_on = "2026-03-01";
  t.registration_no = "ĐK-" + code;
  t.title = "Ứng dụng AI trong dịch vụ công";
  t.level = "tinh";
  t.kind = "de_tai";
  t.mode = "tuyen_chon";
  t.problem = "Hồ sơ chậm";
  t.sector = "Chuyển đổi số";
  t.host_unit_id = host;
  t.principal_investigator = "TS. Nguyễn Văn Chủ Nhiệm";
  t.managing_unit_id = managing;
  t.budget_nsnn = 1'250'000'000;
  t.budget_other = 300'000'000;
  t.start_date = "2026-01-01";
  t.end_date = "2027-12-31";
  t.uptake_plan = "Sở Nội vụ tiếp nhận";
  t.ip_plan = "Đăng ký bản quyền";
  t.summary = "Tóm tắt";
  t.created_at = "2026-01-05T02:00:00Z";
  t.products = {{"Phần mềm", "phan_mem", 1, "Chạy trên cổng"}, {"Báo cáo", "bao_cao", 2, ""}};
  t.years = {{2027, 550'000'000}, {2026, 700'000'000}};
  return t;
}

TEST_F(StTaskStore, AnEntryReadsBackWholeAndIsRewrittenOnlyAtItsVersion) {
  db_->write([&](Connection& c) {
    const Id city = unit(c, "CITY", std::nullopt), host = unit(c, "VIEN", city);
    StTask t = entry(unique("ST"), host, city);
    t.created_by = user(c, "coquan", "admin", city).id;
    t.id = insert_st_task(c, t);
    t.host_unit_name = "Đơn vị VIEN";
    t.host_unit_path = find_unit(c, host)->path;
    t.managing_unit_name = "Đơn vị CITY";
    t.managing_unit_path = find_unit(c, city)->path;
    std::sort(t.years.begin(), t.years.end(), [](auto& a, auto& b) { return a.year < b.year; });  // read by year
    EXPECT_EQ(find_st_task(c, t.id), t);
    EXPECT_EQ(find_st_task_by_code(c, t.code), t);
    EXPECT_FALSE(find_st_task(c, t.id + 1000000).has_value());
    EXPECT_FALSE(find_st_task_by_code(c, unique("KHONG-CO")).has_value());

    StTask edit = t;
    edit.title = "Tên mới";
    edit.national_code = std::nullopt;
    edit.end_date = "2028-06-30";
    edit.products = {{"Mô hình", "mo_hinh", 3, "Thử nghiệm"}};
    edit.years = {{2026, 1'250'000'000}};
    EXPECT_FALSE(update_st_task(c, edit, 2));
    EXPECT_EQ(find_st_task(c, t.id), t);
    ASSERT_TRUE(update_st_task(c, edit, 1));
    edit.version = 2;
    EXPECT_EQ(find_st_task(c, t.id), edit);

    EXPECT_FALSE(set_st_task_stage(c, t.id, "phe_duyet", 1));
    ASSERT_TRUE(set_st_task_stage(c, t.id, "phe_duyet", 2));
    const auto staged = find_st_task(c, t.id);
    EXPECT_EQ(staged->stage, "phe_duyet");
    EXPECT_EQ(staged->version, 3);
    EXPECT_EQ(staged->title, "Tên mới");
  });
}

// By code; a unit sees the tasks it hosts or manages in its subtree.
TEST_F(StTaskStore, ListsKeepToTheSubtreeAndTheirFilters) {
  db_->write([&](Connection& c) {
    const Id city = unit(c, "CITY", std::nullopt), inside = unit(c, "TRONG", city);
    const Id elsewhere = unit(c, "NGOAI", std::nullopt), far = unit(c, "XA", elsewhere);
    const Id hosted = insert_st_task(c, entry(unique("ST-B"), inside, elsewhere));
    const Id managed = insert_st_task(c, entry(unique("ST-A"), far, inside));
    const Id outside = insert_st_task(c, entry(unique("ST-C"), far, elsewhere));
    const auto ids = [](const std::vector<StTask>& v) {
      std::vector<Id> out;
      for (const auto& t : v) out.push_back(t.id);
      return out;
    };
    const auto in_city = list_st_tasks(c, {.scope_path = find_unit(c, city)->path});
    EXPECT_EQ(ids(in_city), (std::vector<Id>{managed, hosted}));
    ASSERT_EQ(in_city[0].products.size(), 2u);  // filled in for every task listed
    EXPECT_EQ(in_city[0].products[1].quantity, 2);
    EXPECT_EQ(in_city[1].years.size(), 2u);
    EXPECT_EQ(ids(list_st_tasks(c, {.scope_path = find_unit(c, far)->path})), (std::vector<Id>{managed, outside}));
    EXPECT_EQ(ids(list_st_tasks(c, {.host_unit_id = far})), (std::vector<Id>{managed, outside}));
    ASSERT_TRUE(set_st_task_stage(c, outside, "hop_dong", 1));
    EXPECT_EQ(ids(list_st_tasks(c, {.stage = "hop_dong", .host_unit_id = far})), (std::vector<Id>{outside}));
    EXPECT_EQ(ids(list_st_tasks(c, {.national_code = "QG-" + unique("ST-B")})), (std::vector<Id>{hosted}));
    EXPECT_TRUE(list_st_tasks(c, {.national_code = unique("KHONG-CO")}).empty());
  });
}

// Every field of a life row, to compare a row read back with the one written.
auto fields(const StEvent& e) {
  return std::tie(e.id, e.task_id, e.kind, e.from_stage, e.to_stage, e.doc_number, e.doc_date, e.signer_name,
                  e.signer_position, e.file_ref, e.amount, e.new_end, e.requested_on, e.rating, e.votes_xuat_sac,
                  e.votes_dat, e.votes_khong_dat, e.note, e.recorded_at, e.recorded_on, e.recorded_by);
}
auto fields(const StUpdate& u) {
  return std::tie(u.id, u.task_id, u.year, u.month, u.progress_percent, u.products_delivered, u.spent_to_date,
                  u.problems, u.evidence, u.recorded_at, u.recorded_on, u.recorded_by);
}
auto fields(const StEstimate& e) {
  return std::tie(e.id, e.task_id, e.year, e.amount, e.entered_at, e.entered_on, e.entered_by);
}
StEvent event(Id task_id, const std::string& kind, const std::string& at) {
  return {.task_id = task_id,
          .kind = kind,
          .doc_number = "12/QĐ-SKHCN",
          .doc_date = "2026-10-20",
          .signer_name = "Lê Văn Ký",
          .signer_position = "Giám đốc",
          .recorded_at = at,
          .recorded_on = at.substr(0, 10)};
}

TEST_F(StTaskStore, LifeRowsReadBackInTheOrderRecorded) {
  db_->write([&](Connection& c) {
    const Id city = unit(c, "CITY", std::nullopt);
    const Id id = insert_st_task(c, entry(unique("ST"), city, city));
    const Id other = insert_st_task(c, entry(unique("ST2"), city, city));
    const Id by = user(c, "canbo", "focal_point", city).id;

    StEvent council = event(id, "stage", "2027-12-21T03:00:00Z");
    council.from_stage = "nop_nghiem_thu";
    council.to_stage = "danh_gia";
    council.file_ref = "files/qd12.pdf";
    council.rating = "xuat_sac";
    council.votes_xuat_sac = 6;
    council.votes_dat = 1;
    council.votes_khong_dat = 0;
    council.note = "Hội đồng 7 người";
    council.recorded_by = by;
    council.id = insert_st_event(c, council);
    StEvent advance = event(id, "tam_ung", kAt);
    advance.amount = 625'000'000;
    advance.id = insert_st_event(c, advance);
    const Id theirs = insert_st_event(c, event(other, "kiem_tra", kAt));
    const auto events = list_st_events(c, id);
    ASSERT_EQ(events.size(), 2u);
    EXPECT_EQ(fields(events[0]), fields(council));
    EXPECT_EQ(fields(events[1]), fields(advance));
    const auto all = list_st_events(c, std::nullopt);
    const auto at = [&](Id x) { return std::find_if(all.begin(), all.end(), [&](auto& v) { return v.id == x; }); };
    ASSERT_NE(at(theirs), all.end());
    EXPECT_LT(at(council.id), at(advance.id));
    EXPECT_LT(at(advance.id), at(theirs));

    // Updates by month whatever the order they came in; a fraction reads back as the same double.
    StUpdate november{0, id, 2026, 11, 38.0 / 120, "Bản thử", 412'500'000, "", "", kAt, "2026-12-03", by};
    november.id = insert_st_update(c, november);
    StUpdate october{0, id, 2026, 10, 0.1, "", 0, "Chậm giải ngân", "bien-ban.pdf", kAt, "2026-11-04", {}};
    october.id = insert_st_update(c, october);
    const auto updates = list_st_updates(c, id);
    ASSERT_EQ(updates.size(), 2u);
    EXPECT_EQ(fields(updates[0]), fields(october));
    EXPECT_EQ(fields(updates[1]), fields(november));
    EXPECT_TRUE(list_st_updates(c, other).empty());
    EXPECT_GE(list_st_updates(c, std::nullopt).size(), 2u);

    StEstimate first{0, id, 2027, 600'000'000, kAt, "2026-11-01", by};
    first.id = insert_st_estimate(c, first);
    StEstimate second{0, id, 2027, 550'000'000, "2026-11-02T00:00:00Z", "2026-11-02", {}};
    second.id = insert_st_estimate(c, second);
    const auto estimates = list_st_estimates(c, id);
    ASSERT_EQ(estimates.size(), 2u);
    EXPECT_EQ(fields(estimates[0]), fields(first));
    EXPECT_EQ(fields(estimates[1]), fields(second));
    EXPECT_TRUE(list_st_estimates(c, other).empty());
  });
}

auto fields(const StPlanLink& l) {
  return std::tie(l.id, l.st_task_id, l.assignment_id, l.valid_from, l.valid_to, l.created_at, l.created_by, l.ended_at,
                  l.ended_by, l.st_task_code, l.st_task_title, l.task_code, l.task_name, l.unit_name, l.unit_id,
                  l.directive_id);
}

TEST_F(StTaskStore, APlanLinkHoldsFromItsDayUntilEndedOnce) {
  db_->write([&](Connection& c) {
    const Id city = unit(c, "CITY", std::nullopt), commune = unit(c, "XA", city);
    const Id p = plan(c, "KH");
    Task work = task(p, "T7", "Chuyển đổi số cấp xã");
    const Id assignment = create_task(c, work, {commune}, {}, kAt).at(0);
    StTask t = entry(unique("ST"), city, city);
    t.id = insert_st_task(c, t);
    const Id by = user(c, "canbo", "focal_point", city).id;
    StPlanLink l{.st_task_id = t.id,
                 .assignment_id = assignment,
                 .valid_from = "2026-11-01",
                 .created_at = kAt,
                 .created_by = by};
    l.id = insert_st_plan_link(c, l);
    l.st_task_code = t.code;
    l.st_task_title = t.title;
    l.task_code = "T7";
    l.task_name = "Chuyển đổi số cấp xã";
    l.unit_name = "Đơn vị XA";
    l.unit_id = commune;
    l.directive_id = p;
    auto links = list_st_plan_links(c, {.st_task_id = t.id});
    ASSERT_EQ(links.size(), 1u);
    EXPECT_EQ(fields(links[0]), fields(l));
    EXPECT_EQ(list_st_plan_links(c, {.unit_id = commune, .directive_id = p}).size(), 1u);
    EXPECT_EQ(list_st_plan_links(c, {.assignment_id = assignment}).size(), 1u);
    EXPECT_TRUE(list_st_plan_links(c, {.unit_id = city, .directive_id = p}).empty());
    EXPECT_TRUE(list_st_plan_links(c, {.st_task_id = t.id, .holding_on = "2026-10-31"}).empty());

    ASSERT_TRUE(end_st_plan_link(c, l.id, "2026-12-01", "2026-11-20T00:00:00Z", by));
    EXPECT_FALSE(end_st_plan_link(c, l.id, "2026-12-05", "2026-11-21T00:00:00Z", by));
    l.valid_to = "2026-12-01";
    l.ended_at = "2026-11-20T00:00:00Z";
    l.ended_by = by;
    links = list_st_plan_links(c, {.st_task_id = t.id, .holding_on = "2026-11-30"});
    ASSERT_EQ(links.size(), 1u);
    EXPECT_EQ(fields(links[0]), fields(l));
    EXPECT_TRUE(list_st_plan_links(c, {.st_task_id = t.id, .holding_on = "2026-12-01"}).empty());
  });
}

TEST_F(StTaskStore, AnImportIsConfirmedOnce) {
  db_->write([&](Connection& c) {
    const auto fields = [](const StTaskImport& i) {
      return std::tie(i.id, i.filename, i.state, i.sheet_json, i.created_by, i.created_at, i.confirmed_at);
    };
    StTaskImport i{.filename = "dang-ky.xlsx",
                   .sheet_json = R"({"rows":[]})",
                   .created_by = user(c, "canbo", "admin", unit(c, "CITY", std::nullopt)).id,
                   .created_at = kAt};
    i.id = insert_st_task_import(c, i);
    EXPECT_EQ(fields(find_st_task_import(c, i.id).value()), fields(i));
    ASSERT_TRUE(confirm_st_task_import(c, i.id, "2026-11-02T00:00:00Z"));
    EXPECT_FALSE(confirm_st_task_import(c, i.id, "2026-11-03T00:00:00Z"));
    i.state = "confirmed";
    i.confirmed_at = "2026-11-02T00:00:00Z";
    EXPECT_EQ(fields(find_st_task_import(c, i.id).value()), fields(i));
    EXPECT_FALSE(find_st_task_import(c, i.id + 1000000).has_value());
  });
}

TEST_F(StTaskStore, RuleVersionsRoundTripAndTheAuditLogNamesTasksToReadAgain) {
  db_->write([&](Connection& c) {
    const auto fields = [](const domain::StRules& x) {
      return std::tie(x.effective_from, x.contract_within_days, x.first_advance_max_percent,
                      x.next_advance_settled_percent, x.dossier_due_days, x.dossier_fail_months,
                      x.extension_notice_months, x.extension_max_months_long, x.extension_max_months_short,
                      x.long_task_months, x.excellent_num, x.excellent_den, x.fail_num, x.fail_den,
                      x.record_within_working_days, x.inspection_every_months, x.register_within_days,
                      x.settle_within_days, x.update_grace_days);
    };
    domain::StRules r;
    r.effective_from = domain::make_date(2095, 3, 1);  // a day no other test enters
    r.contract_within_days = 45;
    r.excellent_num = 2;
    r.excellent_den = 3;
    r.update_grace_days = 10;
    insert_st_rules(c, r, kAt, std::nullopt);
    const auto rules = list_st_rules(c);
    ASSERT_GE(rules.size(), 2u);
    EXPECT_EQ(fields(rules.front()), fields(domain::StRules{}));  // the migration's defaults, from 2014, first
    const auto mine =
        std::find_if(rules.begin(), rules.end(), [&](auto& x) { return x.effective_from == r.effective_from; });
    ASSERT_NE(mine, rules.end());
    EXPECT_EQ(fields(*mine), fields(r));

    const Id city = unit(c, "CITY", std::nullopt);
    const Id id = insert_st_task(c, entry(unique("ST"), city, city));
    const auto audit = [&](const std::string& entity, Id entity_id) {
      append_audit(c, db_->kind() == "postgresql",
                   {0, kAt, std::nullopt, "test", "test", entity, std::to_string(entity_id), "edit", "", "{}", "", ""});
    };
    const long long start = current_seq(c);
    audit("st_task", id);
    audit("report", 1);  // nothing the S&T readings depend on
    auto changes = st_changes_since(c, start);
    EXPECT_EQ(changes.last_seq, current_seq(c));
    EXPECT_EQ(changes.tasks, std::set<Id>{id});
    EXPECT_FALSE(changes.everything);
    audit("unit", city);
    changes = st_changes_since(c, changes.last_seq);
    EXPECT_TRUE(changes.everything);
    EXPECT_TRUE(changes.tasks.empty());
    changes = st_changes_since(c, changes.last_seq);
    EXPECT_EQ(changes.last_seq, current_seq(c));
    EXPECT_FALSE(changes.everything);
  });
}

}  // namespace
}  // namespace tiendo::store
