#include "domain/feedback.h"

#include <gtest/gtest.h>

#include <tuple>

namespace tiendo::domain {

namespace {
using S = FeedbackState;
using A = FeedbackAction;
using P = FeedbackActor;
using R = FeedbackRating;

Date d(const char* s) { return *parse_iso_date(s); }
}  // namespace

// Every state × action × actor: allowed exactly when listed here, refused otherwise with the reason.
TEST(Feedback, EveryTransitionByActor) {
  struct Allowed {
    S from;
    A action;
    P actor;
    S to;
  };
  const Allowed allowed[] = {
      {S::received, A::accept, P::standing_agency, S::accepted},
      {S::received, A::accept, P::receiving_unit, S::accepted},
      {S::received, A::refuse, P::standing_agency, S::not_accepted},
      {S::received, A::refuse, P::receiving_unit, S::not_accepted},
      {S::received, A::merge, P::standing_agency, S::merged},
      {S::received, A::merge, P::receiving_unit, S::merged},
      {S::received, A::forward, P::standing_agency, S::forwarded},
      {S::received, A::forward, P::receiving_unit, S::forwarded},
      {S::accepted, A::assign, P::standing_agency, S::assigned},
      {S::accepted, A::assign, P::receiving_unit, S::assigned},
      {S::assigned, A::assign, P::standing_agency, S::assigned},
      {S::assigned, A::assign, P::receiving_unit, S::assigned},
      {S::assigned, A::draft, P::lead_unit, S::drafted},
      {S::assigned, A::draft, P::lead_unit_head, S::drafted},
      {S::drafted, A::draft, P::lead_unit, S::drafted},
      {S::drafted, A::draft, P::lead_unit_head, S::drafted},
      {S::drafted, A::send_back, P::lead_unit_head, S::assigned},
      {S::drafted, A::approve, P::lead_unit_head, S::published},
      {S::published, A::reopen, P::standing_agency, S::assigned},
      {S::published, A::reopen, P::submitter, S::assigned},
      {S::accepted, A::extend, P::standing_agency, S::accepted},
      {S::accepted, A::extend, P::lead_unit_head, S::accepted},
      {S::assigned, A::extend, P::standing_agency, S::assigned},
      {S::assigned, A::extend, P::lead_unit_head, S::assigned},
      {S::drafted, A::extend, P::standing_agency, S::drafted},
      {S::drafted, A::extend, P::lead_unit_head, S::drafted},
  };
  // Moderation keeps the state, in every state before and after publishing, by anyone handling the item.
  std::vector<Allowed> rows(std::begin(allowed), std::end(allowed));
  for (S s : {S::received, S::accepted, S::assigned, S::drafted, S::published})
    for (P p : {P::standing_agency, P::receiving_unit, P::lead_unit, P::lead_unit_head})
      rows.push_back({s, A::moderate, p, s});
  int checked = 0, permitted = 0;
  for (int s = 0; s <= static_cast<int>(S::published); ++s) {
    for (int a = 0; a <= static_cast<int>(A::moderate); ++a) {
      bool state_ok = false;
      for (const auto& r : rows) state_ok |= r.from == S(s) && r.action == A(a);
      for (int p = 0; p <= static_cast<int>(P::other); ++p) {
        const auto step = feedback_step(S(s), A(a), P(p), FeedbackFlags{.moderated = true});
        const Allowed* hit = nullptr;
        for (const auto& r : rows) {
          if (r.from == S(s) && r.action == A(a) && r.actor == P(p)) hit = &r;
        }
        const std::string what =
            std::string(to_string(S(s))) + " " + std::string(to_string(A(a))) + " by " + std::to_string(p);
        ++checked;
        if (hit) {
          ++permitted;
          EXPECT_TRUE(step.allowed) << what;
          EXPECT_EQ(step.to, hit->to) << what;
          EXPECT_EQ(step.refusal, FeedbackRefusal::none) << what;
        } else {
          EXPECT_FALSE(step.allowed) << what;
          EXPECT_EQ(step.to, S(s)) << what;
          EXPECT_EQ(step.refusal, state_ok ? FeedbackRefusal::wrong_actor : FeedbackRefusal::wrong_state) << what;
        }
      }
    }
  }
  EXPECT_EQ(checked, 8 * 11 * 6);
  EXPECT_EQ(permitted, 26 + 20);
}

TEST(Feedback, ApproveOnlyOnceModerated) {
  EXPECT_EQ(feedback_step(S::drafted, A::approve, P::lead_unit_head).refusal, FeedbackRefusal::not_moderated);
  EXPECT_TRUE(feedback_step(S::drafted, A::approve, P::lead_unit_head, {.moderated = true}).allowed);
  // The state and the actor are named before the missing public version.
  EXPECT_EQ(feedback_step(S::assigned, A::approve, P::lead_unit_head).refusal, FeedbackRefusal::wrong_state);
  EXPECT_EQ(feedback_step(S::drafted, A::approve, P::lead_unit).refusal, FeedbackRefusal::wrong_actor);
}

TEST(Feedback, RedactContacts) {
  const std::pair<const char*, const char*> cases[] = {
      {"Gọi 0912 345 678 nhé", "Gọi [đã ẩn] nhé"},
      {"SĐT: 0912.345.678.", "SĐT: [đã ẩn]."},
      {"+84 912-345-678", "[đã ẩn]"},
      {"(0225) 3842 123 là số bàn", "[đã ẩn] là số bàn"},
      {"thư: An.Nguyen@Example.vn.", "thư: [đã ẩn]."},
      {"0912345678 0987654321", "[đã ẩn] [đã ẩn]"},
      {"0912345678@gmail.com", "[đã ẩn]"},
      // Not contacts: years, amounts, dates, a personal ID of 12 digits, a number inside a word.
      {"Năm 2026, 150.000.000 đồng, ngày 15/11/2026", "Năm 2026, 150.000.000 đồng, ngày 15/11/2026"},
      {"CCCD 031234567890", "CCCD 031234567890"},
      {"mã A0912345678", "mã A0912345678"},
      {"@ không phải thư, a@b", "@ không phải thư, a@b"},
  };
  for (const auto& [in, want] : cases) EXPECT_EQ(redact_contacts(in), want) << in;
}

TEST(Feedback, ModerationChecks) {
  using M = ModerationRefusal;
  EXPECT_EQ(check_moderation("Đèn đường hỏng", false, false), M::none);
  EXPECT_EQ(check_moderation("Đèn đường hỏng", true, true), M::none);
  EXPECT_EQ(check_moderation("Đèn đường hỏng", false, true), M::none);  // staff may always hide the name
  EXPECT_EQ(check_moderation("Đèn đường hỏng", true, false), M::named_against_wish);
  EXPECT_EQ(check_moderation("Liên hệ 0912 345 678", false, true), M::contact_in_text);
  EXPECT_EQ(check_moderation("Liên hệ an@example.vn", false, true), M::contact_in_text);
}

TEST(Feedback, LeadUnitOfADay) {
  const std::vector<LeadChange> changes{{d("2026-03-02"), 7}, {d("2026-03-10"), 9}, {d("2026-03-10"), 11}};
  EXPECT_EQ(lead_on(changes, d("2026-03-01")), std::nullopt);
  EXPECT_EQ(lead_on(changes, d("2026-03-02")), 7);
  EXPECT_EQ(lead_on(changes, d("2026-03-09")), 7);
  EXPECT_EQ(lead_on(changes, d("2026-03-10")), 11);  // two choices the same day: the later one stands
  EXPECT_EQ(lead_on(changes, d("2026-12-31")), 11);
  EXPECT_EQ(lead_on({}, d("2026-12-31")), std::nullopt);
}

TEST(Feedback, ReopenAndExtendOnlyOnce) {
  const FeedbackFlags reopened{true, false}, extended{false, true};
  EXPECT_EQ(feedback_step(S::published, A::reopen, P::submitter, reopened).refusal, FeedbackRefusal::already_reopened);
  EXPECT_EQ(feedback_step(S::published, A::reopen, P::standing_agency, reopened).refusal,
            FeedbackRefusal::already_reopened);
  EXPECT_TRUE(feedback_step(S::published, A::reopen, P::submitter, extended).allowed);
  EXPECT_EQ(feedback_step(S::assigned, A::extend, P::lead_unit_head, extended).refusal,
            FeedbackRefusal::already_extended);
  EXPECT_TRUE(feedback_step(S::assigned, A::extend, P::lead_unit_head, reopened).allowed);
  // A wrong state is named before a spent once-only step.
  EXPECT_EQ(feedback_step(S::received, A::extend, P::standing_agency, extended).refusal, FeedbackRefusal::wrong_state);
}

TEST(Feedback, PublicStatusAndNames) {
  EXPECT_EQ(public_status(S::received), PublicStatus::received);
  EXPECT_EQ(public_status(S::accepted), PublicStatus::in_progress);
  EXPECT_EQ(public_status(S::assigned), PublicStatus::in_progress);
  EXPECT_EQ(public_status(S::drafted), PublicStatus::in_progress);
  EXPECT_EQ(public_status(S::published), PublicStatus::answered);
  EXPECT_EQ(public_status(S::forwarded), PublicStatus::forwarded);
  EXPECT_EQ(public_status(S::not_accepted), PublicStatus::not_accepted);
  EXPECT_EQ(public_status(S::merged), PublicStatus::merged);
  EXPECT_EQ(feedback_kind_from("dat_hang"), FeedbackKind::dat_hang);
  EXPECT_EQ(sender_type_from("nha_khoa_hoc"), SenderType::nha_khoa_hoc);
  EXPECT_EQ(feedback_channel_from("one_stop"), FeedbackChannel::one_stop);
  EXPECT_EQ(feedback_rating_from("chua_hai_long"), R::chua_hai_long);
  EXPECT_EQ(feedback_state_from("published"), S::published);
  EXPECT_FALSE(feedback_kind_from("khieu_nai"));
  EXPECT_EQ(to_string(A::send_back), "send_back");
}

TEST(Feedback, ContactsNormalised) {
  struct Case {
    const char* typed;
    std::optional<const char*> value;
    bool email;
  };
  const Case cases[] = {
      {"0912 345 678", "0912345678", false},
      {"+84 912.345.678", "0912345678", false},
      {"84912345678", "0912345678", false},
      {"(0225) 3842-123", "02253842123", false},
      {"  Nguyen.An@Example.VN ", "nguyen.an@example.vn", true},
      {"912345678", std::nullopt, false},       // no leading 0
      {"0912", std::nullopt, false},            // too short
      {"09123456789012", std::nullopt, false},  // too long
      {"0912x345678", std::nullopt, false},
      {"an@", std::nullopt, true},
      {"@example.vn", std::nullopt, true},
      {"an@example", std::nullopt, true},
      {"an b@example.vn", std::nullopt, true},
      {"", std::nullopt, false},
  };
  for (const auto& c : cases) {
    const auto got = normalize_contact(c.typed);
    EXPECT_EQ(got.has_value(), c.value.has_value()) << c.typed;
    if (got && c.value) {
      EXPECT_EQ(got->value, *c.value) << c.typed;
      EXPECT_EQ(got->email, c.email) << c.typed;
    }
  }
}

// Working days skip weekends and the calendar's holidays; the answer's 15 days are calendar days.
TEST(Feedback, DeadlinesWithHolidays) {
  HolidayCalendar cal;
  cal.holidays = {d("2026-04-27"), d("2026-04-30"), d("2026-05-01")};  // Giỗ Tổ (moved), 30/4, 1/5
  const FeedbackDeadlines def;
  struct Case {
    const char* received;
    const char* acknowledge;
    const char* forward;
    const char* answer;
    const char* extended;
  };
  const Case cases[] = {
      // Monday: next working day; 5 working days is the next Monday; +15 days; +10 working days.
      {"2026-03-02", "2026-03-03", "2026-03-09", "2026-03-17", "2026-03-31"},
      // Friday: Monday acknowledges.
      {"2026-03-06", "2026-03-09", "2026-03-13", "2026-03-21", "2026-04-03"},
      // Saturday: still Monday.
      {"2026-03-07", "2026-03-09", "2026-03-13", "2026-03-22", "2026-04-03"},
      // Friday 24/4 before the holidays: Mon 27 is a holiday, Tue 28 acknowledges; 28, 29, 4, 5, 6/5 forward.
      {"2026-04-24", "2026-04-28", "2026-05-06", "2026-05-09", "2026-05-22"},
  };
  for (const auto& c : cases) {
    const auto due = feedback_due(def, cal, d(c.received));
    EXPECT_EQ(iso(due.acknowledge), c.acknowledge) << c.received;
    EXPECT_EQ(iso(due.forward), c.forward) << c.received;
    EXPECT_EQ(iso(due.answer), c.answer) << c.received;
    EXPECT_EQ(iso(extended_due(def, cal, due.answer)), c.extended) << c.received;
  }
  FeedbackDeadlines working = def;
  working.answer_days = 10;
  working.answer_in_working_days = true;
  working.extension_days = 7;
  working.extension_in_working_days = false;
  const auto due = feedback_due(working, cal, d("2026-04-24"));
  EXPECT_EQ(iso(due.answer), "2026-05-13");  // 28, 29/4, 4, 5, 6, 7, 8, 11, 12, 13/5: ten working days
  EXPECT_EQ(iso(extended_due(working, cal, due.answer)), "2026-05-20");
}

TEST(Feedback, UrgencyOfAnAnswerOwed) {
  FeedbackDeadlines def;
  struct Case {
    const char* today;
    FeedbackUrgency urgency;
  };
  // Due 17/03/2026 (a Tuesday): due soon from the 14th (three days before), the last day included; overdue
  // the day after. Calendar days: a weekend before the due day still counts down.
  const Case cases[] = {
      {"2026-03-02", FeedbackUrgency::none},     {"2026-03-13", FeedbackUrgency::none},
      {"2026-03-14", FeedbackUrgency::due_soon}, {"2026-03-17", FeedbackUrgency::due_soon},
      {"2026-03-18", FeedbackUrgency::overdue},  {"2026-06-01", FeedbackUrgency::overdue},
  };
  for (const auto& c : cases) EXPECT_EQ(feedback_urgency(def, d(c.today), d("2026-03-17")), c.urgency) << c.today;
  def.due_soon_days = 0;
  EXPECT_EQ(feedback_urgency(def, d("2026-03-16"), d("2026-03-17")), FeedbackUrgency::none);
  EXPECT_EQ(feedback_urgency(def, d("2026-03-17"), d("2026-03-17")), FeedbackUrgency::due_soon);
  for (const auto s :
       {FeedbackState::received, FeedbackState::accepted, FeedbackState::assigned, FeedbackState::drafted})
    EXPECT_TRUE(awaits_answer(s)) << to_string(s);
  for (const auto s :
       {FeedbackState::not_accepted, FeedbackState::merged, FeedbackState::forwarded, FeedbackState::published})
    EXPECT_FALSE(awaits_answer(s)) << to_string(s);
  for (const auto u : {FeedbackUrgency::none, FeedbackUrgency::due_soon, FeedbackUrgency::overdue})
    EXPECT_EQ(feedback_urgency_from(to_string(u)), u);
  EXPECT_FALSE(feedback_urgency_from("late").has_value());
}

// R1, R2 and the rated share on a table of cases, read at several dates.
TEST(Feedback, FiguresOnTablesOfCases) {
  auto item = [](const char* received, const char* due) {
    FeedbackFacts f;
    f.received = d(received);
    f.answer_due = d(due);
    return f;
  };
  std::vector<FeedbackFacts> items;
  // 1. answered on its due day, rated "Rất hài lòng" later
  auto a = item("2026-03-02", "2026-03-17");
  a.first_published_on = d("2026-03-17");
  a.rating = R::rat_hai_long;
  a.rated_on = d("2026-03-20");
  items.push_back(a);
  // 2. answered a day late, rated "Chưa hài lòng" on 25/3 and reopened for lateness on 26/3
  auto b = item("2026-03-02", "2026-03-17");
  b.first_published_on = d("2026-03-18");
  b.rating = R::chua_hai_long;
  b.rated_on = d("2026-03-25");
  b.reopened_late_on = d("2026-03-26");
  items.push_back(b);
  // 3. extended on 16/3 to 31/3, answered 30/3, never rated
  auto c = item("2026-03-02", "2026-03-17");
  c.extended_due = d("2026-03-31");
  c.extended_on = d("2026-03-16");
  c.first_published_on = d("2026-03-30");
  items.push_back(c);
  // 4. forwarded to another level on 5/3: leaves the denominators from then
  auto f = item("2026-03-02", "2026-03-17");
  f.left_competence_on = d("2026-03-05");
  items.push_back(f);
  // 5. unanswered, due 17/3: overdue after it
  items.push_back(item("2026-03-02", "2026-03-17"));
  // 6. received 20/3, not yet due on 31/3
  items.push_back(item("2026-03-20", "2026-04-04"));
  // 7. received after every reading date below except the last
  auto late = item("2026-04-02", "2026-04-17");
  late.first_published_on = d("2026-04-03");
  late.rating = R::hai_long;
  late.rated_on = d("2026-04-03");
  items.push_back(late);

  struct Expect {
    const char* as_of;
    long long received, within, answered, on_time, overdue, pending, complaints, ratings;
    std::optional<double> r1, r2, rated_share;
  };
  const Expect cases[] = {
      // 4/3: nothing is settled; the forwarded item still counts as within competence until 5/3.
      {"2026-03-04", 5, 5, 0, 0, 0, 5, 0, 0, std::nullopt, 100.0, std::nullopt},
      // 17/3: item 1 answered on its due day; item 3 extended; nothing overdue yet (the due day is not over).
      {"2026-03-17", 5, 4, 1, 1, 0, 3, 0, 0, 100.0, 100.0, std::nullopt},
      // 18/3: item 2 answered late, item 5 overdue; item 3 waits on its extended date.
      {"2026-03-18", 5, 4, 2, 1, 1, 1, 0, 0, 100.0 / 3, 100.0, std::nullopt},
      // 24/3: item 1's rating is known; item 2 not yet rated.
      {"2026-03-24", 6, 5, 2, 1, 1, 2, 0, 1, 100.0 / 3, 100.0, 100.0},
      // 31/3: item 2 rated unsatisfied and reopened for lateness: one complaint, not two.
      {"2026-03-31", 6, 5, 3, 2, 1, 1, 1, 2, 50.0, 80.0, 50.0},
      // 3/4: item 7 received, answered and rated the same day.
      {"2026-04-03", 7, 6, 4, 3, 1, 1, 1, 3, 60.0, 100.0 * 5 / 6, 100.0 * 2 / 3},
  };
  for (const auto& e : cases) {
    const auto g = feedback_figures(items, d(e.as_of));
    EXPECT_EQ(g.received, e.received) << e.as_of;
    EXPECT_EQ(g.within_competence, e.within) << e.as_of;
    EXPECT_EQ(g.left_competence, e.received - e.within) << e.as_of;
    EXPECT_EQ(g.answered, e.answered) << e.as_of;
    EXPECT_EQ(g.answered_on_time, e.on_time) << e.as_of;
    EXPECT_EQ(g.overdue, e.overdue) << e.as_of;
    EXPECT_EQ(g.pending, e.pending) << e.as_of;
    EXPECT_EQ(g.complaints, e.complaints) << e.as_of;
    EXPECT_EQ(g.ratings, e.ratings) << e.as_of;
    EXPECT_EQ(g.r1.has_value(), e.r1.has_value()) << e.as_of;
    if (g.r1 && e.r1) {
      EXPECT_NEAR(*g.r1, *e.r1, 1e-9) << e.as_of;
    }
    ASSERT_TRUE(g.r2) << e.as_of;
    EXPECT_NEAR(*g.r2, *e.r2, 1e-9) << e.as_of;
    EXPECT_EQ(g.rated_share.has_value(), e.rated_share.has_value()) << e.as_of;
    if (g.rated_share && e.rated_share) {
      EXPECT_NEAR(*g.rated_share, *e.rated_share, 1e-9) << e.as_of;
    }
  }
  // A rating given later never changes an earlier date's answer: 24/3 reads the same with or without it.
  auto without = items;
  without[1].rating.reset();
  without[1].rated_on.reset();
  without[1].reopened_late_on.reset();
  const auto before = feedback_figures(items, d("2026-03-24")), same = feedback_figures(without, d("2026-03-24"));
  EXPECT_EQ(before.complaints, same.complaints);
  EXPECT_EQ(before.ratings, same.ratings);
  EXPECT_EQ(before.r2, same.r2);
  // The response rate and the median days behind it on the last date: ratings 3 of 4 answered; days 15, 16,
  // 28, 1 → median 15,5.
  const auto last = feedback_figures(items, d("2026-04-03"));
  EXPECT_NEAR(*last.response_rate, 75.0, 1e-9);
  EXPECT_NEAR(*last.median_days, 15.5, 1e-9);
  EXPECT_EQ(last.rat_hai_long, 1);
  EXPECT_EQ(last.hai_long, 1);
  EXPECT_EQ(last.chua_hai_long, 1);
  // No items: no ratio at all, never 0 % or 100 %.
  const auto none = feedback_figures({}, d("2026-04-03"));
  EXPECT_FALSE(none.r1 || none.r2 || none.rated_share || none.response_rate || none.median_days);
}

// The adoption branch: every kind × state × current step × action × actor, allowed exactly when listed.
TEST(Feedback, AdoptionBranchByKindStateAndActor) {
  using AA = AdoptionAction;
  using K = FeedbackKind;
  const K kinds[] = {K::phan_anh, K::kien_nghi, K::sang_kien, K::giai_phap, K::dat_hang};
  const S states[] = {S::received,  S::accepted, S::not_accepted, S::merged,
                      S::forwarded, S::assigned, S::drafted,      S::published};
  const std::optional<Adoption> froms[] = {std::nullopt, Adoption::proposed, Adoption::adopted, Adoption::not_adopted};
  const AA actions[] = {AA::propose, AA::adopt, AA::reject};
  const P actors[] = {P::standing_agency, P::receiving_unit, P::lead_unit, P::lead_unit_head, P::submitter, P::other};
  int allowed_count = 0;
  for (auto k : kinds)
    for (auto s : states)
      for (auto from : froms)
        for (auto a : actions)
          for (auto p : actors) {
            const bool kind_ok = k == K::sang_kien || k == K::giai_phap || k == K::dat_hang;
            const bool state_ok = s == S::accepted || s == S::assigned || s == S::drafted || s == S::published;
            const bool expect =
                kind_ok && state_ok &&
                (a == AA::propose ? !from && (p == P::standing_agency || p == P::lead_unit || p == P::lead_unit_head)
                                  : from == Adoption::proposed && p == P::standing_agency);
            const auto step = adoption_step(k, s, from, a, p);
            EXPECT_EQ(step.allowed, expect)
                << to_string(k) << " " << to_string(s) << " " << (from ? to_string(*from) : "-") << " "
                << static_cast<int>(a) << " " << static_cast<int>(p);
            if (step.allowed) {
              ++allowed_count;
              EXPECT_EQ(step.to, a == AA::propose ? Adoption::proposed
                                 : a == AA::adopt ? Adoption::adopted
                                                  : Adoption::not_adopted);
            } else if (!kind_ok) {
              EXPECT_EQ(step.refusal, FeedbackRefusal::not_adoptable);
            }
          }
  // 3 kinds × 4 states × (3 proposers + 2 decisions by the standing agency).
  EXPECT_EQ(allowed_count, 3 * 4 * 5);
  EXPECT_EQ(adoption_from("adopted"), Adoption::adopted);
  EXPECT_EQ(adoption_from("adopt"), std::nullopt);
}

// Initiatives on a date: proposed, adopted and not adopted only once decided by its end.
TEST(Feedback, InitiativesCountedAsOfTheirDays) {
  auto item = [](const char* received, bool initiative) {
    FeedbackFacts f;
    f.received = d(received);
    f.answer_due = d(received) + std::chrono::days{15};
    f.initiative = initiative;
    return f;
  };
  auto adopted = item("2026-02-02", true);
  adopted.proposed_on = d("2026-02-10");
  adopted.adopted_on = d("2026-03-01");
  auto refused = item("2026-02-03", true);
  refused.proposed_on = d("2026-02-11");
  refused.not_adopted_on = d("2026-02-20");
  auto waiting = item("2026-02-04", true);
  waiting.proposed_on = d("2026-02-12");
  const std::vector<FeedbackFacts> items{
      adopted, refused, waiting, item("2026-02-05", true), item("2026-02-05", false), item("2026-04-01", true)};
  struct Expect {
    const char* as_of;
    long long initiatives, proposed, adopted, not_adopted;
  };
  const Expect cases[] = {
      {"2026-02-09", 4, 0, 0, 0}, {"2026-02-12", 4, 3, 0, 0}, {"2026-02-20", 4, 3, 0, 1},
      {"2026-02-28", 4, 3, 0, 1}, {"2026-03-01", 4, 3, 1, 1}, {"2026-04-01", 5, 3, 1, 1},
  };
  for (const auto& e : cases) {
    const auto g = feedback_figures(items, d(e.as_of));
    EXPECT_EQ(g.initiatives, e.initiatives) << e.as_of;
    EXPECT_EQ(g.proposed, e.proposed) << e.as_of;
    EXPECT_EQ(g.adopted, e.adopted) << e.as_of;
    EXPECT_EQ(g.not_adopted, e.not_adopted) << e.as_of;
  }
}

// Each role's capacities on an item by whether the person's unit leads it, received it, or neither.
TEST(Feedback, CapacitiesAndContactsByRoleAndUnit) {
  using F = FeedbackRole;
  const std::optional<long long> none;
  const struct {
    F role;
    std::optional<long long> lead, received;
    std::vector<P> actors;
    bool contacts;
  } cases[] = {
      {F::standing_agency, none, none, {P::standing_agency}, true},
      {F::admin, none, none, {P::standing_agency}, false},
      {F::admin, 7, none, {P::standing_agency}, true},
      {F::unit_officer, 7, none, {P::lead_unit}, true},
      {F::unit_head, 7, none, {P::lead_unit_head}, true},
      {F::unit_officer, none, 7, {P::receiving_unit}, true},
      {F::unit_head, 7, 7, {P::lead_unit_head, P::receiving_unit}, true},
      {F::unit_officer, 8, 9, {}, false},
      {F::reader, 7, 7, {}, true},  // a reader of the unit sees who wrote, but takes no step
      {F::reader, none, none, {}, false},
  };
  for (const auto& c : cases) {
    EXPECT_EQ(feedback_actors(c.role, 7, c.lead, c.received), c.actors) << static_cast<int>(c.role);
    EXPECT_EQ(sees_feedback_contacts(c.role, 7, c.lead, c.received), c.contacts) << static_cast<int>(c.role);
  }
}

TEST(Feedback, DueWindowOfAWarningList) {
  FeedbackDeadlines dl;
  dl.due_soon_days = 3;
  const auto overdue = due_window(dl, FeedbackUrgency::overdue, d("2026-03-02"));
  EXPECT_FALSE(overdue.from);
  EXPECT_EQ(overdue.to, d("2026-03-01"));
  const auto soon = due_window(dl, FeedbackUrgency::due_soon, d("2026-03-02"));
  EXPECT_EQ(soon.from, d("2026-03-02"));
  EXPECT_EQ(soon.to, d("2026-03-05"));
  const auto none = due_window(dl, FeedbackUrgency::none, d("2026-03-02"));
  EXPECT_FALSE(none.from || none.to);
}

}  // namespace tiendo::domain
