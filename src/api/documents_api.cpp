// Documents in and out: the synthesis report (.docx/.pdf) with its saved narrative, the appendices
// (.xlsx), and plan import from .xlsx, .csv and .docx through a preview that creates nothing until confirmed.
#include "api/file_store.h"
#include "api/json_io.h"
#include "api/router.h"
#include "domain/exchange.h"
#include "domain/text.h"
#include "formats/docx_writer.h"
#include "formats/pdf.h"
#include "formats/xlsx_writer.h"
#include "service/appendix.h"
#include "service/feedback_report.h"
#include "service/plan_import.h"
#include "service/synthesis.h"
#include "store/exchange_store.h"
#include "store/plan_store.h"

namespace tiendo::api {

namespace json = boost::json;

namespace {

store::Directive plan_of(store::Connection& c, store::Id id) {
  auto d = store::find_directive(c, id);
  if (!d) throw not_found("văn bản");
  if (!d->has_plan) throw bad_request("id", "Văn bản này không có kế hoạch để báo cáo.");
  return *d;
}

// The period asked for, or the plan's last judged one; a year ("2026") asks for the annual report.
domain::Period period_of(Context& ctx, service::Evaluator& ev, const store::Directive& d) {
  const auto key = query_string(ctx.req, "period");
  if (!key) return ev.judged(d.id);
  auto p = domain::parse_period(*key);
  if (!p) throw bad_request("period", "Kỳ báo cáo phải có dạng 2026-11, 2026-Q4, 2026-H2 hoặc 2026.");
  const auto type = ev.calendar(d.id).rule.period_type;
  if (p->type != type && p->type != domain::PeriodType::annual)
    throw bad_request("period", "Kỳ báo cáo không khớp với kỳ báo cáo của kế hoạch.");
  return *p;
}

json::object synthesis_of(Context& ctx, store::Connection& c) {
  const auto d = plan_of(c, ctx.path_id());
  service::Evaluator ev(c, ctx.as_of(), ctx.now);
  const auto period = period_of(ctx, ev, d);
  return service::synthesis_json(c, ev, d, period, ctx.now, store::find_synthesis(c, d.id, period.key()));
}

Response file_response(std::string body, const std::string& content_type, const std::string& filename) {
  Response res;
  res.content_type = content_type;
  res.body = std::move(body);
  res.headers.emplace_back("Content-Disposition", attachment_disposition(filename));
  res.headers.emplace_back("Cache-Control", "no-store");
  return res;
}

std::string file_stem(const json::object& s) {
  std::string n = "bao-cao-" + std::string(s.at("period").as_string());
  return n;
}

Response get_synthesis(Context& ctx) {
  return ctx.db.read([&](store::Connection& c) { return json_response(200, synthesis_of(ctx, c)); });
}

Response put_synthesis(Context& ctx) {
  auto b = parse_body(ctx.req);
  const auto version = optional_int(b, "version", 0, INT32_MAX);
  if (!version) throw bad_request("version", "Trường " + label("version") + " là bắt buộc (0 khi lưu lần đầu).");
  return ctx.db.write([&](store::Connection& c) {
    const auto d = plan_of(c, ctx.path_id());
    service::Evaluator ev(c, ctx.as_of(), ctx.now);
    const auto period = period_of(ctx, ev, d);
    const auto before = store::find_synthesis(c, d.id, period.key());
    store::SynthesisReport r = before.value_or(store::SynthesisReport{});
    r.directive_id = d.id;
    r.period = period.key();
    if (auto f = optional_string(b, "format", 10)) {
      if (!domain::document_format_from(*f))
        throw bad_request("format", "Thể thức phải là state (Nghị định 30) hoặc party (Đảng).");
      r.format = *f;
    } else if (!before) {
      r.format = d.number.find('-') < d.number.find('/') ? "party" : "state";
    }
    if (b.contains("number")) {
      r.number = b.at("number").is_null() ? std::nullopt
                                          : std::optional<int>(static_cast<int>(*optional_int(b, "number", 1, 99999)));
    }
    if (b.contains("issued_on")) {
      const auto on = optional_date(b, "issued_on");
      r.issued_on = on ? std::optional(domain::iso(*on)) : std::nullopt;
    }
    if (auto v = optional_string(b, "signer_name", 200)) r.signer_name = *v;
    if (auto v = optional_string(b, "signer_title", 200)) r.signer_title = *v;
    if (auto v = optional_string(b, "recipients", 2000)) r.recipients = *v;
    if (auto it = b.find("sections"); it != b.end()) {
      if (!it->value().is_object()) throw bad_request("sections", "Trường " + label("sections") + " không đúng dạng.");
      json::object sections = json::parse(r.sections_json.empty() ? "{}" : r.sections_json).as_object();
      for (const auto& [k, v] : it->value().as_object()) {
        const std::string_view key = k;  // a structured binding cannot be captured by clang 14
        if (std::find_if(std::begin(service::kNarrativeSections), std::end(service::kNarrativeSections),
                         [&](const char* s) { return key == s; }) == std::end(service::kNarrativeSections))
          throw bad_request("sections." + std::string(k), "Báo cáo không có mục “" + std::string(k) + "”.");
        if (!v.is_string() || v.as_string().size() > 20000)
          throw bad_request("sections." + std::string(k), "Nội dung mục phải là văn bản, tối đa 20.000 ký tự.");
        sections[k] = v;
      }
      r.sections_json = json::serialize(sections);
    }
    r.updated_by = ctx.user().user_id;
    r.updated_at = domain::iso(ctx.now);
    if (!store::save_synthesis(c, r, static_cast<int>(*version)))
      throw conflict("Báo cáo vừa được người khác sửa; hãy tải lại trước khi lưu.", "version");
    audit(ctx, c, "synthesis_report", r.id, before ? "update" : "create",
          before ? json::value(
                       json::object{{"version", before->version}, {"sections", json::parse(before->sections_json)}})
                 : json::value(nullptr),
          json::object{{"version", r.version}, {"period", r.period}, {"sections", json::parse(r.sections_json)}});
    return json_response(200, service::synthesis_json(c, ev, d, period, ctx.now, r));
  });
}

Response synthesis_docx(Context& ctx) {
  const auto s = ctx.db.read_replica([&](store::Connection& c) { return synthesis_of(ctx, c); });
  return file_response(formats::write_docx(service::synthesis_document(s)),
                       "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
                       file_stem(s) + ".docx");
}

std::string pdf_of(const std::string& docx) {
  try {
    return formats::docx_to_pdf(docx);
  } catch (const formats::ConversionBusy&) {
    throw ApiError(503, "busy", "Máy chủ đang tạo nhiều tệp PDF cùng lúc. Vui lòng thử lại sau ít phút.")
        .retry_after_seconds(30);
  } catch (const std::runtime_error& e) {
    throw ApiError(503, "unavailable", std::string("Chưa tạo được PDF: ") + e.what());
  }
}

Response synthesis_pdf(Context& ctx) {
  const auto s = ctx.db.read_replica([&](store::Connection& c) { return synthesis_of(ctx, c); });
  return file_response(pdf_of(formats::write_docx(service::synthesis_document(s))), "application/pdf",
                       file_stem(s) + ".pdf");
}

Response appendices_xlsx(Context& ctx) {
  return ctx.db.read_replica([&](store::Connection& c) {
    const auto d = plan_of(c, ctx.path_id());
    service::Evaluator ev(c, ctx.as_of(), ctx.now);
    return file_response(formats::write_xlsx(service::appendix_sheets(c, ev, d, ctx.now), {}, ctx.now),
                         "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
                         "phu-luc-" + domain::iso(ev.as_of()) + ".xlsx");
  });
}

// Issue 15: the half-yearly and yearly feedback report, city-wide like the synthesis report, as of a date that has
// begun (the figures of a past date never change; a future one has no facts yet).
json::object feedback_report_of(Context& ctx, store::Connection& c) {
  const auto key = query_string(ctx.req, "period");
  if (!key) throw bad_request("period", "Thiếu kỳ báo cáo (ví dụ 2026-H1, 2026-H2 hoặc 2026).");
  const auto period = service::feedback_report_period(*key);
  const auto as_of = ctx.as_of();
  if (as_of > domain::vietnam_date(ctx.now)) throw bad_request("as_of", "Ngày số liệu không được sau hôm nay.");
  return service::feedback_report_json(c, period, as_of, ctx.now);
}

std::string feedback_report_stem(const json::object& r) {
  return "bao-cao-phan-anh-" + std::string(r.at("period").as_string()) + "-" + std::string(r.at("as_of").as_string());
}

Response get_feedback_report(Context& ctx) {
  return ctx.db.read_replica([&](store::Connection& c) { return json_response(200, feedback_report_of(ctx, c)); });
}

Response feedback_report_docx(Context& ctx) {
  const auto r = ctx.db.read_replica([&](store::Connection& c) { return feedback_report_of(ctx, c); });
  return file_response(formats::write_docx(service::feedback_report_document(r)),
                       "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
                       feedback_report_stem(r) + ".docx");
}

Response feedback_report_pdf(Context& ctx) {
  const auto r = ctx.db.read_replica([&](store::Connection& c) { return feedback_report_of(ctx, c); });
  return file_response(pdf_of(formats::write_docx(service::feedback_report_document(r))), "application/pdf",
                       feedback_report_stem(r) + ".pdf");
}

Response feedback_report_xlsx(Context& ctx) {
  const auto r = ctx.db.read_replica([&](store::Connection& c) { return feedback_report_of(ctx, c); });
  return file_response(formats::write_xlsx(service::feedback_report_sheets(r), {}, ctx.now),
                       "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
                       "phu-luc-phan-anh-" + std::string(r.at("period").as_string()) + "-" +
                           std::string(r.at("as_of").as_string()) + ".xlsx");
}

Response import_template(Context& ctx) {
  return ctx.db.read([&](store::Connection& c) {
    return file_response(formats::write_xlsx(service::import_template_sheets(c)),
                         "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "mau-nhap-ke-hoach.xlsx");
  });
}

Response create_import(Context& ctx) {
  const auto given = query_string(ctx.req, "filename");
  const auto filename = std::optional(domain::clean_file_name(given.value_or("")));
  if (filename->empty()) throw bad_request("filename", "Thiếu tên tệp.");
  if (ctx.req.body.empty()) throw bad_request("body", "Tệp rỗng.");
  std::string kind;
  // Read before any transaction: a bad file never holds the database.
  const auto plan = service::read_import_file(*filename, ctx.req.body, kind);
  auto upstream = query_string(ctx.req, "upstream");
  return ctx.db.write([&](store::Connection& c) {
    // Issue 18: an upstream program's tasks keep that system's codes and assign no city unit; once a directive
    // is one system's program, every later import into it is too. A program is not a city plan: the
    // directive (as the demo's 02-CTr/BCĐTW, a basis of the city's plans) needs no reporting plan of its own.
    const auto program = store::find_upstream_program(c, ctx.path_id());
    if (program || upstream) {
      if (!store::find_directive(c, ctx.path_id())) throw not_found("văn bản");
    } else {
      plan_of(c, ctx.path_id());
    }
    if (upstream && !store::find_external_system(c, *upstream))
      throw bad_request("upstream", "Không có hệ thống ngoài mã “" + *upstream + "”.");
    if (upstream && *upstream == domain::kAgencyCodeSystem)
      throw bad_request("upstream", "Hệ thống mã định danh QĐ 20/2020 không có chương trình, kế hoạch.");
    if (program && upstream && *upstream != program->system)
      throw conflict("Văn bản này là chương trình của hệ thống " + program->system + ".", "upstream");
    if (program) upstream = program->system;
    if (!program && upstream && store::directive_has_tasks(c, ctx.path_id()))
      throw conflict("Kế hoạch này đã có nhiệm vụ của thành phố; hãy nhập chương trình cấp trên vào một văn bản mới.",
                     "upstream");
    store::PlanImport imp{0,
                          ctx.path_id(),
                          *filename,
                          kind,
                          "preview",
                          json::serialize(service::plan_to_json(plan)),
                          "{}",
                          ctx.user().user_id,
                          domain::iso(ctx.now),
                          std::nullopt,
                          upstream};
    imp.id = store::insert_plan_import(c, imp);
    audit(ctx, c, "plan_import", imp.id, "upload", nullptr,
          json::object{{"filename", imp.filename},
                       {"upstream_system", upstream ? json::value(*upstream) : json::value(nullptr)},
                       {"tasks", static_cast<long long>(plan.tasks.size())},
                       {"indicators", static_cast<long long>(plan.indicators.size())}});
    return json_response(201, service::import_preview(c, imp));
  });
}

store::PlanImport load_import(Context& ctx, store::Connection& c) {
  auto imp = store::find_plan_import(c, ctx.path_id());
  if (!imp) throw not_found("lần nhập kế hoạch");
  return *imp;
}

Response get_import(Context& ctx) {
  return ctx.db.read(
      [&](store::Connection& c) { return json_response(200, service::import_preview(c, load_import(ctx, c))); });
}

Response put_choices(Context& ctx) {
  auto b = parse_body(ctx.req);
  auto it = b.find("choices");
  if (it == b.end() || !it->value().is_array())
    throw bad_request("choices", "Trường " + label("choices") +
                                     " phải là danh sách, mỗi dòng gồm nội dung và các đơn vị, nhóm đã chọn.");
  return ctx.db.write([&](store::Connection& c) {
    auto imp = load_import(ctx, c);
    if (imp.state != "preview") throw conflict("Lần nhập này đã được xác nhận.", "state");
    json::object choices = json::parse(imp.choices_json).as_object();
    size_t i = 0;
    for (const auto& v : it->value().as_array()) {
      const std::string field = "choices[" + std::to_string(i++) + "]";
      if (!v.is_object()) throw bad_request(field, "Mỗi lựa chọn phải là đối tượng.");
      const auto& o = v.as_object();
      const std::string text = required_string(o, "text", 2000);
      json::array units, groups;
      for (const auto& [name, out, groups_of] : {std::tuple{"unit_ids", &units, false}, {"group_ids", &groups, true}}) {
        if (auto ids = o.find(name); ids != o.end() && !ids->value().is_null()) {
          if (!ids->value().is_array()) throw bad_request(field + "." + name, "Phải là danh sách mã số.");
          for (const auto& id : ids->value().as_array()) {
            if (!id.is_int64() || !(groups_of ? store::find_unit_group(c, id.as_int64()).has_value()
                                              : store::find_unit(c, id.as_int64()).has_value()))
              throw bad_request(field + "." + name, "Không tìm thấy đơn vị hoặc nhóm đã chọn.");
            out->push_back(id);
          }
        }
      }
      choices[text] = json::object{{"unit_ids", std::move(units)}, {"group_ids", std::move(groups)}};
    }
    imp.choices_json = json::serialize(choices);
    store::save_import_choices(c, imp.id, imp.choices_json);
    return json_response(200, service::import_preview(c, imp));
  });
}

Response confirm(Context& ctx) {
  return ctx.db.write([&](store::Connection& c) {
    const auto imp = load_import(ctx, c);
    const auto result = service::confirm_import(c, imp, ctx.user().user_id, domain::iso(ctx.now));
    json::object out{{"id", imp.id},
                     {"state", "confirmed"},
                     {"created", json::object{{"indicators", result.indicators},
                                              {"tasks", result.tasks},
                                              {"assignments", result.assignments}}}};
    audit(ctx, c, "plan_import", imp.id, "confirm", nullptr, out);
    return json_response(200, out);
  });
}

// Issue 12: the register of issued documents. The file is made once, from the data at as_of read now, and
// kept byte for byte; a download later returns those bytes, whatever facts arrive after.
constexpr const char* kDocx = "application/vnd.openxmlformats-officedocument.wordprocessingml.document";
constexpr const char* kXlsx = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

json::object to_json(const store::IssuedDocument& d) {
  return json::object{{"id", d.id},
                      {"number", d.number},
                      {"issued_on", d.issued_on},
                      {"kind", d.kind},
                      {"format", d.format},
                      {"directive_id", d.directive_id},
                      {"directive_number", d.directive_number},
                      {"period", d.period},
                      {"as_of", d.as_of},
                      {"data_read_at", d.data_read_at},
                      {"issued_by", d.issued_by},
                      {"issued_by_name", d.issued_by_name},
                      {"sha256", d.sha256},
                      {"size_bytes", d.size_bytes},
                      {"filename", d.filename}};
}

// "123/BC-SKHCN" as the clerk writes it: no spaces at either end, no control characters, at most 60 bytes.
std::string document_number(const json::object& b) {
  const auto it = b.find("number");
  if (it == b.end() || !it->value().is_string())
    throw bad_request("number", "Số văn bản là bắt buộc (ví dụ 123/BC-SKHCN).");
  std::string n(it->value().as_string());
  const auto first = n.find_first_not_of(" \t");
  n = first == std::string::npos ? std::string() : n.substr(first, n.find_last_not_of(" \t") - first + 1);
  if (n.empty()) throw bad_request("number", "Số văn bản là bắt buộc (ví dụ 123/BC-SKHCN).");
  if (n.size() > 60) throw bad_request("number", "Số văn bản dài tối đa 60 ký tự.");
  for (unsigned char ch : n)
    if (ch < 0x20 || ch == 0x7f) throw bad_request("number", "Số văn bản không được chứa ký tự điều khiển.");
  return n;
}

Response issue_document(Context& ctx) {
  const auto b = parse_body(ctx.req);
  const auto directive_id = optional_int(b, "directive_id", 1, INT64_MAX);
  if (!directive_id) throw bad_request("directive_id", "Trường " + label("directive_id") + " là bắt buộc.");
  const auto kind = optional_string(b, "kind", 20).value_or("");
  if (kind != "synthesis" && kind != "appendices")
    throw bad_request("kind", "Loại văn bản chỉ có thể là báo cáo tổng hợp hoặc phụ lục.");
  const auto format = optional_string(b, "format", 10).value_or(kind == "synthesis" ? "docx" : "xlsx");
  if (kind == "synthesis" ? format != "docx" && format != "pdf" : format != "xlsx")
    throw bad_request("format", kind == "synthesis" ? "Báo cáo tổng hợp ban hành dạng tệp .docx hoặc .pdf."
                                                    : "Phụ lục ban hành dạng tệp .xlsx.");
  const auto number = document_number(b);
  const auto issued_on = optional_date(b, "issued_on");
  if (!issued_on) throw bad_request("issued_on", "Ngày ban hành là bắt buộc (YYYY-MM-DD).");
  const auto today = domain::vietnam_date(ctx.now);
  if (*issued_on > today) throw bad_request("issued_on", "Ngày ban hành không được sau hôm nay.");
  const auto as_of = optional_date(b, "as_of").value_or(today);
  if (as_of > today) throw bad_request("as_of", "Ngày số liệu không được sau hôm nay.");
  const auto period_key = optional_string(b, "period", 10);
  const int year = domain::year_of(*issued_on);
  const auto duplicate = [&] {
    return ApiError(409, "duplicate_number",
                    "Số văn bản " + number + " đã được dùng trong năm " + std::to_string(year) +
                        "; mỗi lần ban hành (kể cả bản mới của cùng báo cáo) cần một số mới.",
                    "number");
  };

  // Made from one read of the data, never a lagging replica: the document states the moment it was read. PDF
  // conversion runs outside any transaction; the file and its row are kept in one write.
  struct Made {
    std::string bytes, period, filename;
  };
  const Made made = ctx.db.read([&](store::Connection& c) {
    const auto d = plan_of(c, *directive_id);
    if (store::issued_number_taken(c, year, number)) throw duplicate();
    service::Evaluator ev(c, as_of, ctx.now);
    domain::Period period = ev.judged(d.id);
    if (period_key) {
      auto p = domain::parse_period(*period_key);
      if (!p || (p->type != ev.calendar(d.id).rule.period_type && p->type != domain::PeriodType::annual))
        throw bad_request("period",
                          "Kỳ báo cáo phải có dạng 2026-11, 2026-Q4, 2026-H2 hoặc 2026 và khớp kỳ của kế hoạch.");
      period = *p;
    }
    if (kind == "appendices")
      return Made{formats::write_xlsx(service::appendix_sheets(c, ev, d, ctx.now,
                                                               "Số " + number + " ngày " + domain::vn_date(*issued_on)),
                                      {}, ctx.now),
                  period.key(), "phu-luc-" + period.key() + ".xlsx"};
    auto s = service::synthesis_json(c, ev, d, period, ctx.now, store::find_synthesis(c, d.id, period.key()));
    service::mark_issued(s, number, *issued_on);
    return Made{formats::write_docx(service::synthesis_document(s)), period.key(), "bao-cao-" + period.key() + ".docx"};
  });
  std::string bytes = made.bytes, filename = number + "-" + made.filename;
  for (char& ch : filename)
    if (ch == '/' || ch == '\\') ch = '-';
  if (format == "pdf") {
    bytes = pdf_of(bytes);
    filename = filename.substr(0, filename.size() - 4) + "pdf";
  }
  store::IssuedDocument doc;
  doc.number = number;
  doc.year = year;
  doc.issued_on = domain::iso(*issued_on);
  doc.kind = kind;
  doc.format = format;
  doc.directive_id = *directive_id;
  doc.period = made.period;
  doc.as_of = domain::iso(as_of);
  doc.data_read_at = domain::iso(ctx.now);
  doc.issued_by = ctx.user().user_id;
  doc.sha256 = sha256_hex_of(bytes);
  doc.size_bytes = static_cast<long long>(bytes.size());
  doc.filename = filename;
  doc.content_type = format == "pdf" ? "application/pdf" : format == "docx" ? kDocx : kXlsx;
  return ctx.db.write([&](store::Connection& c) {
    // The file lands before the row: a crash in between leaves an unreferenced file, never a dangling row.
    store_content_addressed(ctx.config.evidence_dir, doc.sha256, bytes, "văn bản ban hành");
    const auto id = store::insert_issued_document(c, doc);
    if (!id) throw duplicate();
    const auto out = to_json(*store::find_issued_document(c, *id));
    audit(ctx, c, "issued_document", *id, "issue", nullptr, out);
    return json_response(201, out);
  });
}

Response list_issued(Context& ctx) {
  const auto directive_id = query_id(ctx.req, "directive_id");
  const auto period = query_string(ctx.req, "period");
  const auto page = query_page(ctx.req);
  return ctx.db.read([&](store::Connection& c) {
    long long total = 0;
    json::array items;
    for (const auto& d : store::list_issued_documents(c, directive_id, period, page, &total))
      items.push_back(to_json(d));
    return list_response(std::move(items), total);
  });
}

Response issued_file(Context& ctx) {
  return ctx.db.read([&](store::Connection& c) {
    const auto d = store::find_issued_document(c, ctx.path_id());
    if (!d) throw not_found("văn bản đã ban hành");
    auto bytes = read_content_addressed(ctx.config.evidence_dir, d->sha256);
    if (!bytes) throw not_found("nội dung văn bản đã ban hành");
    Response res = file_response(std::move(*bytes), d->content_type, d->filename);
    // The register's fingerprint travels with the file, so a reader can check it is the one issued.
    res.headers.emplace_back("X-Content-SHA256", d->sha256);
    return res;
  });
}

}  // namespace

void register_documents(Router& r) {
  r.add("GET", "/api/v1/directives/{id}/synthesis", Permission::read_synthesis, get_synthesis);
  r.add("PUT", "/api/v1/directives/{id}/synthesis", Permission::compile_synthesis, put_synthesis);
  r.add("GET", "/api/v1/directives/{id}/synthesis.docx", Permission::read_synthesis, synthesis_docx);
  r.add("GET", "/api/v1/directives/{id}/synthesis.pdf", Permission::read_synthesis, synthesis_pdf);
  r.add("GET", "/api/v1/directives/{id}/appendices.xlsx", Permission::read_synthesis, appendices_xlsx);
  r.add("GET", "/api/v1/feedback-report", Permission::read_synthesis, get_feedback_report);
  r.add("GET", "/api/v1/feedback-report.docx", Permission::read_synthesis, feedback_report_docx);
  r.add("GET", "/api/v1/feedback-report.pdf", Permission::read_synthesis, feedback_report_pdf);
  r.add("GET", "/api/v1/feedback-report.xlsx", Permission::read_synthesis, feedback_report_xlsx);
  r.add("POST", "/api/v1/issued-documents", Permission::compile_synthesis, issue_document);
  r.add("GET", "/api/v1/issued-documents", Permission::read_synthesis, list_issued);
  r.add("GET", "/api/v1/issued-documents/{id}/file", Permission::read_synthesis, issued_file);
  r.add("GET", "/api/v1/import-template.xlsx", Permission::manage_plan, import_template);
  r.add("POST", "/api/v1/directives/{id}/imports", Permission::manage_plan, create_import);
  r.add("GET", "/api/v1/imports/{id}", Permission::manage_plan, get_import);
  r.add("PUT", "/api/v1/imports/{id}/choices", Permission::manage_plan, put_choices);
  r.add("POST", "/api/v1/imports/{id}/confirm", Permission::manage_plan, confirm);
}

}  // namespace tiendo::api
