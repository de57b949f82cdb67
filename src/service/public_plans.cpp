#include "service/public_plans.h"

#include <map>

#include "service/evaluation.h"
#include "store/plan_store.h"

namespace tiendo::service {

std::vector<PublicPlan> public_plans(store::Connection& c, domain::Date as_of, domain::Instant now) {
  Evaluator ev(c, as_of, now);
  std::vector<PublicPlan> out;
  for (const auto& d : store::list_directives(c, {.has_plan = true}, {1000, 0}, nullptr)) {
    PublicPlan plan{d.id, d.number, d.title, {}};
    // One read of the plan's assignments, judged once, counted per task.
    store::AssignmentFilter f;
    f.directive_id = d.id;
    std::map<store::Id, std::vector<EvaluatedAssignment>> by_task;
    for (auto& e : ev.assignments(f)) by_task[e.a->task_id].push_back(std::move(e));
    for (auto& t :
         store::list_tasks(c, {.directive_id = d.id, .known_before = ev.known_before()}, {100000, 0}, nullptr)) {
      ev.patch(t);
      plan.tasks.push_back({t.id, t.code, t.name, t.field, std::string(task_status(roll_up(by_task[t.id])))});
    }
    if (!plan.tasks.empty()) out.push_back(std::move(plan));
  }
  return out;
}

}  // namespace tiendo::service
