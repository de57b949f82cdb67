#include "api/list_export.h"

#include <sstream>

#include "api/json_io.h"
#include "domain/labels.h"
#include "store/plan_store.h"

namespace tiendo::api {

namespace {

std::string peer_group_words(const std::string& g) {
  if (g == "department") return "Sở, ban, ngành";
  if (g == "commune") return "UBND cấp xã";
  if (g == "other") return "Đơn vị khác";
  return g;
}

}  // namespace

std::string plan_in_words(Context& ctx, store::Connection& c) {
  if (auto id = query_id(ctx.req, "directive_id")) {
    if (auto d = store::find_directive(c, *id)) return "Kế hoạch " + d->number;
  }
  return "Tất cả kế hoạch";
}

std::string filters_in_words(Context& ctx, store::Connection& c) {
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
  if (auto id = query_id(ctx.req, "unit_id")) {
    if (auto u = store::find_unit(c, *id)) parts.push_back(u->name);
  }
  if (auto g = query_string(ctx.req, "peer_group")) parts.push_back(peer_group_words(*g));
  if (auto f = query_string(ctx.req, "field")) parts.push_back("Lĩnh vực " + *f);
  if (auto l = query_string(ctx.req, "directing_leader")) parts.push_back(*l);
  if (auto q = query_string(ctx.req, "q")) parts.push_back("“" + *q + "”");
  if (query_id(ctx.req, "directive_id")) parts.push_back(plan_in_words(ctx, c));
  std::string out;
  for (const auto& p : parts) out += (out.empty() ? "" : " — ") + p;
  return out;
}

Response xlsx_list(Context& ctx, store::Connection& c, const std::string& what, formats::XlsxSheet sheet) {
  const std::string filters = filters_in_words(ctx, c);
  sheet.title_lines.insert(sheet.title_lines.begin(), {filters.empty() ? what : what + " — " + filters,
                                                       "Số liệu đến hết ngày " + domain::vn_date(ctx.as_of())});
  std::string plan = plan_in_words(ctx, c);
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
