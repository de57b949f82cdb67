#include "service/json_out.h"

#include <cmath>
#include <map>

namespace tiendo::service {

namespace json = boost::json;

namespace {

bool has_non_finite(const json::value& v) {
  if (v.is_double()) return !std::isfinite(v.as_double());
  if (v.is_array()) {
    for (const auto& e : v.as_array())
      if (has_non_finite(e)) return true;
  } else if (v.is_object()) {
    for (const auto& [key, e] : v.as_object())
      if (has_non_finite(e)) return true;
  }
  return false;
}

void replace_non_finite(json::value& v) {
  if (v.is_double() && !std::isfinite(v.as_double())) {
    v = nullptr;
  } else if (v.is_array()) {
    for (auto& e : v.as_array()) replace_non_finite(e);
  } else if (v.is_object()) {
    for (auto& [key, e] : v.as_object()) replace_non_finite(e);
  }
}

}  // namespace

json::object to_json(const Rollup& r) {
  std::map<std::string_view, int> named;  // by name, as people read the list
  for (size_t i = 0; i < r.by_status.size(); ++i) {
    if (r.by_status[i] > 0) named[domain::to_string(static_cast<domain::AssignmentStatus>(i))] = r.by_status[i];
  }
  json::object by;
  for (const auto& [k, v] : named) by[k] = v;
  auto share = [](int n, int d) { return d > 0 ? json::value(100.0 * n / d) : json::value(nullptr); };
  return json::object{
      {"total", r.total},
      {"by_status", std::move(by)},
      {"counted", r.counted},
      {"with_deadline", r.with_deadline},
      {"due_by_date", r.due_by_date},
      {"done_on_time", r.done_on_time},
      {"done_late", r.done_late},
      {"overdue", r.overdue},
      {"due_soon", r.due_soon},
      {"on_time_completion_rate", share(r.done_on_time, r.due_by_date)},
      {"completion_rate", share(r.done_on_time + r.done_late, r.due_by_date)},
      {"overdue_share_of_deadline", share(r.overdue, r.with_deadline)},
      {"overdue_share_of_all", share(r.overdue, r.counted)},
      {"open", r.open},
      {"open_updated", r.open_updated},
      {"update_compliance", share(r.open_updated, r.open)},
      // Each figure's rule in docs/RULES.md, and how it is made.
      {"rules",
       json::object{
           {"status", "R6"},
           {"on_time_completion_rate", "R8"},
           {"completion_rate", "R7"},
           {"overdue_share_of_deadline", "R7"},
           {"overdue_share_of_all", "R7"},
           {"update_compliance", "R5"},
       }},
      {"why", json::object{
                  {"on_time_completion_rate", "R8: hoàn thành đúng hạn / (đúng hạn + trễ hạn + quá hạn)"},
                  {"completion_rate", "R7: (đúng hạn + trễ hạn) / (đúng hạn + trễ hạn + quá hạn)"},
                  {"overdue_share_of_deadline",
                   "R7: quá hạn / nhiệm vụ có hạn, trừ thường xuyên, chờ điều kiện, tạm dừng, đã hủy"},
                  {"overdue_share_of_all", "R7: quá hạn / tổng số trừ thường xuyên, chờ điều kiện, tạm dừng, đã hủy"},
                  {"update_compliance", "R5: nhiệm vụ đang mở có trong báo cáo kỳ được xét đã gửi / nhiệm vụ đang mở"},
              }}};
}

std::string serialize_finite(const json::value& v) {
  // boost::json writes infinity and NaN as `Infinity` and `NaN`, which are not JSON: a figure that is
  // not a number is answered as null.
  if (!has_non_finite(v)) return json::serialize(v);
  json::value copy = v;
  replace_non_finite(copy);
  return json::serialize(copy);
}

}  // namespace tiendo::service
