#pragma once
// A list as the leader sees it, as an .xlsx file (issue 14, item 10): the same query as the list, every row (not
// one page), a Vietnamese title naming the filters and the date of the figures, and a file name carrying the
// plan and the date.
#include <string>

#include "api/context.h"
#include "formats/xlsx_writer.h"
#include "store/db.h"

namespace tiendo::api {

// `what`: the list's name ("Danh sách nhiệm vụ"); the file is "<what> - <plan> - đến <dd-mm-yyyy>.xlsx".
Response xlsx_list(Context& ctx, store::Connection& c, const std::string& what, formats::XlsxSheet sheet);

}  // namespace tiendo::api
