#pragma once
// Deadlines as the documents write them ("Quý I/2026", "12/2026", "Thường xuyên", "Theo lộ trình",
// "Khi có hướng dẫn ..."), parsed into a kind and, where the words give one, the last day.
#include <optional>
#include <string>
#include <string_view>

#include "domain/date.h"

namespace tiendo::domain {

enum class DeadlineKind {
  exact,        // 30/6/2026
  month,        // 12/2026, Tháng 3/2026, Hoàn thành trong tháng 10/2025
  quarter,      // Quý II/2026
  year,         // Năm 2026
  recurring,    // Thường xuyên, Báo cáo hàng tháng: reported every period, never closed
  roadmap,      // Theo lộ trình ...: no deadline until a milestone is set
  conditional,  // Khi có hướng dẫn ...: waiting until triggered
  unspecified,  // words that name no date ("theo văn bản giao nhiệm vụ")
};

std::string_view to_string(DeadlineKind k);
std::optional<DeadlineKind> deadline_kind_from(std::string_view s);

struct Deadline {
  DeadlineKind kind = DeadlineKind::unspecified;
  std::optional<Date> due;  // the last day on which the work is on time
  std::string text;         // the words of the document, kept as written
};

Deadline parse_deadline(std::string_view text);

// Whether work with this kind of deadline counts in on-time and overdue ratios.
bool has_fixed_due(DeadlineKind k);

}  // namespace tiendo::domain
