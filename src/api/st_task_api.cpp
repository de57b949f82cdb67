// State-funded S&T tasks (issue 16) over HTTP: the register (Sở KH&CN and the managing units), each task's life
// through its stages, execution events, the host's monthly updates, the figures as of a date with the rows behind
// every number, the versioned rules, the register's workbook out and back in, and the public page of accepted
// results. Each route parses its request, calls one use case of service/st_task (every check, the audit and the SQL
// calls) and answers with what it returns; the figures' answers are kept by the resident model (service/st_model).
#include <functional>
#include <limits>

#include "api/http.h"
#include "api/json_io.h"
#include "api/router.h"
#include "domain/text.h"
#include "formats/xlsx_writer.h"
#include "service/st_model.h"
#include "service/st_register.h"
#include "service/st_task.h"

namespace tiendo::api {

namespace json = boost::json;

namespace {

constexpr long long kMaxId = std::numeric_limits<long long>::max();

long long money(const json::object& b, const std::string& field) {
  // Up to 10^15 đồng: far above any task, far below overflow in the percentage arithmetic.
  return optional_int(b, field, 0, 1'000'000'000'000'000LL).value_or(0);
}

service::StRegisterInput read_register(const json::object& b) {
  service::StRegisterInput in;
  in.code = optional_string(b, "code", 60);
  in.title = optional_string(b, "title", 500);
  in.level = optional_string(b, "level", 40);
  in.kind = optional_string(b, "kind", 40);
  in.mode = optional_string(b, "mode", 40);
  in.national_code = optional_string(b, "national_code", 60);
  in.national_code_on = optional_date(b, "national_code_on");
  in.registration_no = optional_string(b, "registration_no", 60);
  in.problem = optional_string(b, "problem", 2000).value_or("");
  in.sector = optional_string(b, "sector", 200).value_or("");
  in.principal_investigator = optional_string(b, "principal_investigator", 200).value_or("");
  in.uptake_plan = optional_string(b, "uptake_plan", 5000).value_or("");
  in.ip_plan = optional_string(b, "ip_plan", 5000).value_or("");
  in.summary = optional_string(b, "summary", 5000).value_or("");
  in.budget_nsnn = money(b, "budget_nsnn");
  in.budget_other = money(b, "budget_other");
  in.start_date = optional_date(b, "start_date");
  in.end_date = optional_date(b, "end_date");
  in.host_unit_id = optional_int(b, "host_unit_id", 1, kMaxId);
  in.managing_unit_id = optional_int(b, "managing_unit_id", 1, kMaxId);
  if (const auto* ps = b.if_contains("products")) {
    if (!ps->is_array()) throw bad_request("products", label("products") + " phải là một danh sách.");
    for (const auto& v : ps->as_array()) {
      if (!v.is_object()) throw bad_request("products", label("products") + " phải là một danh sách.");
      const auto& p = v.as_object();
      in.products.push_back({required_string(p, "name", 500), required_string(p, "product_type", 100),
                             optional_int(p, "quantity", 1, 1'000'000).value_or(1),
                             optional_string(p, "quality_spec", 2000).value_or("")});
    }
  }
  if (const auto* ys = b.if_contains("years")) {
    if (!ys->is_array()) throw bad_request("years", label("years") + " phải là một danh sách.");
    for (const auto& v : ys->as_array()) {
      if (!v.is_object()) throw bad_request("years", label("years") + " phải là một danh sách.");
      const auto& y = v.as_object();
      const auto year = optional_int(y, "year", 2000, 2100);
      if (!year) throw bad_request("year", "Cần " + label("year") + ".");
      in.years.push_back({static_cast<int>(*year), money(y, "budget_nsnn")});
    }
  }
  return in;
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

std::string note_of(const json::object& b) { return optional_string(b, "note", 2000).value_or(""); }

std::optional<long long> version_of(const json::object& b) { return optional_int(b, "version", 1, kMaxId); }

// The register a page at a time, from the resident model, so a page costs its own tasks, not the register's.
Response list_tasks(Context& ctx) {
  const auto scope = ctx.user().scope_path();
  const auto stage = query_string(ctx.req, "stage");
  if (stage && !domain::st_stage_from(*stage))
    throw bad_request("stage", "Giá trị của " + label("stage") + " không hợp lệ.");
  const auto page = query_page(ctx.req);
  const auto as_of = ctx.as_of();
  const auto snap = ctx.st_tasks->current(ctx.db);
  return json_response(200, service::st_task_page(*snap, scope, stage, page, as_of));
}

Response create_task(Context& ctx) {
  const auto b = parse_body(ctx.req);
  const auto in = read_register(b);
  const auto doc = read_document(b);
  const auto call = call_of(ctx);
  return ctx.db.write([&](store::Connection& c) {
    return json_response(201, service::create_st_task(call.on(c), in, doc, note_of(b)));
  });
}

Response get_task(Context& ctx) {
  const auto call = call_of(ctx);
  const auto as_of = ctx.as_of();
  return ctx.db.read([&](store::Connection& c) {
    return json_response(200, service::st_task_view(call.on(c), ctx.path_id(), as_of));
  });
}

Response update_task(Context& ctx) {
  const auto b = parse_body(ctx.req);
  const auto in = read_register(b);
  const auto call = call_of(ctx);
  return ctx.db.write([&](store::Connection& c) {
    return json_response(200, service::update_st_task(call.on(c), ctx.path_id(), version_of(b), in));
  });
}

Response move_stage(Context& ctx) {
  const auto b = parse_body(ctx.req);
  service::StStageMove in;
  in.to_stage = optional_string(b, "to_stage", 40);
  in.version = version_of(b);
  in.doc = read_document(b);
  in.note = note_of(b);
  // The council's votes are read on a move to its stage only.
  if (in.to_stage == domain::to_string(domain::StStage::danh_gia)) {
    in.votes = {static_cast<int>(optional_int(b, "votes_xuat_sac", 0, 100).value_or(0)),
                static_cast<int>(optional_int(b, "votes_dat", 0, 100).value_or(0)),
                static_cast<int>(optional_int(b, "votes_khong_dat", 0, 100).value_or(0))};
  }
  const auto call = call_of(ctx);
  return ctx.db.write([&](store::Connection& c) {
    return json_response(200, service::move_st_task_stage(call.on(c), ctx.path_id(), in));
  });
}

Response record_event(Context& ctx) {
  const auto b = parse_body(ctx.req);
  service::StEventInput in;
  in.kind = optional_string(b, "kind", 40);
  in.version = version_of(b);
  in.doc = read_document(b);
  in.note = note_of(b);
  // Each kind's own fields are read for that kind only.
  using K = domain::StEventKind;
  const auto kind = in.kind ? domain::st_event_kind_from(*in.kind) : std::nullopt;
  if (kind == K::tam_ung || kind == K::thanh_toan) in.amount = money(b, "amount");
  if (kind == K::gia_han) {
    in.requested_on = optional_date(b, "requested_on");
    in.new_end = optional_date(b, "new_end");
  }
  const auto call = call_of(ctx);
  return ctx.db.write([&](store::Connection& c) {
    return json_response(201, service::record_st_event(call.on(c), ctx.path_id(), in));
  });
}

Response monthly_update(Context& ctx) {
  const auto b = parse_body(ctx.req);
  service::StMonthlyInput in;
  in.year = optional_int(b, "year", 2000, 2100);
  in.month = optional_int(b, "month", 1, 12);
  in.progress_percent = optional_number(b, "progress_percent", domain::NumberKind::progress);
  in.products_delivered = optional_string(b, "products_delivered", 5000).value_or("");
  in.spent_to_date = money(b, "spent_to_date");
  in.problems = optional_string(b, "problems", 5000).value_or("");
  in.evidence = optional_string(b, "evidence", 2000).value_or("");
  const auto call = call_of(ctx);
  return ctx.db.write([&](store::Connection& c) {
    return json_response(201, service::add_st_monthly_update(call.on(c), ctx.path_id(), in));
  });
}

Response link_plan(Context& ctx) {
  const auto assignment_id = optional_int(parse_body(ctx.req), "assignment_id", 1, kMaxId);
  const auto call = call_of(ctx);
  return ctx.db.write([&](store::Connection& c) {
    return json_response(201, service::link_st_task_plan(call.on(c), ctx.path_id(), assignment_id));
  });
}

Response unlink_plan(Context& ctx) {
  const auto call = call_of(ctx);
  return ctx.db.write([&](store::Connection& c) {
    return json_response(200, service::unlink_st_task_plan(call.on(c), ctx.path_id()));
  });
}

Response add_estimate(Context& ctx) {
  const auto b = parse_body(ctx.req);
  const auto year = optional_int(b, "year", 2000, 2100);
  const auto amount = optional_int(b, "amount", 0, 1'000'000'000'000'000LL);
  const auto call = call_of(ctx);
  return ctx.db.write([&](store::Connection& c) {
    return json_response(201, service::add_st_estimate(call.on(c), ctx.path_id(), year, amount));
  });
}

// A kept answer (service/st_model) and its gzip twin (json_io's kept_json).
Response kept_answer(Context& ctx, const service::StSnapshot& snap, const std::string& what, domain::Date as_of,
                     const std::optional<std::string>& scope, const std::function<std::string()>& make) {
  const auto today = domain::vietnam_date(ctx.now);
  return kept_json(
      ctx.req,
      [&](const std::string& suffix, const std::function<std::string()>& m) {
        return ctx.st_tasks->answer(snap, what + suffix, as_of, today, scope, m);
      },
      make);
}

// The figures as of a date over the caller's tasks: a settled date's answer is computed once, today's once per
// write.
Response figures(Context& ctx) {
  const auto scope = ctx.user().scope_path();
  const auto as_of = ctx.as_of();
  const auto snap = ctx.st_tasks->current(ctx.db);
  return kept_answer(ctx, *snap, "figures", as_of, scope,
                     [&] { return json_response(200, service::st_figures_answer(*snap, scope, as_of)).body; });
}

Response problem_pipeline(Context& ctx) {
  const auto scope = ctx.user().scope_path();
  const auto as_of = ctx.as_of();
  const auto snap = ctx.st_tasks->current(ctx.db);
  return kept_answer(ctx, *snap, "pipeline", as_of, scope,
                     [&] { return json_response(200, service::st_pipeline_answer(*snap, scope, as_of)).body; });
}

Response public_results(Context& ctx) {
  const auto today = domain::vietnam_date(ctx.now);
  const auto snap = ctx.st_tasks->current(ctx.db);
  return kept_answer(ctx, *snap, "public", today, std::nullopt, [&] {
    auto items = service::st_public_results(*snap, today);
    const auto n = static_cast<long long>(items.size());
    return list_response(std::move(items), n).body;
  });
}

Response list_rules(Context& ctx) {
  return ctx.db.read([&](store::Connection& c) {
    auto items = service::st_rules_list(c);
    const auto n = static_cast<long long>(items.size());
    return list_response(std::move(items), n);
  });
}

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
  const auto call = call_of(ctx);
  return ctx.db.write([&](store::Connection& c) { return json_response(201, service::add_st_rules(call.on(c), r)); });
}

// The register within the caller's scope as a workbook, as the import reads it back.
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

Response create_register_import(Context& ctx) {
  const auto filename = domain::clean_file_name(query_string(ctx.req, "filename").value_or(""));
  if (filename.empty()) throw bad_request("filename", "Thiếu tên tệp.");
  if (ctx.req.body.empty()) throw bad_request("body", "Tệp rỗng.");
  // Read before any transaction: a bad file never holds the database.
  const auto sheet = service::read_st_register_file(filename, ctx.req.body);
  const auto call = call_of(ctx);
  return ctx.db.write([&](store::Connection& c) {
    return json_response(201, service::store_st_register_import(call.on(c), filename, sheet));
  });
}

Response get_register_import(Context& ctx) {
  const auto call = call_of(ctx);
  return ctx.db.read([&](store::Connection& c) {
    return json_response(200, service::st_register_import_preview(call.on(c), ctx.path_id()));
  });
}

Response confirm_register_import(Context& ctx) {
  const auto call = call_of(ctx);
  return ctx.db.write([&](store::Connection& c) {
    return json_response(200, service::confirm_st_register_import(call.on(c), ctx.path_id()));
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
