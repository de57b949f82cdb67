#pragma once
// The use cases of a state-funded S&T task (issue 16): its register entry (Sở KH&CN and the managing units), its
// life through the stages with the document behind every step, the execution events (advances, settlements,
// inspections, the one extension, adjustments), the host's monthly updates, the yearly estimates, the link to one of
// the plan's assignments, the versioned rules and the register's workbook import — each in the caller's
// transaction, raising service::Error and auditing what it writes (service/st_model follows the register by those
// entries) — and the answers the register's pages read. Who may take which step and every rule is domain/st_task;
// the SQL is store/st_task_store; a host organisation's officers see only the tasks it hosts.
#include <boost/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "domain/st_register.h"
#include "domain/st_task.h"
#include "service/call.h"
#include "service/errors.h"
#include "service/st_model.h"
#include "store/st_task_store.h"

namespace tiendo::service {

// Hosted or managed within the actor's subtree.
bool st_task_in_scope(const Actor& who, const store::StTask& t);
// The task `id` when the actor may see it; otherwise not found, as if it did not exist.
store::StTask st_task(store::Connection& c, const Actor& who, store::Id id);

// One task as its page reads it as of the end of `as_of`: the register entry with what its life says, the
// estimates, events and updates recorded by then, what the actor may do next and the plan links.
boost::json::object st_task_detail(const Call& call, const store::StTask& t, domain::Date as_of);
// The same for the task `id` the actor may see.
boost::json::object st_task_view(const Call& call, store::Id id, domain::Date as_of);

// The register a page at a time from the resident model: the tasks within `scope_path` (and at `stage`) in the
// register's order, counted before the page is cut, each as of `as_of`.
boost::json::object st_task_page(const StSnapshot& snap, const std::optional<std::string>& scope_path,
                                 const std::optional<std::string>& stage, store::Page page, domain::Date as_of);

// A register entry as typed. The fields the register requires are nothing when not given: the use case says so,
// after it found the task.
struct StRegisterInput {
  std::optional<std::string> code, title, level, kind, mode;
  std::optional<std::string> national_code, registration_no;
  std::optional<domain::Date> national_code_on;  // nothing with a national code: today
  std::string problem, sector, principal_investigator, uptake_plan, ip_plan, summary;
  long long budget_nsnn = 0, budget_other = 0;
  std::optional<domain::Date> start_date, end_date;
  std::optional<store::Id> host_unit_id, managing_unit_id;
  std::vector<store::StProduct> products;
  std::vector<store::StYearBudget> years;
};
// A new entry at its first step, the proposal, with the proposal's document; the managing unit within the
// actor's subtree. Answers st_task_detail.
boost::json::object create_st_task(const Call& call, const StRegisterInput& in, const domain::StDocument& doc,
                                   const std::string& note);
// The register entry rewritten from the `version` it was read at, by whom manages it.
boost::json::object update_st_task(const Call& call, store::Id id, std::optional<long long> version,
                                   const StRegisterInput& in);

// A move to the next stage with its document; the council's votes give the acceptance rating.
struct StStageMove {
  std::optional<std::string> to_stage;
  std::optional<long long> version;
  domain::StDocument doc;
  std::string note;
  domain::StVotes votes;  // read for the council's stage (danh_gia) only
};
boost::json::object move_st_task_stage(const Call& call, store::Id id, const StStageMove& in);

// An execution event, recorded by whom manages the task.
struct StEventInput {
  std::optional<std::string> kind;
  std::optional<long long> version;
  domain::StDocument doc;
  std::string note;
  long long amount = 0;                               // an advance's or a settlement's
  std::optional<domain::Date> requested_on, new_end;  // the extension's
};
boost::json::object record_st_event(const Call& call, store::Id id, const StEventInput& in);

// The month's update by the host or whom manages the task, never for a month to come.
struct StMonthlyInput {
  std::optional<long long> year, month;
  std::optional<double> progress_percent;
  std::string products_delivered, problems, evidence;
  long long spent_to_date = 0;
};
boost::json::object add_st_monthly_update(const Call& call, store::Id id, const StMonthlyInput& in);

// A year's estimate, superseding the earlier one from today.
boost::json::object add_st_estimate(const Call& call, store::Id id, std::optional<long long> year,
                                    std::optional<long long> amount);

// Links the task to one assignment of the plan from today (service/st_plan_link): one link holds at a time on each
// side. Ending it gives the assignment's progress back to its unit from today.
boost::json::object link_st_task_plan(const Call& call, store::Id id, std::optional<store::Id> assignment_id);
boost::json::object unlink_st_task_plan(const Call& call, store::Id id);

// Every version of the rules; a new one from its effective date (earlier versions stay for the dates they
// governed).
boost::json::array st_rules_list(store::Connection& c);
boost::json::object add_st_rules(const Call& call, const domain::StRules& r);

// The register's workbook import: the upload read (service/st_register) stored with its preview, the preview
// again, and its confirmation with what it created and changed.
boost::json::object store_st_register_import(const Call& call, const std::string& filename,
                                             const domain::StRegisterSheet& sheet);
boost::json::object st_register_import_preview(const Call& call, store::Id id);
boost::json::object confirm_st_register_import(const Call& call, store::Id id);

// The answers read from the resident model over the tasks within `scope_path`: the figures with the rows behind
// each number, the problem pipeline per sector, and for everyone the tasks whose results are recognised (no
// documents, signers, money flows, problems or internal codes).
boost::json::object st_figures_answer(const StSnapshot& snap, const std::optional<std::string>& scope_path,
                                      domain::Date as_of);
boost::json::object st_pipeline_answer(const StSnapshot& snap, const std::optional<std::string>& scope_path,
                                       domain::Date as_of);
boost::json::array st_public_results(const StSnapshot& snap, domain::Date today);

}  // namespace tiendo::service
