#pragma once
// Issue 17: the same obstacle written by many units, found by its words. Each text becomes the set of its
// folded words (domain::fold: no diacritics, lower case; function words dropped); two texts say the same when
// the Jaccard similarity of their sets (shared words / all words) reaches the threshold. Texts are grouped in
// order: each joins the first group whose first text it resembles, or starts a new one.
#include <set>
#include <string>
#include <string_view>
#include <vector>

namespace tiendo::domain {

// The folded content words of a text ("Thiếu kinh phí và nhân lực" → {thieu, kinh, phi, nhan, luc}).
std::set<std::string> content_words(std::string_view text);
double jaccard(const std::set<std::string>& a, const std::set<std::string>& b);

// 0.5, checked on the labelled difficulties in bottleneck_test.cpp.
inline constexpr double kSameObstacle = 0.5;
// Two texts' word sets say the same obstacle: both have content words and their similarity reaches the threshold.
// The one test of sameness: the grouping of many units' difficulties and one work's difficulty repeated over months
// (domain::forecast) both use it.
bool same_obstacle(const std::set<std::string>& a, const std::set<std::string>& b, double threshold = kSameObstacle);

struct TextGroup {
  std::string text;             // the group's most frequent wording (the first written, among equals)
  std::vector<size_t> members;  // indexes into the texts, in their order
};
// Empty texts (no content word) are left out. Groups come largest first, then in order of first appearance.
std::vector<TextGroup> group_texts(const std::vector<std::string>& texts, double threshold = kSameObstacle);

}  // namespace tiendo::domain
