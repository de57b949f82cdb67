#include "domain/ranges.h"

#include <array>
#include <cmath>
#include <cstdio>
#include <utility>

#include "domain/text.h"

namespace tiendo::domain {

namespace {
std::string figure(double v) {
  if (v >= kLargestFigure) return "10^15";
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.15g", v);
  return buf;
}

constexpr std::array<std::pair<std::string_view, std::string_view>, 24> kLabels{{
    {"progress_percent", "Tiến độ (%)"},
    {"numerator", "Tử số"},
    {"denominator", "Mẫu số"},
    {"value", "Giá trị"},
    {"estimated_full_year", "Ước thực hiện cả năm"},
    {"baseline", "Giá trị năm gốc"},
    {"target_text", "Chỉ tiêu"},
    {"deadline_text", "Thời hạn"},
    {"deadline", "Thời hạn"},
    {"update_target", "Tỷ lệ cập nhật yêu cầu"},
    {"at_risk_tolerance", "Ngưỡng cảnh báo chậm"},
    {"timeliness", "Trọng số đúng hạn báo cáo"},
    {"updates", "Trọng số cập nhật"},
    {"completion", "Trọng số hoàn thành"},
    {"indicators", "Trọng số chỉ tiêu"},
    {"due_day", "Ngày hạn báo cáo"},
    {"due_soon_days", "Số ngày sắp đến hạn"},
    {"annual_due_month", "Tháng hạn báo cáo năm"},
    {"annual_due_day", "Ngày hạn báo cáo năm"},
    {"days_after", "Số ngày nhắc sau hạn"},
    {"version", "Phiên bản"},
    {"rate", "Tỷ lệ"},
    {"closing_date", "Ngày sáp nhập, chia tách"},
    {"successors", "Đơn vị kế thừa"},
}};
}  // namespace

NumberRange range_of(NumberKind kind) {
  switch (kind) {
    case NumberKind::progress:
      return {kind, 0, 100, true};
    case NumberKind::share:
      return {kind, 0, 100, false};
    case NumberKind::count:
      return {kind, 0, kLargestFigure, true};
    case NumberKind::money:
      return {kind, 0, kLargestFigure, true};
    case NumberKind::amount:
      return {kind, 0, kLargestFigure, false};
    case NumberKind::fraction:
      return {kind, 0, 1, false};
    case NumberKind::measure:
      return {kind, -kLargestFigure, kLargestFigure, false};
  }
  return {kind, 0, 0, false};
}

std::optional<std::string> check_number(NumberKind kind, double value, std::string_view label) {
  const std::string l(label);
  if (!std::isfinite(value)) return l + " phải là một số hữu hạn.";
  const NumberRange r = range_of(kind);
  if (value < r.min || value > r.max) {
    if (r.min == 0 && value < 0) return l + " không được âm.";
    return l + " phải từ " + figure(r.min) + " đến " + figure(r.max) + ".";
  }
  if (r.whole && value != std::floor(value)) {
    return l + (kind == NumberKind::money ? " phải là số đồng nguyên." : " phải là số nguyên.");
  }
  return std::nullopt;
}

NumberKind indicator_value_kind(std::string_view unit_of_measure, std::string_view aggregation) {
  if (aggregation == "ratio_of_sums") return NumberKind::share;
  const std::string key = search_key(unit_of_measure);  // " ty dong ", " san pham "
  if (key.find(" dong ") != std::string::npos || key.find(" vnd ") != std::string::npos) {
    return key == " dong " || key == " vnd " ? NumberKind::money : NumberKind::amount;
  }
  if (unit_of_measure.find('%') != std::string_view::npos) return NumberKind::measure;
  if (key.find_first_not_of(' ') == std::string::npos) return NumberKind::measure;
  // Units of size, weight, time and energy may have decimals; everything else counts things.
  static constexpr std::array<std::string_view, 23> kMeasures{
      " km ",   " m ",     " m2 ",  " m3 ",   " ha ",  " tan ", " kg ",    " lit ", " mw ", " kw ",  " kwh ", " gio ",
      " ngay ", " thang ", " nam ", " diem ", " usd ", " ty ",  " trieu ", " do ",  " cm ", " km2 ", " ti "};
  for (auto m : kMeasures) {
    if (key.find(m) != std::string::npos) return NumberKind::measure;
  }
  return NumberKind::count;
}

std::string field_label(std::string_view field) {
  // "items[3].progress_percent" and "weights.updates" are labelled by their last part.
  const auto dot = field.find_last_of('.');
  const std::string_view last = dot == std::string_view::npos ? field : field.substr(dot + 1);
  for (const auto& [name, label] : kLabels) {
    if (name == last) return std::string(label);
  }
  return std::string(field);
}

}  // namespace tiendo::domain
