#include "domain/bottleneck.h"

#include <algorithm>
#include <cctype>
#include <map>

#include "domain/text.h"

namespace tiendo::domain {

namespace {

// Folded Vietnamese function words: they join any two sentences and would make every difficulty alike.
const std::set<std::string>& function_words() {
  static const std::set<std::string> words{"va",   "cua",  "cac",   "cho",  "trong", "la",   "co",   "duoc",  "da",
                                           "dang", "chua", "nhung", "voi",  "tai",   "theo", "mot",  "nhieu", "con",
                                           "khi",  "ve",   "nay",   "do",   "tu",    "thi",  "cung", "de",    "nen",
                                           "rat",  "o",    "hien",  "viec", "se",    "nhu",  "the"};
  return words;
}

}  // namespace

std::set<std::string> content_words(std::string_view text) {
  std::set<std::string> out;
  std::string word;
  const auto flush = [&] {
    if (word.size() > 1 && !function_words().contains(word)) out.insert(word);
    word.clear();
  };
  for (char ch : fold(text)) {
    const auto c = static_cast<unsigned char>(ch);
    if (std::isalnum(c)) {
      word.push_back(static_cast<char>(c));
    } else {
      flush();
    }
  }
  flush();
  return out;
}

double jaccard(const std::set<std::string>& a, const std::set<std::string>& b) {
  if (a.empty() && b.empty()) return 1;
  size_t shared = 0;
  for (const auto& w : a) shared += b.contains(w);
  return static_cast<double>(shared) / static_cast<double>(a.size() + b.size() - shared);
}

bool same_obstacle(const std::set<std::string>& a, const std::set<std::string>& b, double threshold) {
  return !a.empty() && !b.empty() && jaccard(a, b) >= threshold;
}

std::vector<TextGroup> group_texts(const std::vector<std::string>& texts, double threshold) {
  struct Building {
    std::set<std::string> words;  // of the group's first text: the group does not drift as it grows
    std::vector<size_t> members;
  };
  std::vector<Building> groups;
  for (size_t i = 0; i < texts.size(); ++i) {
    auto words = content_words(texts[i]);
    if (words.empty()) continue;
    auto g = std::find_if(groups.begin(), groups.end(),
                          [&](const Building& b) { return same_obstacle(b.words, words, threshold); });
    if (g == groups.end()) {
      groups.push_back({std::move(words), {i}});
    } else {
      g->members.push_back(i);
    }
  }
  std::vector<TextGroup> out;
  for (auto& b : groups) {
    std::map<std::string, size_t> seen;  // wording -> how often
    for (size_t i : b.members) ++seen[texts[i]];
    const std::string* best = &texts[b.members.front()];
    for (size_t i : b.members)
      if (seen[texts[i]] > seen[*best]) best = &texts[i];
    out.push_back({*best, std::move(b.members)});
  }
  std::stable_sort(out.begin(), out.end(),
                   [](const TextGroup& x, const TextGroup& y) { return x.members.size() > y.members.size(); });
  return out;
}

}  // namespace tiendo::domain
