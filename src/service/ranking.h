#pragma once
// The ranking's table (R11) as the dashboard, GET /ranking and a publication show it, and the published rankings
// (issue 14, item 8): the standing agency publishes a month's ranking of one peer group, for one plan or all. It is
// the ranking as of the month's last day, read by the same code as GET /ranking for that date (R15: an ended day's
// figures never change), and kept as read, so what the units were told stays on record; a unit reads the rows of its
// own subtree. The SQL is store/ranking_store.
#include <boost/json.hpp>
#include <optional>
#include <string>

#include "domain/date.h"
#include "service/call.h"
#include "service/evaluation.h"
#include "store/ranking_store.h"

namespace tiendo::service {

class DashboardModel;

// One peer group's table: each unit's rank, score and components, the formula and weights. `ends`: only the first
// and last so many (at a glance); 0: the whole table.
boost::json::object ranking_json(const RankingData& data, const std::string& peer_group, size_t ends = 0);

struct RankingPublicationRequest {
  std::string peer_group;
  domain::Period month;  // monthly
  std::optional<store::Id> directive_id;
};
// The month must have ended; the ranking is read as of its last day, within the actor's scope, outside any write
// (on the replica when settled), then written once per plan, group and month (a second time is a conflict), audited.
// Answers the publication with its table.
boost::json::object publish_ranking(store::Database& db, DashboardModel& model, const Actor& who, domain::Instant now,
                                    const RankingPublicationRequest& in);

// Newest month first, without their tables.
boost::json::array ranking_publications(store::Connection& c, const store::RankingPublicationFilter& f);
// The publication `id` (or not found) with its table: whole for whole-city roles, a unit's subtree's rows otherwise
// (`total` still counts the whole table).
boost::json::object ranking_publication(store::Connection& c, const Actor& who, store::Id id);

}  // namespace tiendo::service
