#include "service/exchange_exports.h"

#include <charconv>
#include <chrono>

#include "domain/labels.h"
#include "domain/ranges.h"
#include "domain/vocabulary.h"
#include "formats/xlsx_writer.h"
#include "service/evaluation.h"
#include "store/exchange_store.h"
#include "store/plan_store.h"

namespace tiendo::service {

namespace json = boost::json;

namespace {

ExportCell num(const std::optional<double>& v) { return v ? ExportCell{*v} : ExportCell{}; }

std::string csv_field(const std::string& s) {
  if (s.find_first_of(",\"\r\n") == std::string::npos) return s;
  std::string out = "\"";
  for (char c : s) out += c == '"' ? std::string("\"\"") : std::string(1, c);
  return out + "\"";
}

std::string cell_text(const ExportCell& c) {
  if (std::holds_alternative<std::string>(c)) return std::get<std::string>(c);
  if (std::holds_alternative<long long>(c)) return std::to_string(std::get<long long>(c));
  if (std::holds_alternative<double>(c)) {
    // The shortest text that reads back as the same number ("133", "12.5"), as a spreadsheet or JSON reader
    // expects; a decimal point, never a comma, in a comma-separated file.
    char buf[64];
    const auto end = std::to_chars(buf, buf + sizeof buf, std::get<double>(c)).ptr;
    return std::string(buf, end);
  }
  return "";
}

json::object json_items(ExportTable& t) {
  json::array items;
  for (size_t i = 0; i < t.rows.size(); ++i) {
    json::object o;
    for (size_t k = 0; k < t.columns.size(); ++k) {
      const auto& c = t.rows[i][k];
      if (std::holds_alternative<std::string>(c))
        o[t.columns[k].name] = std::get<std::string>(c);
      else if (std::holds_alternative<double>(c))
        o[t.columns[k].name] = std::get<double>(c);
      else if (std::holds_alternative<long long>(c))
        o[t.columns[k].name] = std::get<long long>(c);
      else
        o[t.columns[k].name] = nullptr;
    }
    json::object codes;
    for (const auto& [system, code] : t.codes[i]) codes[system] = code;
    o["external_codes"] = std::move(codes);
    items.push_back(std::move(o));
  }
  auto out = std::move(t.head);
  out["items"] = std::move(items);
  return out;
}

std::string csv_text(const ExportTable& t, const std::vector<std::string>& header) {
  std::string out = "\xEF\xBB\xBF";  // Excel opens UTF-8 CSV as UTF-8 only with the byte-order mark
  auto line = [&](const std::vector<std::string>& cells) {
    for (size_t k = 0; k < cells.size(); ++k) out += (k ? "," : "") + csv_field(cells[k]);
    out += "\r\n";
  };
  line(header);
  for (size_t i = 0; i < t.rows.size(); ++i) {
    std::vector<std::string> cells;
    for (const auto& c : t.rows[i]) cells.push_back(cell_text(c));
    for (const auto& s : t.systems) {
      auto it = t.codes[i].find(s);
      cells.push_back(it == t.codes[i].end() ? "" : it->second);
    }
    line(cells);
  }
  return out;
}

std::string xlsx_bytes(const ExportTable& t, const std::vector<std::string>& header, domain::Instant now) {
  formats::XlsxSheet sheet;
  sheet.name = "Du lieu";
  for (const auto& h : header) sheet.columns.push_back({h, 16});
  for (size_t i = 0; i < t.rows.size(); ++i) {
    formats::XlsxRow row;
    for (const auto& c : t.rows[i]) {
      if (std::holds_alternative<std::string>(c))
        row.cells.emplace_back(std::get<std::string>(c));
      else if (std::holds_alternative<double>(c))
        row.cells.emplace_back(std::get<double>(c));
      else if (std::holds_alternative<long long>(c))
        row.cells.emplace_back(static_cast<double>(std::get<long long>(c)));
      else
        row.cells.emplace_back(std::monostate{});
    }
    for (const auto& s : t.systems) {
      auto it = t.codes[i].find(s);
      row.cells.emplace_back(it == t.codes[i].end() ? std::string() : it->second);
    }
    sheet.rows.push_back(std::move(row));
  }
  return formats::write_xlsx({sheet}, {}, std::chrono::floor<std::chrono::seconds>(now));
}

std::vector<std::string> system_codes(store::Connection& c) {
  std::vector<std::string> out;
  for (const auto& s : store::list_external_systems(c)) out.push_back(s.code);
  return out;
}

}  // namespace

ExportFile render_export(ExportTable t, const std::string& format, domain::Instant now) {
  ExportFile f;
  if (format == "json") {
    f.json = json_items(t);
    return f;
  }
  std::vector<std::string> header;
  for (const auto& c : t.columns) header.push_back(c.label);
  for (const auto& s : t.systems) header.push_back("Mã " + s);
  if (format == "csv") {
    f.content_type = "text/csv; charset=utf-8";
    f.body = csv_text(t, header);
    f.filename = t.stem + ".csv";
    return f;
  }
  if (format == "xlsx") {
    f.content_type = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
    f.body = xlsx_bytes(t, header, now);
    f.filename = t.stem + ".xlsx";
    return f;
  }
  throw invalid("format", "Tham số \"" + domain::field_label("format") + "\" phải là json, csv hoặc xlsx.");
}

ExportTable assignment_statuses_export(store::Connection& c, domain::Date as_of, domain::Instant now) {
  Evaluator ev(c, as_of, now);
  const auto units = store::unit_codes(c);
  const auto codes = store::external_codes_known(c, "assignment", ev.known_before());
  const auto task_codes = store::external_codes_known(c, "task", ev.known_before());
  ExportTable t;
  t.systems = system_codes(c);
  t.columns = {{"assignment_id", "Mã số phân công"},
               {"directive_id", "Mã số văn bản"},
               {"task_id", "Mã số nhiệm vụ"},
               {"task_code", "Số hiệu nhiệm vụ"},
               {"task_name", "Tên nhiệm vụ"},
               {"unit_id", "Mã số đơn vị"},
               {"unit_code", "Mã đơn vị"},
               {"unit_name", "Đơn vị"},
               {"status", "Trạng thái"},
               {"status_label", "Trạng thái (nhãn)"},
               {"due", "Hạn"},
               {"progress_percent", "Tiến độ (%)"}};
  for (const auto& x : ev.assignments(store::AssignmentFilter{})) {
    if (!x.counted) continue;  // R1: a unit not active at as_of has no status that day
    const auto& a = *x.a;
    auto uc = units.find(a.unit_id);
    t.rows.push_back({a.id, a.directive_id, a.task_id, a.task ? a.task->code : "", a.task ? a.task->name : "",
                      a.unit_id, uc == units.end() ? "" : uc->second, a.unit ? a.unit->name : "",
                      std::string(domain::to_string(x.e.status)), std::string(domain::vn_label(x.e.status)),
                      x.e.due ? ExportCell{domain::iso(*x.e.due)} : ExportCell{},
                      static_cast<long long>(a.progress_percent)});
    // The assignment's own codes, else its task's: an upstream system usually names the task.
    std::map<std::string, std::string> row;
    if (auto tc = task_codes.find(a.task_id); tc != task_codes.end()) row = tc->second;
    if (auto ac = codes.find(a.id); ac != codes.end())
      for (const auto& [s, code] : ac->second) row[s] = code;
    t.codes.push_back(std::move(row));
  }
  t.stem = "trang-thai-nhiem-vu-" + domain::iso(as_of);
  t.head = json::object{{"as_of", domain::iso(as_of)}};
  return t;
}

ExportTable indicator_values_export(store::Connection& c, const std::optional<std::string>& period) {
  const auto unit_codes = store::external_codes_known(c, "unit", std::nullopt);
  const auto indicator_codes = store::external_codes_known(c, "indicator", std::nullopt);
  ExportTable t;
  t.systems = system_codes(c);
  t.columns = {{"indicator_id", "Mã số chỉ tiêu"},
               {"indicator_code", "Số hiệu chỉ tiêu"},
               {"indicator_name", "Tên chỉ tiêu"},
               {"unit_of_measure", "Đơn vị tính"},
               {"unit_id", "Mã số đơn vị"},
               {"unit_code", "Mã đơn vị"},
               {"unit_name", "Đơn vị"},
               {"period", "Kỳ"},
               {"numerator", "Tử số"},
               {"denominator", "Mẫu số"},
               {"value", "Giá trị"},
               {"estimated_full_year", "Ước thực hiện cả năm"},
               {"updated_at", "Cập nhật lúc"}};
  for (const auto& v : store::export_indicator_values(c, period)) {
    t.rows.push_back({v.indicator_id, v.indicator_code, v.indicator_name, v.unit_of_measure, v.unit_id, v.unit_code,
                      v.unit_name, v.period, num(v.numerator), num(v.denominator), num(v.value),
                      num(v.estimated_full_year), v.updated_at});
    std::map<std::string, std::string> row;
    if (auto uc = unit_codes.find(v.unit_id); uc != unit_codes.end()) row = uc->second;
    if (auto ic = indicator_codes.find(v.indicator_id); ic != indicator_codes.end())
      for (const auto& [s, code] : ic->second) row[s] = code;
    t.codes.push_back(std::move(row));
  }
  t.stem = "so-lieu-chi-tieu" + (period ? "-" + *period : std::string());
  t.head["period"] = period ? json::value(*period) : json::value(nullptr);
  return t;
}

ExportTable report_timeliness_export(store::Connection& c, store::Id directive_id,
                                     const std::optional<std::string>& period_key, domain::Date as_of,
                                     domain::Instant now) {
  const auto d = store::find_directive(c, directive_id);
  if (!d || !d->has_plan) throw not_found("kế hoạch");
  Evaluator ev(c, as_of, now);
  const auto& cal = ev.calendar(d->id);
  domain::Period period = domain::judged_period(cal.rule, cal.holidays, as_of);
  if (period_key) {
    const auto p = domain::parse_period(*period_key);
    if (!p || (p->type != cal.rule.period_type && p->type != domain::PeriodType::annual))
      throw invalid("period",
                    "Kỳ báo cáo không hợp lệ (ví dụ: \"2026-10\" cho tháng 10/2026, \"2026\" cho "
                    "báo cáo năm).");
    period = *p;
  }
  const auto due = domain::iso(domain::report_due_date(cal.rule, cal.holidays, period));
  store::AssignmentFilter af;
  af.directive_id = d->id;
  af.known_before = ev.known_before();
  const auto obligations = report_obligations(c, ev, d->id, period, now, store::list_assignments(c, af), std::nullopt);
  const auto unit_codes = store::external_codes_known(c, "unit", ev.known_before());
  const auto own_codes = store::unit_codes(c);
  ExportTable t;
  t.systems = system_codes(c);
  t.columns = {{"directive_id", "Mã số văn bản"},
               {"directive_number", "Số hiệu văn bản"},
               {"period", "Kỳ báo cáo"},
               {"due_date", "Hạn báo cáo"},
               {"unit_id", "Mã số đơn vị"},
               {"unit_code", "Mã đơn vị"},
               {"unit_name", "Đơn vị"},
               {"peer_group", "Nhóm đơn vị"},
               {"report_id", "Mã số báo cáo"},
               {"state", "Trạng thái báo cáo"},
               {"first_submitted_at", "Gửi lần đầu lúc"},
               {"timeliness", "Đúng hạn"},
               {"timeliness_label", "Đúng hạn (nhãn)"}};
  for (const auto& o : obligations) {
    const std::string tl(domain::to_string(o.timeliness));
    auto uc = own_codes.find(o.unit_id);
    t.rows.push_back(
        {d->id, d->number, period.key(), due, o.unit_id, uc == own_codes.end() ? "" : uc->second, o.unit_name,
         o.peer_group, o.report ? ExportCell{o.report->report_id} : ExportCell{},
         o.report ? ExportCell{o.report->state} : ExportCell{},
         o.report && o.report->first_submitted_at ? ExportCell{*o.report->first_submitted_at} : ExportCell{}, tl,
         std::string(domain::vi_label("timeliness", tl))});
    auto codes = unit_codes.find(o.unit_id);
    t.codes.push_back(codes == unit_codes.end() ? std::map<std::string, std::string>{} : codes->second);
  }
  t.stem = "dung-han-bao-cao-" + period.key() + "-" + domain::iso(as_of);
  t.head =
      json::object{{"as_of", domain::iso(as_of)}, {"directive_id", d->id}, {"period", period.key()}, {"due_date", due}};
  return t;
}

}  // namespace tiendo::service
