#pragma once
// Vietnamese text helpers: search that ignores diacritics and case ("cong an" finds "Công an").
#include <string>
#include <string_view>

namespace tiendo::domain {

// Lower-cases and strips Vietnamese diacritics (precomposed or combining); đ becomes d.
std::string fold(std::string_view utf8);

// The form text is searched in: folded, punctuation turned to spaces, single spaces, one space at
// each end — so a phrase matches at word starts: " cong an " is found by "cong an" and "Công An".
std::string search_key(std::string_view utf8);
// The phrase a query looks for in search keys (search_key without the outer spaces).
std::string search_phrase(std::string_view query);
// Text trimmed with its runs of white space made one space: the same words typed twice with other spacing are
// the same text (a feedback item's duplicate detection), a table cell wrapped where the page did reads as one line.
std::string normal_text(std::string_view s);

}  // namespace tiendo::domain

namespace tiendo::domain {
// 17.5 -> "17,5 %": one decimal at most, Vietnamese decimal comma, a space before the sign.
std::string vn_percent(double value);
// At most `max_bytes` bytes of `utf8`, cut where a character starts (never inside one), "…" added when cut: a
// long task name in a notice's title stays valid text (PostgreSQL refuses a broken character, a browser shows �).
std::string clip(std::string_view utf8, size_t max_bytes);
// An amount in đồng as reports write it, in millions to one decimal: 3'456'789'000 -> "3.456,8 triệu đồng".
std::string vn_million_dong(long long dong);
// A count in English, which inflects where Vietnamese does not: (1, "task", "tasks") -> "1 task", 3 -> "3 tasks".
std::string en_count(long long n, std::string_view one, std::string_view many);
}  // namespace tiendo::domain

namespace tiendo::domain {
// A file name as given by a person (uploads) or sent back (downloads), made safe to show and to put in a
// header: control characters (C0, DEL, C1), Unicode direction marks, embeddings, overrides and isolates
// (U+200E/F, U+061C, U+202A–U+202E, U+2066–U+2069), line/paragraph separators, BOM and malformed UTF-8
// (overlong forms, surrogates) are removed; spaces at either end are trimmed. "báo cáo\u202Efdp.exe" →
// "báo cáofdp.exe", so the name shown is the name the file has.
std::string clean_file_name(std::string_view utf8);
}  // namespace tiendo::domain
