#pragma once
// The figures of Decision 766 (R17) over the feedback items, as of a date, read once and computed once
// (domain::feedback_figures) for everyone who shows them: the inbox's and the public page's figures, the
// feedback report and the indicators computed from them. Each item is counted for the lead unit it had on
// that date (its history of lead units), so a past date's figures never move.
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "domain/feedback.h"
#include "store/db.h"
#include "store/feedback_store.h"

namespace tiendo::service {

// An item's dated facts as the domain reads them.
domain::FeedbackFacts feedback_facts(const store::FeedbackItem& f);

struct UnitFeedbackFigures {
  std::optional<store::Id> unit_id;  // nothing: items without a lead unit on that date
  std::string unit_name;
  domain::FeedbackFigures figures;
};

struct FeedbackFiguresByUnit {
  domain::FeedbackFigures total;
  std::vector<UnitFeedbackFigures> units;  // by unit id, the items without a lead unit first
};

// The figures as of the end of `as_of` over the items `filter` selects (its received days give the period) that
// `scope_path`'s subtree received or led on `as_of` (nothing: the whole city).
FeedbackFiguresByUnit feedback_figures(store::Connection& c, const store::FeedbackFilter& filter, domain::Date as_of,
                                       const std::optional<std::string>& scope_path);

// The same, kept: the figures of the same items, period, scope and day are computed once (the inbox, the public
// page and the dashboard ask for them on every opening; a burst of submissions makes each reading slow). Kept
// under the items' mark (store::feedback_mark), so any write to an item makes the next reading compute afresh.
std::shared_ptr<const FeedbackFiguresByUnit> feedback_figures_kept(store::Connection& c,
                                                                   const store::FeedbackFilter& filter,
                                                                   domain::Date as_of,
                                                                   const std::optional<std::string>& scope_path);

}  // namespace tiendo::service
