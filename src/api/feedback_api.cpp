// Feedback and satisfaction (issue 15) over HTTP: the public page's submission, lookup and rating (no login), and
// the staff inbox. Each route parses its request, calls one use case of service/feedback (the workflow, its checks
// and its SQL calls) and answers with what it returns.
#include "api/json_io.h"
#include "api/router.h"
#include "service/feedback.h"
#include "service/public_plans.h"

namespace tiendo::api {

namespace json = boost::json;

namespace {

service::FeedbackSettings settings_of(const Context& ctx) {
  return {ctx.config.feedback_seal.get(), ctx.config.feedback_limits, ctx.config.feedback_deadlines,
          ctx.config.public_url, &ctx.config.smtp};
}

// One use case's call from a request: the transaction's connection, the person (nobody on the public routes), the
// server's instant, and the installation's feedback settings.
struct FeedbackCall : UseCaseCall {
  service::FeedbackSettings settings;
};
FeedbackCall feedback_call(const Context& ctx) {
  return {{ctx.principal ? ctx.principal->actor() : service::Actor{}, ctx}, settings_of(ctx)};
}

template <class E>
E required_enum(const json::object& b, const std::string& field, std::optional<E> (*from)(std::string_view)) {
  const auto v = from(required_string(b, field, 40));
  if (!v) throw bad_request(field, "Giá trị của " + label(field) + " không hợp lệ.");
  return *v;
}

// --- public ---

service::NewFeedback new_feedback(const Context& ctx, const json::object& b, domain::FeedbackChannel channel) {
  service::NewFeedback in;
  in.channel = channel;
  in.kind = required_enum(b, "kind", domain::feedback_kind_from);
  in.sender_type = required_enum(b, "sender_type", domain::sender_type_from);
  in.field = required_string(b, "field", 200);
  in.title = required_string(b, "title", 300);
  in.text = required_string(b, "text", static_cast<size_t>(ctx.config.feedback_limits.max_text_chars));
  in.name = required_string(b, "name", 200);
  in.contact = required_string(b, "contact", 254);
  in.consent = optional_bool(b, "consent");
  in.anonymous = optional_bool(b, "anonymous").value_or(false);
  if (channel != domain::FeedbackChannel::web) in.external_ref = optional_string(b, "external_ref", 100);
  in.task_id = optional_int(b, "task_id", 1, INT64_MAX);
  in.remote_address = ctx.req.remote_address;
  return in;
}

Response submit(Context& ctx) {
  const auto in = new_feedback(ctx, parse_body(ctx.req), domain::FeedbackChannel::web);
  const auto call = feedback_call(ctx);
  std::optional<service::Intake> received;
  auto res = ctx.db.write([&](store::Connection& c) {
    const auto& got = received.emplace(service::receive_feedback(call.on(c), call.settings, in));
    json::object o;
    o["code"] = got.item.code;
    o["rating_token"] = got.token;
    o["status"] = "received";
    o["received_on"] = got.item.received_on;
    o["expected_answer_date"] = got.item.answer_due;
    o["link"] = got.link;
    o["emailed"] = got.emailed;
    return json_response(201, o);
  });
  if (received) service::mail_feedback_link(call.settings, *received);
  return res;
}

// A desk enters an item received by letter, phone, a meeting, the one-stop desk or pakn.nq57.vn (with its
// reference); the rating link is given to pass on to the sender.
Response enter(Context& ctx) {
  const auto b = parse_body(ctx.req);
  const auto channel = required_enum(
      b, "channel", +[](std::string_view v) {
        const auto c = domain::feedback_channel_from(v);
        return c && *c != domain::FeedbackChannel::web ? c : std::nullopt;
      });
  const auto in = new_feedback(ctx, b, channel);
  const auto call = feedback_call(ctx);
  std::optional<service::Intake> received;
  auto res = ctx.db.write([&](store::Connection& c) {
    const auto& got = received.emplace(service::receive_feedback(call.on(c), call.settings, in));
    auto o = service::feedback_row(call.who, ctx.now, call.settings, got.item);
    o["rating_token"] = got.token;
    o["link"] = got.link;
    o["emailed"] = got.emailed;
    return json_response(201, o);
  });
  if (received) service::mail_feedback_link(call.settings, *received);
  return res;
}

Response lookup(Context& ctx) {
  const auto code = ctx.path_params.at("code");
  const auto settings = settings_of(ctx);
  return ctx.db.read(
      [&](store::Connection& c) { return json_response(200, service::feedback_public_view(c, settings, code)); });
}

Response rate(Context& ctx) {
  const auto b = parse_body(ctx.req);
  service::Rating in;
  in.token = required_string(b, "token", 100);
  in.rating = required_enum(b, "rating", domain::feedback_rating_from);
  in.reason = optional_string(b, "reason", 2000);
  in.late = optional_bool(b, "late").value_or(false);
  const auto code = ctx.path_params.at("code");
  const auto call = feedback_call(ctx);
  return ctx.db.write([&](store::Connection& c) {
    return json_response(200, service::rate_feedback(call.on(c), call.settings, code, in));
  });
}

Response answered(Context& ctx) {
  const auto page = query_page(ctx.req);
  const auto settings = settings_of(ctx);
  return ctx.db.read([&](store::Connection& c) {
    auto found = service::answered_feedback(c, settings, page);
    return list_response(std::move(found.items), found.total);
  });
}

// --- staff ---

Response list_items(Context& ctx) {
  service::FeedbackQuery q;
  q.state = query_string(ctx.req, "state");
  q.urgency = query_string(ctx.req, "urgency");
  q.task_id = query_id(ctx.req, "task_id");
  q.adoption = query_string(ctx.req, "adoption");
  q.page = query_page(ctx.req);
  const auto call = feedback_call(ctx);
  return ctx.db.read([&](store::Connection& c) {
    auto found = service::list_feedback_items(call.on(c), call.settings, q);
    return list_response(std::move(found.items), found.total);
  });
}

Response get_item(Context& ctx) {
  const auto call = feedback_call(ctx);
  return ctx.db.read([&](store::Connection& c) {
    const auto on = call.on(c);
    return json_response(
        200, service::feedback_detail(on, call.settings, service::feedback_item(c, call.who, ctx.path_id())));
  });
}

// One step on an item: out of scope is "not found" before anything about the body; then the version it was read
// at, then the step's own fields (`run` reads them and calls the use case).
template <class Run>
Response step(Context& ctx, Run&& run) {
  const auto b = parse_body(ctx.req);
  const auto call = feedback_call(ctx);
  return ctx.db.write([&](store::Connection& c) {
    auto f = service::feedback_item(c, call.who, ctx.path_id());
    const auto version = optional_int(b, "version", 1, INT64_MAX);
    if (!version) throw bad_request("version", "Trường " + label("version") + " là bắt buộc.");
    return json_response(200, run(call.on(c), call.settings, std::move(f), *version, b));
  });
}

using Item = store::FeedbackItem;
using Settings = service::FeedbackSettings;

Response classify(Context& ctx) {
  return step(ctx, [](const service::Call& call, const Settings& s, Item f, long long version, const json::object& b) {
    service::Classification in;
    in.outcome = required_string(b, "outcome", 40);
    in.reason = optional_string(b, "reason", 2000);
    if (in.outcome == "merged") in.merged_into_code = required_string(b, "merged_into_code", 40);
    if (in.outcome == "forwarded") in.forwarded_to = required_string(b, "forwarded_to", 300);
    return service::classify_feedback(call, s, std::move(f), version, in);
  });
}

Response assign(Context& ctx) {
  return step(ctx, [](const service::Call& call, const Settings& s, Item f, long long version, const json::object& b) {
    service::LeadAssignment in;
    const auto unit_id = optional_int(b, "lead_unit_id", 1, INT64_MAX);
    if (!unit_id) throw bad_request("lead_unit_id", "Trường " + label("lead_unit_id") + " là bắt buộc.");
    in.lead_unit_id = *unit_id;
    if (const auto it = b.find("coordinating_unit_ids"); it != b.end() && !it->value().is_null()) {
      if (!it->value().is_array())
        throw bad_request("coordinating_unit_ids", label("coordinating_unit_ids") + " phải là danh sách đơn vị.");
      auto& ids = in.coordinating_unit_ids.emplace();
      // An entry that is not a whole number names no unit (0), refused as a unit not found.
      for (const auto& v : it->value().as_array()) ids.push_back(v.is_int64() ? v.as_int64() : 0);
    }
    return service::assign_feedback(call, s, std::move(f), version, in);
  });
}

Response answer(Context& ctx) {
  return step(ctx, [](const service::Call& call, const Settings& s, Item f, long long version, const json::object& b) {
    service::DraftAnswer in;
    in.answer = required_string(b, "answer", 20000);
    in.internal_note = optional_string(b, "internal_note", 5000);
    return service::draft_feedback_answer(call, s, std::move(f), version, in);
  });
}

Response send_back(Context& ctx) {
  return step(ctx, [](const service::Call& call, const Settings& s, Item f, long long version, const json::object& b) {
    return service::send_feedback_back(call, s, std::move(f), version, required_string(b, "reason", 2000));
  });
}

Response approve(Context& ctx) {
  return step(ctx, [](const service::Call& call, const Settings& s, Item f, long long version, const json::object&) {
    return service::approve_feedback(call, s, std::move(f), version);
  });
}

Response moderate(Context& ctx) {
  const auto max_text = static_cast<size_t>(ctx.config.feedback_limits.max_text_chars);
  return step(ctx, [&](const service::Call& call, const Settings& s, Item f, long long version, const json::object& b) {
    service::Moderation in;
    in.public_title = required_string(b, "public_title", 300);
    in.public_text = required_string(b, "public_text", max_text);
    in.public_anonymous = optional_bool(b, "public_anonymous").value_or(true);
    return service::moderate_feedback(call, s, std::move(f), version, in);
  });
}

Response extend(Context& ctx) {
  return step(ctx, [](const service::Call& call, const Settings& s, Item f, long long version, const json::object& b) {
    return service::extend_feedback(call, s, std::move(f), version, required_string(b, "reason", 2000));
  });
}

Response reopen(Context& ctx) {
  return step(ctx, [](const service::Call& call, const Settings& s, Item f, long long version, const json::object& b) {
    const auto reason = required_string(b, "reason", 2000);
    return service::reopen_feedback(call, s, std::move(f), version, reason, optional_bool(b, "late").value_or(false));
  });
}

Response change_task_link(Context& ctx, bool link) {
  const auto b = link ? parse_body(ctx.req) : json::object{};
  const auto call = feedback_call(ctx);
  return ctx.db.write([&](store::Connection& c) {
    const auto f = service::feedback_item(c, call.who, ctx.path_id());  // before anything about the body
    const auto task_id = link ? optional_int(b, "task_id", 1, INT64_MAX) : std::optional(ctx.path_id("task_id"));
    if (!task_id) throw bad_request("task_id", "Trường " + label("task_id") + " là bắt buộc.");
    return json_response(200, service::change_feedback_task(call.on(c), call.settings, f, *task_id, link));
  });
}

Response adopt(Context& ctx) {
  return step(ctx, [](const service::Call& call, const Settings& s, Item f, long long version, const json::object& b) {
    service::AdoptionInput in;
    const auto name = required_string(b, "action", 20);
    if (name == "propose") {
      in.action = domain::AdoptionAction::propose;
    } else if (name == "adopt") {
      in.action = domain::AdoptionAction::adopt;
      in.task_id = optional_int(b, "task_id", 1, INT64_MAX);
      in.policy_change = optional_string(b, "policy_change", 2000);
    } else if (name == "reject") {
      in.action = domain::AdoptionAction::reject;
    } else {
      throw bad_request("action", "Giá trị của " + label("action") + " không hợp lệ.");
    }
    in.reason = optional_string(b, "reason", 2000);
    return service::decide_adoption(call, s, std::move(f), version, in);
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
    return json_response(200, service::feedback_figures_answer(c, filter, as_of, scope));
  });
}

Response figures(Context& ctx) { return figures_in(ctx, ctx.user().scope_path()); }

// For everyone: the city's and each unit's figures, and the answers published with the moderated version of
// the question (never the received words, never a contact; the name only when staff chose to show it).
Response public_figures(Context& ctx) { return figures_in(ctx, std::nullopt); }

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
