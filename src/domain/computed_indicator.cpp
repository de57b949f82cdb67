#include "domain/computed_indicator.h"

#include "domain/text.h"

namespace tiendo::domain {

namespace {
ComputedFigure make(IndicatorSource source, long long numerator, long long denominator, std::string rule,
                    const std::string& what, Date as_of) {
  ComputedFigure c{source, numerator, denominator, std::nullopt, std::move(rule), {}};
  if (denominator > 0) c.percent = 100.0 * static_cast<double>(numerator) / static_cast<double>(denominator);
  c.why = c.rule + ": " + what + " = " + std::to_string(numerator) + "/" + std::to_string(denominator) +
          (c.percent ? " = " + vn_percent(*c.percent) : std::string(" (chưa có gì để tính)")) +
          ", toàn thành phố, tính đến hết ngày " + vn_date(as_of) + "; hệ thống tự tính, đơn vị không nhập";
  return c;
}
}  // namespace

ComputedFigure computed_from_feedback(IndicatorSource source, const FeedbackFigures& f, Date as_of) {
  switch (source) {
    case IndicatorSource::feedback_r2:
      return make(source, f.within_competence - f.complaints, f.within_competence, "R19 (R17: R2)",
                  "(phản ánh thuộc thẩm quyền − bị đánh giá \"Chưa hài lòng\" hoặc mở lại vì trả lời quá hạn) / "
                  "phản ánh thuộc thẩm quyền",
                  as_of);
    case IndicatorSource::feedback_rated_share:
      return make(source, f.rat_hai_long + f.hai_long, f.ratings, "R19 (R17: tỷ lệ đánh giá hài lòng)",
                  "(Rất hài lòng + Hài lòng) / số lượt đánh giá", as_of);
    default:
      return make(IndicatorSource::feedback_r1, f.answered_on_time, f.answered + f.overdue, "R19 (R17: R1)",
                  "phản ánh trả lời đúng hạn / (đã trả lời + quá hạn chưa trả lời)", as_of);
  }
}

ComputedFigure computed_from_st_tracking(const StTracking& t, Date as_of) {
  return make(IndicatorSource::st_tracking, t.tracked, t.active, "R19 (R18)",
              "nhiệm vụ KH&CN được theo dõi toàn trình / nhiệm vụ đang hoạt động", as_of);
}

}  // namespace tiendo::domain
