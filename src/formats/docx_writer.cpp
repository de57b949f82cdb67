#include "formats/docx_writer.h"

#include <pugixml.hpp>
#include <sstream>

#include "formats/embedded_template.h"
#include "formats/zip.h"

namespace tiendo::formats {

namespace {

const char* kAlign[] = {"left", "center", "right", "both"};

void write_run(pugi::xml_node p, const Run& r) {
  auto run = p.append_child("w:r");
  auto pr = run.append_child("w:rPr");
  if (r.bold) pr.append_child("w:b"), pr.append_child("w:bCs");
  if (r.italic) pr.append_child("w:i"), pr.append_child("w:iCs");
  if (r.underline) pr.append_child("w:u").append_attribute("w:val") = "single";
  if (r.size > 0) {
    pr.append_child("w:sz").append_attribute("w:val") = r.size;
    pr.append_child("w:szCs").append_attribute("w:val") = r.size;
  }
  std::string line;
  std::istringstream lines(r.text);
  bool first = true;
  while (std::getline(lines, line)) {
    if (!first) run.append_child("w:br");
    first = false;
    auto t = run.append_child("w:t");
    t.append_attribute("xml:space") = "preserve";
    t.text() = line.c_str();
  }
}

void write_paragraph(pugi::xml_node parent, const Paragraph& para) {
  auto p = parent.append_child("w:p");
  auto pr = p.append_child("w:pPr");
  pr.append_child("w:pStyle").append_attribute("w:val") = para.style.c_str();
  if (para.keep_with_next) pr.append_child("w:keepNext");
  if (para.rule_indent >= 0) {
    auto bottom = pr.append_child("w:pBdr").append_child("w:bottom");
    bottom.append_attribute("w:val") = "single";
    bottom.append_attribute("w:sz") = 6;
    bottom.append_attribute("w:space") = 1;
    bottom.append_attribute("w:color") = "000000";
  }
  if (para.space_before >= 0 || para.space_after >= 0) {
    auto sp = pr.append_child("w:spacing");
    if (para.space_before >= 0) sp.append_attribute("w:before") = para.space_before;
    if (para.space_after >= 0) sp.append_attribute("w:after") = para.space_after;
  }
  if (para.rule_indent >= 0) {
    auto ind = pr.append_child("w:ind");
    ind.append_attribute("w:left") = para.rule_indent;
    ind.append_attribute("w:right") = para.rule_indent;
    ind.append_attribute("w:firstLine") = 0;
  } else if (para.first_line_indent >= 0) {
    pr.append_child("w:ind").append_attribute("w:firstLine") = para.first_line_indent;
  }
  pr.append_child("w:jc").append_attribute("w:val") = kAlign[static_cast<int>(para.align)];
  for (const auto& r : para.runs) write_run(p, r);
}

void write_table(pugi::xml_node body, const TableBlock& t) {
  auto tbl = body.append_child("w:tbl");
  auto pr = tbl.append_child("w:tblPr");
  pr.append_child("w:tblStyle").append_attribute("w:val") = t.borders ? "TableGrid" : "TableNormal";
  auto w = pr.append_child("w:tblW");
  int total = 0;
  for (int x : t.widths) total += x;
  w.append_attribute("w:w") = total;
  w.append_attribute("w:type") = "dxa";
  pr.append_child("w:tblLayout").append_attribute("w:type") = "fixed";
  auto grid = tbl.append_child("w:tblGrid");
  for (int x : t.widths) grid.append_child("w:gridCol").append_attribute("w:w") = x;
  for (size_t r = 0; r < t.rows.size(); ++r) {
    auto tr = tbl.append_child("w:tr");
    auto trpr = tr.append_child("w:trPr");
    trpr.append_child("w:cantSplit");
    if (static_cast<int>(r) < t.header_rows) trpr.append_child("w:tblHeader");
    size_t col = 0;
    for (const auto& cell : t.rows[r]) {
      auto tc = tr.append_child("w:tc");
      auto tcpr = tc.append_child("w:tcPr");
      int width = 0;
      for (int k = 0; k < cell.span && col + k < t.widths.size(); ++k) width += t.widths[col + k];
      auto tcw = tcpr.append_child("w:tcW");
      tcw.append_attribute("w:w") = width;
      tcw.append_attribute("w:type") = "dxa";
      if (cell.span > 1) tcpr.append_child("w:gridSpan").append_attribute("w:val") = cell.span;
      if (cell.shaded) {
        auto shd = tcpr.append_child("w:shd");
        shd.append_attribute("w:val") = "clear";
        shd.append_attribute("w:color") = "auto";
        shd.append_attribute("w:fill") = "E7E6E6";
      }
      col += static_cast<size_t>(cell.span);
      if (cell.paragraphs.empty()) tc.append_child("w:p");  // a cell must hold a paragraph
      for (const auto& p : cell.paragraphs) write_paragraph(tc, p);
    }
  }
}

std::string xml_string(const pugi::xml_document& doc) {
  std::ostringstream out;
  doc.save(out, "", pugi::format_raw, pugi::encoding_utf8);
  return out.str();
}

}  // namespace

std::string write_docx(const DocxDocument& d) {
  pugi::xml_document doc;
  auto decl = doc.append_child(pugi::node_declaration);
  decl.append_attribute("version") = "1.0";
  decl.append_attribute("encoding") = "UTF-8";
  decl.append_attribute("standalone") = "yes";
  auto root = doc.append_child("w:document");
  root.append_attribute("xmlns:w") = "http://schemas.openxmlformats.org/wordprocessingml/2006/main";
  root.append_attribute("xmlns:r") = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
  auto body = root.append_child("w:body");
  for (const auto& block : d.body) {
    if (const auto* p = std::get_if<Paragraph>(&block))
      write_paragraph(body, *p);
    else
      write_table(body, std::get<TableBlock>(block));
  }
  // A4 portrait, Decree 30 margins; page numbers from the second page (titlePg: the first has its own).
  auto sect = body.append_child("w:sectPr");
  auto h = sect.append_child("w:headerReference");
  h.append_attribute("w:type") = "default";
  h.append_attribute("r:id") = "rId3";
  auto hf = sect.append_child("w:headerReference");
  hf.append_attribute("w:type") = "first";
  hf.append_attribute("r:id") = "rId4";
  auto size = sect.append_child("w:pgSz");
  size.append_attribute("w:w") = 11906;
  size.append_attribute("w:h") = 16838;
  auto mar = sect.append_child("w:pgMar");
  for (auto [k, v] : {std::pair{"w:top", 1134},
                      {"w:right", 851},
                      {"w:bottom", 1134},
                      {"w:left", 1701},
                      {"w:header", 567},
                      {"w:footer", 567},
                      {"w:gutter", 0}})
    mar.append_attribute(k) = v;
  sect.append_child("w:titlePg");

  pugi::xml_document core;
  auto cp = core.append_child("cp:coreProperties");
  cp.append_attribute("xmlns:cp") = "http://schemas.openxmlformats.org/package/2006/metadata/core-properties";
  cp.append_attribute("xmlns:dc") = "http://purl.org/dc/elements/1.1/";
  cp.append_child("dc:title").text() = d.title.c_str();
  cp.append_child("dc:creator").text() = "Tiến Độ";

  std::vector<std::pair<std::string, std::string>> parts;
  for (const auto& [name, content] : docx_template_parts()) parts.emplace_back(name, content);
  parts.emplace_back("word/document.xml", xml_string(doc));
  parts.emplace_back("docProps/core.xml", xml_string(core));
  return zip_write(parts);
}

}  // namespace tiendo::formats
