#pragma once
// State-funded S&T and innovation tasks ("nhiệm vụ KH&CN, ĐMST sử dụng NSNN"): the life of a task as a
// state machine with the document behind every step, the clock of each stage, the rules of the older
// circulars as configurable defaults versioned by the date they take effect (TT 11/2014 acceptance and vote
// rule, TT 04/2015 extension, TTLT 27/2015 advances), and the "theo dõi toàn trình" indicator of seed 001
// with its three sub-rates — each "as of" a date from the facts known by the end of that day.
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "domain/date.h"
#include "domain/reporting_rule.h"

namespace tiendo::domain {

// Host organisations (institutes, universities, companies) are units of their own kind under their own root,
// outside the administrative tree: "host_root" holds "host_org" units (a faculty or institute may sit under
// its university). They never owe plan work, and only their own users, of the host role, sit in them.
constexpr std::string_view kHostRootKind = "host_root";
constexpr std::string_view kHostOrgKind = "host_org";
constexpr std::string_view kHostRole = "host";
bool is_host_unit_kind(std::string_view unit_kind);
// Whether a unit of `kind` may sit under a parent of `parent_kind` (none for a root): the host root is a
// root, a host organisation sits under the host root or another host organisation, and no administrative
// unit sits under either.
bool unit_fits_parent(std::string_view kind, std::optional<std::string_view> parent_kind);
// Whether a user of `role` may belong to a unit of `unit_kind`: the host role ⇔ a host organisation (the
// host root holds no one).
bool role_fits_unit(std::string_view role, std::string_view unit_kind);

// The stages of research note B.4 in order, then the three exits.
enum class StStage {
  de_xuat,         // proposal / problem ("bài toán")
  xac_dinh,        // identified and ordered (advisory council)
  thong_bao,       // call for selection / funding
  giao_truc_tiep,  // direct assignment
  xet_chon,        // under review: dossier, validity, selection council, budget appraisal
  phe_duyet,       // approved
  hop_dong,        // contract signed
  thuc_hien,       // execution
  nop_nghiem_thu,  // acceptance dossier filed
  danh_gia,        // acceptance council held
  cong_nhan,       // results recognised
  dang_ky_kq,      // results registered
  quyet_toan,      // accounts settled, contract liquidated
  sau_nghiem_thu,  // post-acceptance uptake follow-up
  cham_dut,        // exit: terminated
  khong_dat,       // exit: failed (refund)
  huy,             // exit: cancelled
};
constexpr int kStStageCount = static_cast<int>(StStage::huy) + 1;

// What happens inside execution without changing the stage.
enum class StEventKind {
  stage,       // a move to another stage
  tam_ung,     // advance paid
  thanh_toan,  // advance settled (payment against the work done)
  kiem_tra,    // inspection
  gia_han,     // extension (once)
  dieu_chinh,  // adjustment (objectives and products unchanged)
};

// How the task was formed.
enum class StMode { dat_hang, xet_tai_tro, tuyen_chon, giao_truc_tiep };
enum class StRating { xuat_sac, dat, khong_dat };

// The capacity a person acts in on one task (st_actors derives it from the role and the unit).
enum class StActor {
  managing_agency,  // Sở KH&CN (or an admin): every stage and execution event
  host,             // the host organisation of this very task: files the acceptance dossier
  other,
};

// A person's role as the S&T register reads it.
enum class StRole {
  managing_agency,  // the standing agency (Sở KH&CN) or an admin: manages every task
  unit_officer,     // a unit's head or focal point: manages the tasks their unit (or one below it) manages
  host,             // the host role's officer: the host of the tasks their organisation (or one below it) hosts
  other,            // leaders, viewers: read only
};
// The capacities a person of `role` in the unit at `unit_path` holds on one task, never empty (`other` alone when
// none).
std::vector<StActor> st_actors(StRole role, std::string_view unit_path, std::string_view managing_unit_path,
                               std::string_view host_unit_path);
bool st_manages(const std::vector<StActor>& actors);
// Whether `value` is one of the register's choices for `field` (level, kind, mode).
bool st_register_choice(std::string_view field, std::string_view value);

std::string_view to_string(StStage s);
std::string_view to_string(StEventKind k);
std::string_view to_string(StMode m);
std::string_view to_string(StRating r);
std::optional<StStage> st_stage_from(std::string_view s);
std::optional<StEventKind> st_event_kind_from(std::string_view s);
std::optional<StMode> st_mode_from(std::string_view s);
std::optional<StRating> st_rating_from(std::string_view s);
// The Vietnamese name of a stage, as shown on screen and in documents.
std::string_view st_stage_label(StStage s);
// The acceptance rating as documents print it ("Xuất sắc").
std::string_view st_rating_label(StRating r);
bool is_exit(StStage s);

// The document behind a step: its number, date, and the signer's name and position as typed (verifying a
// digital signature is a later step).
struct StDocument {
  std::string number;
  std::optional<Date> date;
  std::string signer_name;
  std::string signer_position;
  std::string file;  // optional reference to the scanned file
};

// The numeric defaults, each effective from a date: a past date is judged by the rule of its time.
struct StRules {
  Date effective_from = make_date(2014, 1, 1);
  int contract_within_days = 30;          // approval → contract [I, research note B.4]
  int first_advance_max_percent = 50;     // first advance ≤ 50 % of the approved state budget (TTLT 27/2015)
  int next_advance_settled_percent = 50;  // a next advance only once ≥ 50 % of the earlier ones is settled
  int dossier_due_days = 30;              // acceptance dossier ≤ 30 days after the (extended) end (TT 11/2014)
  int dossier_fail_months = 6;            // dossier > 6 months late → Không đạt (TT 11/2014)
  int extension_notice_months = 1;        // the one extension requested ≥ 1 month before the end (TT 04/2015)
  int extension_max_months_long = 12;     // … of at most 12 months for a task longer than 24 months,
  int extension_max_months_short = 6;     // … 6 months otherwise
  int long_task_months = 24;
  // Council (TT 11/2014): Xuất sắc when ≥ 3/4 of the members present say so and nobody says Không đạt;
  // Không đạt when > 1/3 say so; Đạt otherwise.
  int excellent_num = 3, excellent_den = 4;
  int fail_num = 1, fail_den = 3;
  int record_within_working_days = 5;  // a stage event recorded ≤ 5 working days after its document's date
  int inspection_every_months = 12;    // at least one inspection a year from the contract
  int register_within_days = 30;       // recognised → results registered [I]
  int settle_within_days = 90;         // registered → accounts settled [I]
  int update_grace_days = 5;           // month M's update is due by the 5th day after M ends
};
// The numerator of the first of the council's fractions that exceeds its denominator (excellent_num, fail_num), or
// none: a version of the rules with one cannot be entered.
std::optional<std::string> st_rules_fraction_over(const StRules& r);

// Rule versions, each from its effective date; the one in force on a date is the latest that began by it.
struct StRuleBook {
  std::vector<StRules> versions;  // any order
  const StRules& at(Date d) const;
};
// The book holding only the defaults above.
StRuleBook default_st_rule_book();

// Why a step is refused; `field` names the missing document field when that is the reason.
enum class StRefusal {
  none,
  wrong_stage,         // no such move from the current stage
  wrong_actor,         // the move exists but not for this actor
  missing_document,    // number, date, signer name or position missing
  document_too_early,  // the document predates the previous step's document
  document_in_future,  // dated after the day it is recorded
  rating_required,     // the acceptance council needs its votes; recognition or failure needs a rating
  rating_mismatch,     // recognised needs Xuất sắc/Đạt, failed needs Không đạt
  already_extended,
  extension_too_late,  // requested less than the notice before the end
  extension_too_long,
  extension_not_later,   // the new end is not after the current one
  first_advance_over,    // first advance above its share of the budget
  advances_not_settled,  // earlier advances not settled enough for the next one
  settled_over_advanced,
  amount_required,
};

struct StStepResult {
  bool allowed = false;
  StRefusal refusal = StRefusal::none;
  std::string field;  // the JSON name of the document field at fault
};

// Whether `actor` may move a task from `from` to `to` with `doc`, recorded on `recorded_on`, the previous
// step's document dated `previous_doc_date`. `rating` is the council's outcome (for danh_gia → cong_nhan or
// khong_dat, the rating given at danh_gia; for the move into danh_gia, the rating the votes give).
StStepResult st_stage_step(StStage from, StStage to, StActor actor, const StDocument& doc, Date recorded_on,
                           std::optional<Date> previous_doc_date, std::optional<StRating> rating = std::nullopt);
// The stages reachable from `from` by `actor` (the next allowed actions shown on the task's page).
std::vector<StStage> st_next_stages(StStage from, StActor actor);
// The execution events an actor may record in a stage (advances, inspections, extension, adjustments).
bool st_event_allowed(StStage at, StEventKind kind, StActor actor);
// The document check alone: the first missing field, or none.
std::optional<std::string> missing_document_field(const StDocument& doc);

// Advances (TTLT 27/2015 Art. 13), in đồng.
struct StAdvance {
  long long amount = 0;
};
struct StMoney {
  long long advanced = 0;  // Σ advances
  long long settled = 0;   // Σ settlements
};
// Whether an advance of `amount` may be paid on a task with `budget_nsnn` given the earlier advances and
// settlements. The first advance is capped; a next one needs the earlier ones settled to the share.
StStepResult st_advance_check(const StRules& r, long long budget_nsnn, const StMoney& before, long long amount);
// "Tranche blocked by the 50 % rule": earlier advances exist and are not settled enough for the next one.
bool st_tranche_blocked(const StRules& r, const StMoney& money);
// A settlement cannot exceed what was advanced.
StStepResult st_settlement_check(const StMoney& before, long long amount);

// The council's rating from the votes of the members present (TT 11/2014).
struct StVotes {
  int xuat_sac = 0, dat = 0, khong_dat = 0;
  int present() const { return xuat_sac + dat + khong_dat; }
};
std::optional<StRating> council_rating(const StRules& r, const StVotes& v);
// The rating that stands: the council's, but Không đạt when the dossier came more than the rule's months
// after the (extended) end.
std::optional<StRating> acceptance_rating(const StRules& r, const StVotes& v, Date end, Date dossier_date);

// Extension (TT 04/2015): once, requested at least the notice before the current end, at most the months
// the task's length allows.
StStepResult st_extension_check(const StRules& r, Date start, Date end, bool already_extended, Date requested_on,
                                Date new_end);

Date add_months_clamped(Date d, int months);

// One recorded event of a task, as the clocks and the indicator need it.
struct StEventFact {
  StEventKind kind = StEventKind::stage;
  StStage to = StStage::de_xuat;  // for stage events
  Date doc_date;
  Date recorded_on;  // the day (Vietnam) it was recorded: facts known by the end of that day
  bool documented = true;
  long long amount = 0;            // advances and settlements
  std::optional<Date> new_end;     // extensions
  std::optional<StRating> rating;  // danh_gia
};
struct StMonthlyFact {
  int year = 0;
  unsigned month = 0;
  Date recorded_on;
};
// The state budget estimate for one year ("dự toán NSNN giao"), entered by the standing agency; a later entry
// for the same year supersedes the earlier one from the day it was entered.
struct StEstimateFact {
  int year = 0;
  long long amount = 0;
  Date entered_on;
};
struct StTaskFacts {
  long long id = 0;
  std::string code;
  long long budget_nsnn = 0;
  std::optional<Date> start, end;        // contracted
  std::optional<Date> national_code_on;  // the day the national platform's code was recorded
  std::vector<StEventFact> events;       // any order
  std::vector<StMonthlyFact> updates;
  std::vector<StEstimateFact> estimates;  // any order
  // The register's sector ("lĩnh vực") and the problem ("bài toán") the task answers, as typed.
  std::string sector, problem;
};

// The task as known at the end of `as_of`: its stage and the day it entered it, its end after extensions.
struct StState {
  bool known = false;  // registered by then (at least one event)
  StStage stage = StStage::de_xuat;
  Date since;  // the document date of the stage's event
  std::optional<Date> approved_on, contract_on, dossier_on, recognised_on, registered_on, settled_on,
      last_inspection_on;
  std::optional<Date> end;  // contracted end, extended if extended by then
  bool extended = false;
  StMoney money;
  std::optional<StRating> rating;
};
StState st_state_as_of(const StTaskFacts& t, Date as_of);

// Overdue at a stage as of a date (research note B.5).
enum class StOverdueKind {
  no_contract,      // approved, no contract after the rule's days
  no_dossier,       // past the (extended) end + 30 days with no acceptance dossier
  dossier_failing,  // … more than 6 months: Không đạt if it comes now
  no_inspection,    // executing, no inspection for 12 months since the contract or the last one
  not_registered,   // recognised, results not registered after the rule's days
  not_settled,      // registered, accounts not settled after the rule's days
};
std::string_view to_string(StOverdueKind k);
// What is late, as a report's sentence says it ("quá hạn ký hợp đồng"), lower case.
std::string_view st_overdue_words(StOverdueKind k);
struct StOverdue {
  long long task_id = 0;
  StOverdueKind kind = StOverdueKind::no_contract;
  StStage stage = StStage::de_xuat;
  Date due;
  int days_late = 0;
};
// The clocks run by the rule in force on the day each clock started.
std::vector<StOverdue> st_overdue(const StRuleBook& book, const StTaskFacts& t, Date as_of);
// What is late on one task, as a report's line says it: "quá hạn ký hợp đồng (hạn 01/10/2026, chậm 54 ngày); …".
std::string st_late_text(const std::vector<StOverdue>& late);

// The monthly update (R18): a task under contract owes one for each month from the contract's start month whose due
// day — the rule's grace days after the month ends, by the rule in force on the month's first day — passed before
// its acceptance dossier's date: a month is owed only while the task is in execution, so the dossier's own month is
// not. It is recorded only while the task is under contract or executing (`st_monthly_update_open`); once the
// dossier is filed `st_monthly_update_refusal` says why in Vietnamese.
bool st_monthly_update_open(StStage s);
// Why a monthly update is refused at stage `s` (empty when it is open), naming the stage in Vietnamese.
std::string st_monthly_update_refusal(StStage s);
Date st_update_due(const StRuleBook& book, Period month);

// Reminders of the monthly update are due soon this many days before its due day. A constant, not a rule version:
// no circular sets it (the plan's report reminders are set per plan, and a task belongs to no plan); 3 days, as
// the feedback's default, falls after the month has ended with the default 5 days of grace, when its figures
// are complete.
constexpr int kStUpdateDueSoonDays = 3;
enum class StUpdateUrgency { due_soon, overdue };
struct StUpdateReminder {
  StUpdateUrgency urgency = StUpdateUrgency::due_soon;
  Period month;  // monthly
  Date due;
};
// What to remind of a task on `today`, from the facts known by its end: for each month owed and not yet updated
// while the task is active and open to monthly updates — due soon from kStUpdateDueSoonDays before its due day to
// that day, overdue from the day after it to the next month's due day (so a day the reminders did not run delays
// a reminder but never loses it, and a first run does not announce every month missed long ago).
std::vector<StUpdateReminder> st_update_reminders(const StRuleBook& book, const StTaskFacts& t, Date today);

// "Theo dõi toàn trình" as of a date. Active: approved by then and not closed (accounts settled or an exit).
struct StTrackingRow {
  long long task_id = 0;
  std::string code;
  bool registered = false;  // the national code was recorded by then
  bool documented = false;  // every stage event recorded ≤ N working days after its document's date
  bool updated = false;     // an update recorded in time for every month due since the contract started
  int months_due = 0, months_updated = 0;
  std::vector<Date> late_events;  // document dates of the events recorded late
  bool tracked() const { return registered && documented && updated; }
};
struct StTracking {
  std::vector<StTrackingRow> rows;  // the active tasks
  long long active = 0, registered = 0, documented = 0, updated = 0, tracked = 0;
  std::optional<double> rate, registered_rate, documented_rate, updated_rate;  // percent
};
// Disbursement against the year's estimate as of a date (research note B.5): for year Y, each task with an
// estimate for Y known by then, or with advances paid in Y — its estimate (the latest entered by then) and the
// advances whose document is dated in Y by then and were recorded by then — and the totals, the rate being
// Σ disbursed / Σ estimate (nothing without an estimate).
struct StYearDisbursementRow {
  long long task_id = 0;
  std::string code;
  std::optional<long long> estimate;  // nothing: no estimate entered for the year by then
  long long disbursed = 0;
  std::optional<double> rate;  // percent of its estimate
};
struct StYearDisbursement {
  int year = 0;
  std::vector<StYearDisbursementRow> rows;
  long long estimate = 0, disbursed = 0;
  std::optional<double> rate;  // percent
};
std::optional<long long> st_estimate_as_of(const StTaskFacts& t, int year, Date as_of);
StYearDisbursement st_year_disbursement(const std::vector<StTaskFacts>& tasks, int year, Date as_of);
// The figures below over tasks held elsewhere (the resident model of service/st_model), read in place.
using StTaskRefs = std::vector<const StTaskFacts*>;
StYearDisbursement st_year_disbursement(const StTaskRefs& tasks, int year, Date as_of);

// The problem pipeline ("bài toán", seed 004) as of a date: each sector proposes problems and the city orders
// tasks for them, at least `kStProblemTarget` problems with ordered tasks. A problem is a sector's problem text
// (compared folded, so case, diacritics and spacing do not split it; tasks without a problem are left out)
// proposed by a date once one of its tasks is known by then (its first step recorded by the end of the day); a
// task is ordered by then once it has moved past the proposal (identified and ordered by the advisory council, or
// any later stage) and is not cancelled by then.
constexpr int kStProblemTarget = 3;
struct StPipelineTask {
  long long task_id = 0;
  std::string code;
  StStage stage = StStage::de_xuat;
  std::optional<Date> ordered_on;  // the document date of the first move past the proposal; nothing: not ordered
};
struct StPipelineProblem {
  std::string problem;                // as typed on the task that proposed it first
  Date proposed_on;                   // the document date of the first step of its first task
  std::vector<StPipelineTask> tasks;  // by code
  long long ordered_tasks = 0;
};
struct StPipelineSector {
  std::string sector;                       // as typed; empty: not given
  std::vector<StPipelineProblem> problems;  // in the order proposed
  long long problems_proposed = 0, problems_ordered = 0, ordered_tasks = 0;
};
struct StPipeline {
  std::vector<StPipelineSector> sectors;  // by sector, folded
  long long problems_proposed = 0, problems_ordered = 0, ordered_tasks = 0;
  int target = kStProblemTarget;
  bool met = false;  // problems_ordered ≥ target
};
StPipeline st_problem_pipeline(const std::vector<StTaskFacts>& tasks, Date as_of);
StPipeline st_problem_pipeline(const StTaskRefs& tasks, Date as_of);

StTracking st_tracking(const StRuleBook& book, const HolidayCalendar& cal, const std::vector<StTaskFacts>& tasks,
                       Date as_of);
StTracking st_tracking(const StRuleBook& book, const HolidayCalendar& cal, const StTaskRefs& tasks, Date as_of);

// Every figure of R18 as of a date over a set of tasks, computed once for the register's page, the leaders'
// dashboard and the plan's synthesis report and appendix, with one row per task that any of them counts, so each
// number is a count (or a sum) of the rows behind it.
struct StStageTasks {
  StStage stage = StStage::de_xuat;
  std::vector<long long> task_ids;  // the tasks at that stage by then, in the order given
};
struct StBlocked {
  long long task_id = 0;
  StMoney money;
};
struct StOutcome {
  long long task_id = 0;
  StRating rating = StRating::dat;
};
// Tasks late at a stage: each task is at one stage, so a task late by two clocks (no inspection and no
// dossier) counts once.
struct StLateAtStage {
  StStage stage = StStage::de_xuat;
  long long tasks = 0;
};
struct StFigureRow {
  long long task_id = 0;
  std::string code;
  StStage stage = StStage::de_xuat;
  bool active = false;  // counted by the tracking indicator; the three conditions below only then
  bool registered = false, documented = false, updated = false, tracked = false;
  std::vector<StOverdue> late;
  std::optional<StRating> rating;     // the acceptance council's, by then
  std::optional<long long> estimate;  // the year's estimate known by then
  long long disbursed = 0;            // advances paid in the year by then
};
struct StFigures {
  Date as_of;
  StTracking tracking;
  std::vector<StStageTasks> stages;  // in stage order, only stages holding a task
  std::vector<StOverdue> overdue;    // in the order of the tasks given
  StMoney money;                     // Σ over the tasks known by then
  std::vector<StBlocked> blocked;    // a next advance blocked by the settlement rule, before acceptance
  StYearDisbursement year;           // the year of as_of
  std::vector<StOutcome> outcomes;
  std::vector<StLateAtStage> late_at_stage;  // in stage order, only stages holding a late task
  long long late_tasks = 0;
  long long xuat_sac = 0, dat = 0, khong_dat = 0;  // the outcomes by rating
  std::vector<StFigureRow> rows;  // the tasks active, late, rated, or in the year's disbursement; as given
};
StFigures st_figures(const StRuleBook& book, const HolidayCalendar& cal, const std::vector<StTaskFacts>& tasks,
                     Date as_of);
StFigures st_figures(const StRuleBook& book, const HolidayCalendar& cal, const StTaskRefs& tasks, Date as_of);

}  // namespace tiendo::domain
