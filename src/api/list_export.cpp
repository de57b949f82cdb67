#include "api/list_export.h"

#include <sstream>

#include "api/json_io.h"
#include "domain/labels.h"
#include "service/assignment_list.h"

namespace tiendo::api {

namespace {

std::string peer_group_words(const std::string& g) {
  if (g == "department") return "Sở, ban, ngành";
  if (g == "commune") return "UBND cấp xã";
  if (g == "other") return "Đơn vị khác";
  return g;
}

// The plan the list is filtered to, by its number, or "Tất cả kế hoạch".
std::string plan_in_words(const service::ListFilterNames& names) {
  return names.plan_number ? "Kế hoạch " + *names.plan_number : "Tất cả kế hoạch";
}

// The filters of a list's query in words, for its title: "Quá hạn — UBND cấp xã — Kế hoạch 27/QĐ-BCĐ".
// Empty when the list has no filter.
std::string filters_in_words(Context& ctx, const service::ListFilterNames& names) {
  std::vector<std::string> parts;
  if (query_string(ctx.req, "warning").value_or("") == "true") parts.emplace_back("Cảnh báo");
  if (auto s = query_string(ctx.req, "status")) {
    std::stringstream in(*s);
    std::string one, words;
    while (std::getline(in, one, ',')) {
      if (auto st = domain::assignment_status_from(one)) {
        if (!words.empty()) words += ", ";
        words += std::string(domain::vn_label(*st));
      }
    }
    if (!words.empty()) parts.push_back(words);
  }
  if (names.unit_name) parts.push_back(*names.unit_name);
  if (auto g = query_string(ctx.req, "peer_group")) parts.push_back(peer_group_words(*g));
  if (auto f = query_string(ctx.req, "field")) parts.push_back("Lĩnh vực " + *f);
  if (auto l = query_string(ctx.req, "directing_leader")) parts.push_back(*l);
  if (auto q = query_string(ctx.req, "q")) parts.push_back("“" + *q + "”");
  if (query_id(ctx.req, "directive_id")) parts.push_back(plan_in_words(names));
  std::string out;
  for (const auto& p : parts) out += (out.empty() ? "" : " — ") + p;
  return out;
}

}  // namespace

Response xlsx_list(Context& ctx, store::Connection& c, const std::string& what, formats::XlsxSheet sheet) {
  const auto names = service::list_filter_names(c, query_id(ctx.req, "unit_id"), query_id(ctx.req, "directive_id"));
  const std::string filters = filters_in_words(ctx, names);
  sheet.title_lines.insert(sheet.title_lines.begin(), {filters.empty() ? what : what + " — " + filters,
                                                       "Số liệu đến hết ngày " + domain::vn_date(ctx.as_of())});
  std::string plan = plan_in_words(names);
  for (auto& ch : plan) {
    if (ch == '/') ch = '-';  // a file name holds no slash
  }
  std::string date = domain::vn_date(ctx.as_of());
  for (auto& ch : date) {
    if (ch == '/') ch = '-';
  }
  Response r;
  r.content_type = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
  r.body = formats::write_xlsx({sheet}, {}, std::chrono::floor<std::chrono::seconds>(ctx.now));
  r.headers.emplace_back("Content-Disposition",
                         attachment_disposition(what + " - " + plan + " - đến " + date + ".xlsx"));
  r.headers.emplace_back("Cache-Control", "no-store");
  return r;
}

}  // namespace tiendo::api
