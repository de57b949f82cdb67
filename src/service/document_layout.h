#pragma once
// The pieces every report laid out per Decree 30/2020 (or the Party's Guidance 36) is built from: body and
// centred paragraphs, headings, table cells, the short rules, the two header blocks (issuing body and national
// motto, number and place-and-date) and the signature block. The synthesis report and the feedback report share
// them, so both documents look the same.
#include <string>
#include <vector>

#include "domain/decree30.h"
#include "formats/docx_writer.h"

namespace tiendo::service::layout {

formats::Paragraph p(std::string text, formats::Align a = formats::Align::justify, bool bold = false,
                     bool italic = false, int size = 0);
formats::Paragraph centered(std::string text, bool bold, int size, bool italic = false);
formats::Paragraph heading(std::string text, int level = 1);
formats::Cell cell(std::string text, bool bold = false, formats::Align a = formats::Align::left);
// A short centred rule, `indent` twips in from both sides.
formats::Paragraph rule(int indent);

struct Header {
  domain::DocumentFormat format = domain::DocumentFormat::state;
  std::string parent_body;   // upper case, not bold; empty when the issuing body has no parent line
  std::string issuing_body;  // upper case, bold
  std::string number_line, date_line;
};
// Issuing body left, national motto (or the Party's name) right; then the number and the place-and-date line.
formats::TableBlock header_block(const Header& h);

struct Signature {
  std::string recipients;             // "- …;\n- Lưu: VT, …"
  std::vector<std::string> captions;  // "TM. …", "KT. …", the signer's title: bold, upper case as given
  std::string signer_name;
};
// Recipients left, the signer's authority right, with room for the signature and seal.
formats::TableBlock signature_block(const Signature& s);

}  // namespace tiendo::service::layout
