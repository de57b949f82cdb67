#include "domain/succession.h"

#include <gtest/gtest.h>

namespace tiendo::domain {

namespace {
Date d(int y, unsigned m, unsigned day) { return make_date(y, m, day); }
}  // namespace

TEST(Succession, CheckClosingTable) {
  const ActiveSpan open{d(2025, 7, 1), std::nullopt};
  const SuccessorFacts good{2, open, false, false};
  struct Case {
    const char* name;
    Date closing;
    ActiveSpan unit;
    bool unit_closed;
    std::vector<SuccessorFacts> successors;
    const char* field;  // nullptr: valid
  };
  const std::vector<Case> cases{
      {"merge into an active unit", d(2026, 10, 1), open, false, {good}, nullptr},
      {"split in two", d(2026, 10, 1), open, false, {good, {3, open, false, false}}, nullptr},
      {"closing the day after opening", d(2025, 7, 2), open, false, {good}, nullptr},
      {"closing on the opening day leaves no active day", d(2025, 7, 1), open, false, {good}, "closing_date"},
      {"closing before the opening", d(2025, 6, 1), open, false, {good}, "closing_date"},
      {"closing set the day after an earlier last day",
       d(2026, 10, 1),
       {d(2025, 7, 1), d(2026, 9, 30)},
       false,
       {good},
       nullptr},
      {"closing after an earlier last day",
       d(2026, 10, 2),
       {d(2025, 7, 1), d(2026, 9, 30)},
       false,
       {good},
       "closing_date"},
      {"already closed by a succession", d(2026, 10, 1), open, true, {good}, "id"},
      {"no successor", d(2026, 10, 1), open, false, {}, "successors"},
      {"successor named twice", d(2026, 10, 1), open, false, {good, good}, "successors"},
      {"itself or a descendant", d(2026, 10, 1), open, false, {{1, open, true, false}}, "successors"},
      {"successor closed itself", d(2026, 10, 1), open, false, {{2, open, false, true}}, "successors"},
      {"successor opens after the closing day",
       d(2026, 10, 1),
       open,
       false,
       {{2, {d(2026, 10, 2), {}}, false, false}},
       "successors"},
      {"successor closed before the closing day",
       d(2026, 10, 1),
       open,
       false,
       {{2, {std::nullopt, d(2026, 9, 30)}, false, false}},
       "successors"},
      {"successor opening on the closing day",
       d(2026, 10, 1),
       open,
       false,
       {{2, {d(2026, 10, 1), {}}, false, false}},
       nullptr},
  };
  for (const auto& c : cases) {
    const auto err = check_closing(c.closing, c.unit, c.unit_closed, c.successors);
    if (!c.field) {
      EXPECT_FALSE(err) << c.name << ": " << (err ? err->message : "");
    } else {
      ASSERT_TRUE(err) << c.name;
      EXPECT_EQ(err->field, c.field) << c.name;
      EXPECT_FALSE(err->message.empty()) << c.name;
    }
  }
}

TEST(Succession, OpenWorkPassesOn) {
  AssignmentFacts f;
  EXPECT_TRUE(passes_on(f));
  f.decision = Decision::paused;
  EXPECT_TRUE(passes_on(f));  // may resume
  f.decision = Decision::cancelled;
  EXPECT_FALSE(passes_on(f));
  AssignmentFacts done;
  done.confirmed_done_on = d(2026, 9, 1);
  EXPECT_FALSE(passes_on(done));
}

TEST(Succession, NamedSuccessorElseTheFirst) {
  const std::vector<std::vector<long long>> named{{}, {11, 12}, {13}};
  EXPECT_EQ(successor_for(11, named), 1u);
  EXPECT_EQ(successor_for(13, named), 2u);
  EXPECT_EQ(successor_for(99, named), 0u);
  EXPECT_EQ(successor_for(99, {}), 0u);
}

TEST(Succession, HeldSpanStartsOnTheClosingDay) {
  const ActiveSpan unit{d(2025, 7, 1), std::nullopt};
  const ActiveSpan held = held_span(unit, d(2026, 10, 1));
  EXPECT_FALSE(held.contains(d(2026, 9, 30)));
  EXPECT_TRUE(held.contains(d(2026, 10, 1)));
  EXPECT_FALSE(held_span({d(2027, 1, 1), std::nullopt}, d(2026, 10, 1)).contains(d(2026, 12, 31)));
  EXPECT_TRUE(held_span(unit, std::nullopt).contains(d(2025, 7, 1)));
  const ActiveSpan open_start{std::nullopt, std::nullopt};
  EXPECT_FALSE(held_span(open_start, d(2026, 10, 1)).contains(d(2000, 1, 1)));
}

}  // namespace tiendo::domain
