#include "formats/csv.h"

#include "formats/xlsx_reader.h"

namespace tiendo::formats {

bool valid_utf8(std::string_view s) {
  for (size_t i = 0; i < s.size();) {
    const auto c = static_cast<unsigned char>(s[i]);
    size_t n = 0;
    if (c < 0x80)
      n = 0;
    else if (c >= 0xC2 && c <= 0xDF)
      n = 1;
    else if ((c & 0xF0) == 0xE0)
      n = 2;
    else if (c >= 0xF0 && c <= 0xF4)
      n = 3;
    else
      return false;
    if (n > s.size() - i - 1) return false;
    for (size_t k = 1; k <= n; ++k)
      if ((static_cast<unsigned char>(s[i + k]) & 0xC0) != 0x80) return false;
    i += n + 1;
  }
  return true;
}

Table read_csv(std::string_view bytes) {
  if (bytes.starts_with("\xEF\xBB\xBF")) bytes.remove_prefix(3);
  if (bytes.starts_with("\xFF\xFE") || bytes.starts_with("\xFE\xFF"))
    throw FormatError("Tệp CSV được lưu dạng UTF-16; hãy lưu lại dưới dạng \"CSV UTF-8\".");
  if (!valid_utf8(bytes))
    throw FormatError(
        "Tệp CSV không phải mã UTF-8 (có thể là TCVN3 hoặc Windows-1258); hãy lưu lại dưới dạng \"CSV UTF-8\".");
  // The separator is the most frequent of , ; and tab on the first line, outside quotes.
  char sep = ',';
  {
    int comma = 0, semi = 0, tab = 0;
    bool q = false;
    for (char ch : bytes) {
      if (ch == '"')
        q = !q;
      else if (!q && (ch == '\n' || ch == '\r'))
        break;
      else if (!q)
        comma += ch == ',', semi += ch == ';', tab += ch == '\t';
    }
    if (semi > comma && semi >= tab)
      sep = ';';
    else if (tab > comma && tab > semi)
      sep = '\t';
  }
  Table table;
  Row row;
  std::string field;
  bool quoted = false, row_started = false;
  auto end_row = [&] {
    row.push_back(std::move(field));
    field.clear();
    while (!row.empty() && row.back().empty()) row.pop_back();
    table.push_back(std::move(row));
    row.clear();
    row_started = false;
    if (table.size() > kMaxImportRows)
      throw FormatError("Tệp CSV có quá nhiều dòng (tối đa " + std::to_string(kMaxImportRows) + " dòng một lần nhập).");
  };
  for (size_t i = 0; i < bytes.size(); ++i) {
    const char ch = bytes[i];
    if (quoted) {
      if (ch == '"' && i + 1 < bytes.size() && bytes[i + 1] == '"')
        field += '"', ++i;
      else if (ch == '"')
        quoted = false;
      else
        field += ch;
      continue;
    }
    if (ch == '"') {
      quoted = true;
      row_started = true;
    } else if (ch == sep) {
      row.push_back(std::move(field));
      field.clear();
      row_started = true;
    } else if (ch == '\r' || ch == '\n') {
      if (ch == '\r' && i + 1 < bytes.size() && bytes[i + 1] == '\n') ++i;
      end_row();
    } else {
      field += ch;
      row_started = true;
    }
  }
  if (quoted) throw FormatError("Tệp CSV có ô mở ngoặc kép mà không đóng.");
  if (row_started || !field.empty() || !row.empty()) end_row();
  return table;
}

}  // namespace tiendo::formats
