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

}  // namespace tiendo::domain

namespace tiendo::domain {
// 17.5 -> "17,5 %": one decimal at most, Vietnamese decimal comma, a space before the sign.
std::string vn_percent(double value);
}  // namespace tiendo::domain
