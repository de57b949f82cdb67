#pragma once
// The words of an administrative document's layout: Decree 30/2020/NĐ-CP for state bodies and
// Guidance 36-HD/VPTW for Party bodies (seed 004's committee). Pure text; the layout is in formats/.
#include <optional>
#include <string>
#include <string_view>

#include "domain/date.h"

namespace tiendo::domain {

enum class DocumentFormat { state, party };
std::string_view to_string(DocumentFormat f);
std::optional<DocumentFormat> document_format_from(std::string_view s);

// "Hải Phòng, ngày 05 tháng 02 năm 2026": days below 10 and the months 1 and 2 take a leading zero,
// other months none ("ngày 15 tháng 3 năm 2026").
std::string place_date_line(std::string_view place, Date d);

// State: "Số: 12/BC-BCĐ" (blank number: "Số:      /BC-BCĐ", filled in by the clerk when issued).
// Party: "Số 12-BC/BCĐ".
std::string number_line(DocumentFormat f, std::optional<int> number, std::string_view kind_code,
                        std::string_view issuer_code);

// Issue 12: the moment a document's data was read, the only thing in it that depends on when it is made:
// "Số liệu tổng hợp đến hết ngày 19/11/2026, đọc lúc 10:05 ngày 20/11/2026" (Vietnam time).
std::string data_read_line(Date as_of, Instant read_at);

// 1 -> "I", 14 -> "XIV": numbered sections.
std::string roman(int n);

// "TM. BAN CHỈ ĐẠO" / "T/M BAN CHỈ ĐẠO"; "KT. TRƯỞNG BAN" / "K/T TRƯỞNG BAN".
std::string on_behalf_of(DocumentFormat f, std::string_view body);
std::string deputy_for(DocumentFormat f, std::string_view head_title);

// "tháng 11 năm 2026", "quý IV năm 2026", "6 tháng đầu năm 2026", "năm 2026" from a period key.
std::string period_words(std::string_view period_key);

// Upper-cases Vietnamese text (for the issuing body and the signature captions).
std::string upper(std::string_view utf8);

}  // namespace tiendo::domain
