// Periodic reports over HTTP: each route parses its request, calls one use case of service/report (where the
// workflow, its checks and its SQL calls live) and answers with what it returns.
#include "api/file_store.h"
#include "api/json_io.h"
#include "api/router.h"
#include "api/serialize.h"
#include "domain/text.h"
#include "service/report.h"

namespace tiendo::api {

namespace json = boost::json;

namespace {

using domain::ReportAction;

Response list_reports(Context& ctx) {
  store::ReportFilter f;
  f.directive_id = query_id(ctx.req, "directive_id");
  f.unit_id = query_id(ctx.req, "unit_id");
  f.period = query_string(ctx.req, "period");
  f.state = query_string(ctx.req, "state");
  // Issue 12: asked `as_of` a date, the reports created by its end, each in the state it had then, as their
  // history holds it (the same on that day and after); without it, the reports as they are.
  if (query_string(ctx.req, "as_of")) f.known_before = domain::iso(domain::end_of_vietnam_day(ctx.as_of()));
  const auto page = query_page(ctx.req);
  const auto who = ctx.user().actor();
  return ctx.db.read([&](store::Connection& c) {
    const auto found = service::list_reports(c, who, f, page);
    json::array items;
    for (const auto& r : found.reports) {
      if (!f.known_before) {
        items.push_back(to_json(r));
        continue;
      }
      // The text, the version and each step's latest time are kept in place and change later: a past date's
      // list shows what its history holds.
      const bool sent = r.first_submitted_at && *r.first_submitted_at < *f.known_before;
      items.push_back(json::object{{"id", r.id},
                                   {"directive_id", r.directive_id},
                                   {"unit_id", r.unit_id},
                                   {"unit_name", r.unit_name},
                                   {"period", r.period},
                                   {"state", r.state},
                                   {"state_since", nullable(r.state_since)},
                                   {"first_submitted_at", sent ? nullable(r.first_submitted_at) : nullptr},
                                   {"created_at", r.created_at}});
    }
    return list_response(std::move(items), found.total);
  });
}

Response get_report(Context& ctx) {
  const auto who = ctx.user().actor();
  return ctx.db.read([&](store::Connection& c) {
    return json_response(
        200, service::report_detail(c, service::report_in_scope(c, who, ctx.path_id()), ctx.as_of(), ctx.now));
  });
}

Response create_report(Context& ctx) {
  const auto b = parse_body(ctx.req);
  service::NewReport in;
  const auto directive_id = optional_int(b, "directive_id", 1, INT64_MAX);
  if (!directive_id) throw bad_request("directive_id", "Trường " + label("directive_id") + " là bắt buộc.");
  in.directive_id = *directive_id;
  in.period = required_string(b, "period", 10);
  in.unit_id = optional_int(b, "unit_id", 1, INT64_MAX);
  const auto call = call_of(ctx);
  return ctx.db.write([&](store::Connection& c) { return json_response(201, service::create_report(call.on(c), in)); });
}

service::SavedLine line_from(const json::object& o, size_t index) {
  const std::string at = "items[" + std::to_string(index) + "].";
  service::SavedLine line;
  auto& i = line.item;
  try {
    auto id = optional_int(o, "assignment_id", 1, INT64_MAX);
    if (!id) throw bad_request("assignment_id", "Thiếu mã nhiệm vụ được giao.");
    i.assignment_id = *id;
    i.progress_percent =
        static_cast<int>(optional_number(o, "progress_percent", domain::NumberKind::progress).value_or(0));
    line.progress_given = o.contains("progress_percent");
    i.work_done = optional_string(o, "work_done", 10000).value_or("");
    i.output_ref = optional_string(o, "output_ref", 1000).value_or("");
    i.difficulties = optional_string(o, "difficulties", 10000).value_or("");
    i.proposals = optional_string(o, "proposals", 10000).value_or("");
    i.exceeds_authority = optional_bool(o, "exceeds_authority").value_or(false);
    if (auto d = optional_date(o, "declared_done_on")) i.declared_done_on = domain::iso(*d);
  } catch (const ApiError& e) {
    throw bad_request(at + e.field, e.what());
  }
  return line;
}

service::SavedValue value_from(const json::object& o, size_t index) {
  const std::string at = "indicator_values[" + std::to_string(index) + "]";
  service::SavedValue v;
  try {
    const auto id = optional_int(o, "indicator_id", 1, INT64_MAX);
    if (!id) throw bad_request("indicator_id", "Thiếu mã chỉ tiêu.");
    v.indicator_id = *id;
    // Finite numbers here; each within its indicator's kind in the use case, which knows the kind.
    v.numerator = optional_number(o, "numerator");
    v.denominator = optional_number(o, "denominator");
    v.value = optional_number(o, "value");
    v.estimated_full_year = optional_number(o, "estimated_full_year");
  } catch (const ApiError& e) {
    throw bad_request(at + "." + e.field, e.what());
  }
  return v;
}

template <class T, class F>
std::optional<std::vector<T>> list_of(const json::object& b, const char* field, F&& read) {
  const auto it = b.find(field);
  if (it == b.end()) return std::nullopt;
  if (!it->value().is_array()) throw bad_request(field, "Trường " + label(field) + " phải là danh sách.");
  std::vector<T> out;
  for (const auto& v : it->value().as_array()) {
    const auto k = out.size();
    if (!v.is_object())
      throw bad_request(std::string(field) + "[" + std::to_string(k) + "]", "Mỗi dòng phải là đối tượng.");
    out.push_back(read(v.as_object(), k));
  }
  return out;
}

Response update_report(Context& ctx) {
  const auto b = parse_body(ctx.req);
  service::ReportSave in;
  in.version = optional_int(b, "version", 1, INT32_MAX);
  in.summary = optional_string(b, "summary", 20000);
  in.difficulties = optional_string(b, "difficulties", 20000);
  in.proposals = optional_string(b, "proposals", 20000);
  in.lines = list_of<service::SavedLine>(b, "items", line_from);
  in.values = list_of<service::SavedValue>(b, "indicator_values", value_from);
  // RFC 7240: an autosave asks for the short answer with `Prefer: return=minimal`.
  in.answer_in_full = ctx.req.header("prefer").value_or("").find("return=minimal") == std::string::npos;
  const auto call = call_of(ctx);
  auto res = ctx.db.write(
      [&](store::Connection& c) { return json_response(200, service::save_report(call.on(c), ctx.path_id(), in)); });
  if (!in.answer_in_full) res.headers.emplace_back("Preference-Applied", "return=minimal");
  return res;
}

service::StepInput step_input(const json::object& body) {
  service::StepInput in;
  in.version = optional_int(body, "version", 1, INT32_MAX);
  in.comment = optional_string(body, "comment", 4000);
  in.reason = optional_string(body, "reason", 4000);
  return in;
}

Response step(Context& ctx, ReportAction action) {
  const auto body = ctx.req.body.empty() ? json::object{} : parse_body(ctx.req);
  const auto in = step_input(body);
  const auto call = call_of(ctx);
  return ctx.db.write([&](store::Connection& c) {
    const auto r = service::take_step(call.on(c), service::report_in_scope(c, call.who, ctx.path_id()), action, in);
    return json_response(200, service::report_detail(c, r, ctx.as_of(), ctx.now));
  });
}

Response submit(Context& ctx) { return step(ctx, ReportAction::submit); }
Response approve(Context& ctx) { return step(ctx, ReportAction::approve); }
Response accept(Context& ctx) { return step(ctx, ReportAction::accept); }
Response send_back(Context& ctx) { return step(ctx, ReportAction::send_back); }
Response withdraw(Context& ctx) { return step(ctx, ReportAction::withdraw); }

// The standing agency accepts or returns several reports at once (issue 14).
Response review_batch(Context& ctx) {
  const auto b = parse_body(ctx.req);
  const std::string action = required_string(b, "action", 10);
  if (action != "accept" && action != "return") throw bad_request("action", "Thao tác chỉ là tiếp nhận hoặc trả lại.");
  const auto it = b.find("report_ids");
  if (it == b.end() || !it->value().is_array() || it->value().as_array().empty())
    throw bad_request("report_ids", "Trường " + label("report_ids") + " là bắt buộc (danh sách mã báo cáo).");
  const auto& ids = it->value().as_array();
  if (ids.size() > 500) throw bad_request("report_ids", "Mỗi lần xử lý tối đa 500 báo cáo.");
  std::vector<store::Id> wanted;
  for (const auto& v : ids) {
    if (!v.is_int64() || v.as_int64() < 1)
      throw bad_request("report_ids", "Trường " + label("report_ids") + " chỉ gồm mã báo cáo (số nguyên dương).");
    wanted.push_back(v.as_int64());
  }
  const auto results =
      service::review_batch(ctx.db, ctx.user().actor(), ctx.now,
                            action == "accept" ? ReportAction::accept : ReportAction::send_back, wanted, step_input(b));
  json::array out;
  long long done = 0;
  for (const auto& r : results) {
    if (!r.error) {
      ++done;
      out.push_back(json::object{{"report_id", r.report_id}, {"ok", true}, {"state", *r.state}, {"error", nullptr}});
      continue;
    }
    const auto e = from_service(*r.error);
    out.push_back(json::object{{"report_id", r.report_id},
                               {"ok", false},
                               {"state", nullptr},
                               {"error", json::object{{"code", e.code}, {"message", e.what()}, {"field", e.field}}}});
  }
  const auto failed = static_cast<long long>(results.size()) - done;
  return json_response(200, json::object{{"done", done}, {"failed", failed}, {"results", std::move(out)}});
}

struct FileKind {
  const char* extension;
  const char* content_type;
  std::string_view magic;
};
const FileKind kAllowedFiles[] = {
    {".pdf", "application/pdf", "%PDF"},
    {".png", "image/png", "\x89PNG"},
    {".jpg", "image/jpeg", "\xFF\xD8\xFF"},
    {".jpeg", "image/jpeg", "\xFF\xD8\xFF"},
    {".docx", "application/vnd.openxmlformats-officedocument.wordprocessingml.document", "PK\x03\x04"},
    {".xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "PK\x03\x04"},
    {".odt", "application/vnd.oasis.opendocument.text", "PK\x03\x04"},
    {".doc", "application/msword", "\xD0\xCF\x11\xE0"},
    {".xls", "application/vnd.ms-excel", "\xD0\xCF\x11\xE0"},
};

std::string lower(std::string s) {
  for (char& ch : s) ch = static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
  return s;
}

Response upload_evidence(Context& ctx) {
  const auto given = query_string(ctx.req, "filename");
  if (!given) throw bad_request("filename", "Thiếu tên tệp.");
  // Stored and shown as cleaned: no control characters or direction overrides ("x\u202Efdp.exe").
  const auto filename = std::optional(domain::clean_file_name(*given));
  if (filename->empty() || filename->find('/') != std::string::npos || filename->find('\\') != std::string::npos)
    throw bad_request("filename", "Tên tệp không hợp lệ.");
  if (ctx.req.body.empty()) throw bad_request("body", "Tệp rỗng.");
  if (static_cast<long long>(ctx.req.body.size()) > ctx.config.max_upload_bytes)
    throw ApiError(413, "too_large", "Tệp vượt quá dung lượng cho phép.", "body");
  const std::string name = lower(*filename);
  const FileKind* kind = nullptr;
  for (const auto& k : kAllowedFiles) {
    if (name.ends_with(k.extension)) kind = &k;
  }
  if (!kind) throw ApiError(415, "unsupported_type", "Chỉ nhận tệp PDF, Word, Excel, ODT, PNG hoặc JPEG.", "filename");
  if (!std::string_view(ctx.req.body).starts_with(kind->magic))
    throw ApiError(415, "unsupported_type", "Nội dung tệp không khớp với đuôi tệp.", "body");
  store::Evidence e;
  e.assignment_id = query_id(ctx.req, "assignment_id");
  e.sha256 = sha256_hex_of(ctx.req.body);
  e.filename = *filename;
  e.content_type = kind->content_type;
  e.size_bytes = static_cast<long long>(ctx.req.body.size());
  const auto call = call_of(ctx);
  return ctx.db.write([&](store::Connection& c) {
    const auto added = service::add_evidence(call.on(c), ctx.path_id(), e, [&] {
      store_content_addressed(ctx.config.evidence_dir, e.sha256, ctx.req.body, "tệp minh chứng");
    });
    return json_response(201, to_json(added));
  });
}

Response download_evidence(Context& ctx) {
  const auto who = ctx.user().actor();
  const auto e = ctx.db.read([&](store::Connection& c) { return service::evidence_in_scope(c, who, ctx.path_id()); });
  auto bytes = read_content_addressed(ctx.config.evidence_dir, e.sha256);
  if (!bytes) throw not_found("nội dung tệp minh chứng");
  Response res;
  res.content_type = e.content_type;
  res.body = std::move(*bytes);
  // Always a download, never rendered in the page: an uploaded file cannot run as active content.
  res.headers.emplace_back("Content-Disposition", attachment_disposition(e.filename));
  return res;
}

Response obligations(Context& ctx) {
  service::ObligationQuery q;
  const auto directive_id = query_id(ctx.req, "directive_id");
  if (!directive_id) throw bad_request("directive_id", "Tham số " + label("directive_id") + " là bắt buộc.");
  q.directive_id = *directive_id;
  q.period = query_string(ctx.req, "period");
  q.unit_id = query_id(ctx.req, "unit_id");
  q.timeliness = query_string(ctx.req, "timeliness");
  q.page = query_page(ctx.req);
  const auto who = ctx.user().actor();
  return ctx.db.read([&](store::Connection& c) {
    return json_response(200, service::report_obligations_answer(c, who, q, ctx.as_of(), ctx.now));
  });
}

}  // namespace

void register_reports(Router& r) {
  r.add("GET", "/api/v1/reports", Permission::read_unit_data, list_reports);
  r.add("POST", "/api/v1/reports", Permission::draft_report, create_report);
  r.add("GET", "/api/v1/reports/{id}", Permission::read_unit_data, get_report);
  r.add("PUT", "/api/v1/reports/{id}", Permission::draft_report, update_report);
  r.add("POST", "/api/v1/reports/{id}/submit", Permission::draft_report, submit);
  r.add("POST", "/api/v1/reports/{id}/approve", Permission::approve_report, approve);
  r.add("POST", "/api/v1/reports/{id}/accept", Permission::review_report, accept);
  r.add("POST", "/api/v1/reports/review-batch", Permission::review_report, review_batch);
  r.add("POST", "/api/v1/reports/{id}/return", Permission::return_report, send_back);
  r.add("POST", "/api/v1/reports/{id}/withdraw", Permission::draft_report, withdraw);
  r.add("POST", "/api/v1/reports/{id}/evidence", Permission::draft_report, upload_evidence);
  r.add("GET", "/api/v1/evidence/{id}", Permission::read_unit_data, download_evidence);
  r.add("GET", "/api/v1/report-obligations", Permission::read_unit_data, obligations);
}

}  // namespace tiendo::api
