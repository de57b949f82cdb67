#include "api/serialize.h"

#include "api/json_io.h"

namespace tiendo::api {

namespace json = boost::json;

json::object to_json(const service::EvaluatedAssignment& x) {
  const auto& a = *x.a;
  const auto& e = x.e;
  return json::object{{"id", a.id},
                      {"task_id", a.task_id},
                      {"task_code", a.task->code},
                      {"task_name", a.task->name},
                      {"directive_id", a.directive_id},
                      {"unit_id", a.unit_id},
                      {"unit_name", a.unit->name},
                      {"via_group_id", nullable(a.via_group_id)},
                      {"directing_leader", a.task->directing_leader},
                      {"deadline_kind", a.deadline_kind},
                      {"original_due", nullable(a.original_due)},
                      {"effective_due", e.due ? json::value(domain::iso(*e.due)) : json::value(nullptr)},
                      {"status", domain::to_string(e.status)},
                      {"rule", "R6"},
                      {"counted", x.counted},  // R1: its unit is active at the date
                      {"overdue_days", e.overdue_days},
                      {"late_against_original", e.late_against_original},
                      {"counts_in_ratios", e.counts_in_ratios},
                      {"updated_in_period", e.updated_in_period},
                      {"judged_period", x.judged.key()},
                      {"progress_percent", a.progress_percent},
                      {"last_update_period", nullable(a.last_update_period)},
                      {"last_update_at", nullable(a.last_update_at)},
                      {"declared_done_on", nullable(a.declared_done_on)},
                      {"confirmed_done_on", nullable(a.confirmed_done_on)},
                      {"triggered_on", nullable(a.triggered_on)},
                      {"decision", a.decision},
                      {"decision_on", nullable(a.decision_on)}};
}

}  // namespace tiendo::api
