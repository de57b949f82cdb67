#include "service/appendix.h"

#include <cctype>
#include <map>

#include "domain/decree30.h"
#include "domain/labels.h"
#include "domain/plan_import.h"
#include "domain/vocabulary.h"
#include "service/st_figures.h"
#include "store/plan_store.h"

namespace tiendo::service {

namespace {

using formats::Percent;
using formats::XlsxRow;
using formats::XlsxValue;

const std::vector<formats::XlsxColumn> kIndicatorColumns{{"TT", 6},
                                                         {"Chỉ tiêu", 50},
                                                         {"Kết quả", 12},
                                                         {"Cơ quan, đơn vị chủ trì theo dõi, đánh giá và báo cáo", 30},
                                                         {"Ghi chú", 25},
                                                         {"Thực hiện", 12},
                                                         {"Ước cả năm", 12},
                                                         {"Đánh giá", 16},
                                                         {"Cách tổng hợp", 14},
                                                         {"Giá trị gốc", 10},
                                                         {"Mã đơn vị theo dõi", 14},
                                                         {"Mã nhóm báo cáo", 16}};

const std::vector<formats::XlsxColumn> kTaskColumns{{"TT", 6},
                                                    {"Tên nhiệm vụ", 45},
                                                    {"Chủ trì", 25},
                                                    {"Phối hợp", 25},
                                                    {"Kết quả", 25},
                                                    {"Thời hạn", 16},
                                                    {"Ghi chú", 20},
                                                    {"Lãnh đạo chỉ đạo", 18},
                                                    {"Hạn hoàn thành", 13},
                                                    {"Trạng thái", 18},
                                                    {"Tiến độ", 10},
                                                    {"Số đơn vị được giao", 10},
                                                    {"Đơn vị hoàn thành", 10},
                                                    {"Đơn vị quá hạn", 10},
                                                    {"Mã đơn vị chủ trì", 18},
                                                    {"Mã đơn vị phối hợp", 18}};

std::string join_codes(const std::vector<std::string>& codes) {
  std::string out;
  for (const auto& c : codes) out += (out.empty() ? "" : ", ") + c;
  return out;
}

XlsxValue figure(const std::optional<double>& v, const std::string& unit_of_measure) {
  if (!v) return {};
  if (unit_of_measure == "%") return Percent{*v / 100};
  return *v;
}

// Headers the plan import does not read as a plan table (no "Tên nhiệm vụ" column), so the appendix still imports
// back as the plan alone.
formats::XlsxSheet st_task_sheet(const StTaskFigures& st, const std::string& attached) {
  const auto& f = st.figures;
  const std::string year = std::to_string(f.year.year);
  formats::XlsxSheet sheet{"Phụ lục III",
                           {"PHỤ LỤC III", "NHIỆM VỤ KHOA HỌC VÀ CÔNG NGHỆ SỬ DỤNG NGÂN SÁCH NHÀ NƯỚC", attached},
                           {{"TT", 6},
                            {"Mã nhiệm vụ", 14},
                            {"Tên nhiệm vụ KH&CN", 45},
                            {"Tổ chức chủ trì", 28},
                            {"Bước thực hiện", 22},
                            {"Đang thực hiện (từ phê duyệt đến trước quyết toán)", 14},
                            {"Có mã trên Nền tảng số quốc gia", 13},
                            {"Các bước có văn bản, cập nhật đúng hạn", 13},
                            {"Cập nhật hằng tháng đúng hạn", 13},
                            {"Theo dõi toàn trình", 12},
                            {"Chậm so với quy định", 45},
                            {"Kết quả nghiệm thu", 12},
                            {"Dự toán năm " + year + " (đồng)", 17},
                            {"Giải ngân năm " + year + " (đồng)", 17}},
                           {}};
  // The three conditions and the indicator judge active tasks only: blank for the others, never "Không".
  const auto yes_no = [](bool active, bool v) { return active ? std::string(v ? "Có" : "Không") : std::string(); };
  int n = 0;
  for (const auto& r : f.rows) {
    const auto& t = st.tasks.at(r.task_id);
    std::string late = domain::st_late_text(r.late);
    // A cell starts with a capital; every kind's words start with an ASCII letter.
    if (!late.empty()) late[0] = static_cast<char>(std::toupper(static_cast<unsigned char>(late[0])));
    sheet.rows.push_back(
        {XlsxRow::Kind::item,
         {std::to_string(++n), r.code, t.title, t.host_unit_name, std::string(domain::st_stage_label(r.stage)),
          std::string(r.active ? "Có" : "Không"), yes_no(r.active, r.registered), yes_no(r.active, r.documented),
          yes_no(r.active, r.updated), yes_no(r.active, r.tracked), late,
          r.rating ? std::string(domain::st_rating_label(*r.rating)) : std::string(),
          r.estimate ? XlsxValue{static_cast<double>(*r.estimate)} : XlsxValue{},
          r.estimate || r.disbursed ? XlsxValue{static_cast<double>(r.disbursed)} : XlsxValue{}}});
  }
  return sheet;
}

}  // namespace

std::vector<formats::XlsxSheet> appendix_sheets(store::Connection& c, Evaluator& ev, const store::Directive& d,
                                                domain::Instant read_at, const std::string& issued) {
  std::map<store::Id, store::Unit> units;
  for (const auto& u : store::list_units(c, {}, {100000, 0}, nullptr)) units[u.id] = u;
  std::map<store::Id, store::UnitGroup> groups;
  for (const auto& g : store::list_unit_groups(c, std::nullopt, {10000, 0}, nullptr)) groups[g.id] = g;
  // The same sheets for a date however late they are made; only the moment the data was read says when.
  const std::string as_of = domain::data_read_line(ev.as_of(), read_at);
  const std::string attached = "(Kèm theo " + (issued.empty() ? d.number : issued) + "; " + as_of + ")";

  formats::XlsxSheet indicators{
      "Phụ lục I",
      {"PHỤ LỤC I", "CÁC CHỈ TIÊU THỰC HIỆN NĂM " + std::to_string(d.year.value_or(0)), attached},
      kIndicatorColumns,
      {}};
  // The plan as it was at the end of as_of (issue 12): indicators added since are not listed, targets as then.
  auto inds =
      store::list_indicators(c, {.directive_id = d.id, .known_before = ev.known_before()}, {100000, 0}, nullptr);
  for (auto& i : inds) ev.patch(i);
  for (const auto& i : inds) {
    const auto e = evaluate_indicator(c, ev, i, std::nullopt);
    std::string monitoring;
    if (i.monitoring_unit_id && units.count(*i.monitoring_unit_id))
      monitoring = units[*i.monitoring_unit_id].name;
    else if (i.reporting_group_id && groups.count(*i.reporting_group_id))
      monitoring = groups[*i.reporting_group_id].name;
    indicators.rows.push_back(
        {XlsxRow::Kind::item,
         {i.code, i.name, i.level_targets.empty() ? i.target_text : std::string(), monitoring, i.notes,
          figure(e.aggregate.value, i.unit_of_measure), figure(e.aggregate.estimated_full_year, i.unit_of_measure),
          std::string(domain::vn_label(e.status)), std::string(domain::vi_label("aggregation", i.aggregation)),
          i.baseline,
          i.monitoring_unit_id && units.count(*i.monitoring_unit_id) ? units[*i.monitoring_unit_id].code : "",
          i.reporting_group_id && groups.count(*i.reporting_group_id) ? groups[*i.reporting_group_id].code : ""}});
    for (const auto& l : i.level_targets) {
      std::optional<double> actual;
      std::string status;
      for (const auto& le : e.levels)
        if (le.level == l.level) actual = le.aggregate.value, status = domain::vn_label(le.status);
      indicators.rows.push_back(
          {XlsxRow::Kind::sub,
           {std::string(), std::string(l.level == "city" ? "Cấp thành phố" : "Cấp xã"), l.target_text,
            l.monitoring_unit_id && units.count(*l.monitoring_unit_id) ? units[*l.monitoring_unit_id].name
            : l.level == "commune" && i.reporting_group_id && groups.count(*i.reporting_group_id)
                ? groups[*i.reporting_group_id].name
                : std::string(),
            std::string(), figure(actual, i.unit_of_measure), XlsxValue{}, status}});
    }
  }

  formats::XlsxSheet tasks{
      "Phụ lục II",
      {"PHỤ LỤC II", "DANH MỤC NHIỆM VỤ THỰC HIỆN NĂM " + std::to_string(d.year.value_or(0)), attached},
      kTaskColumns,
      {}};
  auto all = store::list_tasks(c, {.directive_id = d.id, .known_before = ev.known_before()}, {100000, 0}, nullptr);
  for (auto& t : all) ev.patch(t);
  // Grouped by field in the order fields first appear; tasks with no field come first, under no group.
  std::vector<std::string> fields{""};
  for (const auto& t : all)
    if (std::find(fields.begin(), fields.end(), t.field) == fields.end()) fields.push_back(t.field);
  int group_no = 0;
  for (const auto& field : fields) {
    bool opened = false;
    for (const auto& t : all) {
      if (t.field != field) continue;
      if (!field.empty() && !opened) tasks.rows.push_back({XlsxRow::Kind::group, {domain::roman(++group_no), field}});
      opened = true;
      store::AssignmentFilter f;
      f.task_id = t.id;
      const auto evaluated = ev.assignments(f);
      const Rollup r = roll_up(evaluated);
      std::vector<std::string> lead_codes;
      std::map<store::Id, bool> via;
      double progress = 0;
      for (const auto& x : evaluated) {
        progress += x.a->progress_percent;
        if (x.a->via_group_id)
          via[*x.a->via_group_id] = true;
        else if (units.count(x.a->unit_id))
          lead_codes.push_back(units[x.a->unit_id].code);
      }
      std::vector<std::string> group_codes;
      for (const auto& [g, _] : via)
        if (groups.count(g)) group_codes.push_back(groups[g].code);
      lead_codes.insert(lead_codes.begin(), group_codes.begin(), group_codes.end());
      std::vector<std::string> coord_codes;
      for (auto id : t.coordinator_ids)
        if (units.count(id)) coord_codes.push_back(units[id].code);
      const int done = r.done_on_time + r.done_late;
      const std::string status{domain::vi_label("task_status", task_status(r))};
      XlsxValue due;
      if (t.deadline_due) due = *domain::parse_iso_date(*t.deadline_due);
      tasks.rows.push_back(
          {XlsxRow::Kind::item,
           {t.code, t.name, t.lead_text, t.coordinating_text, t.output, t.deadline_text, t.notes, t.directing_leader,
            due, status, evaluated.empty() ? XlsxValue{} : XlsxValue{Percent{progress / evaluated.size() / 100}},
            static_cast<double>(r.total), static_cast<double>(done), static_cast<double>(r.overdue),
            join_codes(lead_codes), join_codes(coord_codes)}});
    }
  }
  // Issue 16: the city's S&T tasks behind the synthesis report's figures (R18), as of the same day, one row per task
  // with what it counts for; none known by then: no sheet, as the report has no section.
  const auto st = st_task_figures(c, std::nullopt, ev.as_of());
  if (!st.any()) return {indicators, tasks};
  return {indicators, tasks, st_task_sheet(st, attached)};
}

std::vector<formats::XlsxSheet> import_template_sheets(store::Connection& c) {
  formats::XlsxSheet indicators{"Phụ lục I", {"PHỤ LỤC I — CHỈ TIÊU (mẫu nhập)"}, kIndicatorColumns, {}};
  indicators.columns.resize(5);
  indicators.columns.push_back({"Cách tổng hợp", 14});
  indicators.columns.push_back({"Giá trị gốc", 10});
  indicators.rows.push_back({XlsxRow::Kind::item,
                             {std::string("1"), std::string(domain::kExampleIndicatorName), std::string("100%"),
                              std::string("Văn phòng Ủy ban nhân dân thành phố"), std::string("Báo cáo hằng tháng"),
                              std::string(domain::vi_label("aggregation", "ratio_of_sums")), 88.0}});
  formats::XlsxSheet tasks{"Phụ lục II", {"PHỤ LỤC II — NHIỆM VỤ (mẫu nhập)"}, {}, {}};
  tasks.columns.assign(kTaskColumns.begin(), kTaskColumns.begin() + 8);
  tasks.rows.push_back({XlsxRow::Kind::group, {std::string("I"), std::string("Thể chế")}});
  tasks.rows.push_back(
      {XlsxRow::Kind::item,
       {std::string("1"), std::string(domain::kExampleTaskName),
        std::string("Các Sở, ban, ngành thành phố, UBND cấp xã"), std::string("Sở Tư pháp, Công an thành phố"),
        std::string("Văn bản được ban hành"), std::string("Quý II/2026"), std::string(""), std::string("")}});
  formats::XlsxSheet codes{"Đơn vị",
                           {"ĐƠN VỊ VÀ NHÓM ĐƠN VỊ (tên hoặc mã dùng trong cột Chủ trì, Phối hợp)"},
                           {{"Mã", 18}, {"Tên", 50}, {"Loại", 14}},
                           {}};
  for (const auto& g : store::list_unit_groups(c, std::nullopt, {10000, 0}, nullptr))
    codes.rows.push_back({XlsxRow::Kind::item, {g.code, g.name, std::string("Nhóm")}});
  for (const auto& u : store::list_units(c, {}, {100000, 0}, nullptr))
    codes.rows.push_back({XlsxRow::Kind::item, {u.code, u.name, std::string("Đơn vị")}});
  // The values a column accepts, in the words the import reads (it reads the codes too).
  formats::XlsxSheet allowed{"Giá trị cho phép",
                             {"GIÁ TRỊ CHO PHÉP (ô để trống: bỏ qua nếu cột không bắt buộc)"},
                             {{"Cột", 22}, {"Giá trị", 50}, {"Ghi chú", 50}},
                             {}};
  for (const auto& v : domain::vocabularies()) {
    if (v.name != "aggregation") continue;
    for (const auto& w : v.words)
      allowed.rows.push_back({XlsxRow::Kind::item, {std::string("Cách tổng hợp"), std::string(w.vi), std::string("")}});
  }
  for (const char* example : {"30/6/2026", "Tháng 6/2026", "Quý II/2026", "Năm 2026", "Trước ngày 15/12/2026",
                              "Thường xuyên", "Theo lộ trình", "Khi có hướng dẫn của Bộ"})
    allowed.rows.push_back({XlsxRow::Kind::item,
                            {std::string("Thời hạn"), std::string(example),
                             std::string("Ngày có thật; thời hạn không đọc được bị báo lỗi")}});
  return {indicators, tasks, codes, allowed};
}

}  // namespace tiendo::service
