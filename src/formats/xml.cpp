#include "formats/xml.h"

#include <cstring>

#include "formats/format_error.h"

namespace tiendo::formats {

void parse_xml(pugi::xml_document& doc, const std::string& xml, std::string_view part) {
  if (xml.find("<!DOCTYPE") != std::string::npos || xml.find("<!ENTITY") != std::string::npos)
    throw FormatError("Thành phần " + std::string(part) + " khai báo DOCTYPE/ENTITY: tệp không hợp lệ hoặc độc hại.");
  const auto result = doc.load_buffer(xml.data(), xml.size(), pugi::parse_default, pugi::encoding_utf8);
  if (!result) throw FormatError("Tệp bị hỏng: " + std::string(part) + " không phải XML hợp lệ.");
}

namespace {

void collect(const pugi::xml_node& n, std::string& out) {
  for (auto child : n.children()) {
    const char* name = child.name();
    const char* local = std::strchr(name, ':');
    local = local ? local + 1 : name;
    if (std::strcmp(local, "t") == 0) {
      out += child.text().get();
    } else if (std::strcmp(local, "tab") == 0) {
      out += ' ';
    } else if (std::strcmp(local, "br") == 0 || std::strcmp(local, "cr") == 0) {
      out += '\n';
    } else if (std::strcmp(local, "p") == 0) {
      if (!out.empty() && out.back() != '\n') out += '\n';
      collect(child, out);
    } else if (std::strcmp(local, "rPh") != 0 && std::strcmp(local, "instrText") != 0 &&
               std::strcmp(local, "delText") != 0) {
      collect(child, out);  // runs, hyperlinks, smart tags; phonetic hints and field codes are not text
    }
  }
}

}  // namespace

std::string element_text(const pugi::xml_node& node) {
  std::string out;
  collect(node, out);
  while (!out.empty() && (out.back() == '\n' || out.back() == ' ')) out.pop_back();
  size_t start = 0;
  while (start < out.size() && (out[start] == '\n' || out[start] == ' ')) ++start;
  return out.substr(start);
}

}  // namespace tiendo::formats
