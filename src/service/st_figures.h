#pragma once
// The S&T task figures of R18 as of a date (issue 16), read once from the register and computed once
// (domain::st_figures) for everyone who shows them: the register's figures page, the plan's synthesis report
// and its appendix. The register entries come with them, for the titles and hosts of the rows behind.
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "domain/st_task.h"
#include "store/db.h"
#include "store/st_task_store.h"

namespace tiendo::service {

// A task's facts as the domain reads them, from its register entry and its recorded life.
domain::StTaskFacts st_task_facts(const store::StTask& t, const std::vector<store::StEvent>& events,
                                  const std::vector<store::StUpdate>& updates,
                                  const std::vector<store::StEstimate>& estimates = {});
domain::StRuleBook st_rule_book(store::Connection& c);

struct StTaskWithFacts {
  store::StTask task;
  domain::StTaskFacts facts;
};
// The register entries `filter` selects, each with its facts.
std::vector<StTaskWithFacts> st_tasks_with_facts(store::Connection& c, const store::StTaskFilter& filter);

struct StTaskFigures {
  domain::StFigures figures;
  std::map<store::Id, store::StTask> tasks;  // the register entries in scope, by id
  // Whether any task was known by the day asked (its first step recorded by then): without one there is nothing
  // to report, and the synthesis leaves the section out.
  bool any() const { return !figures.stages.empty(); }
};

// The figures over the tasks hosted or managed within `scope_path` (nothing: the whole city) as of the end of
// `as_of`.
StTaskFigures st_task_figures(store::Connection& c, const std::optional<std::string>& scope_path, domain::Date as_of);

}  // namespace tiendo::service
