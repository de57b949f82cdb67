#pragma once
// Ranking of units within a peer group (departments apart from communes) by a published composite:
//   score = 100 * sum(w_i * s_i) / sum(w_i) over the components a unit has data for, where
//   s_timeliness  = reports on time / reports due,
//   s_updates     = open assignments updated in the judged period / open assignments,
//   s_completion  = assignments done on time / assignments due by the date,
//   s_indicators  = mean, over the unit's indicators with a value for the judged period, of
//                   min(1, value/target) (min(1, target/value) where lower is better), counts included,
//   s_feedback    = feedback items the unit led answered on time / its led items judged (R17's R1), only when it
//                   led at least `feedback_min_items` judged items (tiny denominators rank nobody).
// The rules are R11 and R12 of docs/RULES.md.
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace tiendo::domain {

struct RankingWeights {
  double timeliness = 0.25;
  double updates = 0.25;
  double completion = 0.3;
  double indicators = 0.2;
  double feedback = 0;         // 0 by default: rankings made before the component existed stay as they were
  int feedback_min_items = 5;  // the fewest judged items before the feedback component counts for a unit
};

struct Ratio {
  int numerator = 0;
  int denominator = 0;
  std::optional<double> share() const {
    return denominator > 0 ? std::optional(static_cast<double>(numerator) / denominator) : std::nullopt;
  }
};

struct RankingInput {
  long long unit_id = 0;
  Ratio timeliness;
  Ratio updates;
  Ratio completion;
  std::optional<double> indicator_achievement;  // 0..1
  int indicator_values = 0;
  // Feedback items the unit led as of the date, received in the year: answered on time / judged (answered +
  // overdue unanswered), R17's R1.
  Ratio feedback;
};

// R11: the feedback component's share, when it counts for the unit (enough judged items); nothing otherwise.
std::optional<double> feedback_component(const RankingInput& in, const RankingWeights& w);

struct RankedUnit {
  RankingInput input;
  std::optional<double> score;  // none when the unit has no data at all
  int rank = 0;                 // 1-based; equal scores share a rank; units without score come last, rank 0
};

// R11: the formula in words, naming the indicators counted (their codes), when there are any.
std::string ranking_formula(const RankingWeights& w, std::vector<std::string> indicators = {});
// R12: a unit created as a commune, ward or special zone is compared with communes; others with "other".
std::string default_peer_group(std::string_view kind);
std::vector<RankedUnit> rank_units(const std::vector<RankingInput>& inputs, const RankingWeights& w);

}  // namespace tiendo::domain
