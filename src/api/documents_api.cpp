// Documents in and out, over HTTP: the synthesis report (.docx/.pdf) with its saved narrative, the appendices
// (.xlsx), the feedback report, the register of issued documents, and plan import from .xlsx, .csv and .docx
// through a preview that creates nothing until confirmed. The use cases are service/synthesis,
// service/issued_documents and service/plan_import.
#include "api/file_store.h"
#include "api/json_io.h"
#include "api/router.h"
#include "domain/text.h"
#include "formats/docx_writer.h"
#include "formats/pdf.h"
#include "formats/xlsx_writer.h"
#include "service/appendix.h"
#include "service/feedback_report.h"
#include "service/issued_documents.h"
#include "service/plan_import.h"
#include "service/synthesis.h"
#include "store/document_store.h"

namespace tiendo::api {

namespace json = boost::json;

namespace {

json::object synthesis_of(Context& ctx, store::Connection& c) {
  return service::synthesis_of(c, ctx.path_id(), query_string(ctx.req, "period"), ctx.as_of(), ctx.now);
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
  service::SynthesisEdit edit;
  const auto version = optional_int(b, "version", 0, INT32_MAX);
  if (!version) throw bad_request("version", "Trường " + label("version") + " là bắt buộc (0 khi lưu lần đầu).");
  edit.version = *version;
  edit.format = optional_string(b, "format", 10);
  if (b.contains("number")) {
    edit.number = b.at("number").is_null() ? std::nullopt
                                           : std::optional<int>(static_cast<int>(*optional_int(b, "number", 1, 99999)));
  }
  if (b.contains("issued_on")) edit.issued_on = optional_date(b, "issued_on");
  edit.signer_name = optional_string(b, "signer_name", 200);
  edit.signer_title = optional_string(b, "signer_title", 200);
  edit.recipients = optional_string(b, "recipients", 2000);
  if (auto it = b.find("sections"); it != b.end()) {
    if (!it->value().is_object()) throw bad_request("sections", "Trường " + label("sections") + " không đúng dạng.");
    edit.sections = it->value().as_object();
  }
  const auto call = call_of(ctx);
  const auto period = query_string(ctx.req, "period");
  return ctx.db.write([&](store::Connection& c) {
    return json_response(200, service::save_synthesis(call.on(c), ctx.path_id(), period, ctx.as_of(), edit));
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
    const auto d = service::reporting_plan(c, ctx.path_id());
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
  const auto upstream = query_string(ctx.req, "upstream");
  const auto call = call_of(ctx);
  return ctx.db.write([&](store::Connection& c) {
    return json_response(201, service::upload_plan_import(call.on(c), ctx.path_id(), *filename, kind, plan, upstream));
  });
}

Response get_import(Context& ctx) {
  return ctx.db.read([&](store::Connection& c) {
    return json_response(200, service::import_preview(c, service::plan_import(c, ctx.path_id())));
  });
}

Response put_choices(Context& ctx) {
  auto b = parse_body(ctx.req);
  auto it = b.find("choices");
  if (it == b.end() || !it->value().is_array())
    throw bad_request("choices", "Trường " + label("choices") +
                                     " phải là danh sách, mỗi dòng gồm nội dung và các đơn vị, nhóm đã chọn.");
  std::vector<service::ImportChoice> choices;
  for (const auto& v : it->value().as_array()) {
    service::ImportChoice choice;
    choice.field = "choices[" + std::to_string(choices.size()) + "]";
    if (!v.is_object()) throw bad_request(choice.field, "Mỗi lựa chọn phải là đối tượng.");
    const auto& o = v.as_object();
    choice.text = required_string(o, "text", 2000);
    for (const auto& [name, out] : {std::pair{"unit_ids", &choice.unit_ids}, {"group_ids", &choice.group_ids}}) {
      if (auto ids = o.find(name); ids != o.end() && !ids->value().is_null()) {
        if (!ids->value().is_array()) throw bad_request(choice.field + "." + name, "Phải là danh sách mã số.");
        for (const auto& id : ids->value().as_array()) {
          if (!id.is_int64()) throw bad_request(choice.field + "." + name, "Không tìm thấy đơn vị hoặc nhóm đã chọn.");
          out->push_back(id.as_int64());
        }
      }
    }
    choices.push_back(std::move(choice));
  }
  const auto call = call_of(ctx);
  return ctx.db.write([&](store::Connection& c) {
    return json_response(200, service::choose_import_units(call.on(c), ctx.path_id(), choices));
  });
}

Response confirm(Context& ctx) {
  const auto call = call_of(ctx);
  return ctx.db.write([&](store::Connection& c) {
    return json_response(200, service::confirm_plan_import(call.on(c), ctx.path_id()));
  });
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
  service::IssueRequest in;
  in.directive_id = *directive_id;
  in.kind = kind;
  in.format = format;
  in.number = document_number(b);
  const auto issued_on = optional_date(b, "issued_on");
  if (!issued_on) throw bad_request("issued_on", "Ngày ban hành là bắt buộc (YYYY-MM-DD).");
  const auto today = domain::vietnam_date(ctx.now);
  if (*issued_on > today) throw bad_request("issued_on", "Ngày ban hành không được sau hôm nay.");
  in.issued_on = *issued_on;
  in.as_of = optional_date(b, "as_of").value_or(today);
  if (in.as_of > today) throw bad_request("as_of", "Ngày số liệu không được sau hôm nay.");
  in.period = optional_string(b, "period", 10);

  // Made from one read of the data, never a lagging replica: the document states the moment it was read. PDF
  // conversion runs outside any transaction; the file and its row are kept in one write.
  const auto made = ctx.db.read([&](store::Connection& c) { return service::make_issued_document(c, in, ctx.now); });
  std::string bytes = made.bytes, filename = in.number + "-" + made.filename;
  for (char& ch : filename)
    if (ch == '/' || ch == '\\') ch = '-';
  if (in.format == "pdf") {
    bytes = pdf_of(bytes);
    filename = filename.substr(0, filename.size() - 4) + "pdf";
  }
  const auto sha = sha256_hex_of(bytes);
  const auto call = call_of(ctx);
  return ctx.db.write([&](store::Connection& c) {
    return json_response(201, service::register_issued_document(call.on(c), in, made.period, filename, bytes, sha, [&] {
                           store_content_addressed(ctx.config.evidence_dir, sha, bytes, "văn bản ban hành");
                         }));
  });
}

Response list_issued(Context& ctx) {
  const auto directive_id = query_id(ctx.req, "directive_id");
  const auto period = query_string(ctx.req, "period");
  const auto page = query_page(ctx.req);
  return ctx.db.read([&](store::Connection& c) {
    auto found = service::issued_documents(c, directive_id, period, page);
    return list_response(std::move(found.items), found.total);
  });
}

Response issued_file(Context& ctx) {
  return ctx.db.read([&](store::Connection& c) {
    const auto d = service::issued_document(c, ctx.path_id());
    auto bytes = read_content_addressed(ctx.config.evidence_dir, d.sha256);
    if (!bytes) throw not_found("nội dung văn bản đã ban hành");
    Response res = file_response(std::move(*bytes), d.content_type, d.filename);
    // The register's fingerprint travels with the file, so a reader can check it is the one issued.
    res.headers.emplace_back("X-Content-SHA256", d.sha256);
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
