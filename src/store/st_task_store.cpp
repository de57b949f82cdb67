#include "store/st_task_store.h"

#include <map>

namespace tiendo::store {

namespace {

constexpr const char* kColumns =
    "t.id, t.code, t.national_code, t.national_code_on, t.registration_no, t.title, t.level, t.kind, t.mode, "
    "t.problem, t.sector, t.host_unit_id, t.principal_investigator, t.managing_unit_id, t.budget_nsnn, "
    "t.budget_other, t.start_date, t.end_date, t.uptake_plan, t.ip_plan, t.summary, t.stage, t.created_at, "
    "t.created_by, t.version, hu.name, hu.path, mu.name, mu.path";
constexpr const char* kFrom =
    " FROM st_tasks t JOIN units hu ON hu.id = t.host_unit_id JOIN units mu ON mu.id = t.managing_unit_id";

StTask read(const Row& r) {
  StTask t;
  size_t i = 0;
  t.id = r.i64(i++);
  t.code = r.text(i++);
  t.national_code = r.opt_text(i++);
  t.national_code_on = r.opt_text(i++);
  t.registration_no = r.opt_text(i++);
  t.title = r.text(i++);
  t.level = r.text(i++);
  t.kind = r.text(i++);
  t.mode = r.text(i++);
  t.problem = r.text(i++);
  t.sector = r.text(i++);
  t.host_unit_id = r.i64(i++);
  t.principal_investigator = r.text(i++);
  t.managing_unit_id = r.i64(i++);
  t.budget_nsnn = r.i64(i++);
  t.budget_other = r.i64(i++);
  t.start_date = r.opt_text(i++);
  t.end_date = r.opt_text(i++);
  t.uptake_plan = r.text(i++);
  t.ip_plan = r.text(i++);
  t.summary = r.text(i++);
  t.stage = r.text(i++);
  t.created_at = r.text(i++);
  t.created_by = r.opt_i64(i++);
  t.version = r.i64(i++);
  t.host_unit_name = r.text(i++);
  t.host_unit_path = r.text(i++);
  t.managing_unit_name = r.text(i++);
  t.managing_unit_path = r.text(i++);
  return t;
}

// The rows of a list kept beside the tasks (products, yearly budgets, events, updates, estimates): one task's, or
// every task's when none is named.
Rows of_tasks(Connection& c, std::string select, std::optional<Id> task_id, std::string_view order) {
  Params params;
  if (task_id) {
    select += " WHERE task_id = $1";
    params.push_back(*task_id);
  }
  return c.query(select + " ORDER BY " + std::string(order), params);
}

// Products and yearly budgets of the tasks read, in one query each.
void fill_children(Connection& c, std::vector<StTask>& tasks, std::optional<Id> only) {
  std::map<Id, StTask*> by_id;
  for (auto& t : tasks) by_id[t.id] = &t;
  for (const auto& r : of_tasks(c, "SELECT task_id, name, product_type, quantity, quality_spec FROM st_task_products",
                                only, "task_id, id")) {
    if (auto it = by_id.find(r.i64(0)); it != by_id.end()) {
      it->second->products.push_back({r.text(1), r.text(2), r.i64(3), r.text(4)});
    }
  }
  for (const auto& r : of_tasks(c, "SELECT task_id, year, budget_nsnn FROM st_task_years", only, "task_id, year")) {
    if (auto it = by_id.find(r.i64(0)); it != by_id.end()) {
      it->second->years.push_back({static_cast<int>(r.i64(1)), r.i64(2)});
    }
  }
}

void write_children(Connection& c, Id id, const StTask& t) {
  c.query("DELETE FROM st_task_products WHERE task_id = $1", {id});
  c.query("DELETE FROM st_task_years WHERE task_id = $1", {id});
  for (const auto& p : t.products) {
    c.query(
        "INSERT INTO st_task_products (task_id, name, product_type, quantity, quality_spec) VALUES ($1, $2, $3, $4, "
        "$5)",
        {id, p.name, p.product_type, p.quantity, p.quality_spec});
  }
  for (const auto& y : t.years) {
    c.query("INSERT INTO st_task_years (task_id, year, budget_nsnn) VALUES ($1, $2, $3)",
            {id, static_cast<long long>(y.year), y.budget_nsnn});
  }
}

std::optional<StTask> one(Connection& c, const Rows& rows) {
  if (rows.empty()) return std::nullopt;
  std::vector<StTask> v{read(rows[0])};
  fill_children(c, v, v[0].id);
  return std::move(v[0]);
}

StEvent read_event(const Row& r) {
  StEvent e;
  size_t i = 0;
  e.id = r.i64(i++);
  e.task_id = r.i64(i++);
  e.kind = r.text(i++);
  e.from_stage = r.opt_text(i++);
  e.to_stage = r.opt_text(i++);
  e.doc_number = r.text(i++);
  e.doc_date = r.text(i++);
  e.signer_name = r.text(i++);
  e.signer_position = r.text(i++);
  e.file_ref = r.text(i++);
  e.amount = r.i64(i++);
  e.new_end = r.opt_text(i++);
  e.requested_on = r.opt_text(i++);
  e.rating = r.opt_text(i++);
  e.votes_xuat_sac = r.opt_i64(i++);
  e.votes_dat = r.opt_i64(i++);
  e.votes_khong_dat = r.opt_i64(i++);
  e.note = r.text(i++);
  e.recorded_at = r.text(i++);
  e.recorded_on = r.text(i++);
  e.recorded_by = r.opt_i64(i++);
  return e;
}

// The register's own fields, written alike by an insert and an update: each column with its value.
std::vector<std::pair<std::string_view, Param>> register_fields(const StTask& t) {
  return {{"code", t.code},
          {"national_code", opt(t.national_code)},
          {"national_code_on", opt(t.national_code_on)},
          {"registration_no", opt(t.registration_no)},
          {"title", t.title},
          {"level", t.level},
          {"kind", t.kind},
          {"mode", t.mode},
          {"problem", t.problem},
          {"sector", t.sector},
          {"host_unit_id", t.host_unit_id},
          {"principal_investigator", t.principal_investigator},
          {"managing_unit_id", t.managing_unit_id},
          {"budget_nsnn", t.budget_nsnn},
          {"budget_other", t.budget_other},
          {"start_date", opt(t.start_date)},
          {"end_date", opt(t.end_date)},
          {"uptake_plan", t.uptake_plan},
          {"ip_plan", t.ip_plan},
          {"summary", t.summary}};
}

}  // namespace

Id insert_st_task(Connection& c, const StTask& t) {
  auto fields = register_fields(t);
  fields.insert(fields.end(), {{"stage", t.stage}, {"created_at", t.created_at}, {"created_by", opt(t.created_by)}});
  std::string columns, values;
  Params params;
  for (auto& [column, value] : fields) {
    params.push_back(std::move(value));
    columns += (params.size() > 1 ? ", " : "") + std::string(column);
    values += (params.size() > 1 ? ", $" : "$") + std::to_string(params.size());
  }
  const Id id =
      c.query("INSERT INTO st_tasks (" + columns + ") VALUES (" + values + ") RETURNING id", params).at(0).i64(0);
  write_children(c, id, t);
  return id;
}

std::optional<StTask> find_st_task(Connection& c, Id id) {
  return one(c, c.query(std::string("SELECT ") + kColumns + kFrom + " WHERE t.id = $1", {id}));
}

std::optional<StTask> find_st_task_by_code(Connection& c, const std::string& code) {
  return one(c, c.query(std::string("SELECT ") + kColumns + kFrom + " WHERE t.code = $1", {code}));
}

bool update_st_task(Connection& c, const StTask& t, long long expected_version) {
  std::string set;
  Params params;
  for (auto& [column, value] : register_fields(t)) {
    params.push_back(std::move(value));
    set += (params.size() > 1 ? ", " : "") + std::string(column) + " = $" + std::to_string(params.size());
  }
  params.insert(params.end(), {t.id, expected_version});
  const bool ok = !c.query("UPDATE st_tasks SET " + set + ", version = version + 1 WHERE id = $" +
                               std::to_string(params.size() - 1) + " AND version = $" + std::to_string(params.size()) +
                               " RETURNING id",
                           params)
                       .empty();
  if (ok) write_children(c, t.id, t);
  return ok;
}

bool set_st_task_stage(Connection& c, Id id, const std::string& stage, long long expected_version) {
  return !c.query("UPDATE st_tasks SET stage = $1, version = version + 1 WHERE id = $2 AND version = $3 RETURNING id",
                  {stage, id, expected_version})
              .empty();
}

std::vector<StTask> list_st_tasks(Connection& c, const StTaskFilter& f) {
  Params params;
  std::string where;
  auto add = [&](const std::string& clause) { where += (where.empty() ? " WHERE " : " AND ") + clause; };
  auto param = [&](Param p) {
    params.push_back(std::move(p));
    return "$" + std::to_string(params.size());
  };
  if (f.scope_path) {
    std::string end = *f.scope_path;
    end.back() = static_cast<char>('/' + 1);
    const std::string a = param(*f.scope_path), b = param(end);
    add("((hu.path >= " + a + " AND hu.path < " + b + ") OR (mu.path >= " + a + " AND mu.path < " + b + "))");
  }
  if (f.stage) add("t.stage = " + param(*f.stage));
  if (f.host_unit_id) add("t.host_unit_id = " + param(*f.host_unit_id));
  if (f.national_code) add("t.national_code = " + param(*f.national_code));
  std::vector<StTask> out;
  for (const auto& r : c.query(std::string("SELECT ") + kColumns + kFrom + where + " ORDER BY t.code", params)) {
    out.push_back(read(r));
  }
  fill_children(c, out, std::nullopt);
  return out;
}

Id insert_st_event(Connection& c, const StEvent& e) {
  return c
      .query(
          "INSERT INTO st_task_events (task_id, kind, from_stage, to_stage, doc_number, doc_date, signer_name, "
          "signer_position, file_ref, amount, new_end, requested_on, rating, votes_xuat_sac, votes_dat, "
          "votes_khong_dat, note, recorded_at, recorded_on, recorded_by) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, "
          "$10, $11, $12, $13, $14, $15, $16, $17, $18, $19, $20) RETURNING id",
          {e.task_id,
           e.kind,
           opt(e.from_stage),
           opt(e.to_stage),
           e.doc_number,
           e.doc_date,
           e.signer_name,
           e.signer_position,
           e.file_ref,
           e.amount,
           opt(e.new_end),
           opt(e.requested_on),
           opt(e.rating),
           opt(e.votes_xuat_sac),
           opt(e.votes_dat),
           opt(e.votes_khong_dat),
           e.note,
           e.recorded_at,
           e.recorded_on,
           opt(e.recorded_by)})
      .at(0)
      .i64(0);
}

std::vector<StEvent> list_st_events(Connection& c, std::optional<Id> task_id) {
  std::vector<StEvent> out;
  for (const auto& r :
       of_tasks(c,
                "SELECT id, task_id, kind, from_stage, to_stage, doc_number, doc_date, signer_name, signer_position, "
                "file_ref, amount, new_end, requested_on, rating, votes_xuat_sac, votes_dat, votes_khong_dat, note, "
                "recorded_at, recorded_on, recorded_by FROM st_task_events",
                task_id, "task_id, id"))
    out.push_back(read_event(r));
  return out;
}

Id insert_st_update(Connection& c, const StUpdate& u) {
  return c
      .query(
          "INSERT INTO st_task_updates (task_id, year, month, progress_percent, products_delivered, spent_to_date, "
          "problems, evidence, recorded_at, recorded_on, recorded_by) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, "
          "$10, $11) RETURNING id",
          {u.task_id, static_cast<long long>(u.year), static_cast<long long>(u.month), u.progress_percent,
           u.products_delivered, u.spent_to_date, u.problems, u.evidence, u.recorded_at, u.recorded_on,
           opt(u.recorded_by)})
      .at(0)
      .i64(0);
}

std::vector<StUpdate> list_st_updates(Connection& c, std::optional<Id> task_id) {
  std::vector<StUpdate> out;
  for (const auto& r : of_tasks(c,
                                "SELECT id, task_id, year, month, progress_percent, products_delivered, spent_to_date, "
                                "problems, evidence, recorded_at, recorded_on, recorded_by FROM st_task_updates",
                                task_id, "task_id, year, month, id")) {
    StUpdate u;
    size_t i = 0;
    u.id = r.i64(i++);
    u.task_id = r.i64(i++);
    u.year = static_cast<int>(r.i64(i++));
    u.month = static_cast<int>(r.i64(i++));
    u.progress_percent = r.f64(i++);
    u.products_delivered = r.text(i++);
    u.spent_to_date = r.i64(i++);
    u.problems = r.text(i++);
    u.evidence = r.text(i++);
    u.recorded_at = r.text(i++);
    u.recorded_on = r.text(i++);
    u.recorded_by = r.opt_i64(i++);
    out.push_back(std::move(u));
  }
  return out;
}

namespace {
constexpr const char* kRuleColumns =
    "effective_from, contract_within_days, first_advance_max_percent, next_advance_settled_percent, "
    "dossier_due_days, dossier_fail_months, extension_notice_months, extension_max_months_long, "
    "extension_max_months_short, long_task_months, excellent_num, excellent_den, fail_num, fail_den, "
    "record_within_working_days, inspection_every_months, register_within_days, settle_within_days, "
    "update_grace_days";
}  // namespace

std::vector<domain::StRules> list_st_rules(Connection& c) {
  std::vector<domain::StRules> out;
  for (const auto& r : c.query(std::string("SELECT ") + kRuleColumns + " FROM st_rules ORDER BY effective_from")) {
    domain::StRules x;
    size_t i = 0;
    x.effective_from = *domain::parse_iso_date(r.text(i++));
    for (int* field :
         {&x.contract_within_days, &x.first_advance_max_percent, &x.next_advance_settled_percent, &x.dossier_due_days,
          &x.dossier_fail_months, &x.extension_notice_months, &x.extension_max_months_long,
          &x.extension_max_months_short, &x.long_task_months, &x.excellent_num, &x.excellent_den, &x.fail_num,
          &x.fail_den, &x.record_within_working_days, &x.inspection_every_months, &x.register_within_days,
          &x.settle_within_days, &x.update_grace_days}) {
      *field = static_cast<int>(r.i64(i++));
    }
    out.push_back(x);
  }
  return out;
}

Id insert_st_estimate(Connection& c, const StEstimate& e) {
  return c
      .query(
          "INSERT INTO st_task_estimates (task_id, year, amount, entered_at, entered_on, entered_by) "
          "VALUES ($1, $2, $3, $4, $5, $6) RETURNING id",
          {e.task_id, static_cast<long long>(e.year), e.amount, e.entered_at, e.entered_on, opt(e.entered_by)})
      .at(0)
      .i64(0);
}

std::vector<StEstimate> list_st_estimates(Connection& c, std::optional<Id> task_id) {
  std::vector<StEstimate> out;
  for (const auto& r : of_tasks(c,
                                "SELECT id, task_id, year, amount, entered_at, entered_on, entered_by FROM "
                                "st_task_estimates",
                                task_id, "task_id, id")) {
    out.push_back({r.i64(0), r.i64(1), static_cast<int>(r.i64(2)), r.i64(3), r.text(4), r.text(5), r.opt_i64(6)});
  }
  return out;
}

Id insert_st_plan_link(Connection& c, const StPlanLink& l) {
  return c
      .query(
          "INSERT INTO st_task_plan_links (st_task_id, assignment_id, valid_from, created_at, created_by) "
          "VALUES ($1, $2, $3, $4, $5) RETURNING id",
          {l.st_task_id, l.assignment_id, l.valid_from, l.created_at, opt(l.created_by)})
      .at(0)
      .i64(0);
}

bool end_st_plan_link(Connection& c, Id id, const std::string& valid_to, const std::string& at, std::optional<Id> by) {
  return !c.query(
               "UPDATE st_task_plan_links SET valid_to = $2, ended_at = $3, ended_by = $4 WHERE id = $1 AND "
               "valid_to IS NULL RETURNING id",
               {id, valid_to, at, opt(by)})
              .empty();
}

std::vector<StPlanLink> list_st_plan_links(Connection& c, const StPlanLinkFilter& f) {
  std::string sql =
      "SELECT l.id, l.st_task_id, l.assignment_id, l.valid_from, l.valid_to, l.created_at, l.created_by, l.ended_at, "
      "l.ended_by, s.code, s.title, t.code, t.name, u.name, a.unit_id, t.directive_id FROM st_task_plan_links l "
      "JOIN st_tasks s ON s.id = l.st_task_id JOIN assignments a ON a.id = l.assignment_id JOIN tasks t ON t.id = "
      "a.task_id JOIN units u ON u.id = a.unit_id WHERE 1 = 1";
  Params params;
  auto where = [&](const char* column, Param v) {
    params.push_back(std::move(v));
    sql += std::string(" AND ") + column + " = $" + std::to_string(params.size());
  };
  if (f.st_task_id) where("l.st_task_id", *f.st_task_id);
  if (f.assignment_id) where("l.assignment_id", *f.assignment_id);
  if (f.unit_id) where("a.unit_id", *f.unit_id);
  if (f.directive_id) where("t.directive_id", *f.directive_id);
  if (f.holding_on) {
    params.push_back(*f.holding_on);
    const std::string n = std::to_string(params.size());
    sql += " AND l.valid_from <= $" + n + " AND (l.valid_to IS NULL OR l.valid_to > $" + n + ")";
  }
  sql += " ORDER BY l.id";
  std::vector<StPlanLink> out;
  for (const auto& r : c.query(sql, params)) {
    StPlanLink l;
    l.id = r.i64(0);
    l.st_task_id = r.i64(1);
    l.assignment_id = r.i64(2);
    l.valid_from = r.text(3);
    l.valid_to = r.opt_text(4);
    l.created_at = r.text(5);
    l.created_by = r.opt_i64(6);
    l.ended_at = r.opt_text(7);
    l.ended_by = r.opt_i64(8);
    l.st_task_code = r.text(9);
    l.st_task_title = r.text(10);
    l.task_code = r.text(11);
    l.task_name = r.text(12);
    l.unit_name = r.text(13);
    l.unit_id = r.i64(14);
    l.directive_id = r.i64(15);
    out.push_back(std::move(l));
  }
  return out;
}

Id insert_st_task_import(Connection& c, const StTaskImport& i) {
  return c
      .query(
          "INSERT INTO st_task_imports (filename, state, sheet_json, created_by, created_at) "
          "VALUES ($1, 'preview', $2, $3, $4) RETURNING id",
          {i.filename, i.sheet_json, i.created_by, i.created_at})
      .at(0)
      .i64(0);
}

std::optional<StTaskImport> find_st_task_import(Connection& c, Id id) {
  const auto rows = c.query(
      "SELECT id, filename, state, sheet_json, created_by, created_at, confirmed_at FROM st_task_imports "
      "WHERE id = $1",
      {id});
  if (rows.empty()) return std::nullopt;
  const auto& r = rows.at(0);
  return StTaskImport{r.i64(0),
                      r.text(1),
                      r.text(2),
                      r.text(3),
                      r.i64(4),
                      r.text(5),
                      r.null(6) ? std::nullopt : std::optional(r.text(6))};
}

bool confirm_st_task_import(Connection& c, Id id, const std::string& at) {
  return !c.query(
               "UPDATE st_task_imports SET state = 'confirmed', confirmed_at = $1 "
               "WHERE id = $2 AND state = 'preview' RETURNING id",
               {at, id})
              .empty();
}

Id insert_st_rules(Connection& c, const domain::StRules& x, const std::string& created_at, std::optional<Id> by) {
  Params p{domain::iso(x.effective_from)};
  for (int v :
       {x.contract_within_days, x.first_advance_max_percent, x.next_advance_settled_percent, x.dossier_due_days,
        x.dossier_fail_months, x.extension_notice_months, x.extension_max_months_long, x.extension_max_months_short,
        x.long_task_months, x.excellent_num, x.excellent_den, x.fail_num, x.fail_den, x.record_within_working_days,
        x.inspection_every_months, x.register_within_days, x.settle_within_days, x.update_grace_days}) {
    p.push_back(static_cast<long long>(v));
  }
  p.push_back(created_at);
  p.push_back(opt(by));
  std::string values;
  for (size_t i = 1; i <= p.size(); ++i) values += (i > 1 ? ", $" : "$") + std::to_string(i);
  return c
      .query(std::string("INSERT INTO st_rules (") + kRuleColumns + ", created_at, created_by) VALUES (" + values +
                 ") RETURNING id",
             p)
      .at(0)
      .i64(0);
}

StChanges st_changes_since(Connection& c, long long seq) {
  StChanges out;
  out.last_seq = seq;
  c.each("SELECT id, entity, entity_id FROM audit_log WHERE id > $1 ORDER BY id", {seq}, [&](const RowView& r) {
    out.last_seq = r.i64(0);
    const std::string_view entity = r.view(1);
    if (entity == "st_task") {
      out.tasks.insert(r.i64(2));
    } else if (entity == "unit" || entity == "st_rules" || entity == "holiday") {
      out.everything = true;
    }
  });
  return out;
}

}  // namespace tiendo::store
