#include "domain/report_workflow.h"

#include <gtest/gtest.h>

namespace tiendo::domain {

TEST(ReportWorkflow, EveryStateAndAction) {
  using S = ReportState;
  using A = ReportAction;
  struct Row {
    S from;
    A action;
    bool allowed;
    S to;
    bool reopens;
  };
  const Row table[] = {
      {S::draft, A::edit, true, S::draft, false},
      {S::draft, A::submit, true, S::submitted, false},
      {S::draft, A::approve, false, S::draft, false},
      {S::draft, A::accept, false, S::draft, false},
      {S::draft, A::send_back, false, S::draft, false},
      {S::submitted, A::edit, false, S::draft, false},
      {S::submitted, A::submit, false, S::draft, false},
      {S::submitted, A::approve, true, S::approved, false},
      {S::submitted, A::accept, false, S::draft, false},
      {S::submitted, A::send_back, true, S::returned, false},
      {S::approved, A::edit, false, S::draft, false},
      {S::approved, A::submit, false, S::draft, false},
      {S::approved, A::approve, false, S::draft, false},
      {S::approved, A::accept, true, S::accepted, false},
      {S::approved, A::send_back, true, S::returned, false},
      // An edit never reopens an accepted report: only a granted request does (issue 14).
      {S::accepted, A::edit, false, S::draft, false},
      {S::accepted, A::reopen, true, S::draft, true},
      {S::draft, A::reopen, false, S::draft, false},
      {S::submitted, A::reopen, false, S::draft, false},
      {S::approved, A::reopen, false, S::draft, false},
      {S::returned, A::reopen, false, S::draft, false},
      {S::accepted, A::submit, false, S::draft, false},
      {S::accepted, A::approve, false, S::draft, false},
      {S::accepted, A::accept, false, S::draft, false},
      {S::accepted, A::send_back, false, S::draft, false},
      {S::returned, A::edit, true, S::returned, false},
      {S::returned, A::submit, true, S::submitted, false},
      {S::returned, A::approve, false, S::draft, false},
      {S::returned, A::accept, false, S::draft, false},
      {S::returned, A::send_back, false, S::draft, false},
  };
  for (const auto& r : table) {
    const auto t = transition(r.from, r.action);
    EXPECT_EQ(t.allowed, r.allowed) << to_string(r.from) << " " << to_string(r.action);
    if (r.allowed) {
      EXPECT_EQ(t.to, r.to) << to_string(r.from) << " " << to_string(r.action);
      EXPECT_EQ(t.reopens, r.reopens);
    }
  }
}

// Whose turn it is to return a report, for every state and role; every refusal says why in Vietnamese, and a step
// the transition table refuses is refused to every role.
TEST(ReportWorkflow, ReportStepByRole) {
  using S = ReportState;
  using A = ReportAction;
  using R = ReportRole;
  struct Row {
    S from;
    A action;
    R by;
    bool allowed;
    const char* refusal_has;
  };
  const Row table[] = {
      {S::submitted, A::send_back, R::unit_head, true, ""},
      {S::approved, A::send_back, R::unit_head, false, "chỉ cơ quan thường trực"},
      {S::submitted, A::send_back, R::standing_agency, false, "chưa được lãnh đạo đơn vị phê duyệt"},
      {S::approved, A::send_back, R::standing_agency, true, ""},
      {S::submitted, A::send_back, R::unit_staff, true, ""},
      {S::approved, A::send_back, R::unit_staff, true, ""},
      {S::draft, A::send_back, R::unit_head, false, "Không thể trả lại báo cáo đang ở trạng thái"},
      {S::accepted, A::send_back, R::standing_agency, false, "Không thể trả lại"},
      {S::accepted, A::edit, R::unit_staff, false, "đề nghị mở lại"},
      {S::submitted, A::edit, R::unit_staff, false, "không thể chỉnh sửa"},
      {S::approved, A::withdraw, R::unit_staff, false, "Chỉ rút lại được"},
      {S::submitted, A::withdraw, R::unit_staff, true, ""},
      {S::draft, A::approve, R::unit_head, false, "Không thể phê duyệt"},
      {S::submitted, A::approve, R::unit_head, true, ""},
      {S::approved, A::accept, R::standing_agency, true, ""},
  };
  for (const auto& r : table) {
    const auto d = report_step(r.from, r.action, r.by);
    EXPECT_EQ(d.allowed, r.allowed) << to_string(r.from) << " " << to_string(r.action);
    if (r.allowed) {
      EXPECT_EQ(d.to, transition(r.from, r.action).to);
      EXPECT_TRUE(d.refusal.empty());
    } else {
      EXPECT_NE(d.refusal.find(r.refusal_has), std::string::npos) << d.refusal;
    }
  }
  for (S from : {S::draft, S::submitted, S::approved, S::accepted, S::returned})
    for (A action : {A::edit, A::submit, A::approve, A::accept, A::send_back, A::withdraw, A::reopen})
      for (R by : {R::unit_staff, R::unit_head, R::standing_agency}) {
        const auto d = report_step(from, action, by);
        if (!transition(from, action).allowed) {
          EXPECT_FALSE(d.allowed);
        }
        EXPECT_EQ(d.allowed, d.refusal.empty());
      }
}

TEST(ReportWorkflow, TimelinessAgainstEndOfVietnameseDay) {
  const Date due = make_date(2026, 10, 19);
  const Instant now = *parse_iso_instant("2026-10-25T00:00:00Z");
  // 23:59:59 on the 19th in Hải Phòng is on time; midnight is late.
  EXPECT_EQ(timeliness(parse_iso_instant("2026-10-19T16:59:59Z"), due, now), Timeliness::on_time);
  EXPECT_EQ(timeliness(parse_iso_instant("2026-10-19T17:00:00Z"), due, now), Timeliness::late);
  EXPECT_EQ(timeliness(std::nullopt, due, now), Timeliness::missing);
  EXPECT_EQ(timeliness(std::nullopt, due, *parse_iso_instant("2026-10-19T10:00:00Z")), Timeliness::pending);
}

// R4 around the due day, including a due day moved off a weekend: 19/4/2026 is a Sunday, so with the
// shift rule the last on-time day is Monday 20/4 (17:00Z is midnight in Hải Phòng).
TEST(ReportWorkflow, TimelinessTable) {
  struct Case {
    const char* due;
    std::optional<const char*> submitted;
    const char* now;
    Timeliness expected;
  };
  const Case cases[] = {
      {"2026-11-19", "2026-11-19T16:59:00Z", "2026-11-24T03:00:00Z", Timeliness::on_time},  // 23:59 on the 19th
      {"2026-11-19", "2026-11-19T17:01:00Z", "2026-11-24T03:00:00Z", Timeliness::late},     // 00:01 on the 20th
      {"2026-11-19", std::nullopt, "2026-11-19T16:59:00Z", Timeliness::pending},            // due day: still pending
      {"2026-11-19", std::nullopt, "2026-11-19T17:00:00Z", Timeliness::missing},            // the day after
      {"2026-04-20", "2026-04-20T16:59:59Z", "2026-04-25T00:00:00Z", Timeliness::on_time},  // moved due day
      {"2026-04-20", std::nullopt, "2026-04-20T10:00:00Z", Timeliness::pending},
      {"2026-04-20", std::nullopt, "2026-04-20T17:00:00Z", Timeliness::missing},
  };
  for (const auto& c : cases) {
    const auto sent = c.submitted ? parse_iso_instant(*c.submitted) : std::nullopt;
    EXPECT_EQ(timeliness(sent, *parse_iso_date(c.due), *parse_iso_instant(c.now)), c.expected)
        << c.due << " " << (c.submitted ? *c.submitted : "-") << " " << c.now;
  }
}

TEST(ReportWorkflow, NamesRoundTrip) {
  EXPECT_EQ(report_state_from("returned"), ReportState::returned);
  EXPECT_EQ(report_action_from("return"), ReportAction::send_back);
  EXPECT_EQ(report_action_from("withdraw"), ReportAction::withdraw);
  EXPECT_TRUE(transition(ReportState::submitted, ReportAction::withdraw).allowed);
  EXPECT_EQ(transition(ReportState::submitted, ReportAction::withdraw).to, ReportState::draft);
  EXPECT_FALSE(transition(ReportState::approved, ReportAction::withdraw).allowed);
  EXPECT_FALSE(transition(ReportState::draft, ReportAction::withdraw).allowed);
  EXPECT_FALSE(report_action_from("delete"));
  EXPECT_EQ(to_string(Timeliness::missing), "missing");
}

}  // namespace tiendo::domain
