#include "service/issued_documents.h"

#include "formats/docx_writer.h"
#include "formats/xlsx_writer.h"
#include "service/appendix.h"
#include "service/audit.h"
#include "service/errors.h"
#include "service/synthesis.h"

namespace tiendo::service {

namespace json = boost::json;

namespace {

constexpr const char* kDocx = "application/vnd.openxmlformats-officedocument.wordprocessingml.document";
constexpr const char* kXlsx = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

Error number_taken(const std::string& number, int year) {
  return Error(Error::Kind::number_taken,
               "Số văn bản " + number + " đã được dùng trong năm " + std::to_string(year) +
                   "; mỗi lần ban hành (kể cả bản mới của cùng báo cáo) cần một số mới.",
               "number");
}

}  // namespace

MadeDocument make_issued_document(store::Connection& c, const IssueRequest& in, domain::Instant now) {
  const auto d = reporting_plan(c, in.directive_id);
  const int year = domain::year_of(in.issued_on);
  if (store::issued_number_taken(c, year, in.number)) throw number_taken(in.number, year);
  Evaluator ev(c, in.as_of, now);
  domain::Period period = ev.judged(d.id);
  if (in.period) {
    auto p = domain::parse_period(*in.period);
    if (!p || (p->type != ev.calendar(d.id).rule.period_type && p->type != domain::PeriodType::annual))
      throw invalid("period", "Kỳ báo cáo phải có dạng 2026-11, 2026-Q4, 2026-H2 hoặc 2026 và khớp kỳ của kế hoạch.");
    period = *p;
  }
  if (in.kind == "appendices")
    return MadeDocument{
        formats::write_xlsx(
            appendix_sheets(c, ev, d, now, "Số " + in.number + " ngày " + domain::vn_date(in.issued_on)), {}, now),
        period.key(), "phu-luc-" + period.key() + ".xlsx"};
  auto s = synthesis_json(c, ev, d, period, now, store::find_synthesis(c, d.id, period.key()));
  mark_issued(s, in.number, in.issued_on);
  return MadeDocument{formats::write_docx(synthesis_document(s)), period.key(), "bao-cao-" + period.key() + ".docx"};
}

json::object register_issued_document(const Call& call, const IssueRequest& in, const std::string& period,
                                      const std::string& filename, const std::string& bytes, const std::string& sha256,
                                      const std::function<void()>& keep) {
  store::IssuedDocument doc;
  doc.number = in.number;
  doc.year = domain::year_of(in.issued_on);
  doc.issued_on = domain::iso(in.issued_on);
  doc.kind = in.kind;
  doc.format = in.format;
  doc.directive_id = in.directive_id;
  doc.period = period;
  doc.as_of = domain::iso(in.as_of);
  doc.data_read_at = domain::iso(call.now);
  doc.issued_by = call.who.user_id;
  doc.sha256 = sha256;
  doc.size_bytes = static_cast<long long>(bytes.size());
  doc.filename = filename;
  doc.content_type = in.format == "pdf" ? "application/pdf" : in.format == "docx" ? kDocx : kXlsx;
  keep();
  const auto id = store::insert_issued_document(call.c, doc);
  if (!id) throw number_taken(in.number, doc.year);  // taken by another clerk since step 1
  const auto out = to_json(issued_document(call.c, *id));
  audit(call.c, call.postgres, &call.who, call.now, "issued_document", *id, "issue", nullptr, out);
  return out;
}

IssuedDocumentsPage issued_documents(store::Connection& c, std::optional<store::Id> directive_id,
                                     const std::optional<std::string>& period, store::Page page) {
  IssuedDocumentsPage out;
  for (const auto& d : store::list_issued_documents(c, directive_id, period, page, &out.total))
    out.items.push_back(to_json(d));
  return out;
}

store::IssuedDocument issued_document(store::Connection& c, store::Id id) {
  auto d = store::find_issued_document(c, id);
  if (!d) throw not_found("văn bản đã ban hành");
  return *d;
}

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

}  // namespace tiendo::service
