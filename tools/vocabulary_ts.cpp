// Writes the web client's labels (web/src/generated/vocabulary.ts) from domain/vocabulary at build time, so the page
// shows the words the documents print. Rewrites the file only when its text changes (keeps `make` incremental).
#include <fstream>
#include <iostream>
#include <sstream>
#include <string>

#include "domain/vocabulary.h"

namespace {

std::string quoted(std::string_view s) {
  std::string out = "'";
  for (char c : s) {
    if (c == '\'' || c == '\\') out += '\\';
    out += c;
  }
  return out + "'";
}

}  // namespace

int main(int argc, char** argv) {
  if (argc != 2) {
    std::cerr << "usage: vocabulary_ts OUTPUT.ts\n";
    return 2;
  }
  std::ostringstream ts;
  ts << "// Generated from src/domain/vocabulary.cpp by tools/vocabulary_ts.cpp at build time: edit the C++ table.\n"
        "export type Word = { readonly vi: string; readonly en: string };\n"
        "export const VOCABULARY = {\n";
  for (const auto& v : tiendo::domain::vocabularies()) {
    ts << "  " << v.name << ": {\n";
    for (const auto& w : v.words)
      ts << "    " << w.code << ": { vi: " << quoted(w.vi) << ", en: " << quoted(w.en) << " },\n";
    ts << "  },\n";
  }
  ts << "} as const satisfies Record<string, Record<string, Word>>;\n"
        "export type VocabularyName = keyof typeof VOCABULARY;\n";
  const std::string text = ts.str();
  {
    std::ifstream old(argv[1], std::ios::binary);
    std::stringstream have;
    have << old.rdbuf();
    if (old && have.str() == text) return 0;
  }
  std::ofstream out(argv[1], std::ios::binary | std::ios::trunc);
  out << text;
  return out ? 0 : 1;
}
