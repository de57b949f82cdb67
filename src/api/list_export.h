#pragma once
// A list as the leader sees it, as an .xlsx file (issue 14, item 10): the same query as the list, every row (not
// one page), a Vietnamese title naming the filters and the date of the figures, and a file name carrying the
// plan and the date.
#include <string>

#include "api/context.h"
#include "formats/xlsx_writer.h"
#include "store/db.h"

namespace tiendo::api {

// The filters of a list's query in words, for its title: "Quá hạn — UBND cấp xã — Kế hoạch 27/QĐ-BCĐ".
// Empty when the list has no filter.
std::string filters_in_words(Context& ctx, store::Connection& c);
// The plan the list is filtered to, by its number, or "tất cả kế hoạch".
std::string plan_in_words(Context& ctx, store::Connection& c);

// `what`: the list's name ("Danh sách nhiệm vụ"); the file is "<what> - <plan> - đến <dd-mm-yyyy>.xlsx".
Response xlsx_list(Context& ctx, store::Connection& c, const std::string& what, formats::XlsxSheet sheet);

}  // namespace tiendo::api
