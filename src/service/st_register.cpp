#include "service/st_register.h"

#include <map>
#include <set>

#include "domain/st_task.h"
#include "domain/vocabulary.h"
#include "formats/xlsx_reader.h"
#include "service/errors.h"
#include "store/exchange_store.h"
#include "store/plan_store.h"

namespace tiendo::service {

namespace json = boost::json;

namespace {

using domain::StRegisterRow;
using domain::StSheetIssue;

formats::XlsxValue text_cell(const std::string& s) { return s.empty() ? formats::XlsxValue{} : formats::XlsxValue{s}; }
formats::XlsxValue text_cell(const std::optional<std::string>& s) { return s ? text_cell(*s) : formats::XlsxValue{}; }
formats::XlsxValue date_cell(const std::optional<std::string>& s) {
  const auto d = s ? domain::parse_iso_date(*s) : std::nullopt;
  return d ? formats::XlsxValue{*d} : formats::XlsxValue{};
}
formats::XlsxValue money_cell(long long v) { return static_cast<double>(v); }

std::vector<formats::XlsxColumn> columns_of(std::span<const domain::StSheetColumn> cols) {
  std::vector<formats::XlsxColumn> out;
  for (const auto& c : cols) {
    const std::string_view f = c.field;
    const double width = f == "title" || f.ends_with("_plan") || f == "summary" || f == "problem" ||
                                 f.ends_with("_name") || f == "name" || f == "quality_spec"
                             ? 36
                             : 16;
    out.push_back({std::string(c.header), width});
  }
  return out;
}

std::optional<std::string> opt_date(const std::optional<domain::Date>& d) {
  return d ? std::optional(domain::iso(*d)) : std::nullopt;
}
json::value null_or(const std::optional<std::string>& s) { return s ? json::value(*s) : json::value(nullptr); }

json::object issue_json(const StSheetIssue& i) {
  return {{"sheet", i.sheet}, {"row", i.row}, {"column", i.column}, {"field", i.field}, {"message", i.message}};
}

json::object row_json(const StRegisterRow& r) {
  json::array products, years;
  for (const auto& p : r.products)
    products.push_back({{"name", p.name},
                        {"product_type", p.product_type},
                        {"quantity", p.quantity},
                        {"quality_spec", p.quality_spec}});
  for (const auto& y : r.years) years.push_back({{"year", y.year}, {"budget_nsnn", y.budget_nsnn}});
  return {{"row", r.row},
          {"code", r.code},
          {"title", r.title},
          {"level", r.level},
          {"kind", r.kind},
          {"mode", r.mode},
          {"national_code", r.national_code},
          {"national_code_on", null_or(opt_date(r.national_code_on))},
          {"registration_no", r.registration_no},
          {"problem", r.problem},
          {"sector", r.sector},
          {"host_unit_code", r.host_unit_code},
          {"principal_investigator", r.principal_investigator},
          {"managing_unit_code", r.managing_unit_code},
          {"budget_nsnn", r.budget_nsnn},
          {"budget_other", r.budget_other},
          {"start_date", null_or(opt_date(r.start_date))},
          {"end_date", null_or(opt_date(r.end_date))},
          {"uptake_plan", r.uptake_plan},
          {"ip_plan", r.ip_plan},
          {"summary", r.summary},
          {"doc_number", r.doc_number},
          {"doc_date", null_or(opt_date(r.doc_date))},
          {"signer_name", r.signer_name},
          {"signer_position", r.signer_position},
          {"products", std::move(products)},
          {"years", std::move(years)}};
}

std::string str(const json::object& o, std::string_view k) { return std::string(o.at(k).as_string()); }
std::optional<domain::Date> date_of(const json::object& o, std::string_view k) {
  const auto& v = o.at(k);
  return v.is_null() ? std::nullopt : domain::parse_iso_date(v.as_string());
}

domain::StRegisterSheet sheet_from_json(const std::string& text) {
  const auto o = json::parse(text).as_object();
  domain::StRegisterSheet s;
  for (const auto& v : o.at("rows").as_array()) {
    const auto& r = v.as_object();
    StRegisterRow x;
    x.row = static_cast<int>(r.at("row").as_int64());
    x.code = str(r, "code");
    x.title = str(r, "title");
    x.level = str(r, "level");
    x.kind = str(r, "kind");
    x.mode = str(r, "mode");
    x.national_code = str(r, "national_code");
    x.national_code_on = date_of(r, "national_code_on");
    x.registration_no = str(r, "registration_no");
    x.problem = str(r, "problem");
    x.sector = str(r, "sector");
    x.host_unit_code = str(r, "host_unit_code");
    x.principal_investigator = str(r, "principal_investigator");
    x.managing_unit_code = str(r, "managing_unit_code");
    x.budget_nsnn = r.at("budget_nsnn").as_int64();
    x.budget_other = r.at("budget_other").as_int64();
    x.start_date = date_of(r, "start_date");
    x.end_date = date_of(r, "end_date");
    x.uptake_plan = str(r, "uptake_plan");
    x.ip_plan = str(r, "ip_plan");
    x.summary = str(r, "summary");
    x.doc_number = str(r, "doc_number");
    x.doc_date = date_of(r, "doc_date");
    x.signer_name = str(r, "signer_name");
    x.signer_position = str(r, "signer_position");
    for (const auto& p : r.at("products").as_array()) {
      const auto& q = p.as_object();
      x.products.push_back(
          {str(q, "name"), str(q, "product_type"), q.at("quantity").as_int64(), str(q, "quality_spec")});
    }
    for (const auto& y : r.at("years").as_array()) {
      const auto& q = y.as_object();
      x.years.push_back({static_cast<int>(q.at("year").as_int64()), q.at("budget_nsnn").as_int64()});
    }
    s.rows.push_back(std::move(x));
  }
  for (const auto& v : o.at("issues").as_array()) {
    const auto& i = v.as_object();
    s.issues.push_back({str(i, "sheet"), static_cast<int>(i.at("row").as_int64()), str(i, "column"), str(i, "field"),
                        str(i, "message")});
  }
  return s;
}

// One row checked against the register as it is: the task it makes (new, or the existing one with the row's
// register fields), and what the confirmation would do.
struct Planned {
  StRegisterRow row;
  std::optional<store::StTask> existing;
  store::StTask task;
  std::string action;  // new | changed | unchanged
  std::vector<std::string> changed;
  bool blocked = false;
};

std::string header_of(std::string_view field) {
  for (const auto& c : domain::st_task_columns()) {
    if (c.field == field) return std::string(c.header);
  }
  return std::string(field);
}

StSheetIssue row_issue(const StRegisterRow& r, std::string_view field, const std::string& what) {
  const auto header = header_of(field);
  return {std::string(domain::kStTaskSheet), r.row, header, std::string(field),
          "Trang «" + std::string(domain::kStTaskSheet) + "», dòng " + std::to_string(r.row) + ", cột «" + header +
              "»: " + what};
}

bool in_scope(const std::optional<std::string>& scope, const std::string& path) {
  return !scope || path.starts_with(*scope);
}

// The register fields that differ, by their JSON names.
std::vector<std::string> differences(const store::StTask& a, const store::StTask& b) {
  std::vector<std::string> out;
  const auto check = [&](bool same, const char* name) {
    if (!same) out.emplace_back(name);
  };
  check(a.title == b.title, "title");
  check(a.level == b.level, "level");
  check(a.kind == b.kind, "kind");
  check(a.mode == b.mode, "mode");
  check(a.national_code == b.national_code, "national_code");
  check(a.national_code_on == b.national_code_on, "national_code_on");
  check(a.registration_no == b.registration_no, "registration_no");
  check(a.problem == b.problem, "problem");
  check(a.sector == b.sector, "sector");
  check(a.host_unit_id == b.host_unit_id, "host_unit_code");
  check(a.principal_investigator == b.principal_investigator, "principal_investigator");
  check(a.managing_unit_id == b.managing_unit_id, "managing_unit_code");
  check(a.budget_nsnn == b.budget_nsnn, "budget_nsnn");
  check(a.budget_other == b.budget_other, "budget_other");
  check(a.start_date == b.start_date, "start_date");
  check(a.end_date == b.end_date, "end_date");
  check(a.uptake_plan == b.uptake_plan, "uptake_plan");
  check(a.ip_plan == b.ip_plan, "ip_plan");
  check(a.summary == b.summary, "summary");
  bool same_products = a.products.size() == b.products.size();
  for (size_t i = 0; same_products && i < a.products.size(); ++i) {
    const auto &p = a.products[i], &q = b.products[i];
    same_products = p.name == q.name && p.product_type == q.product_type && p.quantity == q.quantity &&
                    p.quality_spec == q.quality_spec;
  }
  check(same_products, "products");
  bool same_years = a.years.size() == b.years.size();
  for (size_t i = 0; same_years && i < a.years.size(); ++i)
    same_years = a.years[i].year == b.years[i].year && a.years[i].budget_nsnn == b.years[i].budget_nsnn;
  check(same_years, "years");
  return out;
}

std::vector<Planned> plan_rows(store::Connection& c, const domain::StRegisterSheet& sheet,
                               const std::optional<std::string>& scope, domain::Date today,
                               std::vector<StSheetIssue>& issues) {
  std::vector<Planned> out;
  std::map<std::string, std::optional<store::Unit>> units;
  const auto unit = [&](const std::string& code) -> const std::optional<store::Unit>& {
    auto it = units.find(code);
    if (it == units.end()) it = units.emplace(code, store::find_unit_by_code(c, code)).first;
    return it->second;
  };
  for (const auto& r : sheet.rows) {
    Planned p;
    p.row = r;
    const auto before = issues.size();
    const auto& host = unit(r.host_unit_code);
    if (!host || host->kind != domain::kHostOrgKind)
      issues.push_back(row_issue(r, "host_unit_code",
                                 host ? "«" + r.host_unit_code + "» không phải một tổ chức chủ trì nhiệm vụ KH&CN."
                                      : "không có đơn vị mã «" + r.host_unit_code + "»."));
    const auto& managing = unit(r.managing_unit_code);
    if (!managing || domain::is_host_unit_kind(managing->kind))
      issues.push_back(row_issue(r, "managing_unit_code",
                                 managing ? "«" + r.managing_unit_code + "» không phải một cơ quan, đơn vị quản lý."
                                          : "không có đơn vị mã «" + r.managing_unit_code + "»."));
    else if (!in_scope(scope, managing->path))
      issues.push_back(row_issue(r, "managing_unit_code", "bạn chỉ nhập được nhiệm vụ do đơn vị mình quản lý."));
    p.existing = store::find_st_task_by_code(c, r.code);
    if (p.existing && !in_scope(scope, p.existing->managing_unit_path))
      issues.push_back(row_issue(r, "code", "nhiệm vụ «" + r.code + "» do đơn vị khác quản lý."));
    if (!p.existing) {
      // A new task starts with its proposal, which needs its document like every step.
      domain::StDocument doc{r.doc_number, r.doc_date, r.signer_name, r.signer_position, ""};
      if (const auto f = domain::missing_document_field(doc))
        issues.push_back(row_issue(r, *f, "nhiệm vụ mới cần văn bản đề xuất (số, ngày, người ký, chức vụ)."));
      else if (*r.doc_date > today)
        issues.push_back(row_issue(r, "doc_date", "ngày văn bản không được sau ngày hôm nay."));
    }
    p.blocked = issues.size() > before;
    store::StTask t = p.existing.value_or(store::StTask{});
    t.code = r.code;
    t.title = r.title;
    t.level = r.level;
    t.kind = r.kind;
    t.mode = r.mode;
    t.national_code = r.national_code.empty() ? std::nullopt : std::optional(r.national_code);
    t.national_code_on = t.national_code ? opt_date(r.national_code_on.value_or(today)) : std::nullopt;
    t.registration_no = r.registration_no.empty() ? std::nullopt : std::optional(r.registration_no);
    t.problem = r.problem;
    t.sector = r.sector;
    t.host_unit_id = host ? host->id : 0;
    t.principal_investigator = r.principal_investigator;
    t.managing_unit_id = managing ? managing->id : 0;
    t.budget_nsnn = r.budget_nsnn;
    t.budget_other = r.budget_other;
    t.start_date = opt_date(r.start_date);
    t.end_date = opt_date(r.end_date);
    t.uptake_plan = r.uptake_plan;
    t.ip_plan = r.ip_plan;
    t.summary = r.summary;
    t.products.clear();
    for (const auto& x : r.products) t.products.push_back({x.name, x.product_type, x.quantity, x.quality_spec});
    t.years.clear();
    for (const auto& y : r.years) t.years.push_back({y.year, y.budget_nsnn});
    if (host) t.host_unit_name = host->name;
    if (managing) t.managing_unit_name = managing->name;
    p.task = std::move(t);
    if (!p.existing) {
      p.action = "new";
    } else {
      p.changed = differences(*p.existing, p.task);
      p.action = p.changed.empty() ? "unchanged" : "changed";
    }
    out.push_back(std::move(p));
  }
  return out;
}

}  // namespace

std::vector<formats::XlsxSheet> st_register_sheets(store::Connection& c, const std::optional<std::string>& scope_path,
                                                   domain::Date today) {
  store::StTaskFilter filter;
  filter.scope_path = scope_path;
  const auto tasks = store::list_st_tasks(c, filter);
  // The proposal's document: each task's first step.
  std::map<store::Id, store::StEvent> proposal;
  for (auto& e : store::list_st_events(c, std::nullopt)) {
    if (e.kind == "stage" && e.to_stage == "de_xuat" && !proposal.count(e.task_id)) proposal.emplace(e.task_id, e);
  }
  std::map<store::Id, std::string> unit_codes;
  const auto code_of_unit = [&](store::Id id) -> const std::string& {
    auto it = unit_codes.find(id);
    if (it == unit_codes.end()) it = unit_codes.emplace(id, store::find_unit(c, id)->code).first;
    return it->second;
  };
  const std::vector<std::string> title{"SỔ NHIỆM VỤ KHOA HỌC VÀ CÔNG NGHỆ SỬ DỤNG NGÂN SÁCH NHÀ NƯỚC",
                                       "Xuất ngày " + domain::vn_date(today)};
  formats::XlsxSheet main{std::string(domain::kStTaskSheet), title, columns_of(domain::st_task_columns()), {}};
  // Issue 18: each task's codes in other systems, one column "Mã <system>" per system any task has one in, as
  // the other exports write them (the national platform's is the register's own column). The import reads the
  // register's columns only: codes are set through /external-codes.
  const auto codes = store::external_codes_known(c, "st_task", std::nullopt);
  std::set<std::string> systems;
  for (const auto& t : tasks)
    if (const auto it = codes.find(t.id); it != codes.end())
      for (const auto& [system, code] : it->second) systems.insert(system);
  for (const auto& system : systems) main.columns.push_back({"Mã " + system, 16});
  formats::XlsxSheet products{std::string(domain::kStProductSheet), {}, columns_of(domain::st_product_columns()), {}};
  formats::XlsxSheet years{std::string(domain::kStYearSheet), {}, columns_of(domain::st_year_columns()), {}};
  for (const auto& t : tasks) {
    const auto it = proposal.find(t.id);
    const store::StEvent* doc = it == proposal.end() ? nullptr : &it->second;
    std::vector<formats::XlsxValue> cells;
    for (const auto& col : domain::st_task_columns()) {
      const std::string_view f = col.field;
      formats::XlsxValue v;
      if (f == "code")
        v = t.code;
      else if (f == "title")
        v = t.title;
      else if (f == "level")
        v = std::string(domain::vi_label("st_level", t.level));
      else if (f == "kind")
        v = std::string(domain::vi_label("st_kind", t.kind));
      else if (f == "mode")
        v = std::string(domain::vi_label("st_mode", t.mode));
      else if (f == "national_code")
        v = text_cell(t.national_code);
      else if (f == "national_code_on")
        v = date_cell(t.national_code_on);
      else if (f == "registration_no")
        v = text_cell(t.registration_no);
      else if (f == "problem")
        v = text_cell(t.problem);
      else if (f == "sector")
        v = text_cell(t.sector);
      else if (f == "host_unit_code")
        v = code_of_unit(t.host_unit_id);
      else if (f == "host_unit_name")
        v = t.host_unit_name;
      else if (f == "principal_investigator")
        v = text_cell(t.principal_investigator);
      else if (f == "managing_unit_code")
        v = code_of_unit(t.managing_unit_id);
      else if (f == "managing_unit_name")
        v = t.managing_unit_name;
      else if (f == "budget_nsnn")
        v = money_cell(t.budget_nsnn);
      else if (f == "budget_other")
        v = money_cell(t.budget_other);
      else if (f == "start_date")
        v = date_cell(t.start_date);
      else if (f == "end_date")
        v = date_cell(t.end_date);
      else if (f == "uptake_plan")
        v = text_cell(t.uptake_plan);
      else if (f == "ip_plan")
        v = text_cell(t.ip_plan);
      else if (f == "summary")
        v = text_cell(t.summary);
      else if (f == "doc_number" && doc)
        v = text_cell(doc->doc_number);
      else if (f == "doc_date" && doc)
        v = date_cell(doc->doc_date);
      else if (f == "signer_name" && doc)
        v = text_cell(doc->signer_name);
      else if (f == "signer_position" && doc)
        v = text_cell(doc->signer_position);
      else if (f == "stage") {
        const auto s = domain::st_stage_from(t.stage);
        v = s ? std::string(domain::st_stage_label(*s)) : t.stage;
      }
      cells.push_back(std::move(v));
    }
    const auto own = codes.find(t.id);
    for (const auto& system : systems) {
      std::optional<std::string> code;
      if (own != codes.end())
        if (const auto it = own->second.find(system); it != own->second.end()) code = it->second;
      cells.push_back(text_cell(code));
    }
    main.rows.push_back({formats::XlsxRow::Kind::item, std::move(cells)});
    for (const auto& p : t.products) {
      products.rows.push_back(
          {formats::XlsxRow::Kind::item,
           {t.code, p.name, p.product_type, static_cast<double>(p.quantity), text_cell(p.quality_spec)}});
    }
    for (const auto& y : t.years) {
      years.rows.push_back(
          {formats::XlsxRow::Kind::item, {t.code, static_cast<double>(y.year), money_cell(y.budget_nsnn)}});
    }
  }
  return {std::move(main), std::move(products), std::move(years)};
}

domain::StRegisterSheet read_st_register_file(const std::string& filename, std::string_view bytes) {
  std::string name = filename;
  for (char& ch : name) ch = static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
  if (!name.ends_with(".xlsx")) throw unsupported_file("filename", "Sổ nhiệm vụ chỉ nhập từ tệp Excel (.xlsx).");
  if (!bytes.starts_with("PK")) throw unsupported_file("body", "Nội dung tệp không phải .xlsx.");
  std::vector<domain::StWorkbookSheet> sheets;
  for (auto& s : formats::read_xlsx(bytes)) sheets.push_back({std::move(s.name), std::move(s.rows)});
  return domain::read_st_register(sheets);
}

json::value st_register_sheet_json(const domain::StRegisterSheet& sheet) {
  json::array rows, issues;
  for (const auto& r : sheet.rows) rows.push_back(row_json(r));
  for (const auto& i : sheet.issues) issues.push_back(issue_json(i));
  return json::object{{"rows", std::move(rows)}, {"issues", std::move(issues)}};
}

json::object st_import_preview(store::Connection& c, const store::StTaskImport& imp,
                               const std::optional<std::string>& scope_path, domain::Date today) {
  auto sheet = sheet_from_json(imp.sheet_json);
  auto issues = sheet.issues;
  const auto planned = plan_rows(c, sheet, scope_path, today, issues);
  json::array rows, issue_list;
  long long created = 0, changed = 0, unchanged = 0;
  for (const auto& p : planned) {
    auto o = row_json(p.row);
    o["action"] = p.action;
    o["host_unit_name"] = p.task.host_unit_name;
    o["managing_unit_name"] = p.task.managing_unit_name;
    json::array fields;
    for (const auto& f : p.changed) fields.push_back(json::value(f));
    o["changed_fields"] = std::move(fields);
    o["blocked"] = p.blocked;
    rows.push_back(std::move(o));
    (p.action == "new" ? created : p.action == "changed" ? changed : unchanged) += 1;
  }
  for (const auto& i : issues) issue_list.push_back(issue_json(i));
  const auto blocking = static_cast<long long>(issues.size());
  return {{"id", imp.id},
          {"filename", imp.filename},
          {"state", imp.state},
          {"created_at", imp.created_at},
          {"summary",
           {{"rows", static_cast<long long>(planned.size())},
            {"new", created},
            {"changed", changed},
            {"unchanged", unchanged},
            {"blocking", blocking}}},
          {"issues", std::move(issue_list)},
          {"rows", std::move(rows)}};
}

std::vector<StImportChange> st_import_confirm(store::Connection& c, const store::StTaskImport& imp,
                                              const std::optional<std::string>& scope_path, store::Id user_id,
                                              domain::Instant now) {
  if (imp.state != "preview") throw conflict("Lần nhập này đã được xác nhận.", "state");
  const auto today = domain::vietnam_date(now);
  auto sheet = sheet_from_json(imp.sheet_json);
  auto issues = sheet.issues;
  const auto planned = plan_rows(c, sheet, scope_path, today, issues);
  if (!issues.empty())
    throw conflict("Tệp còn " + std::to_string(issues.size()) + " lỗi, chưa nhập được. " + issues.front().message);
  if (!store::confirm_st_task_import(c, imp.id, domain::iso(now)))
    throw conflict("Lần nhập này đã được xác nhận.", "state");
  std::vector<StImportChange> out;
  for (const auto& p : planned) {
    if (p.action == "unchanged") continue;
    auto t = p.task;
    if (p.action == "new") {
      t.stage = "de_xuat";
      t.created_at = domain::iso(now);
      t.created_by = user_id;
      t.id = store::insert_st_task(c, t);
      store::StEvent e;
      e.task_id = t.id;
      e.kind = "stage";
      e.to_stage = "de_xuat";
      e.doc_number = p.row.doc_number;
      e.doc_date = domain::iso(*p.row.doc_date);
      e.signer_name = p.row.signer_name;
      e.signer_position = p.row.signer_position;
      e.note = "Nhập từ tệp " + imp.filename;
      e.recorded_at = domain::iso(now);
      e.recorded_on = domain::iso(today);
      e.recorded_by = user_id;
      store::insert_st_event(c, e);
      out.push_back({std::nullopt, *store::find_st_task(c, t.id)});
    } else {
      if (!store::update_st_task(c, t, p.existing->version))
        throw conflict("Nhiệm vụ «" + t.code + "» vừa được thay đổi; vui lòng tải tệp lên lại.");
      out.push_back({p.existing, *store::find_st_task(c, t.id)});
    }
  }
  return out;
}

}  // namespace tiendo::service
