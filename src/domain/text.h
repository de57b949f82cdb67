#pragma once
// Vietnamese text helpers: search that ignores diacritics and case ("cong an" finds "Công an").
#include <string>
#include <string_view>

namespace tiendo::domain {

// Lower-cases and strips Vietnamese diacritics (precomposed or combining); đ becomes d.
std::string fold(std::string_view utf8);

// True when every word of the folded query occurs in the folded text.
bool matches_query(std::string_view folded_text, std::string_view query);

}  // namespace tiendo::domain

namespace tiendo::domain {
// 17.5 -> "17,5 %": one decimal at most, Vietnamese decimal comma, a space before the sign.
std::string vn_percent(double value);
}  // namespace tiendo::domain
