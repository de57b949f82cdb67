// Feedback and satisfaction (issue 15): the public page's submission, lookup and rating (no login), and the
// staff inbox — classify, assign, answer, approve/publish, extend, reopen — with the figures of Decision 766
// per lead unit. The order of things and who may act is domain/feedback; contacts are sealed by
// security/feedback_seal and shown only to the standing agency and the units receiving or leading the item.
#include <map>

#include "api/item_scope.h"
#include "api/json_io.h"
#include "api/router.h"
#include "domain/feedback.h"
#include "mail/outgoing.h"
#include "security/feedback_seal.h"
#include "service/exchange_job.h"
#include "service/feedback_figures.h"
#include "service/public_plans.h"
#include "store/exchange_store.h"
#include "store/feedback_store.h"
#include "store/plan_store.h"
#include "store/user_store.h"

namespace tiendo::api {

namespace json = boost::json;

bool feedback_in_scope(const Principal& p, const store::FeedbackItem& f,
                       const std::vector<store::FeedbackCoordinator>& coordinators) {
  if (p.sees_all_units()) return true;
  if ((f.lead_unit_path && f.lead_unit_path->starts_with(p.unit_path)) ||
      (f.received_unit_path && f.received_unit_path->starts_with(p.unit_path)))
    return true;
  for (const auto& u : coordinators)
    if (u.item_id == f.id && u.unit_path.starts_with(p.unit_path)) return true;
  return false;
}

namespace {

using domain::FeedbackAction;
using domain::FeedbackActor;
using domain::FeedbackState;

const security::FeedbackSeal& seal(const Context& ctx) {
  if (!ctx.config.feedback_seal)
    throw ApiError(503, "unavailable", "Chức năng góp ý tạm thời chưa sẵn sàng (thiếu khóa bảo vệ liên hệ).");
  return *ctx.config.feedback_seal;
}

domain::HolidayCalendar holidays(store::Connection& c) {
  domain::HolidayCalendar cal;
  for (const auto& [day, name] : store::list_holidays(c)) {
    if (auto d = domain::parse_iso_date(day)) cal.holidays.insert(*d);
  }
  return cal;
}

// The first answer's last on-time day (R1): the answer's due day, or the extended one.
std::string effective_due(const store::FeedbackItem& f) { return f.extended_due.value_or(f.answer_due); }

// A reopened item owes a new answer: due the answer's days after its reopening, as a new item would be.
void owe_again(const Context& ctx, store::Connection& c, store::FeedbackItem& f) {
  f.owed_by = domain::iso(
      domain::feedback_due(ctx.config.feedback_deadlines, holidays(c), *domain::parse_iso_date(*f.reopened_on)).answer);
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

bool sees_contacts(const Principal& p, const store::FeedbackItem& f) {
  if (p.role == Role::standing_agency) return true;
  return (f.lead_unit_id && *f.lead_unit_id == p.unit_id) || (f.received_unit_id && *f.received_unit_id == p.unit_id);
}

// The capacities a person holds on one item; a step is allowed when any of them allows it.
std::vector<FeedbackActor> actors_of(const Principal& p, const store::FeedbackItem& f) {
  std::vector<FeedbackActor> out;
  if (p.role == Role::standing_agency || p.role == Role::admin) out.push_back(FeedbackActor::standing_agency);
  const bool unit_staff = p.role == Role::focal_point || p.role == Role::unit_head;
  if (unit_staff && f.lead_unit_id && *f.lead_unit_id == p.unit_id)
    out.push_back(p.role == Role::unit_head ? FeedbackActor::lead_unit_head : FeedbackActor::lead_unit);
  if (unit_staff && f.received_unit_id && *f.received_unit_id == p.unit_id)
    out.push_back(FeedbackActor::receiving_unit);
  return out;
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
json::value public_sender(const Context& ctx, const store::FeedbackItem& f) {
  if (!f.moderated_on || f.public_anonymous || !f.sender_name_sealed) return nullptr;
  return nullable(seal(ctx).open(*f.sender_name_sealed));
}

json::array answers_json(const std::vector<store::FeedbackAnswer>& answers) {
  json::array out;
  for (const auto& a : answers) out.push_back(json::object{{"text", a.text}, {"published_on", a.published_on}});
  return out;
}

// What anyone with the code sees: the moderated version of the sender's words (nothing of them before
// moderation), never a contact; the answers published, the earlier ones kept.
json::object public_json(const Context& ctx, store::Connection& c, const store::FeedbackItem& f) {
  const auto status = domain::public_status(*domain::feedback_state_from(f.state));
  json::object o;
  o["code"] = f.code;
  o["kind"] = f.kind;
  o["field"] = f.field;
  o["title"] = nullable(f.public_title);
  o["text"] = nullable(f.public_text);
  o["sender_name"] = public_sender(ctx, f);
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

json::object staff_json(const Context& ctx, const store::FeedbackItem& f,
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
  const auto urgency = state && domain::awaits_answer(*state)
                           ? domain::feedback_urgency(ctx.config.feedback_deadlines, domain::vietnam_date(ctx.now),
                                                      *domain::parse_iso_date(f.owed_by))
                           : domain::FeedbackUrgency::none;
  o["overdue"] = urgency == domain::FeedbackUrgency::overdue;
  o["urgency"] = domain::to_string(urgency);
  o["version"] = f.version;
  const auto& p = ctx.user();
  if (sees_contacts(p, f)) {
    const auto& s = seal(ctx);
    json::object contact;
    // After the retention both are gone: the item stays, its sender is no longer known.
    contact["name"] = f.sender_name_sealed ? nullable(s.open(*f.sender_name_sealed)) : json::value(nullptr);
    contact["contact"] = f.contact_sealed.empty() ? json::value(nullptr) : nullable(s.open(f.contact_sealed));
    o["sender"] = std::move(contact);
  } else {
    o["sender"] = nullptr;
  }
  return o;
}

std::string required_enum(const json::object& b, const std::string& field, bool (*valid)(std::string_view)) {
  const auto v = required_string(b, field, 40);
  if (!valid(v)) throw bad_request(field, "Giá trị của " + label(field) + " không hợp lệ.");
  return v;
}

// Trims and collapses whitespace: the same text typed twice with other spacing is still the same text.
std::string normal_text(std::string_view s) {
  std::string out;
  bool space = false;
  for (char ch : s) {
    if (std::isspace(static_cast<unsigned char>(ch))) {
      space = !out.empty();
    } else {
      if (space) out += ' ';
      space = false;
      out += ch;
    }
  }
  return out;
}

std::string since(const Context& ctx, std::chrono::seconds back) { return domain::iso(ctx.now - back); }

// --- public ---

// One new item, from the public page or entered at a desk, in the caller's transaction: the fields read and
// checked, duplicates refused, the public page's limits applied, the contact sealed, the deadlines set, audited.
struct Intake {
  store::FeedbackItem item;
  std::string token;                 // the rating link's secret, given once
  std::optional<std::string> email;  // the sender's address, when the contact is one
};
Intake receive(Context& ctx, store::Connection& c, const json::object& b, const std::string& channel,
               std::optional<store::Id> received_unit) {
  const bool public_page = channel == "web";
  const auto& s = seal(ctx);
  const auto kind =
      required_enum(b, "kind", [](std::string_view v) { return domain::feedback_kind_from(v).has_value(); });
  const auto sender_type =
      required_enum(b, "sender_type", [](std::string_view v) { return domain::sender_type_from(v).has_value(); });
  const auto field = required_string(b, "field", 200);
  const auto title = required_string(b, "title", 300);
  const auto& limits = ctx.config.feedback_limits;
  const auto text = required_string(b, "text", static_cast<size_t>(limits.max_text_chars));
  const auto name = required_string(b, "name", 200);
  const auto typed = required_string(b, "contact", 254);
  const auto contact = domain::normalize_contact(typed);
  if (!contact)
    throw bad_request(
        "contact", label("contact") + " phải là số điện thoại (ví dụ 0912 345 678) hoặc địa chỉ thư điện tử hợp lệ.");
  if (optional_bool(b, "consent") != true)
    throw bad_request("consent",
                      "Cần đồng ý cho phép xử lý dữ liệu cá nhân (Nghị định 13/2023/NĐ-CP) thì mới gửi được phản ánh, "
                      "kiến nghị.");
  const bool anonymous = optional_bool(b, "anonymous").value_or(false);
  const auto contact_hash = s.keyed_hash("contact", contact->value);
  const auto body_hash = s.keyed_hash("text", normal_text(title) + "\n" + normal_text(text));
  const auto address_hash = s.keyed_hash("address", ctx.req.remote_address);
  const std::string token = security::random_token();
  const auto received = domain::vietnam_date(ctx.now);
  if (auto dup = store::find_feedback_duplicate(c, contact_hash, body_hash))
    throw ApiError(409, "duplicate",
                   "Nội dung này đã được gửi từ cùng số điện thoại hoặc thư điện tử, mã theo dõi " + dup->code +
                       "; không cần gửi lại.",
                   "text");
  using std::chrono::hours;
  const auto too_many = [&](long long n, long long limit) { return limit > 0 && n >= limit; };
  // The limits are the public page's: a desk enters what it received, however many from one person.
  if (public_page &&
      (too_many(store::count_feedback_by_address(c, address_hash, since(ctx, hours(1))), limits.per_address_hour) ||
       too_many(store::count_feedback_by_address(c, address_hash, since(ctx, hours(24))), limits.per_address_day)))
    throw ApiError(429, "rate_limited",
                   "Có quá nhiều phản ánh gửi từ cùng một địa chỉ mạng trong thời gian ngắn. Vui lòng thử lại sau "
                   "ít phút hoặc gọi đường dây nóng.")
        .retry_after_seconds(600);
  if (public_page &&
      (too_many(store::count_feedback_by_contact(c, contact_hash, since(ctx, hours(1))), limits.per_contact_hour) ||
       too_many(store::count_feedback_by_contact(c, contact_hash, since(ctx, hours(24))), limits.per_contact_day)))
    throw ApiError(429, "rate_limited",
                   "Số điện thoại hoặc thư điện tử này đã gửi nhiều phản ánh trong hôm nay. Vui lòng gộp nội dung "
                   "vào một phản ánh hoặc gửi lại vào ngày mai.",
                   "contact")
        .retry_after_seconds(3600);
  const auto due = domain::feedback_due(ctx.config.feedback_deadlines, holidays(c), received);
  store::FeedbackItem f;
  f.kind = kind;
  f.field = field;
  f.channel = channel;
  f.external_ref = public_page ? std::nullopt : optional_string(b, "external_ref", 100);
  f.received_unit_id = received_unit;
  if (ctx.principal) f.entered_by = ctx.principal->user_id;
  f.title = title;
  f.body = text;
  f.sender_type = sender_type;
  f.sender_name_sealed = s.seal(name);
  f.contact_sealed = s.seal(typed);
  f.contact_hash = contact_hash;
  f.body_hash = body_hash;
  if (public_page) f.address_hash = address_hash;
  f.anonymous = anonymous;
  f.consent_at = domain::iso(ctx.now);
  f.rating_token_hash = store::sha256_hex(token);
  f.received_at = domain::iso(ctx.now);
  f.received_on = domain::iso(received);
  f.acknowledge_due = domain::iso(due.acknowledge);
  f.forward_due = domain::iso(due.forward);
  f.answer_due = domain::iso(due.answer);
  f.owed_by = f.answer_due;
  // A fresh code collides once in 30^8 / items; try again rather than fail the sender.
  for (int attempt = 0;; ++attempt) {
    f.code = "PA-" + security::random_code(8);
    if (!store::find_feedback_by_code(c, f.code)) break;
    if (attempt == 5) throw ApiError(503, "busy", "Không cấp được mã theo dõi. Vui lòng gửi lại.");
  }
  f.id = store::insert_feedback(c, f);
  // The plan's task the sender says the item concerns, chosen from the public list of plans: a link like staff
  // make, made by nobody on the staff.
  if (const auto task_id = optional_int(b, "task_id", 1, INT64_MAX)) {
    if (!store::find_task(c, *task_id)) throw bad_request("task_id", "Không tìm thấy nhiệm vụ này.");
    store::link_feedback_task(c, f.id, *task_id, ctx.principal ? std::optional(ctx.principal->user_id) : std::nullopt,
                              f.received_at);
  }
  json::object after{{"code", f.code}, {"kind", kind}, {"channel", channel}, {"state", "received"}};
  audit(ctx, c, "feedback_item", f.id, public_page ? "submit" : "enter", nullptr, after);
  return {*store::find_feedback(c, f.id), token, contact->email ? std::optional(contact->value) : std::nullopt};
}

std::string rating_link(const Context& ctx, const Intake& in) {
  std::string base = ctx.config.public_url;
  while (!base.empty() && base.back() == '/') base.pop_back();
  return base + "/#/gop-y?ma=" + in.item.code + "&t=" + in.token;
}

// The tracking link by e-mail when the contact is an address, after the item is committed; sent once, off the
// request (the link's secret is never stored, so it cannot wait in a queue). Whether it was handed to SMTP.
bool mail_link(const Context& ctx, const Intake& in) {
  if (!in.email || ctx.config.smtp.host.empty()) return false;
  const auto due = domain::vn_date(*domain::parse_iso_date(in.item.answer_due));
  mail::send_in_background(
      ctx.config.smtp, *in.email, "Đã tiếp nhận góp ý " + in.item.code,
      "Kính gửi ông/bà,\n\nGóp ý «" + in.item.title + "» đã được tiếp nhận ngày " +
          domain::vn_date(*domain::parse_iso_date(in.item.received_on)) + ", mã theo dõi " + in.item.code +
          ". Dự kiến trả lời trước hết ngày " + due +
          ".\n\nTra cứu trạng thái, đọc câu trả lời và đánh giá (một lần) tại liên kết riêng của ông/bà:\n\n" +
          rating_link(ctx, in) + "\n\nXin đừng chuyển liên kết này cho người khác.\n\n— Tiến Độ",
      "feedback link");
  return true;
}

Response submit(Context& ctx) {
  const auto b = parse_body(ctx.req);
  std::optional<Intake> received;
  auto res = ctx.db.write([&](store::Connection& c) {
    const auto& in = received.emplace(receive(ctx, c, b, "web", std::nullopt));
    json::object o;
    o["code"] = in.item.code;
    o["rating_token"] = in.token;
    o["status"] = "received";
    o["received_on"] = in.item.received_on;
    o["expected_answer_date"] = in.item.answer_due;
    o["link"] = rating_link(ctx, in);
    o["emailed"] = in.email && !ctx.config.smtp.host.empty();
    return json_response(201, o);
  });
  if (received) mail_link(ctx, *received);
  return res;
}

// A desk enters an item received by letter, phone, a meeting, the one-stop desk or pakn.nq57.vn (with its
// reference): a unit's officer enters it as the receiving unit, which classifies it; the standing agency's
// entries are its own to classify, like the public page's. The rating link is given to pass on to the sender.
Response enter(Context& ctx) {
  const auto b = parse_body(ctx.req);
  const auto channel = required_enum(b, "channel", [](std::string_view v) {
    const auto c = domain::feedback_channel_from(v);
    return c && *c != domain::FeedbackChannel::web;
  });
  const auto& p = ctx.user();
  const bool agency = p.role == Role::standing_agency || p.role == Role::admin;
  std::optional<Intake> received;
  auto res = ctx.db.write([&](store::Connection& c) {
    const auto& in = received.emplace(receive(ctx, c, b, channel, agency ? std::nullopt : std::optional(p.unit_id)));
    auto o = staff_json(ctx, in.item);
    o["rating_token"] = in.token;
    o["link"] = rating_link(ctx, in);
    o["emailed"] = in.email && !ctx.config.smtp.host.empty();
    return json_response(201, o);
  });
  if (received) mail_link(ctx, *received);
  return res;
}

store::FeedbackItem by_code(store::Connection& c, const std::string& code) {
  auto f = store::find_feedback_by_code(c, code);
  if (!f) throw not_found("phản ánh có mã theo dõi này");
  return *f;
}

Response lookup(Context& ctx) {
  const auto code = ctx.path_params.at("code");
  return ctx.db.read([&](store::Connection& c) { return json_response(200, public_json(ctx, c, by_code(c, code))); });
}

Response rate(Context& ctx) {
  const auto b = parse_body(ctx.req);
  const auto token = required_string(b, "token", 100);
  const auto rating =
      required_enum(b, "rating", [](std::string_view v) { return domain::feedback_rating_from(v).has_value(); });
  const auto reason = optional_string(b, "reason", 2000);
  const bool late = optional_bool(b, "late").value_or(false);
  const auto code = ctx.path_params.at("code");
  return ctx.db.write([&](store::Connection& c) {
    auto f = by_code(c, code);
    if (store::sha256_hex(token) != f.rating_token_hash)
      throw ApiError(403, "forbidden", "Liên kết đánh giá không đúng; hãy dùng liên kết nhận được khi gửi phản ánh.",
                     "token");
    if (f.rating) throw conflict("Phản ánh này đã được đánh giá; mỗi phản ánh chỉ đánh giá một lần.");
    if (f.state != "published") throw conflict("Chỉ đánh giá được khi phản ánh đã có câu trả lời công khai.");
    const auto before = f;
    f.rating = rating;
    f.rating_reason = reason;
    f.rated_on = domain::iso(domain::vietnam_date(ctx.now));
    // "Chưa hài lòng" with a reason reopens the item, once (the submitter's reopen).
    if (rating == "chua_hai_long" && reason && !f.reopened_on) {
      f.state = std::string(domain::to_string(step_or_throw(f, FeedbackAction::reopen, {FeedbackActor::submitter})));
      f.reopen_reason = reason;
      f.reopened_on = f.rated_on;
      f.reopen_late = late;
      owe_again(ctx, c, f);
    }
    if (!store::update_feedback(c, f, before.version))
      throw conflict("Phản ánh vừa được thay đổi; vui lòng tải lại trang.");
    audit(ctx, c, "feedback_item", f.id, "rate", json::object{{"state", before.state}},
          json::object{{"state", f.state}, {"rating", rating}, {"reopened", f.reopened_on.has_value()}});
    return json_response(200, public_json(ctx, c, *store::find_feedback(c, f.id)));
  });
}

// --- staff ---

Response list_items(Context& ctx) {
  store::FeedbackFilter filter;
  filter.scope_path = ctx.user().scope_path();
  filter.state = query_string(ctx.req, "state");
  if (filter.state && !domain::feedback_state_from(*filter.state))
    throw bad_request("state", "Giá trị của " + label("state") + " không hợp lệ.");
  // ?urgency=due_soon|overdue: the warning list of answers owed, as of today (the inbox's live state).
  if (const auto u = query_string(ctx.req, "urgency")) {
    const auto urgency = domain::feedback_urgency_from(*u);
    if (!urgency || *urgency == domain::FeedbackUrgency::none)
      throw bad_request("urgency", "Giá trị của " + label("urgency") + " chỉ có thể là sắp đến hạn hoặc quá hạn.");
    const auto today = domain::vietnam_date(ctx.now);
    filter.awaiting_answer = true;
    if (*urgency == domain::FeedbackUrgency::overdue) {
      filter.due_to = domain::iso(today - std::chrono::days{1});
    } else {
      filter.due_from = domain::iso(today);
      filter.due_to = domain::iso(today + std::chrono::days{ctx.config.feedback_deadlines.due_soon_days});
    }
  }
  filter.task_id = query_id(ctx.req, "task_id");
  filter.adoption = query_string(ctx.req, "adoption");
  if (filter.adoption && !domain::adoption_from(*filter.adoption))
    throw bad_request("adoption", "Giá trị của " + label("adoption") + " không hợp lệ.");
  const auto page = query_page(ctx.req);
  return ctx.db.read([&](store::Connection& c) {
    long long total = 0;
    const auto found = store::list_feedback(c, filter, page.limit, page.offset, &total);
    std::vector<store::Id> ids;
    for (const auto& f : found) ids.push_back(f.id);
    // One query each for the page, not one per item.
    const auto links = store::list_feedback_task_links(c, ids);
    const auto coordinators = store::list_feedback_coordinators(c, ids);
    json::array items;
    for (const auto& f : found) items.push_back(staff_json(ctx, f, links, coordinators));
    return list_response(std::move(items), total);
  });
}

store::FeedbackItem item_in_scope(Context& ctx, store::Connection& c) {
  auto f = store::find_feedback(c, ctx.path_id());
  if (!f || !feedback_in_scope(ctx.user(), *f, store::list_feedback_coordinators(c, {f->id})))
    throw not_found("phản ánh, kiến nghị");
  return *f;
}

// One item with its histories: every answer published and every choice of its lead unit.
json::object detail_json(const Context& ctx, store::Connection& c, const store::FeedbackItem& f) {
  auto o = staff_json(ctx, f, store::list_feedback_task_links(c, {f.id}), store::list_feedback_coordinators(c, {f.id}));
  o["answers"] = answers_json(store::list_feedback_answers(c, f.id));
  json::array leads;
  for (const auto& l : store::list_feedback_leads(c, f.id))
    leads.push_back(json::object{
        {"lead_unit_id", l.lead_unit_id}, {"lead_unit_name", l.unit_name}, {"assigned_on", l.assigned_on}});
  o["leads"] = std::move(leads);
  return o;
}

Response get_item(Context& ctx) {
  return ctx.db.read(
      [&](store::Connection& c) { return json_response(200, detail_json(ctx, c, item_in_scope(ctx, c))); });
}

// One workflow step: read the body, check the version and the step, change the item, audit — one transaction.
Response act(
    Context& ctx, const std::string& name,
    const std::function<FeedbackAction(const json::object&, store::FeedbackItem&, store::Connection&)>& change) {
  const auto b = parse_body(ctx.req);
  return ctx.db.write([&](store::Connection& c) {
    auto f = item_in_scope(ctx, c);  // out of scope is "not found" before anything about the body
    const auto version = optional_int(b, "version", 1, INT64_MAX);
    if (!version) throw bad_request("version", "Trường " + label("version") + " là bắt buộc.");
    const auto before = f;
    const auto action = change(b, f, c);
    f.state = std::string(domain::to_string(step_or_throw(before, action, actors_of(ctx.user(), before))));
    if (f.version != *version || !store::update_feedback(c, f, *version))
      throw conflict("Phản ánh đã được người khác thay đổi; vui lòng tải lại.", "version");
    const auto saved = *store::find_feedback(c, f.id);
    json::object was{{"state", before.state}, {"version", before.version}};
    json::object now{
        {"state", saved.state}, {"version", saved.version}, {"lead_unit_id", nullable(saved.lead_unit_id)}};
    audit(ctx, c, "feedback_item", f.id, name, was, now);
    return json_response(200, detail_json(ctx, c, saved));
  });
}

std::string today(const Context& ctx) { return domain::iso(domain::vietnam_date(ctx.now)); }

Response classify(Context& ctx) {
  return act(ctx, "classify", [&](const json::object& b, store::FeedbackItem& f, store::Connection& c) {
    const auto outcome = required_string(b, "outcome", 40);
    const auto reason = optional_string(b, "reason", 2000);
    f.classified_on = today(ctx);
    if (outcome == "accepted") return FeedbackAction::accept;
    if (outcome == "not_accepted") {
      if (!reason) throw bad_request("reason", "Cần nêu " + label("reason") + " khi không thụ lý.");
      f.outcome_reason = reason;
      return FeedbackAction::refuse;
    }
    if (outcome == "merged") {
      const auto into = required_string(b, "merged_into_code", 40);
      auto target = store::find_feedback_by_code(c, into);
      if (!target || target->id == f.id)
        throw bad_request("merged_into_code", "Không tìm thấy phản ánh có " + label("merged_into_code") + " này.");
      f.merged_into = target->id;
      f.outcome_reason = reason;
      return FeedbackAction::merge;
    }
    if (outcome == "forwarded") {
      f.forwarded_to = required_string(b, "forwarded_to", 300);
      f.outcome_reason = reason;
      return FeedbackAction::forward;
    }
    throw bad_request("outcome", "Giá trị của " + label("outcome") + " không hợp lệ.");
  });
}

Response assign(Context& ctx) {
  return act(ctx, "assign", [&](const json::object& b, store::FeedbackItem& f, store::Connection& c) {
    const auto unit_id = optional_int(b, "lead_unit_id", 1, INT64_MAX);
    if (!unit_id) throw bad_request("lead_unit_id", "Trường " + label("lead_unit_id") + " là bắt buộc.");
    auto unit = store::find_unit(c, *unit_id);
    if (!unit) throw bad_request("lead_unit_id", "Không tìm thấy đơn vị chủ trì này.");
    // Each new lead unit is a row with its day (history, not overwrite): a past date's figures group by it.
    if (f.lead_unit_id != unit->id)
      store::insert_feedback_lead(c, {f.id, unit->id, today(ctx), domain::iso(ctx.now), ctx.user().user_id, {}, {}});
    f.lead_unit_id = unit->id;
    // The coordinating units named beside it (the lead unit is not its own coordinator); a list sent again
    // replaces the earlier one, each change dated.
    if (const auto it = b.find("coordinating_unit_ids"); it != b.end() && !it->value().is_null()) {
      if (!it->value().is_array())
        throw bad_request("coordinating_unit_ids", label("coordinating_unit_ids") + " phải là danh sách đơn vị.");
      std::vector<store::Id> ids;
      for (const auto& v : it->value().as_array()) {
        const auto id = v.is_int64() ? std::optional(v.as_int64()) : std::nullopt;
        if (!id || !store::find_unit(c, *id))
          throw bad_request("coordinating_unit_ids", "Không tìm thấy đơn vị phối hợp này.");
        if (*id != unit->id) ids.push_back(*id);
      }
      store::set_feedback_coordinators(c, f.id, ids, ctx.user().user_id, today(ctx));
    }
    return FeedbackAction::assign;
  });
}

Response answer(Context& ctx) {
  return act(ctx, "draft_answer", [&](const json::object& b, store::FeedbackItem& f, store::Connection&) {
    f.draft_answer = required_string(b, "answer", 20000);
    f.internal_note = optional_string(b, "internal_note", 5000);
    return FeedbackAction::draft;
  });
}

Response send_back(Context& ctx) {
  return act(ctx, "send_back", [&](const json::object& b, store::FeedbackItem& f, store::Connection&) {
    f.internal_note = required_string(b, "reason", 2000);
    return FeedbackAction::send_back;
  });
}

Response approve(Context& ctx) {
  return act(ctx, "approve", [&](const json::object&, store::FeedbackItem& f, store::Connection& c) {
    // The approved draft becomes the public answer; the first publication fixes timeliness (R1). An answer
    // published again after a reopen is a new row: the earlier text stays readable.
    f.public_answer = f.draft_answer;
    if (!f.first_published_on) f.first_published_on = today(ctx);
    f.published_at = domain::iso(ctx.now);
    if (f.state == "drafted" && f.draft_answer)
      store::insert_feedback_answer(c, {0, f.id, *f.draft_answer, today(ctx), *f.published_at, ctx.user().user_id});
    // Issue 18: "feedback answered", in the publication's transaction (a refused step rolls it back), once per
    // publication; only what the public page shows, and the item's codes upstream.
    json::object codes;
    for (const auto& e : store::external_codes_of(c, "feedback_item", f.id)) codes[e.system] = e.code;
    service::emit_event(c, "feedback_answered", "feedback_answered:" + std::to_string(f.id) + ":" + *f.published_at,
                        json::object{{"feedback_id", f.id},
                                     {"code", f.code},
                                     {"kind", f.kind},
                                     {"field", f.field},
                                     {"lead_unit_id", nullable(f.lead_unit_id)},
                                     {"public_title", nullable(f.public_title)},
                                     {"answer", nullable(f.public_answer)},
                                     {"answered_on", today(ctx)},
                                     {"first_answered_on", *f.first_published_on},
                                     {"answer_due", effective_due(f)},
                                     {"on_time", *f.first_published_on <= effective_due(f)},
                                     {"external_codes", std::move(codes)}},
                        ctx.now);
    return FeedbackAction::approve;
  });
}

// Staff write the public version: the title and text with names, phone numbers and offensive words taken
// out (the received words stay as they came), and whether the sender's name is shown.
Response moderate(Context& ctx) {
  return act(ctx, "moderate", [&](const json::object& b, store::FeedbackItem& f, store::Connection&) {
    const auto title = required_string(b, "public_title", 300);
    const auto text = required_string(b, "public_text", static_cast<size_t>(ctx.config.feedback_limits.max_text_chars));
    const bool hide_name = optional_bool(b, "public_anonymous").value_or(true);
    for (const auto& [field, value] : {std::pair{"public_title", title}, std::pair{"public_text", text}}) {
      switch (domain::check_moderation(value, f.anonymous, hide_name)) {
        case domain::ModerationRefusal::contact_in_text:
          throw bad_request(field, label(field) +
                                       " còn số điện thoại hoặc địa chỉ thư điện tử; hãy che đi trước khi "
                                       "công khai.");
        case domain::ModerationRefusal::named_against_wish:
          throw bad_request("public_anonymous", "Người gửi đã chọn ẩn danh: không được công khai tên người gửi (" +
                                                    label("public_anonymous") + ").");
        case domain::ModerationRefusal::none:
          break;
      }
    }
    f.public_title = title;
    f.public_text = text;
    f.public_anonymous = hide_name;
    f.moderated_on = today(ctx);
    f.moderated_by = ctx.user().user_id;
    return FeedbackAction::moderate;
  });
}

Response extend(Context& ctx) {
  return act(ctx, "extend", [&](const json::object& b, store::FeedbackItem& f, store::Connection& c) {
    f.extension_reason = required_string(b, "reason", 2000);
    f.extended_on = today(ctx);
    f.extended_due = domain::iso(
        domain::extended_due(ctx.config.feedback_deadlines, holidays(c), *domain::parse_iso_date(f.answer_due)));
    // Extended after a reopening, the new answer's day moves instead (R1 is settled by then).
    f.owed_by = f.reopened_on ? domain::iso(domain::extended_due(ctx.config.feedback_deadlines, holidays(c),
                                                                 *domain::parse_iso_date(f.owed_by)))
                              : *f.extended_due;
    return FeedbackAction::extend;
  });
}

Response reopen(Context& ctx) {
  return act(ctx, "reopen", [&](const json::object& b, store::FeedbackItem& f, store::Connection& c) {
    f.reopen_reason = required_string(b, "reason", 2000);
    f.reopen_late = optional_bool(b, "late").value_or(false);
    f.reopened_on = today(ctx);
    owe_again(ctx, c, f);
    return FeedbackAction::reopen;
  });
}

// Links an item to a plan's task it concerns, or ends the link (ending one that is not there changes nothing, as
// a DELETE may be sent again): whoever may handle the item (its scope), any task of the city's plans. Not a
// workflow step: the item's state and version stay; the audit log keeps each change.
Response change_task_link(Context& ctx, bool link) {
  const auto b = link ? parse_body(ctx.req) : json::object{};
  return ctx.db.write([&](store::Connection& c) {
    const auto f = item_in_scope(ctx, c);  // out of scope is "not found" before anything about the body
    const auto task_id = link ? optional_int(b, "task_id", 1, INT64_MAX) : std::optional(ctx.path_id("task_id"));
    if (!task_id) throw bad_request("task_id", "Trường " + label("task_id") + " là bắt buộc.");
    if (link && !store::find_task(c, *task_id)) throw bad_request("task_id", "Không tìm thấy nhiệm vụ này.");
    const auto at = domain::iso(ctx.now);
    const bool changed = link ? store::link_feedback_task(c, f.id, *task_id, ctx.user().user_id, at)
                              : store::unlink_feedback_task(c, f.id, *task_id, ctx.user().user_id, at);
    if (changed)
      audit(ctx, c, "feedback_item", f.id, link ? "link_task" : "unlink_task", nullptr,
            json::object{{"task_id", *task_id}});
    return json_response(200, detail_json(ctx, c, f));
  });
}

// The adoption branch of an initiative, a solution or a product order: proposed for adoption by its lead unit or
// the standing agency, then adopted (into a plan task — linked to the item, so the task's page shows it — or a
// change of policy) or not adopted with its reason, by the standing agency, once. The answer's workflow goes on
// beside it.
Response adopt(Context& ctx) {
  const auto b = parse_body(ctx.req);
  return ctx.db.write([&](store::Connection& c) {
    auto f = item_in_scope(ctx, c);  // out of scope is "not found" before anything about the body
    const auto version = optional_int(b, "version", 1, INT64_MAX);
    if (!version) throw bad_request("version", "Trường " + label("version") + " là bắt buộc.");
    const auto name = required_string(b, "action", 20);
    const auto action = name == "propose"  ? std::optional(domain::AdoptionAction::propose)
                        : name == "adopt"  ? std::optional(domain::AdoptionAction::adopt)
                        : name == "reject" ? std::optional(domain::AdoptionAction::reject)
                                           : std::nullopt;
    if (!action) throw bad_request("action", "Giá trị của " + label("action") + " không hợp lệ.");
    const auto from = f.adoption ? domain::adoption_from(*f.adoption) : std::nullopt;
    auto refusal = domain::FeedbackRefusal::wrong_actor;
    std::optional<domain::Adoption> to;
    const auto actors = actors_of(ctx.user(), f);
    for (auto actor : actors.empty() ? std::vector<FeedbackActor>{FeedbackActor::other} : actors) {
      const auto step = domain::adoption_step(*domain::feedback_kind_from(f.kind),
                                              *domain::feedback_state_from(f.state), from, *action, actor);
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
        throw conflict(!from && *action != domain::AdoptionAction::propose
                           ? "Sáng kiến chưa được đề xuất áp dụng nên chưa thể quyết định."
                       : from && *from != domain::Adoption::proposed
                           ? "Sáng kiến đã có quyết định áp dụng; quyết định không thay đổi được."
                       : from ? "Sáng kiến đã được đề xuất áp dụng."
                              : "Phản ánh đang ở trạng thái «" + state_name(f.state) +
                                    "»: chỉ sáng kiến đã được thụ lý mới được đề xuất áp dụng.");
      throw forbidden(*action == domain::AdoptionAction::propose
                          ? "Chỉ đơn vị chủ trì xử lý hoặc cơ quan thường trực được đề xuất áp dụng sáng kiến này."
                          : "Chỉ cơ quan thường trực được quyết định áp dụng sáng kiến.");
    }
    const auto before = f;
    f.adoption = std::string(domain::to_string(*to));
    if (*action == domain::AdoptionAction::propose) {
      f.proposed_on = today(ctx);
      f.proposed_by = ctx.user().user_id;
      f.adoption_reason = optional_string(b, "reason", 2000);
    } else {
      f.adoption_decided_on = today(ctx);
      f.adoption_decided_by = ctx.user().user_id;
      f.adoption_reason = optional_string(b, "reason", 2000);
      if (*action == domain::AdoptionAction::reject && !f.adoption_reason)
        throw bad_request("reason", "Cần nêu " + label("reason") + " khi không áp dụng.");
      if (*action == domain::AdoptionAction::adopt) {
        f.adopted_task_id = optional_int(b, "task_id", 1, INT64_MAX);
        f.policy_change = optional_string(b, "policy_change", 2000);
        if (!f.adopted_task_id && !f.policy_change)
          throw bad_request("task_id",
                            "Cần chọn nhiệm vụ hoặc ghi thay đổi chính sách mà sáng kiến được áp dụng vào (" +
                                label("task_id") + ").");
        if (f.adopted_task_id) {
          if (!store::find_task(c, *f.adopted_task_id)) throw bad_request("task_id", "Không tìm thấy nhiệm vụ này.");
          store::link_feedback_task(c, f.id, *f.adopted_task_id, ctx.user().user_id, domain::iso(ctx.now));
        }
      }
    }
    if (f.version != *version || !store::update_feedback(c, f, *version))
      throw conflict("Phản ánh đã được người khác thay đổi; vui lòng tải lại.", "version");
    const auto saved = *store::find_feedback(c, f.id);
    audit(ctx, c, "feedback_item", f.id, "adoption_" + name,
          json::object{{"adoption", nullable(before.adoption)}, {"version", before.version}},
          json::object{{"adoption", nullable(saved.adoption)},
                       {"adopted_task_id", nullable(saved.adopted_task_id)},
                       {"version", saved.version}});
    return json_response(200, detail_json(ctx, c, saved));
  });
}

// The city's plans with their tasks' names and statuses as of today, for the public page's choice of the task an
// item concerns (nothing internal: no unit's report, note or person).
Response public_plans(Context& ctx) {
  return ctx.db.read([&](store::Connection& c) {
    json::array plans;
    for (const auto& p : service::public_plans(c, domain::vietnam_date(ctx.now), ctx.now)) {
      json::array tasks;
      for (const auto& t : p.tasks)
        tasks.push_back(
            json::object{{"id", t.id}, {"code", t.code}, {"name", t.name}, {"field", t.field}, {"status", t.status}});
      plans.push_back(
          json::object{{"id", p.id}, {"number", p.number}, {"title", p.title}, {"tasks", std::move(tasks)}});
    }
    auto res = json_response(200, json::object{{"items", std::move(plans)}});
    res.headers.emplace_back("Cache-Control", "public, max-age=300");  // the same for everyone within minutes
    return res;
  });
}

// --- figures ---

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

// The figures of the items in `scope` (nothing: the whole city), grouped by the lead unit each item had on the
// request's date (its history of lead units, R15), as of that date. An item is in a unit's scope when the
// unit's subtree received it or led it on that date.
Response figures_in(Context& ctx, const std::optional<std::string>& scope) {
  const auto as_of = ctx.as_of();
  store::FeedbackFilter filter;
  // An item belongs to the period of the day it was received.
  for (const char* bound : {"from", "to"}) {
    if (auto s = query_string(ctx.req, bound)) {
      if (!domain::parse_iso_date(*s))
        throw bad_request(bound, "Tham số " + label(bound) + " phải là ngày dạng YYYY-MM-DD.");
      (std::string(bound) == "from" ? filter.received_from : filter.received_to) = *s;
    }
  }
  return ctx.db.read([&](store::Connection& c) {
    const auto kept = service::feedback_figures_kept(c, filter, as_of, scope);
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
    out["from"] = nullable(filter.received_from);
    out["to"] = nullable(filter.received_to);
    out["total"] = figures_json(figures.total);
    out["units"] = std::move(units);
    return json_response(200, out);
  });
}

Response figures(Context& ctx) { return figures_in(ctx, ctx.user().scope_path()); }

// For everyone: the city's and each unit's figures, and the answers published with the moderated version of
// the question (never the received words, never a contact; the name only when staff chose to show it).
Response public_figures(Context& ctx) { return figures_in(ctx, std::nullopt); }

Response answered(Context& ctx) {
  store::FeedbackFilter filter;
  filter.state = "published";
  const auto page = query_page(ctx.req);
  return ctx.db.read([&](store::Connection& c) {
    long long total = 0;
    json::array items;
    for (const auto& f : store::list_feedback(c, filter, page.limit, page.offset, &total)) {
      json::object o;
      o["code"] = f.code;
      o["kind"] = f.kind;
      o["field"] = f.field;
      o["lead_unit_name"] = nullable(f.lead_unit_name);
      o["title"] = nullable(f.public_title);
      o["text"] = nullable(f.public_text);
      o["sender_name"] = public_sender(ctx, f);
      o["received_on"] = f.received_on;
      o["answered_on"] = nullable(f.first_published_on);
      o["on_time"] = f.first_published_on && *f.first_published_on <= effective_due(f);
      o["answer"] = nullable(f.public_answer);
      items.push_back(std::move(o));
    }
    return list_response(std::move(items), total);
  });
}

}  // namespace

void register_feedback(Router& r) {
  r.add("POST", "/api/v1/public/feedback", std::nullopt, submit);
  r.add("GET", "/api/v1/public/feedback/{code}", std::nullopt, lookup);
  r.add("POST", "/api/v1/public/feedback/{code}/rating", std::nullopt, rate);
  r.add("GET", "/api/v1/public/feedback-figures", std::nullopt, public_figures);
  r.add("GET", "/api/v1/public/answered-feedback", std::nullopt, answered);
  r.add("GET", "/api/v1/feedback", Permission::read_unit_data, list_items);
  r.add("POST", "/api/v1/feedback", Permission::handle_feedback, enter);
  r.add("GET", "/api/v1/feedback/{id}", Permission::read_unit_data, get_item);
  r.add("POST", "/api/v1/feedback/{id}/classify", Permission::handle_feedback, classify);
  r.add("POST", "/api/v1/feedback/{id}/assign", Permission::handle_feedback, assign);
  r.add("POST", "/api/v1/feedback/{id}/answer", Permission::handle_feedback, answer);
  r.add("POST", "/api/v1/feedback/{id}/send-back", Permission::handle_feedback, send_back);
  r.add("POST", "/api/v1/feedback/{id}/approve", Permission::handle_feedback, approve);
  r.add("POST", "/api/v1/feedback/{id}/extend", Permission::handle_feedback, extend);
  r.add("POST", "/api/v1/feedback/{id}/reopen", Permission::handle_feedback, reopen);
  r.add("POST", "/api/v1/feedback/{id}/moderate", Permission::handle_feedback, moderate);
  r.add("POST", "/api/v1/feedback/{id}/tasks", Permission::handle_feedback,
        [](Context& ctx) { return change_task_link(ctx, true); });
  r.add("DELETE", "/api/v1/feedback/{id}/tasks/{task_id}", Permission::handle_feedback,
        [](Context& ctx) { return change_task_link(ctx, false); });
  r.add("POST", "/api/v1/feedback/{id}/adoption", Permission::handle_feedback, adopt);
  r.add("GET", "/api/v1/public/plans", std::nullopt, public_plans);
  r.add("GET", "/api/v1/feedback-figures", Permission::read_unit_data, figures);
}

}  // namespace tiendo::api
