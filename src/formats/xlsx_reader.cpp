#include "formats/xlsx_reader.h"

#include <charconv>
#include <cmath>
#include <map>
#include <set>

#include "domain/date.h"
#include "formats/xml.h"
#include "formats/zip.h"

namespace tiendo::formats {

namespace {

// Built-in number formats 14–22 and 45–47 are dates or times; custom ones are dates when their code
// has d, m or y outside quotes and brackets.
bool is_date_format(int id, const std::string& code) {
  if ((id >= 14 && id <= 22) || (id >= 45 && id <= 47)) return true;
  if (code.empty()) return false;
  bool quoted = false, bracket = false;
  for (char ch : code) {
    if (ch == '"')
      quoted = !quoted;
    else if (ch == '[')
      bracket = true;
    else if (ch == ']')
      bracket = false;
    else if (!quoted && !bracket && (ch == 'd' || ch == 'D' || ch == 'y' || ch == 'Y'))
      return true;
  }
  return false;
}

std::string resolve(const std::string& base_dir, const std::string& target) {
  if (target.starts_with("/")) return target.substr(1);
  return base_dir + target;
}

// "AB12" -> 27 (0-based column index)
int column_of(std::string_view ref) {
  int col = 0;
  size_t i = 0;
  for (; i < ref.size() && ref[i] >= 'A' && ref[i] <= 'Z'; ++i) col = col * 26 + (ref[i] - 'A' + 1);
  return i == 0 ? -1 : col - 1;
}

std::string number_text(const std::string& raw, bool date) {
  double v = 0;
  auto [p, ec] = std::from_chars(raw.data(), raw.data() + raw.size(), v);
  if (ec != std::errc()) return raw;
  if (date && v >= 1 && v < 2958466) {
    // Excel's serial 25569 is 1970-01-01 (the 1900 leap-year bug is behind that offset).
    const auto day = domain::Date{std::chrono::days{static_cast<long>(std::floor(v)) - 25569}};
    return domain::vn_date(day);
  }
  if (v == std::floor(v) && std::fabs(v) < 1e15) return std::to_string(static_cast<long long>(v));
  char buf[64];
  auto [end, ec2] = std::to_chars(buf, buf + sizeof buf, v);
  return std::string(buf, end);
}

}  // namespace

std::vector<Sheet> read_xlsx(std::string_view bytes) {
  ZipReader zip(bytes);
  if (!zip.has("xl/workbook.xml")) throw FormatError("Tệp không phải sổ tính Excel (.xlsx).");

  std::vector<std::string> shared;
  if (zip.has("xl/sharedStrings.xml")) {
    pugi::xml_document doc;
    parse_xml(doc, zip.read("xl/sharedStrings.xml"), "sharedStrings.xml");
    for (auto si : doc.child("sst").children("si")) shared.push_back(element_text(si));
  }

  std::vector<bool> date_style;  // by cell style index
  if (zip.has("xl/styles.xml")) {
    pugi::xml_document doc;
    parse_xml(doc, zip.read("xl/styles.xml"), "styles.xml");
    std::map<int, std::string> custom;
    for (auto f : doc.child("styleSheet").child("numFmts").children("numFmt"))
      custom[f.attribute("numFmtId").as_int()] = f.attribute("formatCode").as_string();
    for (auto xf : doc.child("styleSheet").child("cellXfs").children("xf")) {
      const int id = xf.attribute("numFmtId").as_int();
      date_style.push_back(is_date_format(id, custom.count(id) ? custom[id] : ""));
    }
  }

  std::map<std::string, std::string> rels;
  if (zip.has("xl/_rels/workbook.xml.rels")) {
    pugi::xml_document doc;
    parse_xml(doc, zip.read("xl/_rels/workbook.xml.rels"), "workbook.xml.rels");
    for (auto r : doc.child("Relationships").children("Relationship"))
      rels[r.attribute("Id").as_string()] = resolve("xl/", r.attribute("Target").as_string());
  }

  pugi::xml_document wb;
  parse_xml(wb, zip.read("xl/workbook.xml"), "workbook.xml");
  std::vector<Sheet> sheets;
  for (auto s : wb.child("workbook").child("sheets").children("sheet")) {
    const auto it = rels.find(s.attribute("r:id").as_string());
    if (it == rels.end() || !zip.has(it->second)) continue;
    Sheet sheet{s.attribute("name").as_string(), {}};
    pugi::xml_document doc;
    parse_xml(doc, zip.read(it->second), sheet.name);
    for (auto row : doc.child("worksheet").child("sheetData").children("row")) {
      const long long r = row.attribute("r").as_llong(static_cast<long long>(sheet.rows.size()) + 1);
      if (r < 1 || static_cast<std::size_t>(r) > kMaxImportRows)
        throw FormatError("Trang \"" + sheet.name + "\" có quá nhiều dòng (tối đa " + std::to_string(kMaxImportRows) +
                          " dòng một lần nhập).");
      sheet.rows.resize(static_cast<std::size_t>(r));
      Row& cells = sheet.rows[static_cast<std::size_t>(r - 1)];
      for (auto c : row.children("c")) {
        int col = column_of(c.attribute("r").as_string());
        if (col < 0) col = static_cast<int>(cells.size());
        if (col > 200) continue;  // beyond any plan table; ignore rather than allocate
        const std::string type = c.attribute("t").as_string();
        const std::string v = c.child("v").text().get();
        std::string text;
        if (type == "s") {
          const auto idx = static_cast<std::size_t>(std::atoll(v.c_str()));
          text = idx < shared.size() ? shared[idx] : "";
        } else if (type == "inlineStr") {
          text = element_text(c.child("is"));
        } else if (type == "str" || type == "e") {
          text = v;
        } else if (type == "b") {
          text = v == "1" ? "TRUE" : "FALSE";
        } else if (!v.empty()) {
          const auto style = static_cast<std::size_t>(c.attribute("s").as_int());
          text = number_text(v, style < date_style.size() && date_style[style]);
        }
        if (static_cast<std::size_t>(col) >= cells.size()) cells.resize(static_cast<std::size_t>(col) + 1);
        cells[static_cast<std::size_t>(col)] = std::move(text);
      }
      while (!cells.empty() && cells.back().empty()) cells.pop_back();
    }
    sheets.push_back(std::move(sheet));
  }
  if (sheets.empty()) throw FormatError("Sổ tính không có trang nào đọc được.");
  return sheets;
}

}  // namespace tiendo::formats
