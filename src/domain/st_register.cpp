#include "domain/st_register.h"

#include <algorithm>
#include <array>
#include <map>
#include <set>

#include "domain/vocabulary.h"

namespace tiendo::domain {

namespace {

constexpr std::array<StSheetColumn, 27> kTaskColumns{{
    {"code", "Mã nhiệm vụ"},
    {"title", "Tên nhiệm vụ"},
    {"level", "Cấp quản lý"},
    {"kind", "Loại nhiệm vụ"},
    {"mode", "Phương thức hình thành"},
    {"national_code", "Mã trên nền tảng quốc gia"},
    {"national_code_on", "Ngày ghi mã quốc gia"},
    {"registration_no", "Số đăng ký"},
    {"problem", "Bài toán đặt ra"},
    {"sector", "Lĩnh vực"},
    {"host_unit_code", "Mã tổ chức chủ trì"},
    {"host_unit_name", "Tổ chức chủ trì", false},
    {"principal_investigator", "Chủ nhiệm nhiệm vụ"},
    {"managing_unit_code", "Mã đơn vị quản lý"},
    {"managing_unit_name", "Đơn vị quản lý", false},
    {"budget_nsnn", "Kinh phí NSNN (đồng)"},
    {"budget_other", "Kinh phí nguồn khác (đồng)"},
    {"start_date", "Ngày bắt đầu"},
    {"end_date", "Ngày kết thúc"},
    {"uptake_plan", "Phương án ứng dụng, thương mại hóa"},
    {"ip_plan", "Kế hoạch sở hữu trí tuệ"},
    {"summary", "Tóm tắt"},
    {"doc_number", "Số văn bản đề xuất"},
    {"doc_date", "Ngày văn bản đề xuất"},
    {"signer_name", "Người ký văn bản đề xuất"},
    {"signer_position", "Chức vụ người ký"},
    {"stage", "Bước hiện tại", false},
}};
constexpr std::array<StSheetColumn, 5> kProductColumns{{
    {"code", "Mã nhiệm vụ"},
    {"name", "Tên sản phẩm"},
    {"product_type", "Loại sản phẩm"},
    {"quantity", "Số lượng"},
    {"quality_spec", "Yêu cầu chất lượng"},
}};
constexpr std::array<StSheetColumn, 3> kYearColumns{{
    {"code", "Mã nhiệm vụ"},
    {"year", "Năm"},
    {"budget_nsnn", "Kinh phí NSNN (đồng)"},
}};

std::string trim(std::string_view s) {
  const auto ws = [](char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n'; };
  while (!s.empty() && ws(s.front())) s.remove_prefix(1);
  while (!s.empty() && ws(s.back())) s.remove_suffix(1);
  return std::string(s);
}

// One sheet's rows by column field: the header row found, each data row's cells by field.
struct Located {
  int header_row = 0;  // 0: not found
  std::map<std::string_view, size_t> at;
};
Located locate(const TextTable& rows, std::span<const StSheetColumn> columns) {
  Located out;
  for (size_t r = 0; r < rows.size() && !out.header_row; ++r) {
    for (const auto& cell : rows[r]) {
      if (trim(cell) == columns.front().header) {
        out.header_row = static_cast<int>(r) + 1;
        break;
      }
    }
  }
  if (!out.header_row) return out;
  const auto& header = rows[out.header_row - 1];
  for (size_t c = 0; c < header.size(); ++c) {
    const auto h = trim(header[c]);
    for (const auto& col : columns) {
      if (col.read && h == col.header && !out.at.count(col.field)) out.at[col.field] = c;
    }
  }
  return out;
}

// Reads one row's cells by field, collecting the row's issues.
class RowReader {
 public:
  RowReader(std::string_view sheet, int row, const std::vector<std::string>& cells, const Located& loc,
            std::span<const StSheetColumn> columns, std::vector<StSheetIssue>& issues)
      : sheet_(sheet), row_(row), cells_(cells), loc_(loc), columns_(columns), issues_(issues) {}

  std::string text(std::string_view field, size_t max_bytes, bool required = false) {
    auto v = cell(field);
    if (v.empty()) {
      if (required) issue(field, "chưa có giá trị (bắt buộc).");
      return v;
    }
    if (v.size() > max_bytes) issue(field, "dài quá " + std::to_string(max_bytes) + " byte.");
    return v;
  }
  std::string word(std::string_view field, std::string_view vocabulary) {
    const auto v = cell(field);
    if (v.empty()) {
      issue(field, "chưa có giá trị (bắt buộc).");
      return v;
    }
    const auto code = code_of(vocabulary, v);
    if (code.empty()) {
      std::string allowed;
      for (const auto& voc : vocabularies()) {
        if (voc.name != vocabulary) continue;
        for (const auto& w : voc.words) allowed += (allowed.empty() ? "" : ", ") + std::string(w.vi);
      }
      issue(field, "«" + v + "» không phải giá trị cho phép (" + allowed + ").");
    }
    return std::string(code);
  }
  std::optional<Date> date(std::string_view field, bool required = false) {
    const auto v = cell(field);
    if (v.empty()) {
      if (required) issue(field, "chưa có giá trị (bắt buộc).");
      return std::nullopt;
    }
    const auto d = parse_sheet_date(v);
    if (!d) issue(field, "«" + v + "» không phải ngày (dd/mm/yyyy).");
    return d;
  }
  long long money(std::string_view field) {
    const auto v = cell(field);
    if (v.empty()) return 0;
    const auto n = parse_dong(v);
    if (!n || *n > 1'000'000'000'000'000LL) issue(field, "«" + v + "» không phải số tiền (đồng, số nguyên không âm).");
    return n.value_or(0);
  }
  long long integer(std::string_view field, long long lo, long long hi, long long otherwise) {
    const auto v = cell(field);
    if (v.empty()) return otherwise;
    const auto n = parse_dong(v);
    if (!n || *n < lo || *n > hi) {
      issue(field, "«" + v + "» không phải số nguyên từ " + std::to_string(lo) + " đến " + std::to_string(hi) + ".");
      return otherwise;
    }
    return *n;
  }
  void issue(std::string_view field, const std::string& what) {
    std::string header(field);
    for (const auto& c : columns_) {
      if (c.field == field) header = c.header;
    }
    issues_.push_back(
        {std::string(sheet_), row_, header, std::string(field),
         "Trang «" + std::string(sheet_) + "», dòng " + std::to_string(row_) + ", cột «" + header + "»: " + what});
    ++count_;
  }
  int count() const { return count_; }
  bool blank() const {
    return std::all_of(cells_.begin(), cells_.end(), [](const std::string& c) { return trim(c).empty(); });
  }

 private:
  std::string cell(std::string_view field) const {
    const auto it = loc_.at.find(field);
    if (it == loc_.at.end() || it->second >= cells_.size()) return "";
    return trim(cells_[it->second]);
  }
  std::string_view sheet_;
  int row_;
  const std::vector<std::string>& cells_;
  const Located& loc_;
  std::span<const StSheetColumn> columns_;
  std::vector<StSheetIssue>& issues_;
  int count_ = 0;
};

const StWorkbookSheet* sheet_named(const std::vector<StWorkbookSheet>& sheets, std::string_view name) {
  for (const auto& s : sheets) {
    if (trim(s.name) == name) return &s;
  }
  return nullptr;
}

// The header row and its columns; a column the sheet must have and does not is an issue of the header row.
bool header_issues(std::string_view sheet, const Located& loc, std::span<const StSheetColumn> columns,
                   std::initializer_list<std::string_view> required, std::vector<StSheetIssue>& issues) {
  if (!loc.header_row) {
    issues.push_back({std::string(sheet), 0, std::string(columns.front().header), std::string(columns.front().field),
                      "Trang «" + std::string(sheet) + "» không có dòng tiêu đề (ô «" +
                          std::string(columns.front().header) + "»)."});
    return false;
  }
  bool ok = true;
  for (const auto field : required) {
    if (loc.at.count(field)) continue;
    for (const auto& c : columns) {
      if (c.field != field) continue;
      issues.push_back({std::string(sheet), loc.header_row, std::string(c.header), std::string(field),
                        "Trang «" + std::string(sheet) + "», dòng " + std::to_string(loc.header_row) + ": thiếu cột «" +
                            std::string(c.header) + "»."});
      ok = false;
    }
  }
  return ok;
}

}  // namespace

std::span<const StSheetColumn> st_task_columns() { return kTaskColumns; }
std::span<const StSheetColumn> st_product_columns() { return kProductColumns; }
std::span<const StSheetColumn> st_year_columns() { return kYearColumns; }

std::optional<long long> parse_dong(std::string_view text) {
  const auto s = trim(text);
  if (s.empty()) return std::nullopt;
  // Groups of three after the first, all split by one and the same separator, or no separator at all.
  char sep = 0;
  long long v = 0;
  size_t group = 0;
  bool grouped = false;
  for (char ch : s) {
    if (ch >= '0' && ch <= '9') {
      if (v > 100'000'000'000'000'000LL) return std::nullopt;
      v = v * 10 + (ch - '0');
      ++group;
      continue;
    }
    if (ch != '.' && ch != ',' && ch != ' ') return std::nullopt;
    if (sep && ch != sep) return std::nullopt;
    if (group == 0 || group > 3 || (grouped && group != 3)) return std::nullopt;
    sep = ch;
    grouped = true;
    group = 0;
  }
  if (group == 0 || (grouped && group != 3)) return std::nullopt;
  return v;
}

std::optional<Date> parse_sheet_date(std::string_view text) {
  const auto s = trim(text);
  if (auto d = parse_iso_date(s)) return d;
  unsigned day = 0, month = 0;
  int year = 0;
  size_t i = 0;
  const auto number = [&](int max_digits) {
    long v = 0;
    int n = 0;
    while (i < s.size() && s[i] >= '0' && s[i] <= '9' && n < max_digits) v = v * 10 + (s[i++] - '0'), ++n;
    return n ? v : -1;
  };
  const long d = number(2);
  if (d < 0 || i >= s.size() || s[i++] != '/') return std::nullopt;
  const long m = number(2);
  if (m < 0 || i >= s.size() || s[i++] != '/') return std::nullopt;
  const long y = number(4);
  if (y < 1900 || i != s.size()) return std::nullopt;
  day = static_cast<unsigned>(d);
  month = static_cast<unsigned>(m);
  year = static_cast<int>(y);
  const std::chrono::year_month_day ymd{std::chrono::year{year}, std::chrono::month{month}, std::chrono::day{day}};
  if (!ymd.ok()) return std::nullopt;
  return Date{ymd};
}

StRegisterSheet read_st_register(const std::vector<StWorkbookSheet>& sheets) {
  StRegisterSheet out;
  const auto* tasks = sheet_named(sheets, kStTaskSheet);
  if (!tasks) {
    out.issues.push_back(
        {std::string(kStTaskSheet), 0, "", "", "Tệp không có trang «" + std::string(kStTaskSheet) + "»."});
    return out;
  }
  const auto loc = locate(tasks->rows, kTaskColumns);
  if (!header_issues(kStTaskSheet, loc, kTaskColumns,
                     {"code", "title", "level", "kind", "mode", "host_unit_code", "managing_unit_code"}, out.issues))
    return out;
  std::map<std::string, size_t> by_code;
  std::set<std::string> refused;  // codes of rows with an issue: their products and years are not read either
  for (size_t r = loc.header_row; r < tasks->rows.size(); ++r) {
    const int row = static_cast<int>(r) + 1;
    RowReader x(kStTaskSheet, row, tasks->rows[r], loc, kTaskColumns, out.issues);
    if (x.blank()) continue;
    StRegisterRow t;
    t.row = row;
    t.code = x.text("code", 60, true);
    t.title = x.text("title", 500, true);
    t.level = x.word("level", "st_level");
    t.kind = x.word("kind", "st_kind");
    t.mode = x.word("mode", "st_mode");
    t.national_code = x.text("national_code", 60);
    t.national_code_on = x.date("national_code_on");
    t.registration_no = x.text("registration_no", 60);
    t.problem = x.text("problem", 2000);
    t.sector = x.text("sector", 200);
    t.host_unit_code = x.text("host_unit_code", 50, true);
    t.principal_investigator = x.text("principal_investigator", 200);
    t.managing_unit_code = x.text("managing_unit_code", 50, true);
    t.budget_nsnn = x.money("budget_nsnn");
    t.budget_other = x.money("budget_other");
    t.start_date = x.date("start_date");
    t.end_date = x.date("end_date");
    t.uptake_plan = x.text("uptake_plan", 5000);
    t.ip_plan = x.text("ip_plan", 5000);
    t.summary = x.text("summary", 5000);
    t.doc_number = x.text("doc_number", 100);
    t.doc_date = x.date("doc_date");
    t.signer_name = x.text("signer_name", 200);
    t.signer_position = x.text("signer_position", 200);
    if (t.start_date && t.end_date && *t.end_date < *t.start_date)
      x.issue("end_date", "ngày kết thúc trước ngày bắt đầu.");
    if (t.national_code_on && t.national_code.empty())
      x.issue("national_code_on", "có ngày ghi mã nhưng chưa có mã trên nền tảng quốc gia.");
    if (!t.code.empty() && by_code.count(t.code))
      x.issue("code", "mã «" + t.code + "» đã có ở dòng " + std::to_string(out.rows[by_code[t.code]].row) + ".");
    if (x.count()) {
      refused.insert(t.code);
      continue;
    }
    by_code[t.code] = out.rows.size();
    out.rows.push_back(std::move(t));
  }
  // Products and yearly budgets belong to the task whose code they name.
  const auto attach = [&](std::string_view name, std::span<const StSheetColumn> columns, auto&& read) {
    const auto* sheet = sheet_named(sheets, name);
    if (!sheet) return;
    const auto at = locate(sheet->rows, columns);
    if (!header_issues(name, at, columns, {}, out.issues)) return;
    for (const auto& c : columns) {
      if (!at.at.count(c.field)) {
        header_issues(name, at, columns, {c.field}, out.issues);
        return;
      }
    }
    for (size_t r = at.header_row; r < sheet->rows.size(); ++r) {
      const int row = static_cast<int>(r) + 1;
      RowReader x(name, row, sheet->rows[r], at, columns, out.issues);
      if (x.blank()) continue;
      const auto code = x.text("code", 60, true);
      const auto it = by_code.find(code);
      if (code.empty() || (it == by_code.end() && refused.count(code))) continue;
      if (it == by_code.end()) {
        x.issue("code", "không có nhiệm vụ mã «" + code + "» ở trang «" + std::string(kStTaskSheet) + "».");
        continue;
      }
      read(x, out.rows[it->second]);
    }
  };
  attach(kStProductSheet, kProductColumns, [](RowReader& x, StRegisterRow& t) {
    StProductRow p;
    p.name = x.text("name", 500, true);
    p.product_type = x.text("product_type", 100, true);
    p.quantity = x.integer("quantity", 1, 1'000'000, 1);
    p.quality_spec = x.text("quality_spec", 2000);
    if (!x.count()) t.products.push_back(std::move(p));
  });
  attach(kStYearSheet, kYearColumns, [](RowReader& x, StRegisterRow& t) {
    StYearRow y;
    y.year = static_cast<int>(x.integer("year", 2000, 2100, 0));
    if (!y.year && !x.count()) x.issue("year", "chưa có giá trị (bắt buộc).");
    y.budget_nsnn = x.money("budget_nsnn");
    for (const auto& other : t.years) {
      if (y.year && other.year == y.year)
        x.issue("year", "năm " + std::to_string(y.year) + " của nhiệm vụ «" + t.code + "» đã có ở dòng trên.");
    }
    if (!x.count()) t.years.push_back(y);
  });
  return out;
}

}  // namespace tiendo::domain
