#include "domain/feedback.h"

#include <algorithm>
#include <array>
#include <cctype>

#include "domain/names.h"

namespace tiendo::domain {

namespace {
constexpr std::array<std::string_view, 5> kKinds{"phan_anh", "kien_nghi", "sang_kien", "giai_phap", "dat_hang"};
constexpr std::array<std::string_view, 7> kSenders{"nguoi_dan",    "doanh_nghiep", "vien",   "truong",
                                                   "nha_khoa_hoc", "nha_sang_tao", "co_quan"};
constexpr std::array<std::string_view, 6> kChannels{"web", "letter", "phone", "meeting", "one_stop", "pakn"};
constexpr std::array<std::string_view, 8> kStates{"received",  "accepted", "not_accepted", "merged",
                                                  "forwarded", "assigned", "drafted",      "published"};
constexpr std::array<std::string_view, 11> kActions{"accept",    "refuse",  "merge",  "forward", "assign",  "draft",
                                                    "send_back", "approve", "reopen", "extend",  "moderate"};
constexpr std::array<std::string_view, 3> kRatings{"rat_hai_long", "hai_long", "chua_hai_long"};
constexpr std::array<std::string_view, 3> kAdoptions{"proposed", "adopted", "not_adopted"};
constexpr std::array<std::string_view, 6> kPublic{"received",  "in_progress",  "answered",
                                                  "forwarded", "not_accepted", "merged"};

template <class T>
bool one_of(T v, const std::vector<T>& allowed) {
  return std::find(allowed.begin(), allowed.end(), v) != allowed.end();
}
}  // namespace

std::string_view to_string(FeedbackKind v) { return name_of(kKinds, v); }
std::string_view to_string(SenderType v) { return name_of(kSenders, v); }
std::string_view to_string(FeedbackChannel v) { return name_of(kChannels, v); }
std::string_view to_string(FeedbackState v) { return name_of(kStates, v); }
std::string_view to_string(FeedbackAction v) { return name_of(kActions, v); }
std::string_view to_string(FeedbackRating v) { return name_of(kRatings, v); }
std::string_view to_string(PublicStatus v) { return name_of(kPublic, v); }
std::string_view to_string(Adoption v) { return name_of(kAdoptions, v); }
std::optional<Adoption> adoption_from(std::string_view s) { return from_name<Adoption>(kAdoptions, s); }

bool adoptable(FeedbackKind k) {
  return k == FeedbackKind::sang_kien || k == FeedbackKind::giai_phap || k == FeedbackKind::dat_hang;
}
std::optional<FeedbackKind> feedback_kind_from(std::string_view s) { return from_name<FeedbackKind>(kKinds, s); }
std::optional<SenderType> sender_type_from(std::string_view s) { return from_name<SenderType>(kSenders, s); }
std::optional<FeedbackChannel> feedback_channel_from(std::string_view s) {
  return from_name<FeedbackChannel>(kChannels, s);
}
std::optional<FeedbackState> feedback_state_from(std::string_view s) { return from_name<FeedbackState>(kStates, s); }
std::optional<FeedbackRating> feedback_rating_from(std::string_view s) {
  return from_name<FeedbackRating>(kRatings, s);
}

PublicStatus public_status(FeedbackState s) {
  using S = FeedbackState;
  switch (s) {
    case S::received:
      return PublicStatus::received;
    case S::accepted:
    case S::assigned:
    case S::drafted:  // a draft is internal until its head approves it
      return PublicStatus::in_progress;
    case S::published:
      return PublicStatus::answered;
    case S::forwarded:
      return PublicStatus::forwarded;
    case S::not_accepted:
      return PublicStatus::not_accepted;
    case S::merged:
      return PublicStatus::merged;
  }
  return PublicStatus::received;
}

FeedbackStep feedback_step(FeedbackState from, FeedbackAction action, FeedbackActor actor, FeedbackFlags flags) {
  using S = FeedbackState;
  using A = FeedbackAction;
  using P = FeedbackActor;
  std::vector<S> states;
  std::vector<P> actors;
  S to = from;
  switch (action) {
    case A::accept:
    case A::refuse:
    case A::merge:
    case A::forward:
      // Classification happens once, on arrival: by the standing agency for the public page's items, by the
      // unit whose desk entered the others.
      states = {S::received};
      actors = {P::standing_agency, P::receiving_unit};
      to = action == A::accept   ? S::accepted
           : action == A::refuse ? S::not_accepted
           : action == A::merge  ? S::merged
                                 : S::forwarded;
      break;
    case A::assign:  // choosing the lead unit again is allowed until it has drafted an answer
      states = {S::accepted, S::assigned};
      actors = {P::standing_agency, P::receiving_unit};
      to = S::assigned;
      break;
    case A::draft:
      states = {S::assigned, S::drafted};
      actors = {P::lead_unit, P::lead_unit_head};
      to = S::drafted;
      break;
    case A::send_back:
      states = {S::drafted};
      actors = {P::lead_unit_head};
      to = S::assigned;
      break;
    case A::approve:  // the head's approval is what publishes: nothing reaches the public unapproved
      states = {S::drafted};
      actors = {P::lead_unit_head};
      to = S::published;
      break;
    case A::reopen:
      states = {S::published};
      actors = {P::standing_agency, P::submitter};
      to = S::assigned;
      break;
    case A::extend:
      states = {S::accepted, S::assigned, S::drafted};
      actors = {P::standing_agency, P::lead_unit_head};
      break;
    case A::moderate:  // before anything is public, and to correct a published item's public version
      states = {S::received, S::accepted, S::assigned, S::drafted, S::published};
      actors = {P::standing_agency, P::receiving_unit, P::lead_unit, P::lead_unit_head};
      break;
  }
  if (!one_of(from, states)) return {false, from, FeedbackRefusal::wrong_state};
  if (!one_of(actor, actors)) return {false, from, FeedbackRefusal::wrong_actor};
  if (action == A::reopen && flags.reopened) return {false, from, FeedbackRefusal::already_reopened};
  if (action == A::extend && flags.extended) return {false, from, FeedbackRefusal::already_extended};
  if (action == A::approve && !flags.moderated) return {false, from, FeedbackRefusal::not_moderated};
  return {true, to, FeedbackRefusal::none};
}

AdoptionStep adoption_step(FeedbackKind kind, FeedbackState state, std::optional<Adoption> from, AdoptionAction action,
                           FeedbackActor actor) {
  using S = FeedbackState;
  using P = FeedbackActor;
  if (!adoptable(kind)) return {false, Adoption::proposed, FeedbackRefusal::not_adoptable};
  // Only an item the city took up (classified within its competence) can be adopted by it.
  if (!one_of<S>(state, {S::accepted, S::assigned, S::drafted, S::published}))
    return {false, Adoption::proposed, FeedbackRefusal::wrong_state};
  if (action == AdoptionAction::propose) {
    if (from) return {false, *from, FeedbackRefusal::wrong_state};
    if (!one_of<P>(actor, {P::standing_agency, P::lead_unit, P::lead_unit_head}))
      return {false, Adoption::proposed, FeedbackRefusal::wrong_actor};
    return {true, Adoption::proposed, FeedbackRefusal::none};
  }
  // The decision is the city's, through its standing agency, and final.
  if (from != Adoption::proposed) return {false, from.value_or(Adoption::proposed), FeedbackRefusal::wrong_state};
  if (actor != P::standing_agency) return {false, Adoption::proposed, FeedbackRefusal::wrong_actor};
  return {true, action == AdoptionAction::adopt ? Adoption::adopted : Adoption::not_adopted, FeedbackRefusal::none};
}

Date add_working_days(const HolidayCalendar& cal, Date from, int n) {
  Date d = from;
  for (int left = n; left > 0;) {
    d += std::chrono::days{1};
    if (cal.is_working_day(d)) --left;
  }
  return d;
}

namespace {
Date add_days(const HolidayCalendar& cal, Date from, int n, bool working) {
  return working ? add_working_days(cal, from, n) : from + std::chrono::days{n};
}
}  // namespace

FeedbackDue feedback_due(const FeedbackDeadlines& d, const HolidayCalendar& cal, Date received) {
  return {add_working_days(cal, received, d.acknowledge_working_days),
          add_working_days(cal, received, d.forward_working_days),
          add_days(cal, received, d.answer_days, d.answer_in_working_days)};
}

Date extended_due(const FeedbackDeadlines& d, const HolidayCalendar& cal, Date answer_due) {
  return add_days(cal, answer_due, d.extension_days, d.extension_in_working_days);
}

bool awaits_answer(FeedbackState s) {
  return s == FeedbackState::received || s == FeedbackState::accepted || s == FeedbackState::assigned ||
         s == FeedbackState::drafted;
}

FeedbackUrgency feedback_urgency(const FeedbackDeadlines& d, Date today, Date due) {
  if (today > due) return FeedbackUrgency::overdue;
  if (today >= due - std::chrono::days{d.due_soon_days}) return FeedbackUrgency::due_soon;
  return FeedbackUrgency::none;
}

std::string_view to_string(FeedbackUrgency u) {
  switch (u) {
    case FeedbackUrgency::none:
      return "none";
    case FeedbackUrgency::due_soon:
      return "due_soon";
    case FeedbackUrgency::overdue:
      return "overdue";
  }
  return "none";
}

std::optional<FeedbackUrgency> feedback_urgency_from(std::string_view s) {
  for (const auto u : {FeedbackUrgency::none, FeedbackUrgency::due_soon, FeedbackUrgency::overdue})
    if (to_string(u) == s) return u;
  return std::nullopt;
}

std::optional<Contact> normalize_contact(std::string_view typed) {
  while (!typed.empty() && std::isspace(static_cast<unsigned char>(typed.front()))) typed.remove_prefix(1);
  while (!typed.empty() && std::isspace(static_cast<unsigned char>(typed.back()))) typed.remove_suffix(1);
  if (typed.find('@') != std::string_view::npos) {
    const auto at = typed.find('@');
    const auto domain = typed.substr(at + 1);
    if (at == 0 || typed.size() > 254 || domain.find('@') != std::string_view::npos ||
        domain.find('.') == std::string_view::npos || domain.front() == '.' || domain.back() == '.')
      return std::nullopt;
    std::string out;
    for (char ch : typed) {
      const auto u = static_cast<unsigned char>(ch);
      if (std::isspace(u) || std::iscntrl(u)) return std::nullopt;
      out += static_cast<char>(std::tolower(u));
    }
    return Contact{true, out};
  }
  std::string digits;
  for (size_t i = 0; i < typed.size(); ++i) {
    const char ch = typed[i];
    if (std::isdigit(static_cast<unsigned char>(ch))) {
      digits += ch;
    } else if (ch == '+' && i == 0) {
      continue;
    } else if (ch != ' ' && ch != '.' && ch != '-' && ch != '(' && ch != ')') {
      return std::nullopt;
    }
  }
  if (digits.starts_with("84") && digits.size() >= 10) digits = "0" + digits.substr(2);
  if (!digits.starts_with("0") || digits.size() < 9 || digits.size() > 11) return std::nullopt;
  return Contact{false, digits};
}

namespace {
// The length of the phone number starting at `text[i]`, 0 when none: the longest run of digits and the
// separators people type (spaces, dots, hyphens, brackets, a leading +) that reads as a phone number and is
// not followed by another digit.
size_t phone_at(std::string_view text, size_t i) {
  const auto digit = [&](size_t k) { return k < text.size() && std::isdigit(static_cast<unsigned char>(text[k])); };
  if (!(digit(i) || ((text[i] == '+' || text[i] == '(') && digit(i + 1)))) return 0;
  if (i > 0 && std::isalnum(static_cast<unsigned char>(text[i - 1]))) return 0;
  size_t best = 0;
  int digits = 0;
  for (size_t k = i; k < text.size() && digits <= 12; ++k) {
    const char ch = text[k];
    if (digit(k)) {
      ++digits;
      if (!digit(k + 1) && normalize_contact(text.substr(i, k + 1 - i))) best = k + 1 - i;
    } else if (!(ch == ' ' || ch == '.' || ch == '-' || ch == '(' || ch == ')' || (ch == '+' && k == i))) {
      break;
    }
  }
  return best;
}

bool email_char(char ch) {
  const auto u = static_cast<unsigned char>(ch);
  return std::isalnum(u) || ch == '.' || ch == '_' || ch == '%' || ch == '+' || ch == '-';
}

// The e-mail addresses in `text` as [begin, end) spans.
std::vector<std::pair<size_t, size_t>> emails(std::string_view text) {
  std::vector<std::pair<size_t, size_t>> out;
  for (size_t at = text.find('@'); at != std::string_view::npos; at = text.find('@', at + 1)) {
    size_t b = at, e = at + 1;
    while (b > 0 && email_char(text[b - 1])) --b;
    while (e < text.size() && email_char(text[e])) ++e;
    while (e > at + 1 && text[e - 1] == '.') --e;  // the sentence's full stop is not the address's
    if (b < at && normalize_contact(text.substr(b, e - b))) out.emplace_back(b, e);
  }
  return out;
}
}  // namespace

std::string redact_contacts(std::string_view text) {
  constexpr std::string_view kHidden = "[đã ẩn]";
  const auto mails = emails(text);
  std::string out;
  size_t m = 0;
  for (size_t i = 0; i < text.size();) {
    while (m < mails.size() && mails[m].second <= i) ++m;  // passed (or overlapped by a phone number)
    if (m < mails.size() && i == mails[m].first) {
      out += kHidden;
      i = mails[m++].second;
      continue;
    }
    const bool in_mail = m < mails.size() && i > mails[m].first;
    if (const size_t n = in_mail ? 0 : phone_at(text, i)) {
      out += kHidden;
      i += n;
      continue;
    }
    out += text[i++];
  }
  return out;
}

ModerationRefusal check_moderation(std::string_view public_text, bool sender_anonymous, bool publish_anonymously) {
  if (redact_contacts(public_text) != public_text) return ModerationRefusal::contact_in_text;
  if (sender_anonymous && !publish_anonymously) return ModerationRefusal::named_against_wish;
  return ModerationRefusal::none;
}

std::optional<long long> lead_on(const std::vector<LeadChange>& changes, Date day) {
  std::optional<long long> out;
  for (const auto& c : changes) {
    if (c.on <= day) out = c.unit_id;
  }
  return out;
}

FeedbackFigures feedback_figures(const std::vector<FeedbackFacts>& items, Date as_of) {
  auto known = [&](const std::optional<Date>& d) { return d && *d <= as_of; };
  FeedbackFigures f;
  std::vector<long long> days;
  for (const auto& it : items) {
    if (it.received > as_of) continue;
    ++f.received;
    if (it.initiative) {
      ++f.initiatives;
      if (known(it.proposed_on)) ++f.proposed;
      if (known(it.adopted_on)) ++f.adopted;
      if (known(it.not_adopted_on)) ++f.not_adopted;
    }
    if (known(it.left_competence_on)) {
      ++f.left_competence;
      continue;
    }
    ++f.within_competence;
    const Date due = known(it.extended_on) && it.extended_due ? *it.extended_due : it.answer_due;
    if (known(it.first_published_on)) {
      ++f.answered;
      if (*it.first_published_on <= due) ++f.answered_on_time;
      days.push_back((*it.first_published_on - it.received).count());
    } else if (as_of > due) {
      ++f.overdue;
    } else {
      ++f.pending;
    }
    const bool rated = known(it.rated_on) && it.rating;
    if (rated) {
      ++f.ratings;
      if (*it.rating == FeedbackRating::rat_hai_long) ++f.rat_hai_long;
      if (*it.rating == FeedbackRating::hai_long) ++f.hai_long;
      if (*it.rating == FeedbackRating::chua_hai_long) ++f.chua_hai_long;
    }
    if ((rated && *it.rating == FeedbackRating::chua_hai_long) || known(it.reopened_late_on)) ++f.complaints;
  }
  auto ratio = [](long long num, long long den) -> std::optional<double> {
    if (den == 0) return std::nullopt;
    return 100.0 * static_cast<double>(num) / static_cast<double>(den);
  };
  f.r1 = ratio(f.answered_on_time, f.answered + f.overdue);
  f.r2 = ratio(f.within_competence - f.complaints, f.within_competence);
  f.rated_share = ratio(f.rat_hai_long + f.hai_long, f.ratings);
  f.response_rate = ratio(f.ratings, f.answered);
  if (!days.empty()) {
    std::sort(days.begin(), days.end());
    const size_t n = days.size();
    f.median_days = n % 2 ? static_cast<double>(days[n / 2]) : (days[n / 2 - 1] + days[n / 2]) / 2.0;
  }
  return f;
}

std::vector<FeedbackActor> feedback_actors(FeedbackRole role, long long unit_id, std::optional<long long> lead_unit,
                                           std::optional<long long> received_unit) {
  std::vector<FeedbackActor> out;
  if (role == FeedbackRole::standing_agency || role == FeedbackRole::admin)
    out.push_back(FeedbackActor::standing_agency);
  const bool unit_staff = role == FeedbackRole::unit_officer || role == FeedbackRole::unit_head;
  if (unit_staff && lead_unit == unit_id)
    out.push_back(role == FeedbackRole::unit_head ? FeedbackActor::lead_unit_head : FeedbackActor::lead_unit);
  if (unit_staff && received_unit == unit_id) out.push_back(FeedbackActor::receiving_unit);
  return out;
}

bool sees_feedback_contacts(FeedbackRole role, long long unit_id, std::optional<long long> lead_unit,
                            std::optional<long long> received_unit) {
  return role == FeedbackRole::standing_agency || lead_unit == unit_id || received_unit == unit_id;
}

DueWindow due_window(const FeedbackDeadlines& d, FeedbackUrgency u, Date today) {
  if (u == FeedbackUrgency::overdue) return {std::nullopt, today - std::chrono::days{1}};
  if (u == FeedbackUrgency::due_soon) return {today, today + std::chrono::days{d.due_soon_days}};
  return {};
}

}  // namespace tiendo::domain
