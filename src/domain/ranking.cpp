#include "domain/ranking.h"

#include <algorithm>
#include <cctype>
#include <cmath>
#include <cstdio>

namespace tiendo::domain {

namespace {

// "2" before "10", "2.1" before "2.10": the order of the plan's own numbering, not of the characters.
bool natural_less(const std::string& a, const std::string& b) {
  size_t i = 0, j = 0;
  while (i < a.size() && j < b.size()) {
    const bool da = std::isdigit(static_cast<unsigned char>(a[i])), db = std::isdigit(static_cast<unsigned char>(b[j]));
    if (da && db) {
      size_t ei = i, ej = j;
      while (ei < a.size() && std::isdigit(static_cast<unsigned char>(a[ei]))) ++ei;
      while (ej < b.size() && std::isdigit(static_cast<unsigned char>(b[ej]))) ++ej;
      auto x = a.substr(i, ei - i), y = b.substr(j, ej - j);
      x.erase(0, std::min(x.find_first_not_of('0'), x.size()));
      y.erase(0, std::min(y.find_first_not_of('0'), y.size()));
      if (x.size() != y.size()) return x.size() < y.size();
      if (x != y) return x < y;
      i = ei;
      j = ej;
    } else {
      if (a[i] != b[j]) return a[i] < b[j];
      ++i;
      ++j;
    }
  }
  return a.size() - i < b.size() - j;
}

}  // namespace

std::string ranking_formula(const RankingWeights& w, std::vector<std::string> indicators) {
  std::sort(indicators.begin(), indicators.end(), natural_less);
  char buf[512];
  std::snprintf(buf, sizeof buf,
                "R11: điểm = 100 × (%.2f×đúng hạn báo cáo + %.2f×cập nhật + %.2f×hoàn thành đúng hạn + "
                "%.2f×đạt chỉ tiêu) / tổng trọng số của các thành phần có dữ liệu",
                w.timeliness, w.updates, w.completion, w.indicators);
  std::string out = buf;
  if (w.feedback > 0) {  // the fifth component, named only where a plan weighs it
    std::snprintf(buf, sizeof buf,
                  " (thêm %.2f×trả lời phản ánh đúng hạn, khi đơn vị chủ trì ít nhất %d phản ánh đã xét)", w.feedback,
                  w.feedback_min_items);
    out.insert(out.find(" / tổng trọng số"), buf);
  }
  std::replace(out.begin(), out.end(), '.', ',');  // a Vietnamese decimal comma: 0,25
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

std::optional<double> feedback_component(const RankingInput& in, const RankingWeights& w) {
  if (in.feedback.denominator < std::max(1, w.feedback_min_items)) return std::nullopt;
  return in.feedback.share();
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
    add(feedback_component(in, w), w.feedback);
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
