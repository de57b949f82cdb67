#pragma once
// One vocabulary: every code the product shows (statuses, roles, unit kinds, aggregation kinds, …) has exactly one
// Vietnamese and one English label, here. Documents, spreadsheets and error messages read them through labels.h;
// the web client's labels are generated from this table at build time (build/vocabulary_ts), so the screen and the
// documents cannot say two different things for one code.
#include <span>
#include <string_view>

namespace tiendo::domain {

struct Word {
  std::string_view code;
  std::string_view vi;
  std::string_view en;
};

struct Vocabulary {
  std::string_view name;  // e.g. "assignment_status"
  std::span<const Word> words;
};

// Every vocabulary, in a fixed order.
std::span<const Vocabulary> vocabularies();

// The Vietnamese (or English) label of a code in a vocabulary; empty when either is unknown.
std::string_view vi_label(std::string_view vocabulary, std::string_view code);
std::string_view en_label(std::string_view vocabulary, std::string_view code);

// The code a person typed or a document printed: the code itself, or its Vietnamese or English label compared
// without case, diacritics or punctuation ("Lũy kế từ đầu năm", "luy ke tu dau nam"). Empty when none matches.
std::string_view code_of(std::string_view vocabulary, std::string_view text);

}  // namespace tiendo::domain
