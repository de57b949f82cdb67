// State-funded S&T tasks (issue 16): the register (Sở KH&CN and the managing units), each task's life
// through its stages with the document behind every step, execution events (advances, settlements,
// inspections, the one extension, adjustments), the host's monthly updates, the figures as of a date with
// the rows behind every number, the versioned rules, and the public page of accepted results. Who may take
// which step and every rule is domain/st_task; a host organisation's users see only the tasks it hosts.
#include <algorithm>
#include <functional>
#include <limits>
#include <map>
#include <tuple>

#include "api/gzip.h"
#include "api/http.h"
#include "api/item_scope.h"
#include "api/json_io.h"
#include "api/router.h"
#include "api/static_files.h"
#include "domain/st_task.h"
#include "domain/text.h"
#include "formats/xlsx_writer.h"
#include "service/st_figures.h"
#include "service/st_model.h"
#include "service/st_register.h"
#include "store/plan_store.h"
#include "store/st_task_store.h"

namespace tiendo::api {

namespace json = boost::json;

bool st_task_in_scope(const Principal& p, const store::StTask& t) {
  return p.in_scope(t.host_unit_path) || p.in_scope(t.managing_unit_path);
}

namespace {

using domain::StActor;
using domain::StStage;

std::string stage_label(const std::string& s) {
  const auto st = domain::st_stage_from(s);
  return st ? std::string(domain::st_stage_label(*st)) : s;
}

// The capacities a person holds on one task: the standing agency (Sở KH&CN) and the managing unit's staff
// manage it; the host role's officers of its host organisation (or of the university above the institute
// hosting it) are its host.
std::vector<StActor> actors_of(const Principal& p, const store::StTask& t) {
  std::vector<StActor> out;
  if (p.role == Role::admin || p.role == Role::standing_agency) out.push_back(StActor::managing_agency);
  const bool officer = p.role == Role::unit_head || p.role == Role::focal_point;
  if (officer && t.managing_unit_path.starts_with(p.unit_path)) out.push_back(StActor::managing_agency);
  if (p.role == Role::host && t.host_unit_path.starts_with(p.unit_path)) out.push_back(StActor::host);
  if (out.empty()) out.push_back(StActor::other);
  return out;
}
bool manages(const std::vector<StActor>& actors) {
  return std::find(actors.begin(), actors.end(), StActor::managing_agency) != actors.end();
}

json::value opt_date(const std::optional<domain::Date>& d) { return d ? json::value(domain::iso(*d)) : nullptr; }

json::object overdue_json(const domain::StOverdue& o, const store::StTask& t) {
  json::object x;
  x["task_id"] = t.id;
  x["code"] = t.code;
  x["title"] = t.title;
  x["kind"] = std::string(domain::to_string(o.kind));
  x["stage"] = std::string(domain::to_string(o.stage));
  x["due"] = domain::iso(o.due);
  x["days_late"] = o.days_late;
  return x;
}

// The register entry with what the task's life says of it as of `as_of`.
json::object task_json(const store::StTask& t, const domain::StTaskFacts& f, const domain::StRuleBook& book,
                       domain::Date as_of) {
  const auto s = domain::st_state_as_of(f, as_of);
  json::object o;
  o["id"] = t.id;
  o["code"] = t.code;
  o["national_code"] = nullable(t.national_code);
  o["national_code_on"] = nullable(t.national_code_on);
  o["registration_no"] = nullable(t.registration_no);
  o["title"] = t.title;
  o["level"] = t.level;
  o["kind"] = t.kind;
  o["mode"] = t.mode;
  o["problem"] = t.problem;
  o["sector"] = t.sector;
  o["host_unit_id"] = t.host_unit_id;
  o["host_unit_name"] = t.host_unit_name;
  o["principal_investigator"] = t.principal_investigator;
  o["managing_unit_id"] = t.managing_unit_id;
  o["managing_unit_name"] = t.managing_unit_name;
  o["budget_nsnn"] = t.budget_nsnn;
  o["budget_other"] = t.budget_other;
  o["start_date"] = nullable(t.start_date);
  o["end_date"] = nullable(t.end_date);
  o["uptake_plan"] = t.uptake_plan;
  o["ip_plan"] = t.ip_plan;
  o["summary"] = t.summary;
  json::array products;
  for (const auto& p : t.products) {
    products.push_back({{"name", p.name},
                        {"product_type", p.product_type},
                        {"quantity", p.quantity},
                        {"quality_spec", p.quality_spec}});
  }
  o["products"] = std::move(products);
  json::array years;
  for (const auto& y : t.years) years.push_back({{"year", y.year}, {"budget_nsnn", y.budget_nsnn}});
  o["years"] = std::move(years);
  o["stage"] = s.known ? std::string(domain::to_string(s.stage)) : t.stage;
  o["stage_label"] = stage_label(o["stage"].as_string().c_str());
  o["stage_since"] = s.known ? json::value(domain::iso(s.since)) : nullptr;
  o["end_effective"] = opt_date(s.end);
  o["extended"] = s.extended;
  o["advanced"] = s.money.advanced;
  o["settled"] = s.money.settled;
  o["tranche_blocked"] = domain::st_tranche_blocked(book.at(as_of), s.money);
  o["rating"] = s.rating ? json::value(std::string(domain::to_string(*s.rating))) : nullptr;
  json::array overdue;
  for (const auto& x : domain::st_overdue(book, f, as_of)) overdue.push_back(overdue_json(x, t));
  o["overdue"] = std::move(overdue);
  o["version"] = t.version;
  return o;
}

json::object event_json(const store::StEvent& e) {
  json::object o;
  o["id"] = e.id;
  o["kind"] = e.kind;
  o["from_stage"] = nullable(e.from_stage);
  o["to_stage"] = nullable(e.to_stage);
  o["to_stage_label"] = e.to_stage ? json::value(stage_label(*e.to_stage)) : nullptr;
  o["doc_number"] = e.doc_number;
  o["doc_date"] = e.doc_date;
  o["signer_name"] = e.signer_name;
  o["signer_position"] = e.signer_position;
  o["file_ref"] = e.file_ref;
  o["amount"] = e.amount;
  o["new_end"] = nullable(e.new_end);
  o["requested_on"] = nullable(e.requested_on);
  o["rating"] = nullable(e.rating);
  o["votes_xuat_sac"] = nullable(e.votes_xuat_sac);
  o["votes_dat"] = nullable(e.votes_dat);
  o["votes_khong_dat"] = nullable(e.votes_khong_dat);
  o["note"] = e.note;
  o["recorded_at"] = e.recorded_at;
  o["recorded_on"] = e.recorded_on;
  return o;
}

json::object plan_link_json(const store::StPlanLink& l) {
  return {{"id", l.id},
          {"assignment_id", l.assignment_id},
          {"task_code", l.task_code},
          {"task_name", l.task_name},
          {"unit_id", l.unit_id},
          {"unit_name", l.unit_name},
          {"valid_from", l.valid_from},
          {"valid_to", nullable(l.valid_to)}};
}

json::object update_json(const store::StUpdate& u) {
  json::object o;
  o["id"] = u.id;
  o["year"] = u.year;
  o["month"] = u.month;
  o["progress_percent"] = u.progress_percent;
  o["products_delivered"] = u.products_delivered;
  o["spent_to_date"] = u.spent_to_date;
  o["problems"] = u.problems;
  o["evidence"] = u.evidence;
  o["recorded_at"] = u.recorded_at;
  o["recorded_on"] = u.recorded_on;
  return o;
}

store::StTask task_in_scope(Context& ctx, store::Connection& c) {
  auto t = store::find_st_task(c, ctx.path_id());
  if (!t || !st_task_in_scope(ctx.user(), *t)) throw not_found("nhiệm vụ khoa học và công nghệ");
  return *t;
}

json::object detail_json(Context& ctx, store::Connection& c, const store::StTask& t) {
  const auto events = store::list_st_events(c, t.id);
  const auto updates = store::list_st_updates(c, t.id);
  const auto estimates = store::list_st_estimates(c, t.id);
  const auto book = service::st_rule_book(c);
  const auto as_of = ctx.as_of();
  const auto facts = service::st_task_facts(t, events, updates, estimates);
  auto o = task_json(t, facts, book, as_of);
  // Each year's estimate as known at the end of the day asked, with the day it was entered.
  std::map<int, const store::StEstimate*> by_year;
  for (const auto& e : estimates) {
    if (e.entered_on <= domain::iso(as_of)) by_year[e.year] = &e;
  }
  json::array est;
  for (const auto& [year, e] : by_year)
    est.push_back({{"year", year}, {"amount", e->amount}, {"entered_on", e->entered_on}});
  o["estimates"] = std::move(est);
  json::array ev, up;
  for (const auto& e : events) {
    if (e.recorded_on <= domain::iso(as_of)) ev.push_back(event_json(e));
  }
  for (const auto& u : updates) {
    if (u.recorded_on <= domain::iso(as_of)) up.push_back(update_json(u));
  }
  o["events"] = std::move(ev);
  o["updates"] = std::move(up);
  // What the caller may do next, from the stage as it is now.
  const auto actors = actors_of(ctx.user(), t);
  const auto stage = *domain::st_stage_from(t.stage);
  json::array next, kinds;
  std::vector<StStage> seen;
  for (auto a : actors) {
    for (auto s : domain::st_next_stages(stage, a)) {
      if (std::find(seen.begin(), seen.end(), s) != seen.end()) continue;
      seen.push_back(s);
      next.push_back({{"stage", std::string(domain::to_string(s))}, {"label", std::string(domain::st_stage_label(s))}});
    }
  }
  for (auto k : {domain::StEventKind::tam_ung, domain::StEventKind::thanh_toan, domain::StEventKind::kiem_tra,
                 domain::StEventKind::gia_han, domain::StEventKind::dieu_chinh}) {
    if (manages(actors) && domain::st_event_allowed(stage, k, StActor::managing_agency))
      kinds.push_back(json::value(std::string(domain::to_string(k))));
  }
  o["next_stages"] = std::move(next);
  o["allowed_events"] = std::move(kinds);
  o["can_update_monthly"] =
      domain::st_monthly_update_open(stage) && (manages(actors) || actors.front() == StActor::host);
  // The month a monthly update is for, by the server's clock in Hải Phòng: never the device's (a phone set to
  // another date, or a page left open over the month's end, would otherwise file it under the wrong month).
  const auto today = domain::vietnam_date(ctx.now);
  o["update_month"] = domain::iso(today).substr(0, 7);
  // The plan assignments it has been one of (service/st_plan_link), oldest first; the holding one has no end.
  json::array links;
  store::StPlanLinkFilter lf;
  lf.st_task_id = t.id;
  for (const auto& l : store::list_st_plan_links(c, lf)) links.push_back(plan_link_json(l));
  o["plan_links"] = std::move(links);
  return o;
}

// --- the register ---

std::string required_choice(const json::object& b, const std::string& field, std::initializer_list<const char*> ok) {
  const auto v = required_string(b, field, 40);
  for (const char* x : ok) {
    if (v == x) return v;
  }
  throw bad_request(field, "Giá trị của " + label(field) + " không hợp lệ.");
}

long long money(const json::object& b, const std::string& field) {
  // Up to 10^15 đồng: far above any task, far below overflow in the percentage arithmetic.
  return optional_int(b, field, 0, 1'000'000'000'000'000LL).value_or(0);
}

std::optional<std::string> date_field(const json::object& b, const std::string& field) {
  const auto d = optional_date(b, field);
  return d ? std::optional(domain::iso(*d)) : std::nullopt;
}

store::Unit unit_of_kind(store::Connection& c, const json::object& b, const std::string& field, bool host) {
  const auto id = optional_int(b, field, 1, std::numeric_limits<long long>::max());
  if (!id) throw bad_request(field, "Cần chọn " + label(field) + ".");
  const auto u = store::find_unit(c, *id);
  if (!u || (u->kind == domain::kHostOrgKind) != host || u->kind == domain::kHostRootKind)
    throw bad_request(field, label(field) + " không hợp lệ" +
                                 (host ? " (phải là một tổ chức chủ trì)." : " (phải là một cơ quan, đơn vị)."));
  return *u;
}

// The register fields of a body, checked; the managing unit must lie within the caller's subtree.
void read_register(Context& ctx, store::Connection& c, const json::object& b, store::StTask& t) {
  t.code = required_string(b, "code", 60);
  t.title = required_string(b, "title", 500);
  t.level = required_choice(b, "level", {"quoc_gia", "bo", "tinh", "co_so"});
  t.kind = required_choice(b, "kind", {"de_tai", "du_an_sxtn", "de_an", "du_an_khcn", "nhiem_vu_dmst"});
  t.mode = required_choice(b, "mode", {"dat_hang", "xet_tai_tro", "tuyen_chon", "giao_truc_tiep"});
  t.national_code = optional_string(b, "national_code", 60);
  t.national_code_on = date_field(b, "national_code_on");
  if (t.national_code && !t.national_code_on) t.national_code_on = domain::iso(domain::vietnam_date(ctx.now));
  if (!t.national_code) t.national_code_on.reset();
  t.registration_no = optional_string(b, "registration_no", 60);
  t.problem = optional_string(b, "problem", 2000).value_or("");
  t.sector = optional_string(b, "sector", 200).value_or("");
  t.principal_investigator = optional_string(b, "principal_investigator", 200).value_or("");
  t.uptake_plan = optional_string(b, "uptake_plan", 5000).value_or("");
  t.ip_plan = optional_string(b, "ip_plan", 5000).value_or("");
  t.summary = optional_string(b, "summary", 5000).value_or("");
  t.budget_nsnn = money(b, "budget_nsnn");
  t.budget_other = money(b, "budget_other");
  t.start_date = date_field(b, "start_date");
  t.end_date = date_field(b, "end_date");
  if (t.start_date && t.end_date && *t.end_date < *t.start_date)
    throw bad_request("end_date", label("end_date") + " phải sau " + label("start_date") + ".");
  const auto host = unit_of_kind(c, b, "host_unit_id", true);
  const auto managing = unit_of_kind(c, b, "managing_unit_id", false);
  if (!ctx.user().in_scope(managing.path)) throw forbidden("Bạn chỉ đăng ký được nhiệm vụ do đơn vị mình quản lý.");
  t.host_unit_id = host.id;
  t.managing_unit_id = managing.id;
  t.products.clear();
  if (const auto* ps = b.if_contains("products")) {
    if (!ps->is_array()) throw bad_request("products", label("products") + " phải là một danh sách.");
    for (const auto& v : ps->as_array()) {
      if (!v.is_object()) throw bad_request("products", label("products") + " phải là một danh sách.");
      const auto& p = v.as_object();
      t.products.push_back({required_string(p, "name", 500), required_string(p, "product_type", 100),
                            optional_int(p, "quantity", 1, 1'000'000).value_or(1),
                            optional_string(p, "quality_spec", 2000).value_or("")});
    }
  }
  t.years.clear();
  if (const auto* ys = b.if_contains("years")) {
    if (!ys->is_array()) throw bad_request("years", label("years") + " phải là một danh sách.");
    for (const auto& v : ys->as_array()) {
      if (!v.is_object()) throw bad_request("years", label("years") + " phải là một danh sách.");
      const auto& y = v.as_object();
      const auto year = optional_int(y, "year", 2000, 2100);
      if (!year) throw bad_request("year", "Cần " + label("year") + ".");
      t.years.push_back({static_cast<int>(*year), money(y, "budget_nsnn")});
    }
  }
}

json::object register_audit(const store::StTask& t) {
  return {{"code", t.code},
          {"title", t.title},
          {"host_unit_id", t.host_unit_id},
          {"managing_unit_id", t.managing_unit_id},
          {"budget_nsnn", t.budget_nsnn},
          {"stage", t.stage}};
}

// The document fields of a body (number, date, signer as typed, file reference).
domain::StDocument read_document(const json::object& b) {
  domain::StDocument d;
  d.number = optional_string(b, "doc_number", 100).value_or("");
  d.date = optional_date(b, "doc_date");
  d.signer_name = optional_string(b, "signer_name", 200).value_or("");
  d.signer_position = optional_string(b, "signer_position", 200).value_or("");
  d.file = optional_string(b, "file_ref", 500).value_or("");
  return d;
}

store::StEvent event_row(Context& ctx, store::Id task_id, const std::string& kind, const domain::StDocument& d,
                         const json::object& b) {
  store::StEvent e;
  e.task_id = task_id;
  e.kind = kind;
  e.doc_number = d.number;
  e.doc_date = domain::iso(*d.date);
  e.signer_name = d.signer_name;
  e.signer_position = d.signer_position;
  e.file_ref = d.file;
  e.note = optional_string(b, "note", 2000).value_or("");
  e.recorded_at = domain::iso(ctx.now);
  e.recorded_on = domain::iso(domain::vietnam_date(ctx.now));
  e.recorded_by = ctx.user().user_id;
  return e;
}

[[noreturn]] void refuse(const domain::StStepResult& r, const std::string& from, const std::string& to) {
  using R = domain::StRefusal;
  switch (r.refusal) {
    case R::missing_document:
      throw bad_request(r.field, "Cần nhập " + label(r.field) + " của văn bản làm căn cứ.");
    case R::document_in_future:
      throw bad_request(r.field, label(r.field) + " không được sau ngày hôm nay.");
    case R::document_too_early:
      throw bad_request(r.field, label(r.field) + " không được trước ngày văn bản của bước trước.");
    case R::wrong_stage:
      throw conflict("Nhiệm vụ đang ở bước «" + stage_label(from) + "», không chuyển sang «" + stage_label(to) +
                     "» được.");
    case R::wrong_actor:
      throw forbidden("Bạn không được thực hiện bước «" + stage_label(to) + "» cho nhiệm vụ này.");
    case R::rating_required:
      throw bad_request("votes_xuat_sac", "Cần nhập số phiếu đánh giá của hội đồng nghiệm thu.");
    case R::rating_mismatch:
      throw conflict("Kết quả đánh giá của hội đồng không cho phép chuyển sang «" + stage_label(to) + "».");
    case R::already_extended:
      throw conflict("Nhiệm vụ chỉ được gia hạn một lần và đã được gia hạn.");
    case R::extension_too_late:
      throw conflict("Đề nghị gia hạn phải gửi trước khi kết thúc ít nhất số tháng quy định.", "requested_on");
    case R::extension_too_long:
      throw conflict("Thời gian gia hạn vượt mức tối đa cho phép.", "new_end");
    case R::extension_not_later:
      throw bad_request("new_end", label("new_end") + " phải sau ngày kết thúc hiện tại.");
    case R::first_advance_over:
      throw conflict("Tạm ứng lần đầu vượt mức tối đa so với kinh phí ngân sách nhà nước được phê duyệt.", "amount");
    case R::advances_not_settled:
      throw conflict("Chưa được tạm ứng tiếp: các lần tạm ứng trước chưa được thanh toán đủ tỷ lệ quy định.", "amount");
    case R::settled_over_advanced:
      throw conflict("Số tiền thanh toán vượt số đã tạm ứng.", "amount");
    case R::amount_required:
      throw bad_request("amount", "Cần nhập " + label("amount") + " lớn hơn 0.");
    case R::none:
      break;
  }
  throw conflict("Không thực hiện được bước này.");
}

// The register a page at a time: the tasks in scope (and at the stage asked) in the register's order, counted
// before the page is cut, each with what its life says as of the day asked. Read from the resident model
// (service/st_model), so a page costs its own tasks, not the register's.
Response list_tasks(Context& ctx) {
  const auto scope = ctx.user().scope_path();
  const auto stage = query_string(ctx.req, "stage");
  if (stage && !domain::st_stage_from(*stage))
    throw bad_request("stage", "Giá trị của " + label("stage") + " không hợp lệ.");
  const auto page = query_page(ctx.req);
  const auto as_of = ctx.as_of();
  const auto snap = ctx.st_tasks->current(ctx.db);
  std::vector<const service::StEntry*> rows;
  for (const auto* e : snap->in_scope(scope)) {
    if (!stage || e->task.stage == *stage) rows.push_back(e);
  }
  json::array items;
  const auto first = std::min(static_cast<size_t>(page.offset), rows.size());
  const auto last = std::min(first + static_cast<size_t>(page.limit), rows.size());
  for (size_t i = first; i < last; ++i) items.push_back(task_json(rows[i]->task, rows[i]->facts, snap->book, as_of));
  return json_response(200, json::object{{"items", std::move(items)},
                                         {"total", static_cast<long long>(rows.size())},
                                         {"limit", page.limit},
                                         {"offset", page.offset}});
}

Response create_task(Context& ctx) {
  const auto b = parse_body(ctx.req);
  return ctx.db.write([&](store::Connection& c) {
    store::StTask t;
    read_register(ctx, c, b, t);
    if (store::find_st_task_by_code(c, t.code)) throw conflict("Mã nhiệm vụ này đã có trong sổ.", "code");
    // The proposal (problem card) is the task's first step: it needs its document like every other.
    const auto doc = read_document(b);
    if (auto f = domain::missing_document_field(doc)) refuse({false, domain::StRefusal::missing_document, *f}, "", "");
    if (*doc.date > domain::vietnam_date(ctx.now))
      refuse({false, domain::StRefusal::document_in_future, "doc_date"}, "", "");
    t.stage = "de_xuat";
    t.created_at = domain::iso(ctx.now);
    t.created_by = ctx.user().user_id;
    t.id = store::insert_st_task(c, t);
    auto e = event_row(ctx, t.id, "stage", doc, b);
    e.to_stage = "de_xuat";
    store::insert_st_event(c, e);
    audit(ctx, c, "st_task", t.id, "create", nullptr, register_audit(t));
    return json_response(201, detail_json(ctx, c, *store::find_st_task(c, t.id)));
  });
}

Response get_task(Context& ctx) {
  return ctx.db.read(
      [&](store::Connection& c) { return json_response(200, detail_json(ctx, c, task_in_scope(ctx, c))); });
}

long long version_of(const json::object& b) {
  const auto v = optional_int(b, "version", 1, std::numeric_limits<long long>::max());
  if (!v) throw bad_request("version", "Cần " + label("version") + " của bản đang sửa.");
  return *v;
}

Response update_task(Context& ctx) {
  const auto b = parse_body(ctx.req);
  return ctx.db.write([&](store::Connection& c) {
    auto t = task_in_scope(ctx, c);
    if (!manages(actors_of(ctx.user(), t))) throw forbidden("Bạn không quản lý nhiệm vụ này.");
    const auto before = t;
    const auto version = version_of(b);
    read_register(ctx, c, b, t);
    if (auto other = store::find_st_task_by_code(c, t.code); other && other->id != t.id)
      throw conflict("Mã nhiệm vụ này đã có trong sổ.", "code");
    if (!store::update_st_task(c, t, version)) throw conflict("Nhiệm vụ vừa được thay đổi; vui lòng tải lại trang.");
    audit(ctx, c, "st_task", t.id, "update", register_audit(before), register_audit(t));
    return json_response(200, detail_json(ctx, c, *store::find_st_task(c, t.id)));
  });
}

Response move_stage(Context& ctx) {
  const auto b = parse_body(ctx.req);
  return ctx.db.write([&](store::Connection& c) {
    // Out of scope is not found, whatever the body says.
    auto t = task_in_scope(ctx, c);
    const auto to_name = required_string(b, "to_stage", 40);
    const auto to = domain::st_stage_from(to_name);
    if (!to) throw bad_request("to_stage", "Giá trị của " + label("to_stage") + " không hợp lệ.");
    const auto version = version_of(b);
    const auto events = store::list_st_events(c, t.id);
    const auto facts = service::st_task_facts(t, events, {});
    const auto today = domain::vietnam_date(ctx.now);
    const auto state = domain::st_state_as_of(facts, today);
    const auto doc = read_document(b);
    std::optional<domain::Date> previous;
    for (const auto& e : events) {
      if (e.kind == "stage") previous = domain::parse_iso_date(e.doc_date);
    }
    // The council's votes give the rating; leaving the council's stage takes the rating it gave.
    std::optional<domain::StRating> rating = state.rating;
    domain::StVotes votes;
    if (*to == StStage::danh_gia) {
      votes = {static_cast<int>(optional_int(b, "votes_xuat_sac", 0, 100).value_or(0)),
               static_cast<int>(optional_int(b, "votes_dat", 0, 100).value_or(0)),
               static_cast<int>(optional_int(b, "votes_khong_dat", 0, 100).value_or(0))};
      rating.reset();
      if (doc.date && state.end) {
        rating = domain::acceptance_rating(service::st_rule_book(c).at(*doc.date), votes, *state.end,
                                           state.dossier_on.value_or(*doc.date));
      } else if (doc.date) {
        rating = domain::council_rating(service::st_rule_book(c).at(*doc.date), votes);
      }
    }
    const auto from = *domain::st_stage_from(t.stage);
    domain::StStepResult step{false, domain::StRefusal::wrong_actor, ""};
    for (auto a : actors_of(ctx.user(), t)) {
      const auto s = domain::st_stage_step(from, *to, a, doc, today, previous, rating);
      if (s.allowed || step.refusal == domain::StRefusal::wrong_actor) step = s;
      if (s.allowed) break;
    }
    if (!step.allowed) refuse(step, t.stage, to_name);
    auto e = event_row(ctx, t.id, "stage", doc, b);
    e.from_stage = t.stage;
    e.to_stage = to_name;
    if (*to == StStage::danh_gia) {
      e.rating = std::string(domain::to_string(*rating));
      e.votes_xuat_sac = votes.xuat_sac;
      e.votes_dat = votes.dat;
      e.votes_khong_dat = votes.khong_dat;
    }
    if (!store::set_st_task_stage(c, t.id, to_name, version))
      throw conflict("Nhiệm vụ vừa được thay đổi; vui lòng tải lại trang.");
    store::insert_st_event(c, e);
    audit(ctx, c, "st_task", t.id, "stage", json::object{{"stage", t.stage}},
          json::object{{"stage", to_name}, {"doc_number", e.doc_number}, {"doc_date", e.doc_date}});
    return json_response(200, detail_json(ctx, c, *store::find_st_task(c, t.id)));
  });
}

Response record_event(Context& ctx) {
  const auto b = parse_body(ctx.req);
  return ctx.db.write([&](store::Connection& c) {
    auto t = task_in_scope(ctx, c);
    const auto kind_name = required_string(b, "kind", 40);
    const auto kind = domain::st_event_kind_from(kind_name);
    if (!kind || *kind == domain::StEventKind::stage)
      throw bad_request("kind", "Giá trị của " + label("kind") + " không hợp lệ.");
    const auto version = version_of(b);
    const auto actors = actors_of(ctx.user(), t);
    const auto stage = *domain::st_stage_from(t.stage);
    if (!manages(actors)) throw forbidden("Bạn không quản lý nhiệm vụ này.");
    if (!domain::st_event_allowed(stage, *kind, StActor::managing_agency))
      throw conflict("Nhiệm vụ đang ở bước «" + stage_label(t.stage) + "», không ghi được việc này.");
    const auto doc = read_document(b);
    const auto today = domain::vietnam_date(ctx.now);
    if (auto f = domain::missing_document_field(doc)) refuse({false, domain::StRefusal::missing_document, *f}, "", "");
    if (*doc.date > today) refuse({false, domain::StRefusal::document_in_future, "doc_date"}, "", "");
    const auto state = domain::st_state_as_of(service::st_task_facts(t, store::list_st_events(c, t.id), {}), today);
    const auto book = service::st_rule_book(c);
    const auto& rules = book.at(*doc.date);
    auto e = event_row(ctx, t.id, kind_name, doc, b);
    using K = domain::StEventKind;
    if (*kind == K::tam_ung || *kind == K::thanh_toan) {
      e.amount = money(b, "amount");
      const auto step = *kind == K::tam_ung ? domain::st_advance_check(rules, t.budget_nsnn, state.money, e.amount)
                                            : domain::st_settlement_check(state.money, e.amount);
      if (!step.allowed) refuse(step, t.stage, t.stage);
    }
    if (*kind == K::gia_han) {
      const auto requested = optional_date(b, "requested_on");
      const auto new_end = optional_date(b, "new_end");
      if (!requested) throw bad_request("requested_on", "Cần nhập " + label("requested_on") + ".");
      if (!new_end) throw bad_request("new_end", "Cần nhập " + label("new_end") + ".");
      if (!t.start_date || !state.end)
        throw conflict("Nhiệm vụ chưa có ngày bắt đầu và kết thúc nên chưa gia hạn được.", "end_date");
      const auto step = domain::st_extension_check(rules, *domain::parse_iso_date(*t.start_date), *state.end,
                                                   state.extended, *requested, *new_end);
      if (!step.allowed) refuse(step, t.stage, t.stage);
      e.requested_on = domain::iso(*requested);
      e.new_end = domain::iso(*new_end);
    }
    if (!store::set_st_task_stage(c, t.id, t.stage, version))
      throw conflict("Nhiệm vụ vừa được thay đổi; vui lòng tải lại trang.");
    store::insert_st_event(c, e);
    audit(ctx, c, "st_task", t.id, "event", nullptr,
          json::object{{"kind", kind_name}, {"doc_number", e.doc_number}, {"amount", e.amount}});
    return json_response(201, detail_json(ctx, c, *store::find_st_task(c, t.id)));
  });
}

Response monthly_update(Context& ctx) {
  const auto b = parse_body(ctx.req);
  return ctx.db.write([&](store::Connection& c) {
    auto t = task_in_scope(ctx, c);
    const auto today = domain::vietnam_date(ctx.now);
    store::StUpdate u;
    u.task_id = t.id;
    const auto year = optional_int(b, "year", 2000, 2100);
    const auto month = optional_int(b, "month", 1, 12);
    if (!year) throw bad_request("year", "Cần " + label("year") + ".");
    if (!month) throw bad_request("month", "Cần " + label("month") + ".");
    u.year = static_cast<int>(*year);
    u.month = static_cast<int>(*month);
    if (domain::make_date(u.year, static_cast<unsigned>(u.month), 1) > today)
      throw bad_request("month", "Không cập nhật trước cho " + label("month") + " chưa đến.");
    const auto actors = actors_of(ctx.user(), t);
    if (actors.front() == StActor::other) throw forbidden("Bạn không cập nhật được nhiệm vụ này.");
    // The field named is the month asked for: no month after the task left execution can be updated.
    if (const auto why = domain::st_monthly_update_refusal(*domain::st_stage_from(t.stage)); !why.empty())
      throw conflict(
          "Không nhận cập nhật tháng " + std::to_string(u.month) + "/" + std::to_string(u.year) + ": " + why + ".",
          "month");
    const auto progress = optional_number(b, "progress_percent", domain::NumberKind::progress);
    if (!progress) throw bad_request("progress_percent", "Cần nhập " + label("progress_percent") + ".");
    u.progress_percent = *progress;
    u.products_delivered = optional_string(b, "products_delivered", 5000).value_or("");
    u.spent_to_date = money(b, "spent_to_date");
    u.problems = optional_string(b, "problems", 5000).value_or("");
    u.evidence = optional_string(b, "evidence", 2000).value_or("");
    u.recorded_at = domain::iso(ctx.now);
    u.recorded_on = domain::iso(today);
    u.recorded_by = ctx.user().user_id;
    u.id = store::insert_st_update(c, u);
    audit(ctx, c, "st_task", t.id, "monthly_update", nullptr,
          json::object{{"year", u.year}, {"month", u.month}, {"progress_percent", u.progress_percent}});
    return json_response(201, detail_json(ctx, c, t));
  });
}

// The standing agency links the task to one assignment of the plan from today: from then on that assignment's
// progress in its unit's reports is the task's monthly update (service/st_plan_link). One link holds at a time on
// each side; a new one needs the holding one ended first.
Response link_plan(Context& ctx) {
  const auto b = parse_body(ctx.req);
  return ctx.db.write([&](store::Connection& c) {
    const auto t = task_in_scope(ctx, c);
    const auto assignment_id = optional_int(b, "assignment_id", 1, std::numeric_limits<long long>::max());
    if (!assignment_id) throw bad_request("assignment_id", "Cần chọn " + label("assignment_id") + ".");
    const auto a = store::find_assignment(c, *assignment_id);
    if (!a || a->removed_at) throw bad_request("assignment_id", "Không tìm thấy " + label("assignment_id") + ".");
    const auto today = domain::iso(domain::vietnam_date(ctx.now));
    store::StPlanLinkFilter mine;
    mine.st_task_id = t.id;
    mine.holding_on = today;
    if (const auto held = store::list_st_plan_links(c, mine); !held.empty())
      throw conflict("Nhiệm vụ KH&CN đã gắn với nhiệm vụ " + held.front().task_code + " của " + held.front().unit_name +
                         " từ ngày " + domain::vn_date(*domain::parse_iso_date(held.front().valid_from)) +
                         "; hãy bỏ gắn trước khi gắn " + label("assignment_id") + " khác.",
                     "assignment_id");
    store::StPlanLinkFilter theirs;
    theirs.assignment_id = *assignment_id;
    theirs.holding_on = today;
    if (const auto held = store::list_st_plan_links(c, theirs); !held.empty())
      throw conflict(
          label("assignment_id") + " này đã lấy tiến độ từ nhiệm vụ KH&CN " + held.front().st_task_code + ".",
          "assignment_id");
    store::StPlanLink l;
    l.st_task_id = t.id;
    l.assignment_id = *assignment_id;
    l.valid_from = today;
    l.created_at = domain::iso(ctx.now);
    l.created_by = ctx.user().user_id;
    l.id = store::insert_st_plan_link(c, l);
    audit(ctx, c, "st_task", t.id, "plan_link", nullptr,
          json::object{{"link_id", l.id}, {"assignment_id", l.assignment_id}, {"valid_from", l.valid_from}});
    return json_response(201, detail_json(ctx, c, t));
  });
}

// Ends the holding link from today: from today the assignment's progress is its unit's own again.
Response unlink_plan(Context& ctx) {
  return ctx.db.write([&](store::Connection& c) {
    const auto t = task_in_scope(ctx, c);
    const auto today = domain::iso(domain::vietnam_date(ctx.now));
    store::StPlanLinkFilter mine;
    mine.st_task_id = t.id;
    const auto links = store::list_st_plan_links(c, mine);
    const auto open = std::find_if(links.begin(), links.end(), [](const auto& l) { return !l.valid_to; });
    if (open == links.end()) throw conflict("Nhiệm vụ KH&CN chưa gắn với nhiệm vụ nào của kế hoạch.", "assignment_id");
    const auto valid_to = std::max(today, open->valid_from);
    store::end_st_plan_link(c, open->id, valid_to, domain::iso(ctx.now), ctx.user().user_id);
    audit(ctx, c, "st_task", t.id, "plan_unlink", json::object{{"link_id", open->id}},
          json::object{{"valid_to", valid_to}});
    return json_response(200, detail_json(ctx, c, t));
  });
}

// The standing agency enters a task's estimate for a year; a new entry supersedes the earlier one from today.
Response add_estimate(Context& ctx) {
  const auto b = parse_body(ctx.req);
  const auto year = optional_int(b, "year", 2000, 2100);
  if (!year) throw bad_request("year", "Cần " + label("year") + ".");
  const auto amount = optional_int(b, "amount", 0, 1'000'000'000'000'000LL);
  if (!amount) throw bad_request("amount", "Cần nhập " + label("amount") + ".");
  return ctx.db.write([&](store::Connection& c) {
    const auto t = task_in_scope(ctx, c);
    if (!manages(actors_of(ctx.user(), t))) throw forbidden("Bạn không quản lý nhiệm vụ này.");
    store::StEstimate e;
    e.task_id = t.id;
    e.year = static_cast<int>(*year);
    e.amount = *amount;
    e.entered_at = domain::iso(ctx.now);
    e.entered_on = domain::iso(domain::vietnam_date(ctx.now));
    e.entered_by = ctx.user().user_id;
    const auto id = store::insert_st_estimate(c, e);
    audit(ctx, c, "st_task", t.id, "estimate", nullptr,
          json::object{{"estimate_id", id}, {"year", e.year}, {"amount", e.amount}});
    return json_response(201, detail_json(ctx, c, t));
  });
}

// A kept answer (service/st_model), and for a client that takes gzip its compressed twin, kept too: eight readers
// of the national figures would otherwise compress the same megabytes eight times.
Response kept_answer(Context& ctx, const service::StSnapshot& snap, const std::string& what, domain::Date as_of,
                     const std::optional<std::string>& scope, const std::function<std::string()>& make) {
  const auto today = domain::vietnam_date(ctx.now);
  const auto plain = [&] { return ctx.st_tasks->answer(snap, what, as_of, today, scope, make); };
  Response r;
  if (StaticFiles::accepts_gzip(ctx.req.header("accept-encoding").value_or(""))) {
    r.body = *ctx.st_tasks->answer(snap, what + ".gz", as_of, today, scope, [&] { return gzip(*plain()); });
    r.headers.emplace_back("Content-Encoding", "gzip");
  } else {
    r.body = *plain();
  }
  return r;
}

// The figures with the rows behind each, the register entries by id.
json::object figures_json(const domain::StFigures& f, const service::StSnapshot& snap) {
  const auto task = [&](long long id) -> const store::StTask& { return snap.by_id.at(id)->task; };
  const auto title = [&](long long id) { return task(id).title; };
  json::array rows;
  for (const auto& r : f.tracking.rows) {
    json::array late;
    for (auto d : r.late_events) late.push_back(json::value(domain::iso(d)));
    rows.push_back({{"task_id", r.task_id},
                    {"code", r.code},
                    {"title", title(r.task_id)},
                    {"registered", r.registered},
                    {"documented", r.documented},
                    {"updated", r.updated},
                    {"tracked", r.tracked()},
                    {"months_due", r.months_due},
                    {"months_updated", r.months_updated},
                    {"late_event_dates", std::move(late)}});
  }
  const auto& tr = f.tracking;
  json::object tracking{{"active", tr.active},
                        {"registered", tr.registered},
                        {"documented", tr.documented},
                        {"updated", tr.updated},
                        {"tracked", tr.tracked},
                        {"rate_percent", nullable(tr.rate)},
                        {"registered_percent", nullable(tr.registered_rate)},
                        {"documented_percent", nullable(tr.documented_rate)},
                        {"updated_percent", nullable(tr.updated_rate)},
                        {"rows", std::move(rows)}};
  json::array overdue, blocked, stages, outcomes;
  for (const auto& o : f.overdue) overdue.push_back(overdue_json(o, task(o.task_id)));
  for (const auto& b : f.blocked) {
    const auto& t = task(b.task_id);
    blocked.push_back({{"task_id", t.id},
                       {"code", t.code},
                       {"title", t.title},
                       {"advanced", b.money.advanced},
                       {"settled", b.money.settled}});
  }
  for (const auto& o : f.outcomes) {
    outcomes.push_back(
        {{"task_id", o.task_id}, {"code", task(o.task_id).code}, {"rating", std::string(domain::to_string(o.rating))}});
  }
  for (const auto& s : f.stages) {
    json::array ids;
    for (auto id : s.task_ids) ids.push_back(json::value(id));
    stages.push_back({{"stage", std::string(domain::to_string(s.stage))},
                      {"label", std::string(domain::st_stage_label(s.stage))},
                      {"count", static_cast<long long>(s.task_ids.size())},
                      {"task_ids", std::move(ids)}});
  }
  json::object out;
  out["as_of"] = domain::iso(f.as_of);
  out["tracking"] = std::move(tracking);
  out["stages"] = std::move(stages);
  out["overdue"] = std::move(overdue);
  // Disbursement in the year of the day asked against that year's estimates, with the rows behind it.
  json::array year_rows;
  for (const auto& r : f.year.rows) {
    year_rows.push_back({{"task_id", r.task_id},
                         {"code", r.code},
                         {"title", title(r.task_id)},
                         {"estimate", r.estimate ? json::value(*r.estimate) : json::value(nullptr)},
                         {"disbursed", r.disbursed},
                         {"rate_percent", nullable(r.rate)}});
  }
  out["disbursement"] = json::object{{"advanced", f.money.advanced},
                                     {"settled", f.money.settled},
                                     {"blocked", std::move(blocked)},
                                     {"year", json::object{{"year", f.year.year},
                                                           {"estimate", f.year.estimate},
                                                           {"disbursed", f.year.disbursed},
                                                           {"rate_percent", nullable(f.year.rate)},
                                                           {"rows", std::move(year_rows)}}}};
  out["outcomes"] = std::move(outcomes);
  return out;
}

// The figures as of a date over the caller's tasks, each with the rows behind it, from the resident model: a
// settled date's answer is computed once (service/st_model), today's once per write.
Response figures(Context& ctx) {
  const auto scope = ctx.user().scope_path();
  const auto as_of = ctx.as_of();
  const auto snap = ctx.st_tasks->current(ctx.db);
  return kept_answer(ctx, *snap, "figures", as_of, scope, [&] {
    const auto f =
        domain::st_figures(snap->book, snap->cal, service::StSnapshot::facts_of(snap->in_scope(scope)), as_of);
    return json_response(200, figures_json(f, *snap)).body;
  });
}

// The problem pipeline as of a date over the caller's tasks: per sector, the problems proposed and the tasks
// ordered for each, against the city's target, with every task behind the numbers.
Response problem_pipeline(Context& ctx) {
  const auto scope = ctx.user().scope_path();
  const auto as_of = ctx.as_of();
  const auto snap = ctx.st_tasks->current(ctx.db);
  return kept_answer(ctx, *snap, "pipeline", as_of, scope, [&] {
    const auto p = domain::st_problem_pipeline(service::StSnapshot::facts_of(snap->in_scope(scope)), as_of);
    json::array sectors;
    for (const auto& s : p.sectors) {
      json::array problems;
      for (const auto& pr : s.problems) {
        json::array rows;
        for (const auto& t : pr.tasks) {
          rows.push_back({{"task_id", t.task_id},
                          {"code", t.code},
                          {"title", snap->by_id.at(t.task_id)->task.title},
                          {"stage", std::string(domain::to_string(t.stage))},
                          {"stage_label", std::string(domain::st_stage_label(t.stage))},
                          {"ordered_on", opt_date(t.ordered_on)}});
        }
        problems.push_back({{"problem", pr.problem},
                            {"proposed_on", domain::iso(pr.proposed_on)},
                            {"ordered_tasks", pr.ordered_tasks},
                            {"tasks", std::move(rows)}});
      }
      sectors.push_back({{"sector", s.sector},
                         {"problems_proposed", s.problems_proposed},
                         {"problems_ordered", s.problems_ordered},
                         {"ordered_tasks", s.ordered_tasks},
                         {"problem_rows", std::move(problems)}});
    }
    return json_response(200, json::object{{"as_of", domain::iso(as_of)},
                                           {"target", p.target},
                                           {"met", p.met},
                                           {"problems_proposed", p.problems_proposed},
                                           {"problems_ordered", p.problems_ordered},
                                           {"ordered_tasks", p.ordered_tasks},
                                           {"sectors", std::move(sectors)}})
        .body;
  });
}

// For everyone: tasks whose results are recognised, with what the public may read (no documents, signers,
// money flows, problems or internal codes).
Response public_results(Context& ctx) {
  const auto today = domain::vietnam_date(ctx.now);
  const auto snap = ctx.st_tasks->current(ctx.db);
  return kept_answer(ctx, *snap, "public", today, std::nullopt, [&] {
    json::array items;
    for (const auto* e : snap->by_code) {
      const auto& t = e->task;
      const auto s = domain::st_state_as_of(e->facts, today);
      if (!s.recognised_on || domain::is_exit(s.stage)) continue;
      json::array products;
      for (const auto& p : t.products) {
        products.push_back({{"name", p.name}, {"product_type", p.product_type}, {"quantity", p.quantity}});
      }
      items.push_back({{"code", t.code},
                       {"title", t.title},
                       {"host_unit_name", t.host_unit_name},
                       {"sector", t.sector},
                       {"budget_nsnn", t.budget_nsnn},
                       {"budget_other", t.budget_other},
                       {"start_date", nullable(t.start_date)},
                       {"end_date", nullable(t.end_date)},
                       {"rating", s.rating ? json::value(std::string(domain::to_string(*s.rating))) : nullptr},
                       {"recognised_on", domain::iso(*s.recognised_on)},
                       {"summary", t.summary},
                       {"uptake_plan", t.uptake_plan},
                       {"products", std::move(products)}});
    }
    const auto n = static_cast<long long>(items.size());
    return list_response(std::move(items), n).body;
  });
}

json::object rules_json(const domain::StRules& r) {
  return {{"effective_from", domain::iso(r.effective_from)},
          {"contract_within_days", r.contract_within_days},
          {"first_advance_max_percent", r.first_advance_max_percent},
          {"next_advance_settled_percent", r.next_advance_settled_percent},
          {"dossier_due_days", r.dossier_due_days},
          {"dossier_fail_months", r.dossier_fail_months},
          {"extension_notice_months", r.extension_notice_months},
          {"extension_max_months_long", r.extension_max_months_long},
          {"extension_max_months_short", r.extension_max_months_short},
          {"long_task_months", r.long_task_months},
          {"excellent_num", r.excellent_num},
          {"excellent_den", r.excellent_den},
          {"fail_num", r.fail_num},
          {"fail_den", r.fail_den},
          {"record_within_working_days", r.record_within_working_days},
          {"inspection_every_months", r.inspection_every_months},
          {"register_within_days", r.register_within_days},
          {"settle_within_days", r.settle_within_days},
          {"update_grace_days", r.update_grace_days}};
}

Response list_rules(Context& ctx) {
  return ctx.db.read([&](store::Connection& c) {
    json::array items;
    for (const auto& r : store::list_st_rules(c)) items.push_back(rules_json(r));
    const auto n = static_cast<long long>(items.size());
    return list_response(std::move(items), n);
  });
}

// A new version of the rules from its effective date; earlier versions stay for the dates they governed.
Response add_rules(Context& ctx) {
  const auto b = parse_body(ctx.req);
  const auto from = optional_date(b, "effective_from");
  if (!from) throw bad_request("effective_from", "Cần nhập " + label("effective_from") + ".");
  domain::StRules r;
  r.effective_from = *from;
  const std::pair<const char*, int*> fields[] = {{"contract_within_days", &r.contract_within_days},
                                                 {"first_advance_max_percent", &r.first_advance_max_percent},
                                                 {"next_advance_settled_percent", &r.next_advance_settled_percent},
                                                 {"dossier_due_days", &r.dossier_due_days},
                                                 {"dossier_fail_months", &r.dossier_fail_months},
                                                 {"extension_notice_months", &r.extension_notice_months},
                                                 {"extension_max_months_long", &r.extension_max_months_long},
                                                 {"extension_max_months_short", &r.extension_max_months_short},
                                                 {"long_task_months", &r.long_task_months},
                                                 {"excellent_num", &r.excellent_num},
                                                 {"excellent_den", &r.excellent_den},
                                                 {"fail_num", &r.fail_num},
                                                 {"fail_den", &r.fail_den},
                                                 {"record_within_working_days", &r.record_within_working_days},
                                                 {"inspection_every_months", &r.inspection_every_months},
                                                 {"register_within_days", &r.register_within_days},
                                                 {"settle_within_days", &r.settle_within_days},
                                                 {"update_grace_days", &r.update_grace_days}};
  for (const auto& [name, field] : fields) {
    const bool denominator = std::string_view(name).ends_with("_den");
    if (auto v = optional_int(b, name, denominator ? 1 : 0, 1000)) *field = static_cast<int>(*v);
  }
  for (auto [num, den, name] : {std::tuple{r.excellent_num, r.excellent_den, "excellent_num"},
                                std::tuple{r.fail_num, r.fail_den, "fail_num"}}) {
    if (num > den) throw bad_request(name, label(name) + " không được lớn hơn mẫu số.");
  }
  return ctx.db.write([&](store::Connection& c) {
    for (const auto& x : store::list_st_rules(c)) {
      if (x.effective_from == r.effective_from)
        throw conflict("Đã có quy định có hiệu lực từ ngày này.", "effective_from");
    }
    const auto id = store::insert_st_rules(c, r, domain::iso(ctx.now), ctx.user().user_id);
    audit(ctx, c, "st_rules", id, "create", nullptr, rules_json(r));
    return json_response(201, rules_json(r));
  });
}

// --- the register as a workbook, out and back in (preview, then confirm) ---

// The register within the caller's scope, as the import reads it back.
Response register_xlsx(Context& ctx) {
  return ctx.db.read([&](store::Connection& c) {
    const auto today = domain::vietnam_date(ctx.now);
    Response res;
    res.content_type = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
    res.body = formats::write_xlsx(service::st_register_sheets(c, ctx.user().scope_path(), today), {}, ctx.now);
    res.headers.emplace_back("Content-Disposition",
                             attachment_disposition("so-nhiem-vu-khcn-" + domain::iso(today) + ".xlsx"));
    res.headers.emplace_back("Cache-Control", "no-store");
    return res;
  });
}

store::StTaskImport load_register_import(Context& ctx, store::Connection& c) {
  auto imp = store::find_st_task_import(c, ctx.path_id());
  if (!imp) throw not_found("lần nhập sổ nhiệm vụ");
  return *imp;
}

Response create_register_import(Context& ctx) {
  const auto filename = domain::clean_file_name(query_string(ctx.req, "filename").value_or(""));
  if (filename.empty()) throw bad_request("filename", "Thiếu tên tệp.");
  if (ctx.req.body.empty()) throw bad_request("body", "Tệp rỗng.");
  // Read before any transaction: a bad file never holds the database.
  const auto sheet = service::read_st_register_file(filename, ctx.req.body);
  return ctx.db.write([&](store::Connection& c) {
    store::StTaskImport imp;
    imp.filename = filename;
    imp.sheet_json = json::serialize(service::st_register_sheet_json(sheet));
    imp.created_by = ctx.user().user_id;
    imp.created_at = domain::iso(ctx.now);
    imp.id = store::insert_st_task_import(c, imp);
    audit(ctx, c, "st_task_import", imp.id, "upload", nullptr,
          json::object{{"filename", imp.filename},
                       {"rows", static_cast<long long>(sheet.rows.size())},
                       {"issues", static_cast<long long>(sheet.issues.size())}});
    return json_response(201,
                         service::st_import_preview(c, imp, ctx.user().scope_path(), domain::vietnam_date(ctx.now)));
  });
}

Response get_register_import(Context& ctx) {
  return ctx.db.read([&](store::Connection& c) {
    return json_response(200, service::st_import_preview(c, load_register_import(ctx, c), ctx.user().scope_path(),
                                                         domain::vietnam_date(ctx.now)));
  });
}

Response confirm_register_import(Context& ctx) {
  return ctx.db.write([&](store::Connection& c) {
    const auto imp = load_register_import(ctx, c);
    const auto changes = service::st_import_confirm(c, imp, ctx.user().scope_path(), ctx.user().user_id, ctx.now);
    long long created = 0, updated = 0;
    for (const auto& ch : changes) {
      if (ch.before) {
        ++updated;
        audit(ctx, c, "st_task", ch.after.id, "update", register_audit(*ch.before), register_audit(ch.after));
      } else {
        ++created;
        audit(ctx, c, "st_task", ch.after.id, "create", nullptr, register_audit(ch.after));
      }
    }
    json::object out{{"id", imp.id}, {"state", "confirmed"}, {"created", created}, {"updated", updated}};
    audit(ctx, c, "st_task_import", imp.id, "confirm", nullptr, out);
    return json_response(200, out);
  });
}

}  // namespace

void register_st_tasks(Router& r) {
  r.add("GET", "/api/v1/public/st-results", std::nullopt, public_results);
  // The register and execution events are Sở KH&CN's (the standing agency); reading the register, stage moves
  // and monthly updates are open to everyone in scope, a host organisation's officers included, and
  // domain/st_task decides who may take which (the host files its dossier and its monthly updates).
  r.add("GET", "/api/v1/st-tasks", Permission::work_st_tasks, list_tasks);
  r.add("POST", "/api/v1/st-tasks", Permission::manage_plan, create_task);
  r.add("GET", "/api/v1/st-tasks/{id}", Permission::work_st_tasks, get_task);
  r.add("PUT", "/api/v1/st-tasks/{id}", Permission::manage_plan, update_task);
  r.add("POST", "/api/v1/st-tasks/{id}/stage", Permission::work_st_tasks, move_stage);
  r.add("POST", "/api/v1/st-tasks/{id}/events", Permission::manage_plan, record_event);
  r.add("POST", "/api/v1/st-tasks/{id}/updates", Permission::work_st_tasks, monthly_update);
  r.add("POST", "/api/v1/st-tasks/{id}/estimates", Permission::manage_plan, add_estimate);
  r.add("POST", "/api/v1/st-tasks/{id}/plan-link", Permission::manage_plan, link_plan);
  r.add("POST", "/api/v1/st-tasks/{id}/plan-link/end", Permission::manage_plan, unlink_plan);
  r.add("GET", "/api/v1/st-task-figures", Permission::work_st_tasks, figures);
  r.add("GET", "/api/v1/st-problem-pipeline", Permission::work_st_tasks, problem_pipeline);
  r.add("GET", "/api/v1/st-tasks.xlsx", Permission::work_st_tasks, register_xlsx);
  r.add("POST", "/api/v1/st-task-imports", Permission::manage_plan, create_register_import);
  r.add("GET", "/api/v1/st-task-imports/{id}", Permission::manage_plan, get_register_import);
  r.add("POST", "/api/v1/st-task-imports/{id}/confirm", Permission::manage_plan, confirm_register_import);
  r.add("GET", "/api/v1/st-rules", Permission::read_plan, list_rules);
  r.add("POST", "/api/v1/st-rules", Permission::manage_plan, add_rules);
}

}  // namespace tiendo::api
