#include "service/st_plan_link.h"

#include <cmath>

#include "domain/reporting_rule.h"
#include "service/errors.h"
#include "store/report_store.h"

namespace tiendo::service {

namespace {
// The months a report's period covers, first and last (nothing for a period that is not one of months).
std::optional<std::pair<int, int>> months_of(const domain::Period& p) {
  using T = domain::PeriodType;
  switch (p.type) {
    case T::monthly:
      return std::pair{p.number, p.number};
    case T::quarterly:
      return std::pair{3 * p.number - 2, 3 * p.number};
    case T::half_year:
      return std::pair{6 * p.number - 5, 6 * p.number};
    case T::annual:
      return std::pair{1, 12};
  }
  return std::nullopt;
}
}  // namespace

int StDerivedLine::progress() const {
  return update ? static_cast<int>(std::lround(update->progress_percent)) : line_progress;
}

StDerivedLines st_derived_lines(store::Connection& c, const store::Report& r, domain::Date day) {
  StDerivedLines out;
  const auto period = domain::parse_period(r.period);
  if (!period) return out;
  const auto months = months_of(*period);
  if (!months) return out;
  store::StPlanLinkFilter f;
  f.unit_id = r.unit_id;
  f.directive_id = r.directive_id;
  f.holding_on = domain::iso(day);
  const auto links = store::list_st_plan_links(c, f);
  if (links.empty()) return out;
  std::map<store::Id, int> saved;
  for (const auto& i : store::report_items(c, r.id)) saved[i.assignment_id] = i.progress_percent;
  for (const auto& l : links) {
    auto it = saved.find(l.assignment_id);
    if (it == saved.end()) continue;  // not a line of this report
    StDerivedLine line{l, std::nullopt, it->second};
    // The latest month updated within the period, its latest update recorded by the end of the day.
    for (auto& u : store::list_st_updates(c, l.st_task_id)) {
      if (u.year != period->year || u.month < months->first || u.month > months->second) continue;
      if (u.recorded_on > domain::iso(day)) continue;
      if (!line.update || u.month >= line.update->month) line.update = std::move(u);
    }
    out.emplace(l.assignment_id, std::move(line));
  }
  return out;
}

void st_check_saved_line(const StDerivedLines& derived, store::ReportItem& item, bool progress_given, size_t index) {
  const auto it = derived.find(item.assignment_id);
  if (it == derived.end()) return;
  const StDerivedLine& d = it->second;
  if (progress_given && item.progress_percent != d.progress()) {
    const std::string source =
        d.update
            ? "lấy từ cập nhật hằng tháng ngày " + domain::vn_date(*domain::parse_iso_date(d.update->recorded_on)) +
                  " của nhiệm vụ KH&CN " + d.link.st_task_code + " (" + std::to_string(d.progress()) + " %)"
            : "sẽ lấy từ cập nhật hằng tháng của nhiệm vụ KH&CN " + d.link.st_task_code +
                  " (chưa có cập nhật tháng này)";
    throw invalid("items[" + std::to_string(index) + "].progress_percent",
                  "Tiến độ (%) của nhiệm vụ " + d.link.task_code + " không nhập tại báo cáo: " + source +
                      "; người cập nhật là tổ chức chủ trì hoặc đơn vị quản lý nhiệm vụ KH&CN.");
  }
  item.progress_percent = d.progress();
}

void st_apply_derived_lines(store::Connection& c, const store::Report& r, domain::Date day) {
  const auto derived = st_derived_lines(c, r, day);
  if (derived.empty()) return;
  for (auto item : store::report_items(c, r.id)) {
    const auto it = derived.find(item.assignment_id);
    if (it == derived.end()) continue;
    item.progress_percent = it->second.progress();
    if (const auto& u = it->second.update) {
      if (item.work_done.empty()) item.work_done = u->products_delivered;
      if (item.difficulties.empty()) item.difficulties = u->problems;
    }
    store::save_report_item(c, r.id, item);
  }
}

boost::json::value st_derived_json(const StDerivedLines& derived, store::Id assignment_id) {
  const auto it = derived.find(assignment_id);
  if (it == derived.end()) return nullptr;
  const StDerivedLine& d = it->second;
  boost::json::object o{{"st_task_id", d.link.st_task_id},
                        {"st_task_code", d.link.st_task_code},
                        {"st_task_title", d.link.st_task_title},
                        {"linked_from", d.link.valid_from},
                        {"progress_percent", d.progress()}};
  o["update_recorded_on"] = d.update ? boost::json::value(d.update->recorded_on) : nullptr;
  o["update_month"] =
      d.update ? boost::json::value(domain::Period{domain::PeriodType::monthly, d.update->year, d.update->month}.key())
               : nullptr;
  return o;
}

}  // namespace tiendo::service
