#include "domain/ranking.h"

#include <gtest/gtest.h>

namespace tiendo::domain {

TEST(Ranking, CompositeAndTies) {
  const RankingWeights w;  // 0.25, 0.25, 0.3, 0.2
  std::vector<RankingInput> in{
      {1, {10, 10}, {9, 10}, {3, 4}, 0.8, 3},
      {2, {10, 10}, {9, 10}, {3, 4}, 0.8, 3},
      {3, {5, 10}, {10, 10}, {4, 4}, std::nullopt, 0},
      {4, {}, {}, {}, std::nullopt, 0},
  };
  auto r = rank_units(in, w);
  ASSERT_EQ(r.size(), 4u);
  // Unit 3: (0.25*0.5 + 0.25*1 + 0.3*1) / 0.8 = 0.84375 -> 84.38
  EXPECT_EQ(r[0].input.unit_id, 1);
  EXPECT_EQ(r[0].rank, 1);
  EXPECT_EQ(r[1].input.unit_id, 2);
  EXPECT_EQ(r[1].rank, 1);  // equal scores share a rank
  EXPECT_NEAR(*r[0].score, 100 * (0.25 * 1 + 0.25 * 0.9 + 0.3 * 0.75 + 0.2 * 0.8), 0.005);
  EXPECT_EQ(r[2].input.unit_id, 3);
  EXPECT_EQ(r[2].rank, 3);
  EXPECT_DOUBLE_EQ(*r[2].score, 84.38);
  EXPECT_EQ(r[3].input.unit_id, 4);
  EXPECT_FALSE(r[3].score);
  EXPECT_EQ(r[3].rank, 0);
}

TEST(Ranking, WeightsChangeOrder) {
  std::vector<RankingInput> in{{1, {10, 10}, {0, 10}, {}, std::nullopt, 0},
                               {2, {0, 10}, {10, 10}, {}, std::nullopt, 0}};
  RankingWeights w{1, 0, 0, 0};
  EXPECT_EQ(rank_units(in, w)[0].input.unit_id, 1);
  w = RankingWeights{0, 1, 0, 0};
  EXPECT_EQ(rank_units(in, w)[0].input.unit_id, 2);
  EXPECT_NE(ranking_formula(w).find("1,00×cập nhật"), std::string::npos);
}

// R12: ties on the rounded, displayed score share a rank and the next rank skips.
TEST(Ranking, TiesTable) {
  const RankingWeights only_updates{0, 1, 0, 0};
  struct Case {
    std::vector<std::pair<int, int>> updates;  // per unit id 1.. : numerator/denominator
    std::vector<int> ranks;                    // by unit id
  };
  const Case cases[] = {
      {{{1, 1}, {1, 1}, {1, 2}}, {1, 1, 3}},        {{{1, 2}, {1, 1}, {1, 1}}, {3, 1, 1}},
      {{{1, 3}, {2, 6}, {1, 1}}, {2, 2, 1}},         // 33.33 and 33.33
      {{{2, 3}, {6667, 10000}, {1, 4}}, {1, 1, 3}},  // 66.67 and 66.67 once rounded as displayed
      {{{1, 1}, {1, 1}, {1, 1}}, {1, 1, 1}},        {{{0, 1}, {1, 2}, {1, 1}}, {3, 2, 1}},
  };
  for (const auto& c : cases) {
    std::vector<RankingInput> in;
    for (size_t i = 0; i < c.updates.size(); ++i)
      in.push_back({static_cast<long long>(i + 1), {}, {c.updates[i].first, c.updates[i].second}, {}, std::nullopt, 0});
    const auto r = rank_units(in, only_updates);
    std::vector<int> got(c.updates.size());
    for (const auto& x : r) got[static_cast<size_t>(x.input.unit_id - 1)] = x.rank;
    EXPECT_EQ(got, c.ranks);
  }
}

TEST(Ranking, FormulaNamesTheIndicatorsCounted) {
  const auto f = ranking_formula(RankingWeights{}, {"CT01", "CT07"});
  EXPECT_NE(f.find("R11"), std::string::npos);
  EXPECT_NE(f.find("CT01, CT07"), std::string::npos);
  EXPECT_NE(f.find("R12"), std::string::npos);
  // In the plan's numbering order: 2 before 10 (before: "1, 10, 11, 12, 2, 3").
  const auto n = ranking_formula(RankingWeights{}, {"10", "2", "12", "1", "3", "2.10", "2.1", "11"});
  EXPECT_NE(n.find(": 1, 2, 2.1, 2.10, 3, 10, 11, 12;"), std::string::npos) << n;
}

TEST(Ranking, DefaultPeerGroupByKind) {
  EXPECT_EQ(default_peer_group("commune"), "commune");
  EXPECT_EQ(default_peer_group("ward"), "commune");
  EXPECT_EQ(default_peer_group("special_zone"), "commune");
  EXPECT_EQ(default_peer_group("department"), "department");
  EXPECT_EQ(default_peer_group("office"), "other");
}

// R11: the fifth component, feedback answered on time of the items a unit led, counts only with its weight and
// with at least `feedback_min_items` judged items; a weight of 0 (the default) changes no score.
TEST(Ranking, FeedbackComponentTable) {
  struct Case {
    double weight;
    int min_items;
    Ratio feedback;
    std::optional<double> component;  // what feedback_component answers
    std::optional<double> score;      // with updates 1/2 at weight 1
  };
  const Case cases[] = {
      {0, 5, {5, 5}, 1.0, 50.0},           // weight 0: counted but weighs nothing, the score stays the updates' 50
      {1, 5, {5, 5}, 1.0, 75.0},           // (1×0.5 + 1×1) / 2
      {1, 5, {4, 4}, std::nullopt, 50.0},  // 4 judged items < 5: the component does not count
      {1, 5, {0, 5}, 0.0, 25.0},           // exactly 5, none on time: (0.5 + 0) / 2
      {1, 3, {2, 4}, 0.5, 50.0},           // a plan's own minimum
      {3, 5, {9, 10}, 0.9, 80.0},          // (1×0.5 + 3×0.9) / 4
      {1, 5, {0, 0}, std::nullopt, 50.0},  // nothing judged
      {1, 0, {0, 0}, std::nullopt, 50.0},  // a minimum of 0 still needs one judged item (no 0/0)
  };
  for (const auto& c : cases) {
    RankingWeights w{0, 1, 0, 0};
    w.feedback = c.weight;
    w.feedback_min_items = c.min_items;
    RankingInput in{1, {}, {1, 2}, {}, std::nullopt, 0};
    in.feedback = c.feedback;
    EXPECT_EQ(feedback_component(in, w), c.component) << c.feedback.numerator << "/" << c.feedback.denominator;
    const auto r = rank_units({in}, w);
    EXPECT_EQ(r[0].score, c.score) << c.weight << " " << c.feedback.numerator << "/" << c.feedback.denominator;
  }
  // Only feedback with data and every other component empty: the feedback alone scores.
  RankingWeights w{1, 1, 1, 1};
  w.feedback = 1;
  RankingInput only{7, {}, {}, {}, std::nullopt, 0};
  only.feedback = {3, 6};
  EXPECT_EQ(rank_units({only}, w)[0].score, 50.0);
  // The formula names the component and its minimum only where a plan weighs it.
  EXPECT_EQ(ranking_formula(RankingWeights{}).find("phản ánh"), std::string::npos);
  w.feedback_min_items = 7;
  const auto f = ranking_formula(w);
  EXPECT_NE(f.find("1,00×trả lời phản ánh đúng hạn, khi đơn vị chủ trì ít nhất 7 phản ánh đã xét"), std::string::npos)
      << f;
}

TEST(Ranking, Empty) { EXPECT_TRUE(rank_units({}, RankingWeights{}).empty()); }

}  // namespace tiendo::domain
