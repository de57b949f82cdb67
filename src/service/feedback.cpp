#include "service/feedback.h"

#include <functional>
#include <map>

#include "domain/ranges.h"
#include "domain/text.h"
#include "mail/outgoing.h"
#include "service/audit.h"
#include "service/exchange_job.h"
#include "service/feedback_figures.h"
#include "service/json_out.h"
#include "store/exchange_store.h"
#include "store/plan_store.h"
#include "store/user_store.h"

namespace tiendo::service {

namespace json = boost::json;
using domain::FeedbackAction;
using domain::FeedbackActor;
using domain::FeedbackState;

namespace {

Error required(const std::string& field) {
  return invalid(field, "Trường " + domain::quoted_field(field) + " là bắt buộc.");
}

const security::FeedbackSeal& seal(const FeedbackSettings& s) {
  if (!s.seal)
    throw Error(Error::Kind::unavailable, "Chức năng góp ý tạm thời chưa sẵn sàng (thiếu khóa bảo vệ liên hệ).");
  return *s.seal;
}

domain::HolidayCalendar holidays(store::Connection& c) {
  domain::HolidayCalendar cal;
  for (const auto& [day, name] : store::list_holidays(c)) {
    if (auto d = domain::parse_iso_date(day)) cal.holidays.insert(*d);
  }
  return cal;
}

std::string today(const Call& call) { return domain::iso(domain::vietnam_date(call.now)); }

// The first answer's last on-time day (R1): the answer's due day, or the extended one.
std::string effective_due(const store::FeedbackItem& f) { return f.extended_due.value_or(f.answer_due); }

// A reopened item owes a new answer: due the answer's days after its reopening, as a new item would be.
void owe_again(const FeedbackSettings& s, store::Connection& c, store::FeedbackItem& f) {
  f.owed_by =
      domain::iso(domain::feedback_due(s.deadlines, holidays(c), *domain::parse_iso_date(*f.reopened_on)).answer);
}

// Vietnamese names of the states, for refusals.
std::string state_name(const std::string& s) {
  static const std::map<std::string, std::string> names{
      {"received", "Mới tiếp nhận"},           {"accepted", "Đã phân loại: thụ lý"},
      {"not_accepted", "Không thụ lý"},        {"merged", "Đã gộp"},
      {"forwarded", "Đã chuyển cơ quan khác"}, {"assigned", "Đã giao xử lý"},
      {"drafted", "Chờ duyệt trả lời"},        {"published", "Đã trả lời"}};
  auto it = names.find(s);
  return it == names.end() ? s : it->second;
}

std::string action_name(FeedbackAction a) {
  switch (a) {
    case FeedbackAction::accept:
    case FeedbackAction::refuse:
    case FeedbackAction::merge:
    case FeedbackAction::forward:
      return "phân loại";
    case FeedbackAction::assign:
      return "giao xử lý";
    case FeedbackAction::draft:
      return "soạn trả lời";
    case FeedbackAction::send_back:
      return "trả lại bản trả lời";
    case FeedbackAction::approve:
      return "duyệt và công khai trả lời";
    case FeedbackAction::reopen:
      return "mở lại";
    case FeedbackAction::extend:
      return "gia hạn";
    case FeedbackAction::moderate:
      return "biên tập bản công khai";
  }
  return "xử lý";
}

std::vector<FeedbackActor> actors_of(const Actor& who, const store::FeedbackItem& f) {
  return domain::feedback_actors(who.feedback_role, who.unit_id, f.lead_unit_id, f.received_unit_id);
}

FeedbackState step_or_throw(const store::FeedbackItem& f, FeedbackAction a, const std::vector<FeedbackActor>& actors) {
  const auto from = *domain::feedback_state_from(f.state);
  const domain::FeedbackFlags flags{f.reopened_on.has_value(), f.extended_on.has_value(), f.moderated_on.has_value()};
  auto refusal = domain::FeedbackRefusal::wrong_actor;
  for (auto actor : actors.empty() ? std::vector<FeedbackActor>{FeedbackActor::other} : actors) {
    const auto step = domain::feedback_step(from, a, actor, flags);
    if (step.allowed) return step.to;
    if (step.refusal != domain::FeedbackRefusal::wrong_actor) refusal = step.refusal;
  }
  switch (refusal) {
    case domain::FeedbackRefusal::wrong_state:
      throw conflict("Phản ánh đang ở trạng thái «" + state_name(f.state) + "», không thể " + action_name(a) + ".");
    case domain::FeedbackRefusal::already_reopened:
      throw conflict("Phản ánh chỉ được mở lại một lần và đã được mở lại.");
    case domain::FeedbackRefusal::already_extended:
      throw conflict("Phản ánh chỉ được gia hạn một lần và đã được gia hạn.");
    case domain::FeedbackRefusal::not_moderated:
      throw conflict(
          "Phản ánh chưa có bản công khai (tiêu đề, nội dung đã che thông tin cá nhân): cần biên tập trước khi duyệt "
          "và công khai trả lời.");
    default:
      throw forbidden("Bạn không phải người được " + action_name(a) + " phản ánh này.");
  }
}

// The sender's name on the public version: only once staff have moderated it and chosen to show it.
json::value public_sender(const FeedbackSettings& s, const store::FeedbackItem& f) {
  if (!f.moderated_on || f.public_anonymous || !f.sender_name_sealed) return nullptr;
  return nullable(seal(s).open(*f.sender_name_sealed));
}

json::array answers_json(const std::vector<store::FeedbackAnswer>& answers) {
  json::array out;
  for (const auto& a : answers) out.push_back(json::object{{"text", a.text}, {"published_on", a.published_on}});
  return out;
}

// The moderated version of the sender's words (nothing of them before moderation), never a contact; the answers
// published, the earlier ones kept.
json::object public_json(const FeedbackSettings& s, store::Connection& c, const store::FeedbackItem& f) {
  const auto status = domain::public_status(*domain::feedback_state_from(f.state));
  json::object o;
  o["code"] = f.code;
  o["kind"] = f.kind;
  o["field"] = f.field;
  o["title"] = nullable(f.public_title);
  o["text"] = nullable(f.public_text);
  o["sender_name"] = public_sender(s, f);
  o["answers"] = answers_json(store::list_feedback_answers(c, f.id));
  o["status"] = std::string(domain::to_string(status));
  o["received_on"] = f.received_on;
  o["expected_answer_date"] = f.owed_by;
  o["extension_reason"] = nullable(f.extension_reason);
  o["answer"] = f.state == "published" ? nullable(f.public_answer) : json::value(nullptr);
  o["answered_on"] = f.state == "published" ? nullable(f.first_published_on) : json::value(nullptr);
  const bool outcome_public = f.state == "not_accepted" || f.state == "forwarded";
  o["outcome_reason"] = outcome_public ? nullable(f.outcome_reason) : json::value(nullptr);
  o["forwarded_to"] = nullable(f.forwarded_to);
  o["merged_into_code"] = nullable(f.merged_into_code);
  o["rating"] = nullable(f.rating);
  o["reopened"] = f.reopened_on.has_value();
  // An initiative's way to adoption is public like its answer: proposed, then adopted into a task or a change
  // of policy, or not adopted with the reason.
  o["adoption"] = nullable(f.adoption);
  const bool decided = f.adoption == "adopted" || f.adoption == "not_adopted";
  o["adoption_decided_on"] = decided ? nullable(f.adoption_decided_on) : json::value(nullptr);
  o["adoption_reason"] = decided ? nullable(f.adoption_reason) : json::value(nullptr);
  o["adopted_task_name"] = nullable(f.adopted_task_name);
  o["policy_change"] = nullable(f.policy_change);
  return o;
}

// The plan's tasks an item concerns, from the links read for a page of items.
json::array tasks_json(const std::vector<store::FeedbackTaskLink>& links, store::Id item_id) {
  json::array out;
  for (const auto& l : links)
    if (l.item_id == item_id)
      out.push_back(json::object{{"task_id", l.task_id},
                                 {"task_code", l.task_code},
                                 {"task_name", l.task_name},
                                 {"directive_id", l.directive_id},
                                 {"directive_number", l.directive_number}});
  return out;
}

// The item's coordinating units, from those read for a page of items.
json::array coordinators_json(const std::vector<store::FeedbackCoordinator>& units, store::Id item_id) {
  json::array out;
  for (const auto& u : units)
    if (u.item_id == item_id)
      out.push_back(json::object{{"unit_id", u.unit_id}, {"unit_name", u.unit_name}, {"added_on", u.added_on}});
  return out;
}

json::object staff_json(const Actor& who, domain::Instant now, const FeedbackSettings& s, const store::FeedbackItem& f,
                        const std::vector<store::FeedbackTaskLink>& links = {},
                        const std::vector<store::FeedbackCoordinator>& coordinators = {}) {
  json::object o;
  o["id"] = f.id;
  o["code"] = f.code;
  o["kind"] = f.kind;
  o["field"] = f.field;
  o["channel"] = f.channel;
  o["external_ref"] = nullable(f.external_ref);
  o["title"] = f.title;
  o["text"] = f.body;
  o["public_title"] = nullable(f.public_title);
  o["public_text"] = nullable(f.public_text);
  o["public_anonymous"] = f.public_anonymous;
  o["moderated_on"] = nullable(f.moderated_on);
  // The moderator's starting point: the received text with its phone numbers and e-mail addresses hidden.
  o["suggested_public_text"] = domain::redact_contacts(f.body);
  o["sender_type"] = f.sender_type;
  o["anonymous"] = f.anonymous;
  o["state"] = f.state;
  o["public_status"] = std::string(domain::to_string(domain::public_status(*domain::feedback_state_from(f.state))));
  o["received_at"] = f.received_at;
  o["received_on"] = f.received_on;
  o["received_unit_id"] = nullable(f.received_unit_id);
  o["received_unit_name"] = nullable(f.received_unit_name);
  o["lead_unit_id"] = nullable(f.lead_unit_id);
  o["lead_unit_name"] = nullable(f.lead_unit_name);
  o["outcome_reason"] = nullable(f.outcome_reason);
  o["merged_into_code"] = nullable(f.merged_into_code);
  o["forwarded_to"] = nullable(f.forwarded_to);
  o["classified_on"] = nullable(f.classified_on);
  o["acknowledge_due"] = f.acknowledge_due;
  o["forward_due"] = f.forward_due;
  o["answer_due"] = f.answer_due;
  o["extended_due"] = nullable(f.extended_due);
  o["owed_by"] = f.owed_by;
  o["tasks"] = tasks_json(links, f.id);
  o["coordinators"] = coordinators_json(coordinators, f.id);
  o["adoption"] = nullable(f.adoption);
  o["proposed_on"] = nullable(f.proposed_on);
  o["adoption_decided_on"] = nullable(f.adoption_decided_on);
  o["adoption_reason"] = nullable(f.adoption_reason);
  o["adopted_task"] = f.adopted_task_id ? json::value(json::object{{"task_id", *f.adopted_task_id},
                                                                   {"task_code", f.adopted_task_code.value_or("")},
                                                                   {"task_name", f.adopted_task_name.value_or("")}})
                                        : json::value(nullptr);
  o["policy_change"] = nullable(f.policy_change);
  o["extension_reason"] = nullable(f.extension_reason);
  o["draft_answer"] = nullable(f.draft_answer);
  o["internal_note"] = nullable(f.internal_note);
  o["public_answer"] = nullable(f.public_answer);
  o["first_published_on"] = nullable(f.first_published_on);
  o["reopen_reason"] = nullable(f.reopen_reason);
  o["reopened_on"] = nullable(f.reopened_on);
  o["reopen_late"] = f.reopen_late;
  o["rating"] = nullable(f.rating);
  o["rating_reason"] = nullable(f.rating_reason);
  o["rated_on"] = nullable(f.rated_on);
  o["contact_erased_on"] = nullable(f.contact_erased_on);
  const auto state = domain::feedback_state_from(f.state);
  const auto urgency =
      state && domain::awaits_answer(*state)
          ? domain::feedback_urgency(s.deadlines, domain::vietnam_date(now), *domain::parse_iso_date(f.owed_by))
          : domain::FeedbackUrgency::none;
  o["overdue"] = urgency == domain::FeedbackUrgency::overdue;
  o["urgency"] = domain::to_string(urgency);
  o["version"] = f.version;
  if (domain::sees_feedback_contacts(who.feedback_role, who.unit_id, f.lead_unit_id, f.received_unit_id)) {
    const auto& sealed = seal(s);
    json::object contact;
    // After the retention both are gone: the item stays, its sender is no longer known.
    contact["name"] = f.sender_name_sealed ? nullable(sealed.open(*f.sender_name_sealed)) : json::value(nullptr);
    contact["contact"] = f.contact_sealed.empty() ? json::value(nullptr) : nullable(sealed.open(f.contact_sealed));
    o["sender"] = std::move(contact);
  } else {
    o["sender"] = nullptr;
  }
  return o;
}

std::string since(const Call& call, std::chrono::seconds back) { return domain::iso(call.now - back); }

store::FeedbackItem by_code(store::Connection& c, const std::string& code) {
  auto f = store::find_feedback_by_code(c, code);
  if (!f) throw not_found("phản ánh có mã theo dõi này");
  return *f;
}

std::string rating_link(const FeedbackSettings& s, const std::string& code, const std::string& token) {
  std::string base = s.public_url;
  while (!base.empty() && base.back() == '/') base.pop_back();
  return base + "/#/gop-y?ma=" + code + "&t=" + token;
}

bool mails(const FeedbackSettings& s) { return s.smtp && !s.smtp->host.empty(); }

// One workflow step: `change` checks the input and changes the item, naming the step; the step is checked
// against the item as it was, the version moved on, audited under `name`, in the caller's transaction.
json::object act(const Call& call, const FeedbackSettings& s, store::FeedbackItem f, long long version,
                 const std::string& name, const std::function<FeedbackAction(store::FeedbackItem&)>& change) {
  const auto before = f;
  const auto action = change(f);
  f.state = std::string(domain::to_string(step_or_throw(before, action, actors_of(call.who, before))));
  if (f.version != version || !store::update_feedback(call.c, f, version))
    throw conflict("Phản ánh đã được người khác thay đổi; vui lòng tải lại.", "version");
  const auto saved = *store::find_feedback(call.c, f.id);
  json::object was{{"state", before.state}, {"version", before.version}};
  json::object now{{"state", saved.state}, {"version", saved.version}, {"lead_unit_id", nullable(saved.lead_unit_id)}};
  audit(call.c, call.postgres, &call.who, call.now, "feedback_item", f.id, name, was, now);
  return feedback_detail(call, s, saved);
}

const char* adoption_action_name(domain::AdoptionAction a) {
  switch (a) {
    case domain::AdoptionAction::propose:
      return "propose";
    case domain::AdoptionAction::adopt:
      return "adopt";
    case domain::AdoptionAction::reject:
      return "reject";
  }
  return "";
}

json::object figures_json(const domain::FeedbackFigures& g) {
  json::object o;
  o["received"] = g.received;
  o["within_competence"] = g.within_competence;
  o["left_competence"] = g.left_competence;
  o["answered"] = g.answered;
  o["answered_on_time"] = g.answered_on_time;
  o["overdue"] = g.overdue;
  o["pending"] = g.pending;
  o["complaints"] = g.complaints;
  o["ratings"] = g.ratings;
  o["rat_hai_long"] = g.rat_hai_long;
  o["hai_long"] = g.hai_long;
  o["chua_hai_long"] = g.chua_hai_long;
  o["r1_percent"] = nullable(g.r1);
  o["r2_percent"] = nullable(g.r2);
  o["rated_share_percent"] = nullable(g.rated_share);
  o["response_rate_percent"] = nullable(g.response_rate);
  o["median_days"] = nullable(g.median_days);
  o["initiatives"] = g.initiatives;
  o["proposed"] = g.proposed;
  o["adopted"] = g.adopted;
  o["not_adopted"] = g.not_adopted;
  return o;
}

}  // namespace

bool feedback_in_scope(const Actor& who, const store::FeedbackItem& f,
                       const std::vector<store::FeedbackCoordinator>& coordinators) {
  if (!who.scope_path) return true;
  if ((f.lead_unit_path && who.in_scope(*f.lead_unit_path)) ||
      (f.received_unit_path && who.in_scope(*f.received_unit_path)))
    return true;
  for (const auto& u : coordinators)
    if (u.item_id == f.id && who.in_scope(u.unit_path)) return true;
  return false;
}

store::FeedbackItem feedback_item(store::Connection& c, const Actor& who, store::Id id) {
  auto f = store::find_feedback(c, id);
  if (!f || !feedback_in_scope(who, *f, store::list_feedback_coordinators(c, {f->id})))
    throw not_found("phản ánh, kiến nghị");
  return *f;
}

Intake receive_feedback(const Call& call, const FeedbackSettings& s, const NewFeedback& in) {
  auto& c = call.c;
  const bool public_page = in.channel == domain::FeedbackChannel::web;
  const auto& sealed = seal(s);
  const auto contact = domain::normalize_contact(in.contact);
  if (!contact)
    throw invalid("contact", domain::quoted_field("contact") +
                                 " phải là số điện thoại (ví dụ 0912 345 678) hoặc địa chỉ thư điện tử hợp lệ.");
  if (in.consent != true)
    throw invalid("consent",
                  "Cần đồng ý cho phép xử lý dữ liệu cá nhân (Nghị định 13/2023/NĐ-CP) thì mới gửi được phản ánh, "
                  "kiến nghị.");
  const auto contact_hash = sealed.keyed_hash("contact", contact->value);
  const auto body_hash = sealed.keyed_hash("text", domain::normal_text(in.title) + "\n" + domain::normal_text(in.text));
  const auto address_hash = sealed.keyed_hash("address", in.remote_address);
  const std::string token = security::random_token();
  const auto received = domain::vietnam_date(call.now);
  if (auto dup = store::find_feedback_duplicate(c, contact_hash, body_hash))
    throw duplicate("text", "Nội dung này đã được gửi từ cùng số điện thoại hoặc thư điện tử, mã theo dõi " +
                                dup->code + "; không cần gửi lại.");
  using std::chrono::hours;
  const auto& limits = s.limits;
  const auto too_many = [&](long long n, long long limit) { return limit > 0 && n >= limit; };
  // The limits are the public page's: a desk enters what it received, however many from one person.
  if (public_page &&
      (too_many(store::count_feedback_by_address(c, address_hash, since(call, hours(1))), limits.per_address_hour) ||
       too_many(store::count_feedback_by_address(c, address_hash, since(call, hours(24))), limits.per_address_day)))
    throw rate_limited(
        "Có quá nhiều phản ánh gửi từ cùng một địa chỉ mạng trong thời gian ngắn. Vui lòng thử lại sau "
        "ít phút hoặc gọi đường dây nóng.",
        600);
  if (public_page &&
      (too_many(store::count_feedback_by_contact(c, contact_hash, since(call, hours(1))), limits.per_contact_hour) ||
       too_many(store::count_feedback_by_contact(c, contact_hash, since(call, hours(24))), limits.per_contact_day)))
    throw rate_limited(
        "Số điện thoại hoặc thư điện tử này đã gửi nhiều phản ánh trong hôm nay. Vui lòng gộp nội dung "
        "vào một phản ánh hoặc gửi lại vào ngày mai.",
        3600, "contact");
  const auto due = domain::feedback_due(s.deadlines, holidays(c), received);
  const bool agency = call.who.feedback_role == domain::FeedbackRole::standing_agency ||
                      call.who.feedback_role == domain::FeedbackRole::admin;
  store::FeedbackItem f;
  f.kind = std::string(domain::to_string(in.kind));
  f.field = in.field;
  f.channel = std::string(domain::to_string(in.channel));
  f.external_ref = public_page ? std::nullopt : in.external_ref;
  f.received_unit_id = public_page || agency ? std::nullopt : std::optional(call.who.unit_id);
  if (call.who.user_id) f.entered_by = call.who.user_id;
  f.title = in.title;
  f.body = in.text;
  f.sender_type = std::string(domain::to_string(in.sender_type));
  f.sender_name_sealed = sealed.seal(in.name);
  f.contact_sealed = sealed.seal(in.contact);
  f.contact_hash = contact_hash;
  f.body_hash = body_hash;
  if (public_page) f.address_hash = address_hash;
  f.anonymous = in.anonymous;
  f.consent_at = domain::iso(call.now);
  f.rating_token_hash = store::sha256_hex(token);
  f.received_at = domain::iso(call.now);
  f.received_on = domain::iso(received);
  f.acknowledge_due = domain::iso(due.acknowledge);
  f.forward_due = domain::iso(due.forward);
  f.answer_due = domain::iso(due.answer);
  f.owed_by = f.answer_due;
  // A fresh code collides once in 30^8 / items; try again rather than fail the sender.
  for (int attempt = 0;; ++attempt) {
    f.code = "PA-" + security::random_code(8);
    if (!store::find_feedback_by_code(c, f.code)) break;
    if (attempt == 5) throw Error(Error::Kind::busy, "Không cấp được mã theo dõi. Vui lòng gửi lại.");
  }
  f.id = store::insert_feedback(c, f);
  // The plan's task the sender says the item concerns, chosen from the public list of plans: a link like staff
  // make, made by nobody on the staff.
  if (in.task_id) {
    if (!store::find_task(c, *in.task_id)) throw invalid("task_id", "Không tìm thấy nhiệm vụ này.");
    store::link_feedback_task(c, f.id, *in.task_id, call.who.user_id ? std::optional(call.who.user_id) : std::nullopt,
                              f.received_at);
  }
  json::object after{{"code", f.code}, {"kind", f.kind}, {"channel", f.channel}, {"state", "received"}};
  audit(c, call.postgres, &call.who, call.now, "feedback_item", f.id, public_page ? "submit" : "enter", nullptr, after);
  Intake out;
  out.item = *store::find_feedback(c, f.id);
  out.token = token;
  if (contact->email) out.email = contact->value;
  out.link = rating_link(s, out.item.code, token);
  out.emailed = out.email && mails(s);
  return out;
}

void mail_feedback_link(const FeedbackSettings& s, const Intake& in) {
  if (!in.email || !mails(s)) return;
  const auto due = domain::vn_date(*domain::parse_iso_date(in.item.answer_due));
  mail::send_in_background(
      *s.smtp, *in.email, "Đã tiếp nhận góp ý " + in.item.code,
      "Kính gửi ông/bà,\n\nGóp ý «" + in.item.title + "» đã được tiếp nhận ngày " +
          domain::vn_date(*domain::parse_iso_date(in.item.received_on)) + ", mã theo dõi " + in.item.code +
          ". Dự kiến trả lời trước hết ngày " + due +
          ".\n\nTra cứu trạng thái, đọc câu trả lời và đánh giá (một lần) tại liên kết riêng của ông/bà:\n\n" +
          in.link + "\n\nXin đừng chuyển liên kết này cho người khác.\n\n— Tiến Độ",
      "feedback link");
}

json::object feedback_public_view(store::Connection& c, const FeedbackSettings& s, const std::string& code) {
  return public_json(s, c, by_code(c, code));
}

json::object rate_feedback(const Call& call, const FeedbackSettings& s, const std::string& code, const Rating& in) {
  auto& c = call.c;
  auto f = by_code(c, code);
  if (store::sha256_hex(in.token) != f.rating_token_hash)
    throw Error(Error::Kind::forbidden, "Liên kết đánh giá không đúng; hãy dùng liên kết nhận được khi gửi phản ánh.",
                "token");
  if (f.rating) throw conflict("Phản ánh này đã được đánh giá; mỗi phản ánh chỉ đánh giá một lần.");
  if (f.state != "published") throw conflict("Chỉ đánh giá được khi phản ánh đã có câu trả lời công khai.");
  const auto before = f;
  const std::string rating(domain::to_string(in.rating));
  f.rating = rating;
  f.rating_reason = in.reason;
  f.rated_on = today(call);
  // "Chưa hài lòng" with a reason reopens the item, once (the submitter's reopen).
  if (in.rating == domain::FeedbackRating::chua_hai_long && in.reason && !f.reopened_on) {
    f.state = std::string(domain::to_string(step_or_throw(f, FeedbackAction::reopen, {FeedbackActor::submitter})));
    f.reopen_reason = in.reason;
    f.reopened_on = f.rated_on;
    f.reopen_late = in.late;
    owe_again(s, c, f);
  }
  if (!store::update_feedback(c, f, before.version))
    throw conflict("Phản ánh vừa được thay đổi; vui lòng tải lại trang.");
  audit(c, call.postgres, &call.who, call.now, "feedback_item", f.id, "rate", json::object{{"state", before.state}},
        json::object{{"state", f.state}, {"rating", rating}, {"reopened", f.reopened_on.has_value()}});
  return public_json(s, c, *store::find_feedback(c, f.id));
}

FeedbackPage list_feedback_items(const Call& call, const FeedbackSettings& s, const FeedbackQuery& q) {
  store::FeedbackFilter filter;
  filter.scope_path = call.who.scope_path;
  filter.state = q.state;
  if (filter.state && !domain::feedback_state_from(*filter.state))
    throw invalid("state", "Giá trị của " + domain::quoted_field("state") + " không hợp lệ.");
  // urgency: the warning list of answers owed, as of today (the inbox's live state).
  if (q.urgency) {
    const auto urgency = domain::feedback_urgency_from(*q.urgency);
    if (!urgency || *urgency == domain::FeedbackUrgency::none)
      throw invalid("urgency",
                    "Giá trị của " + domain::quoted_field("urgency") + " chỉ có thể là sắp đến hạn hoặc quá hạn.");
    const auto window = domain::due_window(s.deadlines, *urgency, domain::vietnam_date(call.now));
    filter.awaiting_answer = true;
    if (window.from) filter.due_from = domain::iso(*window.from);
    if (window.to) filter.due_to = domain::iso(*window.to);
  }
  filter.task_id = q.task_id;
  filter.adoption = q.adoption;
  if (filter.adoption && !domain::adoption_from(*filter.adoption))
    throw invalid("adoption", "Giá trị của " + domain::quoted_field("adoption") + " không hợp lệ.");
  FeedbackPage out;
  const auto found = store::list_feedback(call.c, filter, q.page.limit, q.page.offset, &out.total);
  std::vector<store::Id> ids;
  for (const auto& f : found) ids.push_back(f.id);
  // One query each for the page, not one per item.
  const auto links = store::list_feedback_task_links(call.c, ids);
  const auto coordinators = store::list_feedback_coordinators(call.c, ids);
  for (const auto& f : found) out.items.push_back(staff_json(call.who, call.now, s, f, links, coordinators));
  return out;
}

FeedbackPage answered_feedback(store::Connection& c, const FeedbackSettings& s, store::Page page) {
  store::FeedbackFilter filter;
  filter.state = "published";
  FeedbackPage out;
  for (const auto& f : store::list_feedback(c, filter, page.limit, page.offset, &out.total)) {
    json::object o;
    o["code"] = f.code;
    o["kind"] = f.kind;
    o["field"] = f.field;
    o["lead_unit_name"] = nullable(f.lead_unit_name);
    o["title"] = nullable(f.public_title);
    o["text"] = nullable(f.public_text);
    o["sender_name"] = public_sender(s, f);
    o["received_on"] = f.received_on;
    o["answered_on"] = nullable(f.first_published_on);
    o["on_time"] = f.first_published_on && *f.first_published_on <= effective_due(f);
    o["answer"] = nullable(f.public_answer);
    out.items.push_back(std::move(o));
  }
  return out;
}

json::object feedback_row(const Actor& who, domain::Instant now, const FeedbackSettings& s,
                          const store::FeedbackItem& f) {
  return staff_json(who, now, s, f);
}

json::object feedback_detail(const Call& call, const FeedbackSettings& s, const store::FeedbackItem& f) {
  auto& c = call.c;
  auto o = staff_json(call.who, call.now, s, f, store::list_feedback_task_links(c, {f.id}),
                      store::list_feedback_coordinators(c, {f.id}));
  o["answers"] = answers_json(store::list_feedback_answers(c, f.id));
  json::array leads;
  for (const auto& l : store::list_feedback_leads(c, f.id))
    leads.push_back(json::object{
        {"lead_unit_id", l.lead_unit_id}, {"lead_unit_name", l.unit_name}, {"assigned_on", l.assigned_on}});
  o["leads"] = std::move(leads);
  return o;
}

json::object classify_feedback(const Call& call, const FeedbackSettings& s, store::FeedbackItem f, long long version,
                               const Classification& in) {
  return act(call, s, std::move(f), version, "classify", [&](store::FeedbackItem& f) {
    f.classified_on = today(call);
    if (in.outcome == "accepted") return FeedbackAction::accept;
    if (in.outcome == "not_accepted") {
      if (!in.reason) throw invalid("reason", "Cần nêu " + domain::quoted_field("reason") + " khi không thụ lý.");
      f.outcome_reason = in.reason;
      return FeedbackAction::refuse;
    }
    if (in.outcome == "merged") {
      if (!in.merged_into_code) throw required("merged_into_code");
      auto target = store::find_feedback_by_code(call.c, *in.merged_into_code);
      if (!target || target->id == f.id)
        throw invalid("merged_into_code",
                      "Không tìm thấy phản ánh có " + domain::quoted_field("merged_into_code") + " này.");
      f.merged_into = target->id;
      f.outcome_reason = in.reason;
      return FeedbackAction::merge;
    }
    if (in.outcome == "forwarded") {
      if (!in.forwarded_to) throw required("forwarded_to");
      f.forwarded_to = in.forwarded_to;
      f.outcome_reason = in.reason;
      return FeedbackAction::forward;
    }
    throw invalid("outcome", "Giá trị của " + domain::quoted_field("outcome") + " không hợp lệ.");
  });
}

json::object assign_feedback(const Call& call, const FeedbackSettings& s, store::FeedbackItem f, long long version,
                             const LeadAssignment& in) {
  return act(call, s, std::move(f), version, "assign", [&](store::FeedbackItem& f) {
    auto unit = store::find_unit(call.c, in.lead_unit_id);
    if (!unit) throw invalid("lead_unit_id", "Không tìm thấy đơn vị chủ trì này.");
    // Each new lead unit is a row with its day (history, not overwrite): a past date's figures group by it.
    if (f.lead_unit_id != unit->id)
      store::insert_feedback_lead(call.c,
                                  {f.id, unit->id, today(call), domain::iso(call.now), call.who.user_id, {}, {}});
    f.lead_unit_id = unit->id;
    // The coordinating units named beside it (the lead unit is not its own coordinator); a list sent again
    // replaces the earlier one, each change dated.
    if (in.coordinating_unit_ids) {
      std::vector<store::Id> ids;
      for (const auto id : *in.coordinating_unit_ids) {
        if (!store::find_unit(call.c, id))
          throw invalid("coordinating_unit_ids", "Không tìm thấy đơn vị phối hợp này.");
        if (id != unit->id) ids.push_back(id);
      }
      store::set_feedback_coordinators(call.c, f.id, ids, call.who.user_id, today(call));
    }
    return FeedbackAction::assign;
  });
}

json::object draft_feedback_answer(const Call& call, const FeedbackSettings& s, store::FeedbackItem f,
                                   long long version, const DraftAnswer& in) {
  return act(call, s, std::move(f), version, "draft_answer", [&](store::FeedbackItem& f) {
    f.draft_answer = in.answer;
    f.internal_note = in.internal_note;
    return FeedbackAction::draft;
  });
}

json::object send_feedback_back(const Call& call, const FeedbackSettings& s, store::FeedbackItem f, long long version,
                                const std::string& reason) {
  return act(call, s, std::move(f), version, "send_back", [&](store::FeedbackItem& f) {
    f.internal_note = reason;
    return FeedbackAction::send_back;
  });
}

json::object approve_feedback(const Call& call, const FeedbackSettings& s, store::FeedbackItem f, long long version) {
  return act(call, s, std::move(f), version, "approve", [&](store::FeedbackItem& f) {
    // The approved draft becomes the public answer; the first publication fixes timeliness (R1). An answer
    // published again after a reopen is a new row: the earlier text stays readable.
    f.public_answer = f.draft_answer;
    if (!f.first_published_on) f.first_published_on = today(call);
    f.published_at = domain::iso(call.now);
    if (f.state == "drafted" && f.draft_answer)
      store::insert_feedback_answer(call.c, {0, f.id, *f.draft_answer, today(call), *f.published_at, call.who.user_id});
    // Issue 18: "feedback answered", in the publication's transaction (a refused step rolls it back), once per
    // publication; only what the public page shows, and the item's codes upstream.
    json::object codes;
    for (const auto& e : store::external_codes_of(call.c, "feedback_item", f.id)) codes[e.system] = e.code;
    emit_event(call.c, "feedback_answered", "feedback_answered:" + std::to_string(f.id) + ":" + *f.published_at,
               json::object{{"feedback_id", f.id},
                            {"code", f.code},
                            {"kind", f.kind},
                            {"field", f.field},
                            {"lead_unit_id", nullable(f.lead_unit_id)},
                            {"public_title", nullable(f.public_title)},
                            {"answer", nullable(f.public_answer)},
                            {"answered_on", today(call)},
                            {"first_answered_on", *f.first_published_on},
                            {"answer_due", effective_due(f)},
                            {"on_time", *f.first_published_on <= effective_due(f)},
                            {"external_codes", std::move(codes)}},
               call.now);
    return FeedbackAction::approve;
  });
}

// The received words stay as they came; the public version has no contact and no name the sender withheld.
json::object moderate_feedback(const Call& call, const FeedbackSettings& s, store::FeedbackItem f, long long version,
                               const Moderation& in) {
  return act(call, s, std::move(f), version, "moderate", [&](store::FeedbackItem& f) {
    for (const auto& [field, value] :
         {std::pair{"public_title", in.public_title}, std::pair{"public_text", in.public_text}}) {
      switch (domain::check_moderation(value, f.anonymous, in.public_anonymous)) {
        case domain::ModerationRefusal::contact_in_text:
          throw invalid(field, domain::quoted_field(field) +
                                   " còn số điện thoại hoặc địa chỉ thư điện tử; hãy che đi trước khi "
                                   "công khai.");
        case domain::ModerationRefusal::named_against_wish:
          throw invalid("public_anonymous", "Người gửi đã chọn ẩn danh: không được công khai tên người gửi (" +
                                                domain::quoted_field("public_anonymous") + ").");
        case domain::ModerationRefusal::none:
          break;
      }
    }
    f.public_title = in.public_title;
    f.public_text = in.public_text;
    f.public_anonymous = in.public_anonymous;
    f.moderated_on = today(call);
    f.moderated_by = call.who.user_id;
    return FeedbackAction::moderate;
  });
}

json::object extend_feedback(const Call& call, const FeedbackSettings& s, store::FeedbackItem f, long long version,
                             const std::string& reason) {
  return act(call, s, std::move(f), version, "extend", [&](store::FeedbackItem& f) {
    f.extension_reason = reason;
    f.extended_on = today(call);
    f.extended_due =
        domain::iso(domain::extended_due(s.deadlines, holidays(call.c), *domain::parse_iso_date(f.answer_due)));
    // Extended after a reopening, the new answer's day moves instead (R1 is settled by then).
    f.owed_by =
        f.reopened_on
            ? domain::iso(domain::extended_due(s.deadlines, holidays(call.c), *domain::parse_iso_date(f.owed_by)))
            : *f.extended_due;
    return FeedbackAction::extend;
  });
}

json::object reopen_feedback(const Call& call, const FeedbackSettings& s, store::FeedbackItem f, long long version,
                             const std::string& reason, bool late) {
  return act(call, s, std::move(f), version, "reopen", [&](store::FeedbackItem& f) {
    f.reopen_reason = reason;
    f.reopen_late = late;
    f.reopened_on = today(call);
    owe_again(s, call.c, f);
    return FeedbackAction::reopen;
  });
}

json::object change_feedback_task(const Call& call, const FeedbackSettings& s, const store::FeedbackItem& f,
                                  store::Id task_id, bool link) {
  if (link && !store::find_task(call.c, task_id)) throw invalid("task_id", "Không tìm thấy nhiệm vụ này.");
  const auto at = domain::iso(call.now);
  const bool changed = link ? store::link_feedback_task(call.c, f.id, task_id, call.who.user_id, at)
                            : store::unlink_feedback_task(call.c, f.id, task_id, call.who.user_id, at);
  if (changed)
    audit(call.c, call.postgres, &call.who, call.now, "feedback_item", f.id, link ? "link_task" : "unlink_task",
          nullptr, json::object{{"task_id", task_id}});
  return feedback_detail(call, s, f);
}

json::object feedback_figures_answer(store::Connection& c, const store::FeedbackFilter& period, domain::Date as_of,
                                     const std::optional<std::string>& scope) {
  const auto kept = feedback_figures_kept(c, period, as_of, scope);
  const auto& figures = *kept;
  json::array units;
  for (const auto& u : figures.units) {
    auto o = figures_json(u.figures);
    o["unit_id"] = nullable(u.unit_id);
    o["unit_name"] = u.unit_id ? json::value(u.unit_name) : json::value(nullptr);
    units.push_back(std::move(o));
  }
  json::object out;
  out["as_of"] = domain::iso(as_of);
  out["from"] = nullable(period.received_from);
  out["to"] = nullable(period.received_to);
  out["total"] = figures_json(figures.total);
  out["units"] = std::move(units);
  return out;
}

json::object decide_adoption(const Call& call, const FeedbackSettings& s, store::FeedbackItem f, long long version,
                             const AdoptionInput& in) {
  auto& c = call.c;
  const auto from = f.adoption ? domain::adoption_from(*f.adoption) : std::nullopt;
  auto refusal = domain::FeedbackRefusal::wrong_actor;
  std::optional<domain::Adoption> to;
  const auto actors = actors_of(call.who, f);
  for (auto actor : actors.empty() ? std::vector<FeedbackActor>{FeedbackActor::other} : actors) {
    const auto step = domain::adoption_step(*domain::feedback_kind_from(f.kind), *domain::feedback_state_from(f.state),
                                            from, in.action, actor);
    if (step.allowed) {
      to = step.to;
      break;
    }
    if (step.refusal != domain::FeedbackRefusal::wrong_actor) refusal = step.refusal;
  }
  if (!to) {
    if (refusal == domain::FeedbackRefusal::not_adoptable)
      throw conflict("Chỉ sáng kiến, giải pháp và đặt hàng sản phẩm mới được đề xuất áp dụng.");
    if (refusal == domain::FeedbackRefusal::wrong_state)
      throw conflict(!from && in.action != domain::AdoptionAction::propose
                         ? "Sáng kiến chưa được đề xuất áp dụng nên chưa thể quyết định."
                     : from && *from != domain::Adoption::proposed
                         ? "Sáng kiến đã có quyết định áp dụng; quyết định không thay đổi được."
                     : from ? "Sáng kiến đã được đề xuất áp dụng."
                            : "Phản ánh đang ở trạng thái «" + state_name(f.state) +
                                  "»: chỉ sáng kiến đã được thụ lý mới được đề xuất áp dụng.");
    throw forbidden(in.action == domain::AdoptionAction::propose
                        ? "Chỉ đơn vị chủ trì xử lý hoặc cơ quan thường trực được đề xuất áp dụng sáng kiến này."
                        : "Chỉ cơ quan thường trực được quyết định áp dụng sáng kiến.");
  }
  const auto before = f;
  f.adoption = std::string(domain::to_string(*to));
  if (in.action == domain::AdoptionAction::propose) {
    f.proposed_on = today(call);
    f.proposed_by = call.who.user_id;
    f.adoption_reason = in.reason;
  } else {
    f.adoption_decided_on = today(call);
    f.adoption_decided_by = call.who.user_id;
    f.adoption_reason = in.reason;
    if (in.action == domain::AdoptionAction::reject && !f.adoption_reason)
      throw invalid("reason", "Cần nêu " + domain::quoted_field("reason") + " khi không áp dụng.");
    if (in.action == domain::AdoptionAction::adopt) {
      f.adopted_task_id = in.task_id;
      f.policy_change = in.policy_change;
      if (!f.adopted_task_id && !f.policy_change)
        throw invalid("task_id", "Cần chọn nhiệm vụ hoặc ghi thay đổi chính sách mà sáng kiến được áp dụng vào (" +
                                     domain::quoted_field("task_id") + ").");
      if (f.adopted_task_id) {
        if (!store::find_task(c, *f.adopted_task_id)) throw invalid("task_id", "Không tìm thấy nhiệm vụ này.");
        store::link_feedback_task(c, f.id, *f.adopted_task_id, call.who.user_id, domain::iso(call.now));
      }
    }
  }
  if (f.version != version || !store::update_feedback(c, f, version))
    throw conflict("Phản ánh đã được người khác thay đổi; vui lòng tải lại.", "version");
  const auto saved = *store::find_feedback(c, f.id);
  audit(c, call.postgres, &call.who, call.now, "feedback_item", f.id,
        std::string("adoption_") + adoption_action_name(in.action),
        json::object{{"adoption", nullable(before.adoption)}, {"version", before.version}},
        json::object{{"adoption", nullable(saved.adoption)},
                     {"adopted_task_id", nullable(saved.adopted_task_id)},
                     {"version", saved.version}});
  return feedback_detail(call, s, saved);
}

}  // namespace tiendo::service
