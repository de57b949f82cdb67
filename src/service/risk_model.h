#pragma once
// Issue 17: today's early warning kept resident, as the dashboard's figures are (dashboard_model.h). What the
// forecasts read of each piece of open work (its progress history, latest difficulties, unanswered flags) depends
// on that work alone, so it is kept per unit and collected again only for the units the change feed names (a report
// submitted, an assignment changed, a flag answered); a change of the plan, the unit tree or the calendar collects
// everything again, as does a new day. A unit's work is forecast again when its facts or its plan's typical pace
// change; an answer only gathers the forecasts in scope, instead of reading the whole plan's history (seconds at
// national size) per reader.
// Every answer is made from facts as current as the request (the feed is applied before answering), by the same
// steps as a fresh computation (service::find_risks), so it is the same answer; it is kept across changes that touch
// none of its scope's units (a commune's answer outlives the other communes' reports).
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>

#include "service/follower.h"
#include "service/risks.h"
#include "store/db.h"

namespace tiendo::service {

// A unit's facts and its work judged at its plans' paces (pointing into the facts).
struct RiskUnit {
  std::shared_ptr<const RiskFacts> facts;
  std::vector<JudgedWork> judged;
};

// Today's facts of every unit, as of one point of the change feed.
struct RiskSnapshot {
  domain::Date day;
  long long seq = 0;
  std::map<store::Id, std::shared_ptr<const RiskUnit>> units;  // units with open work or difficulties
  std::map<store::Id, std::optional<double>> paces;            // each plan's typical pace
  std::map<store::Id, domain::ForecastRules> rules;            // each plan's thresholds
  std::shared_ptr<const RiskContext> context;
  // The unit paths whose answers may differ from the previous snapshot's; nothing: all of them (a rebuild).
  std::optional<std::vector<std::string>> touched;
};

class RiskModel {
 public:
  RiskModel() = default;
  RiskModel(const RiskModel&) = delete;
  RiskModel& operator=(const RiskModel&) = delete;
  ~RiskModel();

  // Today's findings for the plan (or all) within the scope, with `make` turning them (and the snapshot's context)
  // into the answer, kept until the next change; nothing when the plan is not one the model keeps (the caller
  // computes it fresh). The first call also starts a follower that applies the change feed every 50 ms, so a
  // request usually only checks; `db` must outlive the model.
  std::optional<std::shared_ptr<const std::string>> answer(
      store::Database& db, domain::Instant now, std::optional<store::Id> directive_id,
      const std::optional<std::string>& scope,
      const std::function<std::string(const RiskFindings&, const RiskContext&)>& make);
  // Starts the follower now (it builds the model on its first step) instead of at the first answer.
  void keep_current(store::Database& db, domain::Instant now) { follow(db, now); }

 private:
  std::shared_ptr<const RiskSnapshot> bring_up_to_date(store::Database& db, domain::Instant now);
  // With mu_ held, as `s` becomes the latest snapshot: drops the answers of the scopes it touched.
  void keep_answers(const RiskSnapshot& s);
  void follow(store::Database& db, domain::Instant now);

  std::mutex mu_;  // one updater at a time; readers take the snapshot it installs
  const store::Database* db_ = nullptr;
  std::shared_ptr<const RiskSnapshot> snapshot_;

  std::mutex answers_mu_;
  std::pair<domain::Date, long long> answers_at_{};  // the latest snapshot: every answer kept holds for it
  struct Kept {
    std::string scope;  // unit path ("" for the whole city)
    std::shared_ptr<const std::string> body;
  };
  std::map<std::string, Kept> answers_;  // by scope and plan

  Follower follower_;
};

}  // namespace tiendo::service
