#include "service/st_task.h"

#include <algorithm>
#include <map>

#include "domain/ranges.h"
#include "service/audit.h"
#include "service/json_out.h"
#include "service/st_figures.h"
#include "service/st_register.h"
#include "store/plan_store.h"

namespace tiendo::service {

namespace json = boost::json;
using domain::StActor;
using domain::StStage;

namespace {

std::string today_iso(const Call& call) { return domain::iso(domain::vietnam_date(call.now)); }

std::string stage_label(const std::string& s) {
  const auto st = domain::st_stage_from(s);
  return st ? std::string(domain::st_stage_label(*st)) : s;
}

std::vector<StActor> actors_of(const Actor& who, const store::StTask& t) {
  return domain::st_actors(who.st_role, who.unit_path, t.managing_unit_path, t.host_unit_path);
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

json::object register_audit(const store::StTask& t) {
  return {{"code", t.code},
          {"title", t.title},
          {"host_unit_id", t.host_unit_id},
          {"managing_unit_id", t.managing_unit_id},
          {"budget_nsnn", t.budget_nsnn},
          {"stage", t.stage}};
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

// A required text: given and not blank.
const std::string& required(const std::optional<std::string>& v, const std::string& field) {
  if (!v || v->find_first_not_of(" \t\r\n") == std::string::npos)
    throw invalid(field, "Trường " + domain::quoted_field(field) + " là bắt buộc.");
  return *v;
}

long long version_of(std::optional<long long> v) {
  if (!v) throw invalid("version", "Cần " + domain::quoted_field("version") + " của bản đang sửa.");
  return *v;
}

Error changed_meanwhile() { return conflict("Nhiệm vụ vừa được thay đổi; vui lòng tải lại trang."); }

store::Unit unit_of_kind(store::Connection& c, std::optional<store::Id> id, const std::string& field, bool host) {
  if (!id) throw invalid(field, "Cần chọn " + domain::quoted_field(field) + ".");
  const auto u = store::find_unit(c, *id);
  if (!u || (u->kind == domain::kHostOrgKind) != host || u->kind == domain::kHostRootKind)
    throw invalid(field, domain::quoted_field(field) + " không hợp lệ" +
                             (host ? " (phải là một tổ chức chủ trì)." : " (phải là một cơ quan, đơn vị)."));
  return *u;
}

// The register fields into `t`, checked; the managing unit must lie within the actor's subtree.
void read_register(const Call& call, const StRegisterInput& in, store::StTask& t) {
  t.code = required(in.code, "code");
  t.title = required(in.title, "title");
  for (auto [field, value] :
       {std::pair{"level", &in.level}, std::pair{"kind", &in.kind}, std::pair{"mode", &in.mode}}) {
    if (!domain::st_register_choice(field, required(*value, field)))
      throw invalid(field, "Giá trị của " + domain::quoted_field(field) + " không hợp lệ.");
  }
  t.level = *in.level;
  t.kind = *in.kind;
  t.mode = *in.mode;
  t.national_code = in.national_code;
  t.national_code_on = in.national_code_on ? std::optional(domain::iso(*in.national_code_on)) : std::nullopt;
  if (t.national_code && !t.national_code_on) t.national_code_on = today_iso(call);
  if (!t.national_code) t.national_code_on.reset();
  t.registration_no = in.registration_no;
  t.problem = in.problem;
  t.sector = in.sector;
  t.principal_investigator = in.principal_investigator;
  t.uptake_plan = in.uptake_plan;
  t.ip_plan = in.ip_plan;
  t.summary = in.summary;
  t.budget_nsnn = in.budget_nsnn;
  t.budget_other = in.budget_other;
  t.start_date = in.start_date ? std::optional(domain::iso(*in.start_date)) : std::nullopt;
  t.end_date = in.end_date ? std::optional(domain::iso(*in.end_date)) : std::nullopt;
  if (t.start_date && t.end_date && *t.end_date < *t.start_date)
    throw invalid("end_date",
                  domain::quoted_field("end_date") + " phải sau " + domain::quoted_field("start_date") + ".");
  const auto host = unit_of_kind(call.c, in.host_unit_id, "host_unit_id", true);
  const auto managing = unit_of_kind(call.c, in.managing_unit_id, "managing_unit_id", false);
  if (!call.who.in_scope(managing.path)) throw forbidden("Bạn chỉ đăng ký được nhiệm vụ do đơn vị mình quản lý.");
  t.host_unit_id = host.id;
  t.managing_unit_id = managing.id;
  t.products = in.products;
  t.years = in.years;
}

store::StEvent event_row(const Call& call, store::Id task_id, const std::string& kind, const domain::StDocument& d,
                         const std::string& note) {
  store::StEvent e;
  e.task_id = task_id;
  e.kind = kind;
  e.doc_number = d.number;
  e.doc_date = domain::iso(*d.date);
  e.signer_name = d.signer_name;
  e.signer_position = d.signer_position;
  e.file_ref = d.file;
  e.note = note;
  e.recorded_at = domain::iso(call.now);
  e.recorded_on = today_iso(call);
  e.recorded_by = call.who.user_id;
  return e;
}

[[noreturn]] void refuse(const domain::StStepResult& r, const std::string& from, const std::string& to) {
  using R = domain::StRefusal;
  switch (r.refusal) {
    case R::missing_document:
      throw invalid(r.field, "Cần nhập " + domain::quoted_field(r.field) + " của văn bản làm căn cứ.");
    case R::document_in_future:
      throw invalid(r.field, domain::quoted_field(r.field) + " không được sau ngày hôm nay.");
    case R::document_too_early:
      throw invalid(r.field, domain::quoted_field(r.field) + " không được trước ngày văn bản của bước trước.");
    case R::wrong_stage:
      throw conflict("Nhiệm vụ đang ở bước «" + stage_label(from) + "», không chuyển sang «" + stage_label(to) +
                     "» được.");
    case R::wrong_actor:
      throw forbidden("Bạn không được thực hiện bước «" + stage_label(to) + "» cho nhiệm vụ này.");
    case R::rating_required:
      throw invalid("votes_xuat_sac", "Cần nhập số phiếu đánh giá của hội đồng nghiệm thu.");
    case R::rating_mismatch:
      throw conflict("Kết quả đánh giá của hội đồng không cho phép chuyển sang «" + stage_label(to) + "».");
    case R::already_extended:
      throw conflict("Nhiệm vụ chỉ được gia hạn một lần và đã được gia hạn.");
    case R::extension_too_late:
      throw conflict("Đề nghị gia hạn phải gửi trước khi kết thúc ít nhất số tháng quy định.", "requested_on");
    case R::extension_too_long:
      throw conflict("Thời gian gia hạn vượt mức tối đa cho phép.", "new_end");
    case R::extension_not_later:
      throw invalid("new_end", domain::quoted_field("new_end") + " phải sau ngày kết thúc hiện tại.");
    case R::first_advance_over:
      throw conflict("Tạm ứng lần đầu vượt mức tối đa so với kinh phí ngân sách nhà nước được phê duyệt.", "amount");
    case R::advances_not_settled:
      throw conflict("Chưa được tạm ứng tiếp: các lần tạm ứng trước chưa được thanh toán đủ tỷ lệ quy định.", "amount");
    case R::settled_over_advanced:
      throw conflict("Số tiền thanh toán vượt số đã tạm ứng.", "amount");
    case R::amount_required:
      throw invalid("amount", "Cần nhập " + domain::quoted_field("amount") + " lớn hơn 0.");
    case R::none:
      break;
  }
  throw conflict("Không thực hiện được bước này.");
}

// The document alone, for a step with no stage rule of its own: given, and not dated after today.
void check_document(const domain::StDocument& doc, domain::Date today) {
  if (auto f = domain::missing_document_field(doc)) refuse({false, domain::StRefusal::missing_document, *f}, "", "");
  if (*doc.date > today) refuse({false, domain::StRefusal::document_in_future, "doc_date"}, "", "");
}

// The answer of a write: the task as its page reads it today.
json::object written(const Call& call, store::Id id) {
  return st_task_detail(call, *store::find_st_task(call.c, id), domain::vietnam_date(call.now));
}

store::StTaskImport register_import(store::Connection& c, store::Id id) {
  auto imp = store::find_st_task_import(c, id);
  if (!imp) throw not_found("lần nhập sổ nhiệm vụ");
  return *imp;
}

}  // namespace

bool st_task_in_scope(const Actor& who, const store::StTask& t) {
  return who.in_scope(t.host_unit_path) || who.in_scope(t.managing_unit_path);
}

store::StTask st_task(store::Connection& c, const Actor& who, store::Id id) {
  auto t = store::find_st_task(c, id);
  if (!t || !st_task_in_scope(who, *t)) throw not_found("nhiệm vụ khoa học và công nghệ");
  return *t;
}

json::object st_task_detail(const Call& call, const store::StTask& t, domain::Date as_of) {
  auto& c = call.c;
  const auto events = store::list_st_events(c, t.id);
  const auto updates = store::list_st_updates(c, t.id);
  const auto estimates = store::list_st_estimates(c, t.id);
  const auto book = st_rule_book(c);
  const auto facts = st_task_facts(t, events, updates, estimates);
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
  const auto actors = actors_of(call.who, t);
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
  const bool manages = domain::st_manages(actors);
  for (auto k : {domain::StEventKind::tam_ung, domain::StEventKind::thanh_toan, domain::StEventKind::kiem_tra,
                 domain::StEventKind::gia_han, domain::StEventKind::dieu_chinh}) {
    if (manages && domain::st_event_allowed(stage, k, StActor::managing_agency))
      kinds.push_back(json::value(std::string(domain::to_string(k))));
  }
  o["next_stages"] = std::move(next);
  o["allowed_events"] = std::move(kinds);
  o["can_update_monthly"] = domain::st_monthly_update_open(stage) && (manages || actors.front() == StActor::host);
  // The month a monthly update is for, by the server's clock in Hải Phòng: never the device's (a phone set to
  // another date, or a page left open over the month's end, would otherwise file it under the wrong month).
  o["update_month"] = today_iso(call).substr(0, 7);
  // The plan assignments it has been one of (service/st_plan_link), oldest first; the holding one has no end.
  json::array links;
  store::StPlanLinkFilter lf;
  lf.st_task_id = t.id;
  for (const auto& l : store::list_st_plan_links(c, lf)) links.push_back(plan_link_json(l));
  o["plan_links"] = std::move(links);
  return o;
}

json::object st_task_view(const Call& call, store::Id id, domain::Date as_of) {
  return st_task_detail(call, st_task(call.c, call.who, id), as_of);
}

json::object st_task_page(const StSnapshot& snap, const std::optional<std::string>& scope_path,
                          const std::optional<std::string>& stage, store::Page page, domain::Date as_of) {
  std::vector<const StEntry*> rows;
  for (const auto* e : snap.in_scope(scope_path)) {
    if (!stage || e->task.stage == *stage) rows.push_back(e);
  }
  json::array items;
  const auto first = std::min(static_cast<size_t>(page.offset), rows.size());
  const auto last = std::min(first + static_cast<size_t>(page.limit), rows.size());
  for (size_t i = first; i < last; ++i) items.push_back(task_json(rows[i]->task, rows[i]->facts, snap.book, as_of));
  return {{"items", std::move(items)},
          {"total", static_cast<long long>(rows.size())},
          {"limit", page.limit},
          {"offset", page.offset}};
}

json::object create_st_task(const Call& call, const StRegisterInput& in, const domain::StDocument& doc,
                            const std::string& note) {
  store::StTask t;
  read_register(call, in, t);
  if (store::find_st_task_by_code(call.c, t.code)) throw conflict("Mã nhiệm vụ này đã có trong sổ.", "code");
  // The proposal (problem card) is the task's first step: it needs its document like every other.
  check_document(doc, domain::vietnam_date(call.now));
  t.stage = "de_xuat";
  t.created_at = domain::iso(call.now);
  t.created_by = call.who.user_id;
  t.id = store::insert_st_task(call.c, t);
  auto e = event_row(call, t.id, "stage", doc, note);
  e.to_stage = "de_xuat";
  store::insert_st_event(call.c, e);
  audit(call.c, call.postgres, &call.who, call.now, "st_task", t.id, "create", nullptr, register_audit(t));
  return written(call, t.id);
}

json::object update_st_task(const Call& call, store::Id id, std::optional<long long> version,
                            const StRegisterInput& in) {
  auto t = st_task(call.c, call.who, id);
  if (!domain::st_manages(actors_of(call.who, t))) throw forbidden("Bạn không quản lý nhiệm vụ này.");
  const auto before = t;
  const auto expected = version_of(version);
  read_register(call, in, t);
  if (auto other = store::find_st_task_by_code(call.c, t.code); other && other->id != t.id)
    throw conflict("Mã nhiệm vụ này đã có trong sổ.", "code");
  if (!store::update_st_task(call.c, t, expected)) throw changed_meanwhile();
  audit(call.c, call.postgres, &call.who, call.now, "st_task", t.id, "update", register_audit(before),
        register_audit(t));
  return written(call, t.id);
}

json::object move_st_task_stage(const Call& call, store::Id id, const StStageMove& in) {
  auto& c = call.c;
  // Out of scope is not found, whatever the input says.
  auto t = st_task(c, call.who, id);
  const auto& to_name = required(in.to_stage, "to_stage");
  const auto to = domain::st_stage_from(to_name);
  if (!to) throw invalid("to_stage", "Giá trị của " + domain::quoted_field("to_stage") + " không hợp lệ.");
  const auto version = version_of(in.version);
  const auto events = store::list_st_events(c, t.id);
  const auto facts = st_task_facts(t, events, {});
  const auto today = domain::vietnam_date(call.now);
  const auto state = domain::st_state_as_of(facts, today);
  const auto& doc = in.doc;
  std::optional<domain::Date> previous;
  for (const auto& e : events) {
    if (e.kind == "stage") previous = domain::parse_iso_date(e.doc_date);
  }
  // The council's votes give the rating; leaving the council's stage takes the rating it gave.
  std::optional<domain::StRating> rating = state.rating;
  if (*to == StStage::danh_gia) {
    rating.reset();
    if (doc.date && state.end) {
      rating = domain::acceptance_rating(st_rule_book(c).at(*doc.date), in.votes, *state.end,
                                         state.dossier_on.value_or(*doc.date));
    } else if (doc.date) {
      rating = domain::council_rating(st_rule_book(c).at(*doc.date), in.votes);
    }
  }
  const auto from = *domain::st_stage_from(t.stage);
  domain::StStepResult step{false, domain::StRefusal::wrong_actor, ""};
  for (auto a : actors_of(call.who, t)) {
    const auto s = domain::st_stage_step(from, *to, a, doc, today, previous, rating);
    if (s.allowed || step.refusal == domain::StRefusal::wrong_actor) step = s;
    if (s.allowed) break;
  }
  if (!step.allowed) refuse(step, t.stage, to_name);
  auto e = event_row(call, t.id, "stage", doc, in.note);
  e.from_stage = t.stage;
  e.to_stage = to_name;
  if (*to == StStage::danh_gia) {
    e.rating = std::string(domain::to_string(*rating));
    e.votes_xuat_sac = in.votes.xuat_sac;
    e.votes_dat = in.votes.dat;
    e.votes_khong_dat = in.votes.khong_dat;
  }
  if (!store::set_st_task_stage(c, t.id, to_name, version)) throw changed_meanwhile();
  store::insert_st_event(c, e);
  audit(c, call.postgres, &call.who, call.now, "st_task", t.id, "stage", json::object{{"stage", t.stage}},
        json::object{{"stage", to_name}, {"doc_number", e.doc_number}, {"doc_date", e.doc_date}});
  return written(call, t.id);
}

json::object record_st_event(const Call& call, store::Id id, const StEventInput& in) {
  auto& c = call.c;
  auto t = st_task(c, call.who, id);
  const auto& kind_name = required(in.kind, "kind");
  const auto kind = domain::st_event_kind_from(kind_name);
  if (!kind || *kind == domain::StEventKind::stage)
    throw invalid("kind", "Giá trị của " + domain::quoted_field("kind") + " không hợp lệ.");
  const auto version = version_of(in.version);
  const auto stage = *domain::st_stage_from(t.stage);
  if (!domain::st_manages(actors_of(call.who, t))) throw forbidden("Bạn không quản lý nhiệm vụ này.");
  if (!domain::st_event_allowed(stage, *kind, StActor::managing_agency))
    throw conflict("Nhiệm vụ đang ở bước «" + stage_label(t.stage) + "», không ghi được việc này.");
  const auto& doc = in.doc;
  const auto today = domain::vietnam_date(call.now);
  check_document(doc, today);
  const auto state = domain::st_state_as_of(st_task_facts(t, store::list_st_events(c, t.id), {}), today);
  const auto book = st_rule_book(c);
  const auto& rules = book.at(*doc.date);
  auto e = event_row(call, t.id, kind_name, doc, in.note);
  using K = domain::StEventKind;
  if (*kind == K::tam_ung || *kind == K::thanh_toan) {
    e.amount = in.amount;
    const auto step = *kind == K::tam_ung ? domain::st_advance_check(rules, t.budget_nsnn, state.money, e.amount)
                                          : domain::st_settlement_check(state.money, e.amount);
    if (!step.allowed) refuse(step, t.stage, t.stage);
  }
  if (*kind == K::gia_han) {
    if (!in.requested_on) throw invalid("requested_on", "Cần nhập " + domain::quoted_field("requested_on") + ".");
    if (!in.new_end) throw invalid("new_end", "Cần nhập " + domain::quoted_field("new_end") + ".");
    if (!t.start_date || !state.end)
      throw conflict("Nhiệm vụ chưa có ngày bắt đầu và kết thúc nên chưa gia hạn được.", "end_date");
    const auto step = domain::st_extension_check(rules, *domain::parse_iso_date(*t.start_date), *state.end,
                                                 state.extended, *in.requested_on, *in.new_end);
    if (!step.allowed) refuse(step, t.stage, t.stage);
    e.requested_on = domain::iso(*in.requested_on);
    e.new_end = domain::iso(*in.new_end);
  }
  if (!store::set_st_task_stage(c, t.id, t.stage, version)) throw changed_meanwhile();
  store::insert_st_event(c, e);
  audit(c, call.postgres, &call.who, call.now, "st_task", t.id, "event", nullptr,
        json::object{{"kind", kind_name}, {"doc_number", e.doc_number}, {"amount", e.amount}});
  return written(call, t.id);
}

json::object add_st_monthly_update(const Call& call, store::Id id, const StMonthlyInput& in) {
  auto& c = call.c;
  auto t = st_task(c, call.who, id);
  const auto today = domain::vietnam_date(call.now);
  store::StUpdate u;
  u.task_id = t.id;
  if (!in.year) throw invalid("year", "Cần " + domain::quoted_field("year") + ".");
  if (!in.month) throw invalid("month", "Cần " + domain::quoted_field("month") + ".");
  u.year = static_cast<int>(*in.year);
  u.month = static_cast<int>(*in.month);
  if (domain::make_date(u.year, static_cast<unsigned>(u.month), 1) > today)
    throw invalid("month", "Không cập nhật trước cho " + domain::quoted_field("month") + " chưa đến.");
  if (actors_of(call.who, t).front() == StActor::other) throw forbidden("Bạn không cập nhật được nhiệm vụ này.");
  // The field named is the month asked for: no month after the task left execution can be updated.
  if (const auto why = domain::st_monthly_update_refusal(*domain::st_stage_from(t.stage)); !why.empty())
    throw conflict(
        "Không nhận cập nhật tháng " + std::to_string(u.month) + "/" + std::to_string(u.year) + ": " + why + ".",
        "month");
  if (!in.progress_percent)
    throw invalid("progress_percent", "Cần nhập " + domain::quoted_field("progress_percent") + ".");
  u.progress_percent = *in.progress_percent;
  u.products_delivered = in.products_delivered;
  u.spent_to_date = in.spent_to_date;
  u.problems = in.problems;
  u.evidence = in.evidence;
  u.recorded_at = domain::iso(call.now);
  u.recorded_on = domain::iso(today);
  u.recorded_by = call.who.user_id;
  u.id = store::insert_st_update(c, u);
  audit(c, call.postgres, &call.who, call.now, "st_task", t.id, "monthly_update", nullptr,
        json::object{{"year", u.year}, {"month", u.month}, {"progress_percent", u.progress_percent}});
  return st_task_detail(call, t, today);
}

json::object add_st_estimate(const Call& call, store::Id id, std::optional<long long> year,
                             std::optional<long long> amount) {
  if (!year) throw invalid("year", "Cần " + domain::quoted_field("year") + ".");
  if (!amount) throw invalid("amount", "Cần nhập " + domain::quoted_field("amount") + ".");
  const auto t = st_task(call.c, call.who, id);
  if (!domain::st_manages(actors_of(call.who, t))) throw forbidden("Bạn không quản lý nhiệm vụ này.");
  store::StEstimate e;
  e.task_id = t.id;
  e.year = static_cast<int>(*year);
  e.amount = *amount;
  e.entered_at = domain::iso(call.now);
  e.entered_on = today_iso(call);
  e.entered_by = call.who.user_id;
  const auto estimate_id = store::insert_st_estimate(call.c, e);
  audit(call.c, call.postgres, &call.who, call.now, "st_task", t.id, "estimate", nullptr,
        json::object{{"estimate_id", estimate_id}, {"year", e.year}, {"amount", e.amount}});
  return st_task_detail(call, t, domain::vietnam_date(call.now));
}

json::object link_st_task_plan(const Call& call, store::Id id, std::optional<store::Id> assignment_id) {
  auto& c = call.c;
  const auto t = st_task(c, call.who, id);
  if (!assignment_id) throw invalid("assignment_id", "Cần chọn " + domain::quoted_field("assignment_id") + ".");
  const auto a = store::find_assignment(c, *assignment_id);
  if (!a || a->removed_at)
    throw invalid("assignment_id", "Không tìm thấy " + domain::quoted_field("assignment_id") + ".");
  const auto today = today_iso(call);
  store::StPlanLinkFilter mine;
  mine.st_task_id = t.id;
  mine.holding_on = today;
  if (const auto held = store::list_st_plan_links(c, mine); !held.empty())
    throw conflict("Nhiệm vụ KH&CN đã gắn với nhiệm vụ " + held.front().task_code + " của " + held.front().unit_name +
                       " từ ngày " + domain::vn_date(*domain::parse_iso_date(held.front().valid_from)) +
                       "; hãy bỏ gắn trước khi gắn " + domain::quoted_field("assignment_id") + " khác.",
                   "assignment_id");
  store::StPlanLinkFilter theirs;
  theirs.assignment_id = *assignment_id;
  theirs.holding_on = today;
  if (const auto held = store::list_st_plan_links(c, theirs); !held.empty())
    throw conflict(domain::quoted_field("assignment_id") + " này đã lấy tiến độ từ nhiệm vụ KH&CN " +
                       held.front().st_task_code + ".",
                   "assignment_id");
  store::StPlanLink l;
  l.st_task_id = t.id;
  l.assignment_id = *assignment_id;
  l.valid_from = today;
  l.created_at = domain::iso(call.now);
  l.created_by = call.who.user_id;
  l.id = store::insert_st_plan_link(c, l);
  audit(c, call.postgres, &call.who, call.now, "st_task", t.id, "plan_link", nullptr,
        json::object{{"link_id", l.id}, {"assignment_id", l.assignment_id}, {"valid_from", l.valid_from}});
  return st_task_detail(call, t, domain::vietnam_date(call.now));
}

json::object unlink_st_task_plan(const Call& call, store::Id id) {
  auto& c = call.c;
  const auto t = st_task(c, call.who, id);
  store::StPlanLinkFilter mine;
  mine.st_task_id = t.id;
  const auto links = store::list_st_plan_links(c, mine);
  const auto open = std::find_if(links.begin(), links.end(), [](const auto& l) { return !l.valid_to; });
  if (open == links.end()) throw conflict("Nhiệm vụ KH&CN chưa gắn với nhiệm vụ nào của kế hoạch.", "assignment_id");
  const auto valid_to = std::max(today_iso(call), open->valid_from);
  store::end_st_plan_link(c, open->id, valid_to, domain::iso(call.now), call.who.user_id);
  audit(c, call.postgres, &call.who, call.now, "st_task", t.id, "plan_unlink", json::object{{"link_id", open->id}},
        json::object{{"valid_to", valid_to}});
  return st_task_detail(call, t, domain::vietnam_date(call.now));
}

json::array st_rules_list(store::Connection& c) {
  json::array items;
  for (const auto& r : store::list_st_rules(c)) items.push_back(rules_json(r));
  return items;
}

json::object add_st_rules(const Call& call, const domain::StRules& r) {
  if (const auto over = domain::st_rules_fraction_over(r))
    throw invalid(*over, domain::quoted_field(*over) + " không được lớn hơn mẫu số.");
  for (const auto& x : store::list_st_rules(call.c)) {
    if (x.effective_from == r.effective_from)
      throw conflict("Đã có quy định có hiệu lực từ ngày này.", "effective_from");
  }
  const auto id = store::insert_st_rules(call.c, r, domain::iso(call.now), call.who.user_id);
  audit(call.c, call.postgres, &call.who, call.now, "st_rules", id, "create", nullptr, rules_json(r));
  return rules_json(r);
}

json::object store_st_register_import(const Call& call, const std::string& filename,
                                      const domain::StRegisterSheet& sheet) {
  store::StTaskImport imp;
  imp.filename = filename;
  imp.sheet_json = json::serialize(st_register_sheet_json(sheet));
  imp.created_by = call.who.user_id;
  imp.created_at = domain::iso(call.now);
  imp.id = store::insert_st_task_import(call.c, imp);
  audit(call.c, call.postgres, &call.who, call.now, "st_task_import", imp.id, "upload", nullptr,
        json::object{{"filename", imp.filename},
                     {"rows", static_cast<long long>(sheet.rows.size())},
                     {"issues", static_cast<long long>(sheet.issues.size())}});
  return st_import_preview(call.c, imp, call.who.scope_path, domain::vietnam_date(call.now));
}

json::object st_register_import_preview(const Call& call, store::Id id) {
  return st_import_preview(call.c, register_import(call.c, id), call.who.scope_path, domain::vietnam_date(call.now));
}

json::object confirm_st_register_import(const Call& call, store::Id id) {
  auto& c = call.c;
  const auto imp = register_import(c, id);
  const auto changes = st_import_confirm(c, imp, call.who.scope_path, call.who.user_id, call.now);
  long long created = 0, updated = 0;
  for (const auto& ch : changes) {
    if (ch.before) {
      ++updated;
      audit(c, call.postgres, &call.who, call.now, "st_task", ch.after.id, "update", register_audit(*ch.before),
            register_audit(ch.after));
    } else {
      ++created;
      audit(c, call.postgres, &call.who, call.now, "st_task", ch.after.id, "create", nullptr, register_audit(ch.after));
    }
  }
  json::object out{{"id", imp.id}, {"state", "confirmed"}, {"created", created}, {"updated", updated}};
  audit(c, call.postgres, &call.who, call.now, "st_task_import", imp.id, "confirm", nullptr, out);
  return out;
}

json::object st_figures_answer(const StSnapshot& snap, const std::optional<std::string>& scope_path,
                               domain::Date as_of) {
  const auto f = domain::st_figures(snap.book, snap.cal, StSnapshot::facts_of(snap.in_scope(scope_path)), as_of);
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

json::object st_pipeline_answer(const StSnapshot& snap, const std::optional<std::string>& scope_path,
                                domain::Date as_of) {
  const auto p = domain::st_problem_pipeline(StSnapshot::facts_of(snap.in_scope(scope_path)), as_of);
  json::array sectors;
  for (const auto& s : p.sectors) {
    json::array problems;
    for (const auto& pr : s.problems) {
      json::array rows;
      for (const auto& t : pr.tasks) {
        rows.push_back({{"task_id", t.task_id},
                        {"code", t.code},
                        {"title", snap.by_id.at(t.task_id)->task.title},
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
  return {{"as_of", domain::iso(as_of)},
          {"target", p.target},
          {"met", p.met},
          {"problems_proposed", p.problems_proposed},
          {"problems_ordered", p.problems_ordered},
          {"ordered_tasks", p.ordered_tasks},
          {"sectors", std::move(sectors)}};
}

json::array st_public_results(const StSnapshot& snap, domain::Date today) {
  json::array items;
  for (const auto* e : snap.by_code) {
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
  return items;
}

}  // namespace tiendo::service
