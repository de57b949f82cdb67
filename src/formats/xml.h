#pragma once
// Parsing the XML parts of Office files with pugixml. Office Open XML never declares a DOCTYPE, so one
// is refused outright: no entity tricks (billion laughs, external entities) get a chance.
#include <pugixml.hpp>
#include <string>
#include <string_view>

namespace tiendo::formats {

// Throws FormatError naming `part` when the XML is malformed or declares a DOCTYPE.
void parse_xml(pugi::xml_document& doc, const std::string& xml, std::string_view part);

// The text of a WordprocessingML or SpreadsheetML element: every w:t / t below it, tabs as spaces,
// paragraphs and line breaks as "\n".
std::string element_text(const pugi::xml_node& node);

}  // namespace tiendo::formats
