#include "formats/docx_reader.h"

#include "formats/xlsx_reader.h"
#include "formats/xml.h"
#include "formats/zip.h"

namespace tiendo::formats {

namespace {

void read_table(const pugi::xml_node& tbl, std::vector<Table>& out) {
  Table table;
  for (auto tr : tbl.children("w:tr")) {
    Row row;
    for (auto tc : tr.children("w:tc")) {
      row.push_back(element_text(tc));
      const int span = tc.child("w:tcPr").child("w:gridSpan").attribute("w:val").as_int(1);
      for (int i = 1; i < span && i < 50; ++i) row.emplace_back();
    }
    table.push_back(std::move(row));
    if (table.size() > kMaxImportRows)
      throw FormatError("Bảng trong văn bản có quá nhiều dòng (tối đa " + std::to_string(kMaxImportRows) + ").");
  }
  out.push_back(std::move(table));
}

void walk(const pugi::xml_node& n, std::vector<Table>& out) {
  for (auto child : n.children()) {
    if (std::string_view(child.name()) == "w:tbl")
      read_table(child, out);
    else
      walk(child, out);  // tables inside content controls (w:sdt) and the like
  }
}

}  // namespace

std::vector<Table> read_docx_tables(std::string_view bytes) {
  if (bytes.starts_with("\xD0\xCF\x11\xE0"))
    throw FormatError("Tệp .doc (Word 97-2003) không được hỗ trợ; hãy mở bằng Word và lưu thành .docx.");
  ZipReader zip(bytes);
  if (!zip.has("word/document.xml")) throw FormatError("Tệp không phải văn bản Word (.docx).");
  pugi::xml_document doc;
  parse_xml(doc, zip.read("word/document.xml"), "document.xml");
  std::vector<Table> tables;
  walk(doc.child("w:document").child("w:body"), tables);
  if (tables.empty()) throw FormatError("Văn bản không có bảng nào (cần bảng Phụ lục chỉ tiêu hoặc nhiệm vụ).");
  return tables;
}

}  // namespace tiendo::formats
