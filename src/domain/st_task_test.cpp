#include "domain/st_task.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <cctype>
#include <set>

namespace tiendo::domain {

namespace {
using S = StStage;
using P = StActor;
using R = StRating;
using K = StEventKind;

Date d(const char* s) { return *parse_iso_date(s); }
StDocument doc(const char* date = "2026-03-02") {
  return {"12/QĐ-SKHCN", d(date), "Nguyễn Văn An", "Giám đốc Sở KH&CN", ""};
}
}  // namespace

// Every stage × stage × actor: allowed exactly when listed here, refused otherwise with the reason.
TEST(StTask, EveryTransitionByActor) {
  // The machine as the procedure states it, written apart from the table the code keeps: the path of a task with
  // its two ways of choosing a host and its two verdicts; cancelled (huy) at any stage before the contract,
  // terminated (chấm dứt) from the contract until the evaluation. The host moves three steps of its own.
  struct Allowed {
    S from, to;
    bool host;
  };
  std::vector<Allowed> allowed;
  const std::vector<std::vector<S>> paths{
      {S::de_xuat, S::xac_dinh, S::thong_bao, S::xet_chon, S::phe_duyet, S::hop_dong, S::thuc_hien, S::nop_nghiem_thu,
       S::danh_gia, S::cong_nhan, S::dang_ky_kq, S::quyet_toan, S::sau_nghiem_thu},
      {S::xac_dinh, S::giao_truc_tiep, S::xet_chon},
      {S::danh_gia, S::khong_dat}};
  const std::set<std::pair<S, S>> by_host{
      {S::thuc_hien, S::nop_nghiem_thu}, {S::cong_nhan, S::dang_ky_kq}, {S::quyet_toan, S::sau_nghiem_thu}};
  for (const auto& path : paths) {
    for (size_t k = 1; k < path.size(); ++k)
      allowed.push_back({path[k - 1], path[k], by_host.count({path[k - 1], path[k]}) > 0});
  }
  for (S s : {S::de_xuat, S::xac_dinh, S::thong_bao, S::giao_truc_tiep, S::xet_chon, S::phe_duyet})
    allowed.push_back({s, S::huy, false});
  for (S s : {S::hop_dong, S::thuc_hien, S::nop_nghiem_thu}) allowed.push_back({s, S::cham_dut, false});
  ASSERT_EQ(allowed.size(), 24u);
  int permitted = 0;
  for (int f = 0; f < kStStageCount; ++f) {
    for (int t = 0; t < kStStageCount; ++t) {
      const Allowed* hit = nullptr;
      for (const auto& a : allowed) {
        if (a.from == S(f) && a.to == S(t)) hit = &a;
      }
      // The rating the move needs, so only stage and actor decide here.
      std::optional<R> rating;
      if (S(t) == S::danh_gia || S(t) == S::cong_nhan) rating = R::dat;
      if (S(t) == S::khong_dat) rating = R::khong_dat;
      for (int p = 0; p <= static_cast<int>(P::other); ++p) {
        const auto step = st_stage_step(S(f), S(t), P(p), doc(), d("2026-03-03"), d("2026-03-01"), rating);
        const std::string what =
            std::string(to_string(S(f))) + "→" + std::string(to_string(S(t))) + " by " + std::to_string(p);
        const bool ok = hit && (P(p) == P::managing_agency || (P(p) == P::host && hit->host));
        EXPECT_EQ(step.allowed, ok) << what;
        if (ok) {
          ++permitted;
        } else {
          EXPECT_EQ(step.refusal, hit ? StRefusal::wrong_actor : StRefusal::wrong_stage) << what;
        }
      }
    }
  }
  EXPECT_EQ(permitted, 24 + 3);  // every move by the agency, three by the host too
  // Nothing leaves an exit or the last stage.
  for (S s : {S::cham_dut, S::khong_dat, S::huy, S::sau_nghiem_thu}) {
    EXPECT_TRUE(st_next_stages(s, P::managing_agency).empty()) << to_string(s);
  }
  EXPECT_EQ(st_next_stages(S::thuc_hien, P::host), std::vector<S>{S::nop_nghiem_thu});
  EXPECT_EQ(st_next_stages(S::xac_dinh, P::managing_agency), (std::vector<S>{S::thong_bao, S::giao_truc_tiep, S::huy}));
}

// Each document field missing, a document dated later than the day it is recorded or before the previous
// step's document: refused, naming the field.
TEST(StTask, EveryStepNeedsItsDocument) {
  struct Case {
    StDocument doc;
    StRefusal refusal;
    const char* field;
  };
  auto without = [](auto change) {
    StDocument x = doc();
    change(x);
    return x;
  };
  const Case cases[] = {
      {without([](StDocument& x) { x.number = "  "; }), StRefusal::missing_document, "doc_number"},
      {without([](StDocument& x) { x.date.reset(); }), StRefusal::missing_document, "doc_date"},
      {without([](StDocument& x) { x.signer_name.clear(); }), StRefusal::missing_document, "signer_name"},
      {without([](StDocument& x) { x.signer_position.clear(); }), StRefusal::missing_document, "signer_position"},
      {doc("2026-03-04"), StRefusal::document_in_future, "doc_date"},
      {doc("2026-02-27"), StRefusal::document_too_early, "doc_date"},
      {doc("2026-03-01"), StRefusal::none, ""},  // same day as the previous step: fine
      {doc("2026-03-03"), StRefusal::none, ""},  // recorded the day it is signed
  };
  for (const auto& c : cases) {
    const auto step =
        st_stage_step(S::phe_duyet, S::hop_dong, P::managing_agency, c.doc, d("2026-03-03"), d("2026-03-01"));
    EXPECT_EQ(step.refusal, c.refusal) << c.field;
    EXPECT_EQ(step.allowed, c.refusal == StRefusal::none) << c.field;
    EXPECT_EQ(step.field, c.field);
  }
  // The wrong actor is told so before the document is looked at.
  EXPECT_EQ(st_stage_step(S::phe_duyet, S::hop_dong, P::host, StDocument{}, d("2026-03-03"), {}).refusal,
            StRefusal::wrong_actor);
}

TEST(StTask, CouncilRatingDecidesRecognitionOrFailure) {
  const auto at = d("2026-03-03");
  EXPECT_EQ(st_stage_step(S::nop_nghiem_thu, S::danh_gia, P::managing_agency, doc(), at, {}).refusal,
            StRefusal::rating_required);
  EXPECT_TRUE(st_stage_step(S::danh_gia, S::cong_nhan, P::managing_agency, doc(), at, {}, R::xuat_sac).allowed);
  EXPECT_TRUE(st_stage_step(S::danh_gia, S::cong_nhan, P::managing_agency, doc(), at, {}, R::dat).allowed);
  EXPECT_EQ(st_stage_step(S::danh_gia, S::cong_nhan, P::managing_agency, doc(), at, {}, R::khong_dat).refusal,
            StRefusal::rating_mismatch);
  EXPECT_EQ(st_stage_step(S::danh_gia, S::khong_dat, P::managing_agency, doc(), at, {}, R::dat).refusal,
            StRefusal::rating_mismatch);
  EXPECT_TRUE(st_stage_step(S::danh_gia, S::khong_dat, P::managing_agency, doc(), at, {}, R::khong_dat).allowed);
  EXPECT_EQ(st_stage_step(S::danh_gia, S::cong_nhan, P::managing_agency, doc(), at, {}).refusal,
            StRefusal::rating_required);
}

TEST(StTask, ExecutionEventsByStageAndActor) {
  EXPECT_TRUE(st_event_allowed(S::hop_dong, K::tam_ung, P::managing_agency));
  EXPECT_TRUE(st_event_allowed(S::thuc_hien, K::tam_ung, P::managing_agency));
  EXPECT_FALSE(st_event_allowed(S::thuc_hien, K::tam_ung, P::host));
  EXPECT_FALSE(st_event_allowed(S::phe_duyet, K::tam_ung, P::managing_agency));
  EXPECT_TRUE(st_event_allowed(S::thuc_hien, K::gia_han, P::managing_agency));
  EXPECT_FALSE(st_event_allowed(S::hop_dong, K::gia_han, P::managing_agency));
  EXPECT_FALSE(st_event_allowed(S::nop_nghiem_thu, K::gia_han, P::managing_agency));
  EXPECT_TRUE(st_event_allowed(S::dang_ky_kq, K::thanh_toan, P::managing_agency));
  EXPECT_FALSE(st_event_allowed(S::quyet_toan, K::thanh_toan, P::managing_agency));
  EXPECT_FALSE(st_event_allowed(S::thuc_hien, K::stage, P::managing_agency));
}

// TTLT 27/2015: first advance ≤ 50 % of the state budget; a next one only once ≥ 50 % of the earlier ones
// is settled.
TEST(StTask, AdvanceRule) {
  const StRules r;
  struct Case {
    StMoney before;
    long long amount;
    StRefusal refusal;
  };
  const Case cases[] = {
      {{0, 0}, 500'000'000, StRefusal::none},  // exactly half of 1 billion
      {{0, 0}, 500'000'001, StRefusal::first_advance_over},
      {{0, 0}, 0, StRefusal::amount_required},
      {{500'000'000, 249'999'999}, 200'000'000, StRefusal::advances_not_settled},
      {{500'000'000, 250'000'000}, 200'000'000, StRefusal::none},  // exactly half settled
      {{500'000'000, 500'000'000}, 300'000'000, StRefusal::none},
  };
  for (const auto& c : cases) {
    const auto step = st_advance_check(r, 1'000'000'000, c.before, c.amount);
    EXPECT_EQ(step.refusal, c.refusal) << c.before.advanced << "/" << c.before.settled << " + " << c.amount;
  }
  EXPECT_FALSE(st_tranche_blocked(r, {0, 0}));
  EXPECT_TRUE(st_tranche_blocked(r, {400, 199}));
  EXPECT_FALSE(st_tranche_blocked(r, {400, 200}));
  StRules looser;
  looser.next_advance_settled_percent = 40;
  EXPECT_FALSE(st_tranche_blocked(looser, {400, 160}));
  EXPECT_EQ(st_settlement_check({400, 300}, 101).refusal, StRefusal::settled_over_advanced);
  EXPECT_TRUE(st_settlement_check({400, 300}, 100).allowed);
}

// TT 11/2014: Xuất sắc when ≥ 3/4 of the members present say so and nobody says Không đạt; Không đạt when
// > 1/3 say so; Đạt otherwise.
TEST(StTask, CouncilVoteRule) {
  const StRules r;
  struct Case {
    StVotes v;
    std::optional<R> rating;
  };
  const Case cases[] = {
      {{6, 2, 0}, R::xuat_sac},  // 6/8 = 3/4 exactly
      {{5, 2, 0}, R::dat},       // 5/7 < 3/4
      {{7, 0, 1}, R::dat},       // one Không đạt spoils Xuất sắc
      {{3, 3, 3}, R::dat},       // 3/9 = 1/3 is not more than 1/3; 3/9 Xuất sắc is short of 3/4
      {{0, 6, 3}, R::dat},      {{0, 5, 3}, R::khong_dat},  // 3/8 > 1/3
      {{9, 0, 0}, R::xuat_sac}, {{0, 0, 0}, std::nullopt},
  };
  for (const auto& c : cases) {
    EXPECT_EQ(council_rating(r, c.v), c.rating) << c.v.xuat_sac << "/" << c.v.dat << "/" << c.v.khong_dat;
  }
  // > 6 months late with the dossier: Không đạt whatever the votes.
  EXPECT_EQ(acceptance_rating(r, {9, 0, 0}, d("2026-01-31"), d("2026-07-31")), R::xuat_sac);
  EXPECT_EQ(acceptance_rating(r, {9, 0, 0}, d("2026-01-31"), d("2026-08-01")), R::khong_dat);
  StRules two_thirds;
  two_thirds.excellent_num = 2;
  two_thirds.excellent_den = 3;
  EXPECT_EQ(council_rating(two_thirds, {6, 3, 0}), R::xuat_sac);
}

// TT 04/2015: one extension, requested ≥ 1 month before the end; ≤ 12 months for a task over 24 months,
// ≤ 6 otherwise.
TEST(StTask, ExtensionRule) {
  const StRules r;
  const Date start = d("2025-01-01"), end = d("2026-06-30");  // 18 months: short
  EXPECT_TRUE(st_extension_check(r, start, end, false, d("2026-05-30"), d("2026-12-30")).allowed);
  EXPECT_EQ(st_extension_check(r, start, end, false, d("2026-05-31"), d("2026-12-30")).refusal,
            StRefusal::extension_too_late);
  EXPECT_EQ(st_extension_check(r, start, end, false, d("2026-05-01"), d("2026-12-31")).refusal,
            StRefusal::extension_too_long);
  EXPECT_EQ(st_extension_check(r, start, end, true, d("2026-05-01"), d("2026-09-30")).refusal,
            StRefusal::already_extended);
  EXPECT_EQ(st_extension_check(r, start, end, false, d("2026-05-01"), end).refusal, StRefusal::extension_not_later);
  const Date long_end = d("2027-06-30");  // 30 months: long
  EXPECT_TRUE(st_extension_check(r, start, long_end, false, d("2027-05-01"), d("2028-06-30")).allowed);
  EXPECT_EQ(st_extension_check(r, start, long_end, false, d("2027-05-01"), d("2028-07-01")).refusal,
            StRefusal::extension_too_long);
}

namespace {
StEventFact stage(S to, const char* doc_date, const char* recorded = nullptr) {
  StEventFact e;
  e.to = to;
  e.doc_date = d(doc_date);
  e.recorded_on = d(recorded ? recorded : doc_date);
  return e;
}
StEventFact event(K kind, const char* doc_date, long long amount = 0) {
  StEventFact e = stage(S::de_xuat, doc_date);
  e.kind = kind;
  e.amount = amount;
  return e;
}
StTaskFacts executing_task() {
  StTaskFacts t;
  t.id = 7;
  t.code = "ĐT.01/25";
  t.budget_nsnn = 1'000'000'000;
  t.start = d("2025-02-01");
  t.end = d("2026-01-31");
  t.events = {stage(S::de_xuat, "2024-09-01"),        stage(S::xac_dinh, "2024-10-01"),
              stage(S::giao_truc_tiep, "2024-10-15"), stage(S::xet_chon, "2024-11-01"),
              stage(S::phe_duyet, "2024-12-20"),      stage(S::hop_dong, "2025-01-15"),
              stage(S::thuc_hien, "2025-02-01")};
  return t;
}
}  // namespace

// The clocks: each starts on its stage's document date and runs by the rule of that day; an extension moves
// the acceptance clock.
TEST(StTask, StageClocksWithExtension) {
  const auto book = default_st_rule_book();
  StTaskFacts approved = executing_task();
  approved.events.resize(5);                                         // approved on 20/12/2024, no contract
  EXPECT_TRUE(st_overdue(book, approved, d("2025-01-19")).empty());  // due 19/01
  auto o = st_overdue(book, approved, d("2025-01-29"));
  ASSERT_EQ(o.size(), 1u);
  EXPECT_EQ(o[0].kind, StOverdueKind::no_contract);
  EXPECT_EQ(o[0].due, d("2025-01-19"));
  EXPECT_EQ(o[0].days_late, 10);

  StTaskFacts t = executing_task();
  t.events.push_back(event(K::kiem_tra, "2025-12-01"));
  // End 31/01/2026: dossier due 02/03/2026; > 6 months after the end (31/07/2026) it is failing.
  EXPECT_TRUE(st_overdue(book, t, d("2026-03-02")).empty());
  o = st_overdue(book, t, d("2026-03-03"));
  ASSERT_EQ(o.size(), 1u);
  EXPECT_EQ(o[0].kind, StOverdueKind::no_dossier);
  EXPECT_EQ(o[0].due, d("2026-03-02"));
  o = st_overdue(book, t, d("2026-08-01"));
  ASSERT_EQ(o.size(), 1u);
  EXPECT_EQ(o[0].kind, StOverdueKind::dossier_failing);
  // No inspection for 12 months after the last one (01/12/2025 → 01/12/2026).
  EXPECT_EQ(st_overdue(book, t, d("2026-12-02")).size(), 2u);

  // Extended to 31/07/2026 (recorded 20/12/2025): the dossier clock moves with it.
  StEventFact ext = event(K::gia_han, "2025-12-20");
  ext.new_end = d("2026-07-31");
  t.events.push_back(ext);
  EXPECT_TRUE(st_overdue(book, t, d("2026-08-30")).empty());
  o = st_overdue(book, t, d("2026-08-31"));
  ASSERT_EQ(o.size(), 1u);
  EXPECT_EQ(o[0].kind, StOverdueKind::no_dossier);
  // Before the extension was recorded, the original end ruled.
  EXPECT_TRUE(st_state_as_of(t, d("2025-12-19")).end == d("2026-01-31"));
  EXPECT_TRUE(st_state_as_of(t, d("2025-12-20")).extended);

  // Recognised, not registered after 30 days; registered, not settled after 90.
  StTaskFacts done = executing_task();
  for (auto [s, date] :
       {std::pair{S::nop_nghiem_thu, "2026-02-10"}, {S::danh_gia, "2026-03-10"}, {S::cong_nhan, "2026-03-20"}}) {
    done.events.push_back(stage(s, date));
  }
  EXPECT_EQ(st_overdue(book, done, d("2026-04-20"))[0].kind, StOverdueKind::not_registered);
  done.events.push_back(stage(S::dang_ky_kq, "2026-04-15"));
  EXPECT_TRUE(st_overdue(book, done, d("2026-07-14")).empty());
  EXPECT_EQ(st_overdue(book, done, d("2026-07-15"))[0].kind, StOverdueKind::not_settled);
}

// A past date is judged by the rule of its time: contract within 30 days until 2025, within 15 from 2026.
TEST(StTask, RulesVersionedByEffectiveDate) {
  StRuleBook book = default_st_rule_book();
  StRules stricter;
  stricter.effective_from = d("2026-01-01");
  stricter.contract_within_days = 15;
  book.versions.push_back(stricter);
  EXPECT_EQ(book.at(d("2025-12-31")).contract_within_days, 30);
  EXPECT_EQ(book.at(d("2026-01-01")).contract_within_days, 15);
  EXPECT_EQ(book.at(d("2010-01-01")).contract_within_days, 30);  // before every version: the oldest

  StTaskFacts old_task = executing_task();
  old_task.events.resize(5);  // approved 20/12/2024: 30 days
  EXPECT_TRUE(st_overdue(book, old_task, d("2025-01-19")).empty());
  StTaskFacts new_task = executing_task();
  new_task.events.resize(5);
  new_task.events[4] = stage(S::phe_duyet, "2026-02-02");  // 15 days: due 17/02
  EXPECT_TRUE(st_overdue(book, new_task, d("2026-02-17")).empty());
  EXPECT_EQ(st_overdue(book, new_task, d("2026-02-18")).size(), 1u);
}

// "Theo dõi toàn trình": of the active tasks, those registered with their national code, with every stage
// event recorded ≤ 5 working days after its document, and with an update in time for every month owed.
TEST(StTask, TrackingIndicatorAndSubRates) {
  const auto book = default_st_rule_book();
  const HolidayCalendar cal;
  auto monthly = [](StTaskFacts& t, int y, unsigned from, unsigned to, int late_month = 0) {
    for (unsigned m = from; m <= to; ++m) {
      const Date rec = last_day_of_month(y, m) + std::chrono::days{static_cast<int>(m) == late_month ? 6 : 5};
      t.updates.push_back({y, m, rec});
    }
  };
  // A: fully tracked. Contract 15/01/2025 (starts 01/02/2025), updates Feb–Apr in time.
  StTaskFacts a = executing_task();
  a.national_code_on = d("2025-01-20");
  monthly(a, 2025, 2, 4);
  // B: no national code.
  StTaskFacts b = executing_task();
  b.id = 8;
  monthly(b, 2025, 2, 4);
  // C: the contract recorded 6 working days after it was signed (Wed 15/01 → Thu 23/01 is 6 wd).
  StTaskFacts c = executing_task();
  c.id = 9;
  c.national_code_on = d("2025-01-20");
  c.events[5] = stage(S::hop_dong, "2025-01-15", "2025-01-23");
  monthly(c, 2025, 2, 4);
  // D: March updated one day late.
  StTaskFacts dd = executing_task();
  dd.id = 10;
  dd.national_code_on = d("2025-01-20");
  monthly(dd, 2025, 2, 4, 3);
  // E: proposal only (not active); F: cancelled (not active).
  StTaskFacts e;
  e.id = 11;
  e.events = {stage(S::de_xuat, "2025-01-02")};
  StTaskFacts f = executing_task();
  f.id = 12;
  f.events.resize(5);
  f.events.push_back(stage(S::huy, "2025-01-10"));

  // 06/05/2025: April's update was due 05/05 (past); May's not yet.
  const auto tr = st_tracking(book, cal, {a, b, c, dd, e, f}, d("2025-05-06"));
  EXPECT_EQ(tr.active, 4);
  ASSERT_EQ(tr.rows.size(), 4u);
  EXPECT_TRUE(tr.rows[0].tracked());
  EXPECT_EQ(tr.rows[0].months_due, 3);
  EXPECT_FALSE(tr.rows[1].registered);
  EXPECT_FALSE(tr.rows[2].documented);
  EXPECT_EQ(tr.rows[2].late_events, std::vector<Date>{d("2025-01-15")});
  EXPECT_FALSE(tr.rows[3].updated);
  EXPECT_EQ(tr.rows[3].months_updated, 2);
  EXPECT_EQ(tr.tracked, 1);
  EXPECT_EQ(tr.registered, 3);
  EXPECT_EQ(tr.documented, 3);
  EXPECT_EQ(tr.updated, 3);
  EXPECT_DOUBLE_EQ(*tr.rate, 25.0);
  EXPECT_DOUBLE_EQ(*tr.registered_rate, 75.0);

  // As of 22/01/2025 C's contract is not yet known (recorded 23/01): nothing late yet, and the national
  // code recorded on 20/01 counts for A but not before.
  const auto early = st_tracking(book, cal, {a, c}, d("2025-01-22"));
  EXPECT_TRUE(early.rows[1].documented);
  EXPECT_EQ(early.rows[1].months_due, 0);
  EXPECT_FALSE(st_tracking(book, cal, {a}, d("2025-01-19")).rows[0].registered);
  // No active task: no rate.
  EXPECT_FALSE(st_tracking(book, cal, {e, f}, d("2025-05-06")).rate.has_value());
  // After the dossier the task owes no more months: April, whose update was due 05/05, is not owed by a task
  // that filed its dossier on 20/04.
  StTaskFacts g = a;
  g.events.push_back(stage(S::nop_nghiem_thu, "2025-04-20"));
  const auto later = st_tracking(book, cal, {g}, d("2025-09-01"));
  EXPECT_EQ(later.rows[0].months_due, 2);
  EXPECT_TRUE(later.rows[0].tracked());
}

// R18: a month is owed only while the task is in execution — each month from the contract's start whose due day
// (month end + 5) passed before the acceptance dossier's date. The dossier's own month never is; the month before
// it only when the dossier came after its due day. The indicator and the reminders agree, and an update can no
// longer be recorded once the dossier is filed.
TEST(StTask, MonthsOwedEndWithExecution) {
  const auto book = default_st_rule_book();
  const HolidayCalendar cal;
  const struct {
    const char* dossier;  // nullptr: still executing
    const char* as_of;
    int months_due;
    const char* recorded = nullptr;  // the dossier's recording day, when later than its date
  } rows[] = {
      {nullptr, "2025-05-05", 2},       // Feb, Mar judged; April's due day is today, not yet judged
      {nullptr, "2025-05-06", 3},       // … April too from the day after
      {"2025-03-01", "2025-09-01", 0},  // February's update was due 05/03: the dossier came first
      {"2025-03-05", "2025-09-01", 0},  // on February's due day: not yet passed
      {"2025-03-06", "2025-09-01", 1},  // the day after: February owed
      {"2025-04-01", "2025-09-01", 1},  // the dossier's month (April) and March (due 05/04) are not
      {"2025-04-05", "2025-09-01", 1},
      {"2025-04-06", "2025-09-01", 2},  // March owed, April (the dossier's month) not
      {"2025-04-30", "2025-09-01", 2},
      {"2025-05-06", "2025-09-01", 3},  // April owed, May (the dossier's month) not
      // Before the dossier is known (recorded 10/05, dated 06/04), the months run on as for an executing task.
      {"2025-04-06", "2025-05-09", 3, "2025-05-10"},
  };
  for (const auto& r : rows) {
    StTaskFacts t = executing_task();
    if (r.dossier) t.events.push_back(stage(S::nop_nghiem_thu, r.dossier, r.recorded));
    const auto tr = st_tracking(book, cal, {t}, d(r.as_of));
    ASSERT_EQ(tr.rows.size(), 1u);
    EXPECT_EQ(tr.rows[0].months_due, r.months_due) << (r.dossier ? r.dossier : "executing") << " as of " << r.as_of;
  }
  // A grace of 10 days from March 2025 moves March's due day to 10/04: a dossier of 08/04 comes before it.
  StRuleBook ten_days = book;
  StRules ten;
  ten.effective_from = d("2025-03-01");
  ten.update_grace_days = 10;
  ten_days.versions.push_back(ten);
  StTaskFacts t = executing_task();
  t.events.push_back(stage(S::nop_nghiem_thu, "2025-04-08"));
  EXPECT_EQ(st_tracking(ten_days, cal, {t}, d("2025-09-01")).rows[0].months_due, 1);
  EXPECT_EQ(st_tracking(book, cal, {t}, d("2025-09-01")).rows[0].months_due, 2);
  // No reminder after the dossier, for the month before it either (its due day had not passed: 02/04 → 05/04).
  StTaskFacts early = executing_task();
  early.events.push_back(stage(S::nop_nghiem_thu, "2025-04-02"));
  EXPECT_TRUE(st_update_reminders(book, early, d("2025-04-03")).empty());
  EXPECT_TRUE(st_update_reminders(book, early, d("2025-04-06")).empty());
  // Why an update is refused, stage by stage: open exactly under contract and in execution.
  for (int i = 0; i < kStStageCount; ++i) {
    const auto s = static_cast<StStage>(i);
    const auto why = st_monthly_update_refusal(s);
    EXPECT_EQ(why.empty(), st_monthly_update_open(s)) << to_string(s);
    if (!why.empty()) {
      EXPECT_NE(why.find(st_stage_label(s)), std::string::npos) << to_string(s);
    }
  }
  EXPECT_NE(st_monthly_update_refusal(S::nop_nghiem_thu).find("đã nộp hồ sơ nghiệm thu"), std::string::npos);
  EXPECT_NE(st_monthly_update_refusal(S::cong_nhan).find("đã nộp hồ sơ nghiệm thu"), std::string::npos);
  EXPECT_NE(st_monthly_update_refusal(S::phe_duyet).find("chưa ký hợp đồng"), std::string::npos);
}

// The monthly update's reminders, day by day: for the month owed and not yet updated, due soon the 3 days before
// its due day (month end + 5) and that day, overdue from the day after until the next month's due day; nothing for
// a month updated by the end of the day, nor for a task not active or no longer open to monthly updates.
TEST(StTask, MonthlyUpdateReminders) {
  const auto book = default_st_rule_book();
  using U = StUpdateUrgency;
  struct Expect {
    U urgency;
    const char* month;
    const char* due;
  };
  const Expect feb_soon{U::due_soon, "2025-02", "2025-03-05"}, feb_late{U::overdue, "2025-02", "2025-03-05"},
      mar_soon{U::due_soon, "2025-03", "2025-04-05"}, mar_late{U::overdue, "2025-03", "2025-04-05"},
      dec_soon{U::due_soon, "2025-12", "2026-01-05"};
  auto cancelled = executing_task(), unsigned_ = executing_task(), dossier = executing_task(),
       terminated = executing_task(), feb_done = executing_task(), feb_done_late = executing_task(),
       feb_recorded_later = executing_task(), starts_april = executing_task();
  cancelled.events.resize(4);
  cancelled.events.push_back(stage(S::huy, "2024-12-01"));
  unsigned_.events.resize(5);  // approved 20/12/2024, no contract yet
  dossier.events.push_back(stage(S::nop_nghiem_thu, "2025-03-03"));
  terminated.events.push_back(stage(S::cham_dut, "2025-03-01"));
  feb_done.updates = {{2025, 2, d("2025-03-03")}};
  feb_done_late.updates = {{2025, 2, d("2025-03-08")}};
  feb_recorded_later.updates = {{2025, 2, d("2025-03-07")}};
  starts_april.start = d("2025-04-01");
  const auto t = executing_task();  // contract 15/01/2025, starting 01/02/2025
  const struct {
    const char* what;
    const StTaskFacts& task;
    const char* today;
    std::vector<Expect> expected;
  } rows[] = {
      {"February not over", t, "2025-02-27", {}},
      {"4 days before", t, "2025-03-01", {}},
      {"3 days before", t, "2025-03-02", {feb_soon}},
      {"the due day", t, "2025-03-05", {feb_soon}},
      {"the first day late", t, "2025-03-06", {feb_late}},
      {"still late, March not yet near", t, "2025-03-20", {feb_late}},
      {"March's due day: February's last day of chase", t, "2025-04-05", {feb_late, mar_soon}},
      {"March late, February left behind", t, "2025-04-06", {mar_late}},
      {"updated in time", feb_done, "2025-03-04", {}},
      {"updated before it was late", feb_done, "2025-03-06", {}},
      {"updated late", feb_done_late, "2025-03-09", {}},
      {"updated after the end of today", feb_recorded_later, "2025-03-06", {feb_late}},
      {"updated by the end of today", feb_recorded_later, "2025-03-07", {}},
      {"no month owed before the contracted start", starts_april, "2025-04-05", {}},
      {"cancelled", cancelled, "2025-03-06", {}},
      {"approved, no contract", unsigned_, "2025-03-06", {}},
      {"dossier filed", dossier, "2025-03-06", {}},
      {"terminated", terminated, "2025-03-06", {}},
      {"across the year's end", t, "2026-01-02", {{U::overdue, "2025-11", "2025-12-05"}, dec_soon}},
  };
  for (const auto& r : rows) {
    const auto got = st_update_reminders(book, r.task, d(r.today));
    ASSERT_EQ(got.size(), r.expected.size()) << r.what;
    for (size_t i = 0; i < got.size(); ++i) {
      EXPECT_EQ(got[i].urgency, r.expected[i].urgency) << r.what;
      EXPECT_EQ(got[i].month.key(), r.expected[i].month) << r.what;
      EXPECT_EQ(got[i].due, d(r.expected[i].due)) << r.what;
    }
  }
  // The grace is the rule's in force on the month's first day: 10 days from March 2025 moves March's due day.
  StRuleBook later = book;
  StRules ten;
  ten.effective_from = d("2025-03-01");
  ten.update_grace_days = 10;
  later.versions.push_back(ten);
  const auto soon = st_update_reminders(later, feb_done, d("2025-04-07"));
  ASSERT_EQ(soon.size(), 1u);
  EXPECT_EQ(soon[0].urgency, U::due_soon);
  EXPECT_EQ(soon[0].due, d("2025-04-10"));
  EXPECT_EQ(st_update_due(later, Period{PeriodType::monthly, 2025, 2}), d("2025-03-05"));
  EXPECT_TRUE(st_monthly_update_open(S::hop_dong));
  EXPECT_TRUE(st_monthly_update_open(S::thuc_hien));
  EXPECT_FALSE(st_monthly_update_open(S::nop_nghiem_thu));
}

TEST(StTask, NamesRoundTrip) {
  for (int s = 0; s < kStStageCount; ++s) {
    EXPECT_EQ(st_stage_from(to_string(S(s))), S(s));
    EXPECT_FALSE(st_stage_label(S(s)).empty());
  }
  EXPECT_EQ(st_mode_from("giao_truc_tiep"), StMode::giao_truc_tiep);
  EXPECT_EQ(st_rating_from("khong_dat"), R::khong_dat);
  EXPECT_EQ(st_event_kind_from("gia_han"), K::gia_han);
  EXPECT_FALSE(st_stage_from("approved").has_value());
}

// Host organisations stay in their own tree, and their users hold the host role and nobody else does.
TEST(StTask, HostOrganisationsKeepTheirOwnTree) {
  EXPECT_TRUE(unit_fits_parent("host_root", std::nullopt));
  EXPECT_FALSE(unit_fits_parent("host_root", "city"));
  EXPECT_FALSE(unit_fits_parent("host_root", "host_root"));
  EXPECT_TRUE(unit_fits_parent("host_org", "host_root"));
  EXPECT_TRUE(unit_fits_parent("host_org", "host_org"));
  EXPECT_FALSE(unit_fits_parent("host_org", "department"));
  EXPECT_FALSE(unit_fits_parent("host_org", std::nullopt));
  EXPECT_TRUE(unit_fits_parent("department", "city"));
  EXPECT_TRUE(unit_fits_parent("city", std::nullopt));
  EXPECT_FALSE(unit_fits_parent("department", "host_root"));
  EXPECT_FALSE(unit_fits_parent("commune", "host_org"));
  EXPECT_TRUE(role_fits_unit("host", "host_org"));
  EXPECT_FALSE(role_fits_unit("host", "host_root"));
  EXPECT_FALSE(role_fits_unit("host", "department"));
  for (const char* role :
       {"admin", "standing_agency", "leader", "directing_leader", "unit_head", "focal_point", "viewer"}) {
    EXPECT_FALSE(role_fits_unit(role, "host_org")) << role;
    EXPECT_TRUE(role_fits_unit(role, "department")) << role;
    EXPECT_FALSE(role_fits_unit(role, "host_root")) << role;
  }
  EXPECT_TRUE(is_host_unit_kind("host_root"));
  EXPECT_FALSE(is_host_unit_kind("other"));
}

// Every figure of R18 at once, as the register's page and the synthesis report show it: each number is a count of the
// rows behind it, a task late by two clocks counts once at its stage, and an earlier date keeps what was known then.
TEST(StTask, FiguresWithTheRowsBehindThem) {
  const auto book = default_st_rule_book();
  const HolidayCalendar cal;
  auto named = [](StTaskFacts t, long long id, const char* code) {
    t.id = id;
    t.code = code;
    return t;
  };
  // A: executing since 2025, its end 31/01/2026 passed, never inspected; 400 of its 1 000 for 2026 advanced.
  StTaskFacts a = named(executing_task(), 1, "A");
  a.estimates = {{2026, 1000, d("2026-01-05")}};
  a.events.push_back(event(K::tam_ung, "2026-02-01", 400));
  // B: approved on 20/12/2024, no contract.
  StTaskFacts b = named(executing_task(), 2, "B");
  b.events.resize(5);
  // C: recognised Xuất sắc on 10/01/2026, results not registered.
  StTaskFacts c = named(executing_task(), 3, "C");
  StEventFact council = stage(S::danh_gia, "2025-12-20");
  council.rating = R::xuat_sac;
  c.events.insert(c.events.end(), {stage(S::nop_nghiem_thu, "2025-12-10"), council, stage(S::cong_nhan, "2026-01-10")});
  // D: failed at acceptance: closed, rated, late for nothing.
  StTaskFacts dd = named(executing_task(), 4, "D");
  council.rating = R::khong_dat;
  dd.events.insert(dd.events.end(),
                   {stage(S::nop_nghiem_thu, "2025-12-10"), council, stage(S::khong_dat, "2026-01-10")});
  // E: a proposal only: known, counted nowhere else.
  StTaskFacts e = named({}, 5, "E");
  e.events = {stage(S::de_xuat, "2025-03-01")};
  // F: first recorded in April 2026, but its 2026 estimate was entered in January.
  StTaskFacts f = named({}, 6, "F");
  f.events = {stage(S::de_xuat, "2026-04-01")};
  f.estimates = {{2026, 500, d("2026-01-05")}};

  struct Row {
    const char* code;
    S stage;
    bool active;
    size_t late;
    std::optional<R> rating;
    std::optional<long long> estimate;
    long long disbursed;
  };
  struct Case {
    const char* as_of;
    std::vector<Row> rows;
    std::vector<std::pair<S, long long>> late_at_stage;
    long long known, xuat_sac, khong_dat;
  };
  const Case cases[] = {
      {"2026-03-03",
       {{"A", S::thuc_hien, true, 2, std::nullopt, 1000, 400},
        {"B", S::phe_duyet, true, 1, std::nullopt, std::nullopt, 0},
        {"C", S::cong_nhan, true, 1, R::xuat_sac, std::nullopt, 0},
        {"D", S::khong_dat, false, 0, R::khong_dat, std::nullopt, 0},
        {"F", S::de_xuat, false, 0, std::nullopt, 500, 0}},
       {{S::phe_duyet, 1}, {S::thuc_hien, 1}, {S::cong_nhan, 1}},
       5,
       1,
       1},
      // Mid-2025: only B's contract is late; nobody is rated; 2025 has no estimate or advance.
      {"2025-06-01",
       {{"A", S::thuc_hien, true, 0, std::nullopt, std::nullopt, 0},
        {"B", S::phe_duyet, true, 1, std::nullopt, std::nullopt, 0},
        {"C", S::thuc_hien, true, 0, std::nullopt, std::nullopt, 0},
        {"D", S::thuc_hien, true, 0, std::nullopt, std::nullopt, 0}},
       {{S::phe_duyet, 1}},
       5,
       0,
       0},
  };
  for (const auto& k : cases) {
    SCOPED_TRACE(k.as_of);
    const auto fig = st_figures(book, cal, {a, b, c, dd, e, f}, d(k.as_of));
    ASSERT_EQ(fig.rows.size(), k.rows.size());
    for (size_t i = 0; i < k.rows.size(); ++i) {
      const auto& want = k.rows[i];
      const auto& got = fig.rows[i];
      SCOPED_TRACE(want.code);
      EXPECT_EQ(got.code, want.code);
      EXPECT_EQ(got.stage, want.stage);
      EXPECT_EQ(got.active, want.active);
      EXPECT_EQ(got.late.size(), want.late);
      EXPECT_EQ(got.rating, want.rating);
      EXPECT_EQ(got.estimate, want.estimate);
      EXPECT_EQ(got.disbursed, want.disbursed);
    }
    std::vector<std::pair<S, long long>> late_at;
    for (const auto& l : fig.late_at_stage) late_at.emplace_back(l.stage, l.tasks);
    EXPECT_EQ(late_at, k.late_at_stage);
    long long known = 0;
    for (const auto& s : fig.stages) known += static_cast<long long>(s.task_ids.size());
    EXPECT_EQ(known, k.known);
    EXPECT_EQ(fig.xuat_sac, k.xuat_sac);
    EXPECT_EQ(fig.khong_dat, k.khong_dat);
    // Each number is a count (or a sum) of the rows.
    auto count = [&](auto pred) {
      return static_cast<long long>(std::count_if(fig.rows.begin(), fig.rows.end(), pred));
    };
    EXPECT_EQ(fig.tracking.active, count([](const auto& r) { return r.active; }));
    EXPECT_EQ(fig.tracking.tracked, count([](const auto& r) { return r.tracked; }));
    EXPECT_EQ(fig.tracking.registered, count([](const auto& r) { return r.registered; }));
    EXPECT_EQ(fig.late_tasks, count([](const auto& r) { return !r.late.empty(); }));
    EXPECT_EQ(static_cast<long long>(fig.overdue.size()), [&] {
      long long n = 0;
      for (const auto& r : fig.rows) n += static_cast<long long>(r.late.size());
      return n;
    }());
    EXPECT_EQ(fig.dat + fig.xuat_sac + fig.khong_dat, count([](const auto& r) { return r.rating.has_value(); }));
    long long estimate = 0, disbursed = 0;
    for (const auto& r : fig.rows) estimate += r.estimate.value_or(0), disbursed += r.disbursed;
    EXPECT_EQ(fig.year.estimate, estimate);
    EXPECT_EQ(fig.year.disbursed, disbursed);
  }
}

TEST(StTask, LateTextAndLabels) {
  struct Case {
    std::vector<StOverdue> late;
    const char* text;
  };
  const Case cases[] = {
      {{}, ""},
      {{{1, StOverdueKind::no_contract, S::phe_duyet, d("2026-10-01"), 54}},
       "quá hạn ký hợp đồng (hạn 01/10/2026, chậm 54 ngày)"},
      {{{1, StOverdueKind::no_inspection, S::thuc_hien, d("2026-01-15"), 47},
        {1, StOverdueKind::no_dossier, S::thuc_hien, d("2026-03-02"), 1}},
       "quá 12 tháng chưa kiểm tra (hạn 15/01/2026, chậm 47 ngày); quá hạn nộp hồ sơ nghiệm thu (hạn 02/03/2026, chậm "
       "1 "
       "ngày)"},
  };
  for (const auto& k : cases) EXPECT_EQ(st_late_text(k.late), k.text);
  for (auto kind : {StOverdueKind::no_contract, StOverdueKind::no_dossier, StOverdueKind::dossier_failing,
                    StOverdueKind::no_inspection, StOverdueKind::not_registered, StOverdueKind::not_settled}) {
    const auto w = st_overdue_words(kind);
    ASSERT_FALSE(w.empty()) << to_string(kind);
    // The appendix capitalises the first letter byte by byte.
    EXPECT_TRUE(std::islower(static_cast<unsigned char>(w[0]))) << to_string(kind);
  }
  EXPECT_EQ(st_rating_label(R::xuat_sac), "Xuất sắc");
  EXPECT_EQ(st_rating_label(R::dat), "Đạt");
  EXPECT_EQ(st_rating_label(R::khong_dat), "Không đạt");
}

// Disbursement against the year's estimate: the estimate as entered by then, advances of the year by then.
TEST(StTask, YearDisbursementAgainstTheEstimate) {
  StTaskFacts a;
  a.id = 1;
  a.code = "A";
  a.estimates = {{2026, 400, d("2026-01-10")}, {2026, 500, d("2026-06-01")}, {2025, 900, d("2025-01-10")}};
  const auto advance = [](const char* doc, const char* recorded, long long amount) {
    StEventFact e;
    e.kind = K::tam_ung;
    e.doc_date = d(doc);
    e.recorded_on = d(recorded);
    e.amount = amount;
    return e;
  };
  StEventFact settled = advance("2026-03-01", "2026-03-01", 999);
  settled.kind = K::thanh_toan;  // a settlement pays nothing out
  a.events = {advance("2025-12-20", "2025-12-21", 100), advance("2026-02-01", "2026-02-02", 200),
              advance("2026-05-30", "2026-06-03", 50), settled};
  StTaskFacts b;  // an advance without an estimate
  b.id = 2;
  b.code = "B";
  b.events = {advance("2026-04-01", "2026-04-01", 70)};
  StTaskFacts c;  // neither
  c.id = 3;
  c.code = "C";
  EXPECT_EQ(st_estimate_as_of(a, 2026, d("2026-01-09")), std::nullopt);
  EXPECT_EQ(st_estimate_as_of(a, 2026, d("2026-05-31")), 400);
  EXPECT_EQ(st_estimate_as_of(a, 2026, d("2026-06-01")), 500);

  // 31/05: estimate 400; 200 paid (the advance dated 30/05 was recorded on 03/06, after the day asked).
  const auto may = st_year_disbursement({a, b, c}, 2026, d("2026-05-31"));
  ASSERT_EQ(may.rows.size(), 2u);
  EXPECT_EQ(may.rows[0].estimate, 400);
  EXPECT_EQ(may.rows[0].disbursed, 200);
  EXPECT_DOUBLE_EQ(*may.rows[0].rate, 50.0);
  EXPECT_FALSE(may.rows[1].estimate.has_value());
  EXPECT_FALSE(may.rows[1].rate.has_value());
  EXPECT_EQ(may.disbursed, 270);
  EXPECT_EQ(may.estimate, 400);
  EXPECT_DOUBLE_EQ(*may.rate, 67.5);
  // 30/06: the new estimate and the late-recorded advance.
  const auto june = st_year_disbursement({a, b, c}, 2026, d("2026-06-30"));
  EXPECT_EQ(june.rows[0].estimate, 500);
  EXPECT_EQ(june.rows[0].disbursed, 250);
  EXPECT_DOUBLE_EQ(*june.rate, 64.0);
  // 2025: only A's estimate and its December advance.
  const auto last = st_year_disbursement({a, b, c}, 2025, d("2026-06-30"));
  ASSERT_EQ(last.rows.size(), 1u);
  EXPECT_EQ(last.disbursed, 100);
  // Nothing estimated: no rate.
  EXPECT_FALSE(st_year_disbursement({b}, 2026, d("2026-06-30")).rate.has_value());
}

// The problem pipeline: problems per sector as known by a date, the tasks ordered for each, the city's target.
TEST(StTask, ProblemPipelineAsOfADate) {
  const auto step = [](S to, const char* doc, const char* recorded) {
    StEventFact e;
    e.to = to;
    e.doc_date = d(doc);
    e.recorded_on = d(recorded);
    return e;
  };
  const auto task = [](long long id, const char* code, const char* sector, const char* problem,
                       std::vector<StEventFact> events) {
    StTaskFacts t;
    t.id = id;
    t.code = code;
    t.sector = sector;
    t.problem = problem;
    t.events = std::move(events);
    return t;
  };
  const std::vector<StTaskFacts> tasks = {
      // Transport, "Ùn tắc giao thông": one ordered in March, one proposed only.
      task(1, "T1", "Giao thông", "Ùn tắc giao thông",
           {step(S::de_xuat, "2026-01-05", "2026-01-05"), step(S::xac_dinh, "2026-03-02", "2026-03-03")}),
      task(2, "T2", "giao  thông", "ùn tắc Giao thông", {step(S::de_xuat, "2026-01-02", "2026-01-06")}),
      // Transport, "Cảng biển": ordered and moved on, the ordering recorded late (known from 10/04 only).
      task(3, "T3", "Giao thông", "Cảng biển",
           {step(S::de_xuat, "2026-02-01", "2026-02-01"), step(S::xac_dinh, "2026-03-20", "2026-04-10"),
            step(S::thong_bao, "2026-04-15", "2026-04-15")}),
      // Health: ordered, then cancelled in May — no longer an ordered task from then.
      task(4, "Y1", "Y tế", "Quá tải bệnh viện",
           {step(S::de_xuat, "2026-01-10", "2026-01-10"), step(S::xac_dinh, "2026-02-10", "2026-02-10"),
            step(S::huy, "2026-05-04", "2026-05-04")}),
      // Health: ordered in April.
      task(5, "Y2", "Y tế", "Dữ liệu y tế",
           {step(S::de_xuat, "2026-01-12", "2026-01-12"), step(S::xac_dinh, "2026-04-01", "2026-04-01")}),
      // No problem named: left out. Registered only in June: unknown before.
      task(6, "X1", "Y tế", "  ",
           {step(S::de_xuat, "2026-01-12", "2026-01-12"), step(S::xac_dinh, "2026-02-01", "2026-02-01")}),
      task(7, "Y3", "Y tế", "Nước sạch", {step(S::de_xuat, "2026-06-01", "2026-06-02")}),
  };
  struct Case {
    const char* as_of;
    long long proposed, ordered_problems, ordered_tasks;
    bool met;
  };
  const Case cases[] = {
      {"2025-12-31", 0, 0, 0, false},
      {"2026-01-05", 1, 0, 0, false},  // T1 only: T2 (same problem) is recorded on 06/01
      {"2026-02-10", 4, 1, 1, false},  // Y1 ordered
      {"2026-03-31", 4, 2, 2, false},  // T1 ordered; T3's ordering not recorded yet
      {"2026-04-10", 4, 4, 4, true},   // T3 and Y2 ordered: four problems
      {"2026-05-04", 4, 3, 3, true},   // Y1 cancelled
      {"2026-06-02", 5, 3, 3, true},   // Y3 proposed
  };
  for (const auto& c : cases) {
    const auto p = st_problem_pipeline(tasks, d(c.as_of));
    EXPECT_EQ(p.problems_proposed, c.proposed) << c.as_of;
    EXPECT_EQ(p.problems_ordered, c.ordered_problems) << c.as_of;
    EXPECT_EQ(p.ordered_tasks, c.ordered_tasks) << c.as_of;
    EXPECT_EQ(p.met, c.met) << c.as_of;
    long long sum = 0;  // the totals are the rows behind them
    for (const auto& s : p.sectors) {
      for (const auto& pr : s.problems) {
        for (const auto& t : pr.tasks) sum += t.ordered_on.has_value();
      }
    }
    EXPECT_EQ(sum, c.ordered_tasks) << c.as_of;
  }
  // The rows: sectors folded together, problems in the order proposed, tasks by code.
  const auto p = st_problem_pipeline(tasks, d("2026-06-30"));
  ASSERT_EQ(p.sectors.size(), 2u);
  const auto& transport = p.sectors[0];
  EXPECT_EQ(transport.sector, "Giao thông");
  ASSERT_EQ(transport.problems.size(), 2u);
  EXPECT_EQ(transport.problems[0].problem, "ùn tắc Giao thông");  // as T2, which proposed it first, typed it
  EXPECT_EQ(transport.problems[0].proposed_on, d("2026-01-02"));
  ASSERT_EQ(transport.problems[0].tasks.size(), 2u);
  EXPECT_EQ(transport.problems[0].tasks[0].code, "T1");
  EXPECT_EQ(transport.problems[0].tasks[0].ordered_on, d("2026-03-02"));
  EXPECT_FALSE(transport.problems[0].tasks[1].ordered_on.has_value());
  EXPECT_EQ(transport.problems[0].ordered_tasks, 1);
  EXPECT_EQ(transport.problems_ordered, 2);
  const auto& health = p.sectors[1];
  EXPECT_EQ(health.problems_proposed, 3);
  EXPECT_EQ(health.problems_ordered, 1);
  EXPECT_EQ(health.problems[0].tasks[0].stage, S::huy);
}

// Who holds which capacity on a task managed by the ward at /1/2/ and hosted by the institute at /9/3/.
TEST(StTask, ActorsByRoleAndUnit) {
  using Role = StRole;
  struct Row {
    Role role;
    const char* unit_path;
    std::vector<P> want;
  };
  const Row rows[] = {
      {Role::managing_agency, "/1/", {P::managing_agency}},
      {Role::managing_agency, "/7/", {P::managing_agency}},  // the city's agency manages every task
      {Role::unit_officer, "/1/2/", {P::managing_agency}},
      {Role::unit_officer, "/1/", {P::managing_agency}},  // a unit above the managing one
      {Role::unit_officer, "/1/2/5/", {P::other}},        // a unit below it does not manage it
      {Role::unit_officer, "/9/3/", {P::other}},          // nor does an officer of the host
      {Role::host, "/9/3/", {P::host}},
      {Role::host, "/9/", {P::host}},  // the university above the hosting institute
      {Role::host, "/9/4/", {P::other}},
      {Role::host, "/1/2/", {P::other}},  // a host role never manages
      {Role::other, "/1/2/", {P::other}},
  };
  for (const auto& r : rows) {
    const auto got = st_actors(r.role, r.unit_path, "/1/2/", "/9/3/");
    EXPECT_EQ(got, r.want) << static_cast<int>(r.role) << " " << r.unit_path;
    EXPECT_EQ(st_manages(got), r.want.front() == P::managing_agency);
  }
}

TEST(StTask, RegisterChoicesAndRuleFractions) {
  EXPECT_TRUE(st_register_choice("level", "tinh"));
  EXPECT_TRUE(st_register_choice("kind", "nhiem_vu_dmst"));
  EXPECT_TRUE(st_register_choice("mode", "giao_truc_tiep"));
  EXPECT_FALSE(st_register_choice("level", "de_tai"));  // a kind is not a level
  EXPECT_FALSE(st_register_choice("mode", ""));
  EXPECT_FALSE(st_register_choice("sector", "tinh"));  // not a closed list
  StRules r;
  EXPECT_EQ(st_rules_fraction_over(r), std::nullopt);
  r.excellent_num = r.excellent_den;
  EXPECT_EQ(st_rules_fraction_over(r), std::nullopt);  // equal is allowed
  r.fail_num = r.fail_den + 1;
  EXPECT_EQ(st_rules_fraction_over(r), "fail_num");
  r.excellent_num = r.excellent_den + 1;
  EXPECT_EQ(st_rules_fraction_over(r), "excellent_num");  // the first one
}

}  // namespace tiendo::domain
