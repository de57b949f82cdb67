#pragma once
// Feedback from citizens, businesses and scientists ("phản ánh, kiến nghị", initiatives, product orders):
// the item's workflow and who may take each step, its deadlines (Decree 20/2008 Art. 9, CĐ 89/CĐ-TTg) and
// the figures of Decision 766/QĐ-TTg — R1 answered on time, R2 satisfaction — with the rated share of
// Circular 32/2017's three-level scale, each "as of" a date from the facts known by the end of that day.
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "domain/date.h"
#include "domain/reporting_rule.h"

namespace tiendo::domain {

enum class FeedbackKind { phan_anh, kien_nghi, sang_kien, giai_phap, dat_hang };
enum class SenderType { nguoi_dan, doanh_nghiep, vien, truong, nha_khoa_hoc, nha_sang_tao, co_quan };
// web: the public page; the others are entered by hand by the desk that received them.
enum class FeedbackChannel { web, letter, phone, meeting, one_stop, pakn };

// received → (classified) accepted | not_accepted | merged | forwarded; accepted → assigned (a lead unit)
// → drafted (the lead unit's answer) → published (its head approves); published → assigned (reopened, once).
// Moderation (the public version of the sender's words) keeps the state; an answer is approved only once the
// item has its public version.
enum class FeedbackState { received, accepted, not_accepted, merged, forwarded, assigned, drafted, published };
enum class FeedbackAction {
  accept,
  refuse,
  merge,
  forward,
  assign,
  draft,
  send_back,
  approve,
  reopen,
  extend,
  moderate
};
// The capacity a person acts in on one item (the API derives it from the role, the unit and the item).
enum class FeedbackActor {
  standing_agency,  // the city's standing agency: classifies public items, assigns, reopens, extends
  receiving_unit,   // the unit whose desk entered the item (letter, phone, meeting…): classifies and assigns it
  lead_unit,        // an officer of the lead unit: drafts the answer
  lead_unit_head,   // the lead unit's head: approves (publishes) or sends the draft back, extends
  submitter,        // the sender, through the secret link: reopens once by rating "Chưa hài lòng"
  other,
};
enum class FeedbackRating { rat_hai_long, hai_long, chua_hai_long };

// What a signed-in person's role makes them in the feedback inbox before any item is known: the city's standing
// agency (the admin acts as it), a unit's head or officer (focal point), or someone who only reads.
enum class FeedbackRole { standing_agency, admin, unit_head, unit_officer, reader };
// The capacities a person of `role` in unit `unit_id` holds on an item led by `lead_unit` and received by
// `received_unit`; a step is allowed when any of them allows it (none: `other`).
std::vector<FeedbackActor> feedback_actors(FeedbackRole role, long long unit_id, std::optional<long long> lead_unit,
                                           std::optional<long long> received_unit);
// The sender's name and contact are shown to the standing agency and to the unit leading or receiving the item.
bool sees_feedback_contacts(FeedbackRole role, long long unit_id, std::optional<long long> lead_unit,
                            std::optional<long long> received_unit);

std::string_view to_string(FeedbackKind k);
std::string_view to_string(SenderType s);
std::string_view to_string(FeedbackChannel c);
std::string_view to_string(FeedbackState s);
std::string_view to_string(FeedbackAction a);
std::string_view to_string(FeedbackRating r);
std::optional<FeedbackKind> feedback_kind_from(std::string_view s);
std::optional<SenderType> sender_type_from(std::string_view s);
std::optional<FeedbackChannel> feedback_channel_from(std::string_view s);
std::optional<FeedbackState> feedback_state_from(std::string_view s);
std::optional<FeedbackRating> feedback_rating_from(std::string_view s);

// Initiatives, solutions and product orders have a branch of their own beside the answer: proposed for adoption
// (by the lead unit or the standing agency, once the item is within the city's competence) → adopted (into a
// plan task or a change of policy) or not adopted, with its reason — decided by the standing agency, once.
enum class Adoption { proposed, adopted, not_adopted };
enum class AdoptionAction { propose, adopt, reject };
std::string_view to_string(Adoption a);
std::optional<Adoption> adoption_from(std::string_view s);
// sáng kiến, giải pháp, đặt hàng sản phẩm.
bool adoptable(FeedbackKind k);

// What the public sees (Open311's few states with an expected date): Đã tiếp nhận, Đang xử lý, Đã trả lời,
// Đã chuyển cơ quan có thẩm quyền; an item not accepted or merged shows that plainly.
enum class PublicStatus { received, in_progress, answered, forwarded, not_accepted, merged };
std::string_view to_string(PublicStatus p);
PublicStatus public_status(FeedbackState s);

enum class FeedbackRefusal {
  none,
  wrong_state,
  wrong_actor,
  already_reopened,
  already_extended,
  not_moderated,
  not_adoptable,  // only initiatives, solutions and product orders go to adoption
};

struct FeedbackStep {
  bool allowed = false;
  FeedbackState to = FeedbackState::received;
  FeedbackRefusal refusal = FeedbackRefusal::none;
};

// Facts about the item that decide the steps taken once.
struct FeedbackFlags {
  bool reopened = false;   // reopened once already
  bool extended = false;   // extended once already
  bool moderated = false;  // staff have written its public version
};

// Whether `actor` may take `action` on an item in state `from`, and where it leads. An extension keeps the
// state (it moves the due date); sending a draft back returns the item to its lead unit.
FeedbackStep feedback_step(FeedbackState from, FeedbackAction action, FeedbackActor actor, FeedbackFlags flags = {});

struct AdoptionStep {
  bool allowed = false;
  Adoption to = Adoption::proposed;
  FeedbackRefusal refusal = FeedbackRefusal::none;
};
// Whether `actor` may take `action` on the adoption branch of an item of `kind` in `state` whose branch stands at
// `from` (nothing: not proposed yet). A decision is final.
AdoptionStep adoption_step(FeedbackKind kind, FeedbackState state, std::optional<Adoption> from, AdoptionAction action,
                           FeedbackActor actor);

// Deadlines, configurable; the defaults are the research note's (A.3): acknowledge 1 working day, forward
// an item outside the city's competence within 5 working days (Decree 20/2008 Art. 9), answer within 15
// calendar days (CĐ 89/CĐ-TTg), one extension of 10 working days.
struct FeedbackDeadlines {
  int acknowledge_working_days = 1;
  int forward_working_days = 5;
  int answer_days = 15;
  bool answer_in_working_days = false;
  int extension_days = 10;
  bool extension_in_working_days = true;
  // An answer owed is "due soon" this many calendar days before its last on-time day: a fifth of the 15 days,
  // time enough for the lead unit's head to approve a draft.
  int due_soon_days = 3;
};

// The public feedback page's limits (issue 15): generous per address, since many people share one mobile
// carrier's address, tighter per contact. 0 turns a limit off.
struct FeedbackLimits {
  long long per_address_hour = 60, per_address_day = 300;
  long long per_contact_hour = 5, per_contact_day = 20;
  long long max_text_chars = 10000;
};

// How near an answer still owed is to its last on-time day `due` (the extended one when extended), as of
// `today`: due soon within `due_soon_days` of it, overdue from the day after it. Drives the warnings and the
// reminders; the figures (R1) judge timeliness from the dated facts instead.
enum class FeedbackUrgency { none, due_soon, overdue };
// Received, accepted, assigned or drafted: an answer is still owed (store::FeedbackFilter::awaiting_answer
// reads the same four states).
bool awaits_answer(FeedbackState s);
FeedbackUrgency feedback_urgency(const FeedbackDeadlines& d, Date today, Date due);
std::string_view to_string(FeedbackUrgency u);
std::optional<FeedbackUrgency> feedback_urgency_from(std::string_view s);

// The days (inclusive; nothing: open) within which the answer now owed falls due for the warning list of one
// urgency as of `today`: overdue up to yesterday, due soon from today through `due_soon_days` ahead.
struct DueWindow {
  std::optional<Date> from, to;
};
DueWindow due_window(const FeedbackDeadlines& d, FeedbackUrgency u, Date today);

// The n-th working day after `from` (n ≥ 1), skipping weekends and the calendar's holidays.
Date add_working_days(const HolidayCalendar& cal, Date from, int n);

struct FeedbackDue {
  Date acknowledge, forward, answer;
};
// The last on-time days of an item received on `received`.
FeedbackDue feedback_due(const FeedbackDeadlines& d, const HolidayCalendar& cal, Date received);
// The answer's last on-time day after the one extension.
Date extended_due(const FeedbackDeadlines& d, const HolidayCalendar& cal, Date answer_due);

// One item as the figures need it: each fact with the day (Vietnam) it became known, so a reading as of a
// date takes only what was known by the end of that day.
struct FeedbackFacts {
  Date received;
  Date answer_due;
  std::optional<Date> extended_due;  // with the day the extension was granted
  std::optional<Date> extended_on;
  // Classified outside the city's remit (not accepted, merged into another, forwarded), and when.
  std::optional<Date> left_competence_on;
  std::optional<Date> first_published_on;  // the first published answer judges timeliness
  std::optional<FeedbackRating> rating;
  std::optional<Date> rated_on;
  std::optional<Date> reopened_late_on;  // reopened because the answer came late (a complaint about lateness)
  bool initiative = false;               // an initiative, a solution or a product order (adoptable)
  std::optional<Date> proposed_on, adopted_on, not_adopted_on;
};

struct FeedbackFigures {
  long long received = 0;           // items received by the date
  long long within_competence = 0;  // received minus those classified outside the city's remit by then
  long long left_competence = 0;
  long long answered = 0;          // within competence, an answer published by the date
  long long answered_on_time = 0;  // … on or before its due day (the extended one, if extended by then)
  long long overdue = 0;           // within competence, unanswered, the due day passed
  long long pending = 0;           // within competence, unanswered, not yet due
  long long complaints = 0;        // rated "Chưa hài lòng" or reopened for lateness (counted once per item)
  long long ratings = 0, rat_hai_long = 0, hai_long = 0, chua_hai_long = 0;
  // R1 = answered_on_time / (answered + overdue): items whose timeliness is settled by the date (an item
  // neither answered nor yet due cannot be judged).
  std::optional<double> r1;
  // R2 = (within_competence − complaints) / within_competence (Decision 766: no complaint counts as satisfied).
  std::optional<double> r2;
  // (Rất hài lòng + Hài lòng) / ratings, and ratings / answered (the response rate shown beside it).
  std::optional<double> rated_share, response_rate;
  std::optional<double> median_days;  // received → first published answer, calendar days, answered items
  // Initiatives, solutions and product orders received by the date; of them, proposed for adoption, adopted and
  // not adopted by the date (a proposal decided by then counts in its decision too).
  long long initiatives = 0, proposed = 0, adopted = 0, not_adopted = 0;
};

// A contact as the sender typed it, normalised for duplicate detection and per-contact limits: an e-mail
// address trimmed and lower-cased; a phone number as its digits, "+84"/"84" written as the leading 0
// (9–11 digits starting with 0). Nothing when it is neither.
struct Contact {
  bool email = false;
  std::string value;
};
std::optional<Contact> normalize_contact(std::string_view typed);

// Moderation: the public version of an item never carries a phone number or an e-mail address, and an item
// whose sender asked to stay anonymous is never published with a name (staff may still publish any item
// anonymously). Names and offensive words are for the moderator's eye; contacts are found here.
enum class ModerationRefusal { none, contact_in_text, named_against_wish };
ModerationRefusal check_moderation(std::string_view public_text, bool sender_anonymous, bool publish_anonymously);
// `text` with every phone number (as normalize_contact reads one) and e-mail address replaced by "[đã ẩn]":
// the moderator's starting point.
std::string redact_contacts(std::string_view text);

// The lead unit an item had on a day: the last choice made by the end of that day (each reassignment is kept
// with the day it was made, so a past date's figures group by the lead unit of that date).
struct LeadChange {
  Date on;
  long long unit_id = 0;
};
// `changes` in the order they were made; nothing when no lead unit had been chosen by the end of `day`.
std::optional<long long> lead_on(const std::vector<LeadChange>& changes, Date day);

// The figures of `items` as known at the end of `as_of` (items received after it are left out).
FeedbackFigures feedback_figures(const std::vector<FeedbackFacts>& items, Date as_of);

}  // namespace tiendo::domain
