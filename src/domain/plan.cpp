#include "domain/plan.h"

#include <algorithm>
#include <array>
#include <chrono>

#include "domain/indicator.h"

namespace tiendo::domain {

namespace {
constexpr std::array<std::string_view, 8> kDirectiveKinds{"resolution", "decision", "plan",       "program",
                                                          "letter",     "notice",   "conclusion", "other"};
}  // namespace

bool is_directive_kind(std::string_view kind) {
  return std::find(kDirectiveKinds.begin(), kDirectiveKinds.end(), kind) != kDirectiveKinds.end();
}

std::string deadline_refusal(std::string_view text) {
  return "Trường \"Thời hạn\" không đọc được “" + std::string(text) +
         "”: không phải ngày có thật hoặc không phải thời hạn. Ví dụ: \"30/6/2026\", \"Tháng 6 năm 2026\", "
         "\"Quý II/2026\", \"Năm 2026\", \"Thường xuyên\".";
}

std::string target_refusal() { return "Không đọc được chỉ tiêu (ví dụ: \"≥80%\", \"100%\", \"5 sản phẩm\")."; }

std::string default_aggregation(std::string_view unit_of_measure) {
  return unit_of_measure == "%" ? "ratio_of_sums" : "cumulative";
}

std::optional<std::string> indicator_source_refusal(std::string_view source, std::string_view unit_of_measure) {
  const auto s = indicator_source_from(source);
  if (!s)
    return "Nguồn số liệu chỉ có thể là đơn vị báo cáo, Cổng dịch vụ công quốc gia (nhập tay), phản ánh trả lời đúng "
           "hạn, mức độ hài lòng theo QĐ 766, tỷ lệ đánh giá hài lòng hoặc tỷ lệ nhiệm vụ KH&CN theo dõi toàn trình.";
  if (is_computed(*s) && is_count(unit_of_measure))
    return "Số liệu tự tính là tỷ lệ (%): chỉ tiêu có đơn vị tính \"" + std::string(unit_of_measure) +
           "\" không lấy được nguồn này.";
  return std::nullopt;
}

bool annual_due_day_exists(int month, int day) {
  using namespace std::chrono;
  if (month < 1 || day < 1) return false;
  // 2026 is a common year: a day that exists in it exists every year.
  return year_month_day{year{2026}, std::chrono::month{static_cast<unsigned>(month)},
                        std::chrono::day{static_cast<unsigned>(day)}}
      .ok();
}

bool weights_rank(double timeliness, double updates, double completion, double indicators, double feedback) {
  return timeliness + updates + completion + indicators + feedback > 0;
}

}  // namespace tiendo::domain
