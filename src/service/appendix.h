#pragma once
// A plan's appendices as spreadsheet sheets in the shape of the directive's tables — Phụ lục I
// (indicators) and Phụ lục II (tasks, grouped by field) — with the figures at a date beside them, and
// the unit codes that make the file importable again unchanged.
#include <vector>

#include "formats/xlsx_writer.h"
#include "service/evaluation.h"
#include "store/model.h"

namespace tiendo::service {

// `issued`: the register's "Số 123/BC-SKHCN ngày 20/11/2026" of an issued appendix, or empty for a draft
// (which is attached to the plan's own number).
std::vector<formats::XlsxSheet> appendix_sheets(store::Connection& c, Evaluator& ev, const store::Directive& d,
                                                domain::Instant read_at, const std::string& issued = {});

// The import template: the same columns, an example row each, and the list of unit and group codes.
std::vector<formats::XlsxSheet> import_template_sheets(store::Connection& c);

}  // namespace tiendo::service
