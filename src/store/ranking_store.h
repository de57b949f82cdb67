#pragma once
// Published rankings (issue 14, item 8): the standing agency publishes a month's ranking of one peer group, for one
// plan or all plans. The row keeps the ranking as it was read when published; it is written once, never changed.
#include <optional>
#include <string>
#include <vector>

#include "store/db.h"
#include "store/model.h"

namespace tiendo::store {

struct RankingPublication {
  Id id = 0;
  std::optional<Id> directive_id;  // nothing: all plans
  std::string peer_group;          // department | commune | other
  std::string month;               // "2026-10"
  std::string as_of;               // the month's last day, "2026-10-31"
  std::string ranking;             // the ranking's JSON as published
  Id published_by = 0;
  std::string published_at;
  // joined
  std::string directive_number, published_by_name;
};

struct RankingPublicationFilter {
  std::optional<Id> directive_id;
  bool all_plans_only = false;  // only the publications over all plans
  std::optional<std::string> peer_group;
};

// Nothing when that plan, group and month is already published (the unique index decides, whoever came first).
std::optional<Id> insert_ranking_publication(Connection& c, const RankingPublication& p);
std::optional<RankingPublication> find_ranking_publication(Connection& c, Id id);
// Newest month first; without the ranking's JSON.
std::vector<RankingPublication> list_ranking_publications(Connection& c, const RankingPublicationFilter& f);

}  // namespace tiendo::store
