#include "domain/ranking.h"

#include <algorithm>
#include <cmath>
#include <cstdio>

namespace tiendo::domain {

std::string ranking_formula(const RankingWeights& w, const std::vector<std::string>& indicators) {
  char buf[512];
  std::snprintf(buf, sizeof buf,
                "R11: điểm = 100 × (%.2f×đúng hạn báo cáo + %.2f×cập nhật + %.2f×hoàn thành đúng hạn + "
                "%.2f×đạt chỉ tiêu) / tổng trọng số của các thành phần có dữ liệu",
                w.timeliness, w.updates, w.completion, w.indicators);
  std::string out = buf;
  out += "; đạt chỉ tiêu = trung bình min(1, giá trị/chỉ tiêu) (min(1, chỉ tiêu/giá trị) khi càng thấp càng tốt)";
  if (indicators.empty()) {
    out += ", chưa có chỉ tiêu nào có số liệu kỳ này";
  } else {
    out += " của các chỉ tiêu có số liệu kỳ này: ";
    for (size_t i = 0; i < indicators.size(); ++i) out += (i ? ", " : "") + indicators[i];
  }
  out += "; R12: điểm bằng nhau (làm tròn 0,01) thì đồng hạng";
  return out;
}

std::string default_peer_group(std::string_view kind) {
  if (kind == "commune" || kind == "ward" || kind == "special_zone") return "commune";
  if (kind == "department") return "department";
  return "other";
}

std::vector<RankedUnit> rank_units(const std::vector<RankingInput>& inputs, const RankingWeights& w) {
  std::vector<RankedUnit> out;
  out.reserve(inputs.size());
  for (const auto& in : inputs) {
    double num = 0, den = 0;
    auto add = [&](std::optional<double> s, double weight) {
      if (s && weight > 0) {
        num += weight * *s;
        den += weight;
      }
    };
    add(in.timeliness.share(), w.timeliness);
    add(in.updates.share(), w.updates);
    add(in.completion.share(), w.completion);
    add(in.indicator_achievement, w.indicators);
    RankedUnit r{in, std::nullopt, 0};
    // Rounded to 0.01 so that equal performance reads and ranks as equal.
    if (den > 0) r.score = std::round(10000.0 * num / den) / 100.0;
    out.push_back(r);
  }
  std::stable_sort(out.begin(), out.end(), [](const RankedUnit& a, const RankedUnit& b) {
    if (a.score.has_value() != b.score.has_value()) return a.score.has_value();
    if (a.score && b.score && *a.score != *b.score) return *a.score > *b.score;
    return a.input.unit_id < b.input.unit_id;
  });
  for (size_t i = 0; i < out.size(); ++i) {
    if (!out[i].score) break;
    out[i].rank = (i > 0 && out[i - 1].score == out[i].score) ? out[i - 1].rank : static_cast<int>(i) + 1;
  }
  return out;
}

}  // namespace tiendo::domain
