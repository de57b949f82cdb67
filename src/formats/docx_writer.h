#pragma once
// Writes a .docx from a small document model: paragraphs of runs and tables, laid into the house
// template (src/formats/docx_template: styles, A4 page, page numbers from page 2).
#include <string>
#include <variant>
#include <vector>

namespace tiendo::formats {

enum class Align { left, center, right, justify };

struct Run {
  std::string text;  // "\n" breaks the line
  bool bold = false, italic = false, underline = false;
  int size = 0;  // half-points; 0: the paragraph style's size
};

struct Paragraph {
  std::vector<Run> runs;
  Align align = Align::justify;
  std::string style = "BodyText";           // BodyText, Heading1, Heading2, TableText, Normal
  int space_before = -1, space_after = -1;  // twips; -1: the style's
  int first_line_indent = -1;               // twips; -1: the style's
  bool keep_with_next = false;
  // A short rule under the paragraph, as under the issuing body and the national motto: indents (twips)
  // from both sides of the cell or page narrow it.
  int rule_indent = -1;
};

struct Cell {
  std::vector<Paragraph> paragraphs;
  int span = 1;
  bool shaded = false;
};

struct TableBlock {
  std::vector<int> widths;  // twips, one per grid column
  std::vector<std::vector<Cell>> rows;
  int header_rows = 1;  // repeated on each page
  bool borders = true;
};

using Block = std::variant<Paragraph, TableBlock>;

struct DocxDocument {
  std::string title;
  std::vector<Block> body;
};

std::string write_docx(const DocxDocument& doc);

// A4 with the Decree 30 margins (top and bottom 20 mm, left 30 mm, right 15 mm): the text width.
constexpr int kTextWidthTwips = 11906 - 1701 - 851;

}  // namespace tiendo::formats
