#include "service/document_layout.h"

namespace tiendo::service::layout {

using formats::Align;
using formats::Cell;
using formats::Paragraph;
using formats::Run;
using formats::TableBlock;

Paragraph p(std::string text, Align a, bool bold, bool italic, int size) {
  Paragraph para;
  para.runs.push_back(Run{std::move(text), bold, italic, false, size});
  para.align = a;
  return para;
}

Paragraph centered(std::string text, bool bold, int size, bool italic) {
  Paragraph para = p(std::move(text), Align::center, bold, italic, size);
  para.style = "Normal";
  para.space_after = 0;
  para.first_line_indent = 0;
  return para;
}

Paragraph heading(std::string text, int level) {
  Paragraph para = p(std::move(text));
  para.style = level == 1 ? "Heading1" : "Heading2";
  para.keep_with_next = true;
  return para;
}

Cell cell(std::string text, bool bold, Align a) {
  Paragraph para = p(std::move(text), a, bold);
  para.style = "TableText";
  para.first_line_indent = 0;
  return Cell{{para}};
}

Paragraph rule(int indent) {
  Paragraph para;
  para.style = "Normal";
  para.align = Align::center;
  para.rule_indent = indent;
  para.space_after = 0;
  para.runs.push_back(Run{"", false, false, false, 4});
  return para;
}

TableBlock header_block(const Header& h) {
  const bool party = h.format == domain::DocumentFormat::party;
  const int half = formats::kTextWidthTwips / 2;
  TableBlock header{{half - 1000, half + 1000}, {}, 0, false};
  Cell left, right;
  if (!h.parent_body.empty()) left.paragraphs.push_back(centered(h.parent_body, false, 26));
  left.paragraphs.push_back(centered(h.issuing_body + (party ? "\n*" : ""), true, 26));
  left.paragraphs.push_back(rule(1500));
  if (party) {
    Paragraph name = centered("ĐẢNG CỘNG SẢN VIỆT NAM", true, 30);
    name.runs[0].underline = true;
    right.paragraphs.push_back(name);
  } else {
    right.paragraphs.push_back(centered("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", true, 24));
    right.paragraphs.push_back(centered("Độc lập - Tự do - Hạnh phúc", true, 28));
    right.paragraphs.push_back(rule(1300));
  }
  header.rows.push_back({left, right});
  header.rows.push_back({Cell{{centered(h.number_line, false, 26)}}, Cell{{centered(h.date_line, false, 28, true)}}});
  return header;
}

TableBlock signature_block(const Signature& s) {
  const int half = formats::kTextWidthTwips / 2;
  TableBlock sign{{half, half}, {}, 0, false};
  Cell to, signer;
  Paragraph to_head = p("Nơi nhận:", Align::left, true, true, 24);
  to_head.style = "Normal";
  to_head.first_line_indent = 0;
  to_head.space_after = 0;
  to.paragraphs.push_back(to_head);
  Paragraph to_list = p(s.recipients, Align::left, false, false, 22);
  to_list.style = "Normal";
  to_list.first_line_indent = 0;
  to.paragraphs.push_back(to_list);
  for (const auto& caption : s.captions) signer.paragraphs.push_back(centered(caption, true, 28));
  Paragraph name = centered(s.signer_name, true, 28);
  name.space_before = 1400;
  signer.paragraphs.push_back(name);
  sign.rows.push_back({to, signer});
  return sign;
}

}  // namespace tiendo::service::layout
