#include "formats/xlsx_writer.h"

#include <unistd.h>
#include <xlsxwriter.h>

#include <filesystem>
#include <fstream>
#include <sstream>
#include <stdexcept>

namespace tiendo::formats {

namespace {

// libxlsxwriter 1.1.4 writes only to a file: a private temporary one, removed whatever happens.
struct TempFile {
  std::string path;
  TempFile() {
    std::string tmpl = (std::filesystem::temp_directory_path() / "tiendo-xlsx-XXXXXX").string();
    const int fd = mkstemp(tmpl.data());
    if (fd < 0) throw std::runtime_error("cannot create a temporary file");
    close(fd);
    path = tmpl;
  }
  ~TempFile() { std::filesystem::remove(path); }
};

struct Formats {
  lxw_format *title, *header, *text, *number, *percent, *date, *group, *sub;
};

Formats make_formats(lxw_workbook* wb) {
  auto base = [&](bool bold) {
    lxw_format* f = workbook_add_format(wb);
    format_set_font_name(f, "Times New Roman");
    format_set_font_size(f, 12);
    format_set_border(f, LXW_BORDER_THIN);
    format_set_text_wrap(f);
    format_set_align(f, LXW_ALIGN_VERTICAL_TOP);
    if (bold) format_set_bold(f);
    return f;
  };
  Formats fm{};
  fm.title = workbook_add_format(wb);
  format_set_font_name(fm.title, "Times New Roman");
  format_set_font_size(fm.title, 13);
  format_set_bold(fm.title);
  format_set_align(fm.title, LXW_ALIGN_CENTER);
  fm.header = base(true);
  format_set_align(fm.header, LXW_ALIGN_CENTER);
  format_set_align(fm.header, LXW_ALIGN_VERTICAL_CENTER);
  format_set_bg_color(fm.header, 0xE7E6E6);
  fm.text = base(false);
  fm.number = base(false);
  format_set_num_format(fm.number, "#,##0.##");
  fm.percent = base(false);
  format_set_num_format(fm.percent, "0.0%");
  fm.date = base(false);
  format_set_num_format(fm.date, "dd/mm/yyyy");
  format_set_align(fm.date, LXW_ALIGN_CENTER);
  fm.group = base(true);
  fm.sub = base(false);
  format_set_italic(fm.sub);
  return fm;
}

lxw_datetime to_lxw(domain::Date d) {
  return lxw_datetime{
      domain::year_of(d), static_cast<int>(domain::month_of(d)), static_cast<int>(domain::day_of(d)), 0, 0, 0};
}

void write_cell(lxw_worksheet* ws, lxw_row_t r, lxw_col_t c, const XlsxValue& v, const Formats& fm, bool sub) {
  if (const auto* s = std::get_if<std::string>(&v)) {
    worksheet_write_string(ws, r, c, s->c_str(), sub ? fm.sub : fm.text);
  } else if (const auto* n = std::get_if<double>(&v)) {
    worksheet_write_number(ws, r, c, *n, fm.number);
  } else if (const auto* p = std::get_if<Percent>(&v)) {
    worksheet_write_number(ws, r, c, p->share, fm.percent);
  } else if (const auto* d = std::get_if<domain::Date>(&v)) {
    lxw_datetime dt = to_lxw(*d);
    worksheet_write_datetime(ws, r, c, &dt, fm.date);
  } else {
    worksheet_write_blank(ws, r, c, sub ? fm.sub : fm.text);
  }
}

}  // namespace

std::string write_xlsx(const std::vector<XlsxSheet>& sheets, const std::function<void(size_t, size_t)>& progress,
                       std::optional<std::chrono::sys_seconds> created) {
  TempFile file;
  lxw_workbook_options options{.constant_memory = LXW_FALSE, .tmpdir = nullptr, .use_zip64 = LXW_FALSE};
  lxw_workbook* wb = workbook_new_opt(file.path.c_str(), &options);
  if (!wb) throw std::runtime_error("libxlsxwriter: cannot create a workbook");
  lxw_doc_properties props{};
  if (created) {
    props.created = static_cast<time_t>(created->time_since_epoch().count());
    workbook_set_properties(wb, &props);
  }
  const Formats fm = make_formats(wb);
  size_t total = 0, done = 0;
  for (const auto& s : sheets) total += s.rows.size();
  for (const auto& s : sheets) {
    lxw_worksheet* ws = workbook_add_worksheet(wb, s.name.c_str());
    worksheet_set_paper(ws, 9);  // A4
    worksheet_set_landscape(ws);
    worksheet_fit_to_pages(ws, 1, 0);
    const auto last_col = static_cast<lxw_col_t>(s.columns.empty() ? 0 : s.columns.size() - 1);
    lxw_row_t r = 0;
    for (const auto& line : s.title_lines) {
      if (last_col > 0)
        worksheet_merge_range(ws, r, 0, r, last_col, line.c_str(), fm.title);
      else
        worksheet_write_string(ws, r, 0, line.c_str(), fm.title);
      ++r;
    }
    if (!s.title_lines.empty()) ++r;
    for (lxw_col_t c = 0; c < s.columns.size(); ++c) {
      worksheet_set_column(ws, c, c, s.columns[c].width, nullptr);
      worksheet_write_string(ws, r, c, s.columns[c].header.c_str(), fm.header);
    }
    worksheet_freeze_panes(ws, r + 1, 0);
    worksheet_repeat_rows(ws, r, r);
    ++r;
    for (const auto& row : s.rows) {
      if (row.kind == XlsxRow::Kind::group && last_col > 1) {
        worksheet_write_string(ws, r, 0, row.cells.empty() ? "" : std::get<std::string>(row.cells[0]).c_str(),
                               fm.group);
        const std::string text = row.cells.size() > 1 ? std::get<std::string>(row.cells[1]) : "";
        worksheet_merge_range(ws, r, 1, r, last_col, text.c_str(), fm.group);
      } else {
        for (lxw_col_t c = 0; c <= last_col; ++c)
          write_cell(ws, r, c, c < row.cells.size() ? row.cells[c] : XlsxValue{}, fm, row.kind == XlsxRow::Kind::sub);
      }
      ++r;
      if (progress && (++done % 200 == 0 || done == total)) progress(done, total);
    }
  }
  if (workbook_close(wb) != LXW_NO_ERROR) throw std::runtime_error("libxlsxwriter: cannot write the workbook");
  std::ifstream in(file.path, std::ios::binary);
  std::ostringstream out;
  out << in.rdbuf();
  return out.str();
}

}  // namespace tiendo::formats
