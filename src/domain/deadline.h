#pragma once
// Deadlines as the documents write them ("Quý I/2026", "Tháng 6 năm 2026", "T6/2026", "Ngày 15 tháng 8
// năm 2026", "6 tháng đầu năm 2026", "Trước ngày 30/6/2026", "Thường xuyên", "Theo lộ trình",
// "Khi có hướng dẫn ..."), parsed into a kind and, where the words give one, the last on-time day.
#include <optional>
#include <string>
#include <string_view>

#include "domain/date.h"

namespace tiendo::domain {

enum class DeadlineKind {
  exact,        // 30/6/2026, Ngày 15 tháng 8 năm 2026
  month,        // 12/2026, Tháng 3 năm 2026, T6/2026, 6 tháng đầu năm 2026 (30/6)
  quarter,      // Quý II/2026, Q.II/2026, quý 3 năm 2026
  year,         // Năm 2026, Trong năm 2026, 6 tháng cuối năm 2026
  recurring,    // Thường xuyên, Báo cáo hàng tháng, hằng năm: reported every period, never closed
  roadmap,      // Theo lộ trình ...: no deadline until a milestone is set
  conditional,  // Khi có hướng dẫn ...: waiting until triggered
  unspecified,  // words that name no date ("theo văn bản giao nhiệm vụ"), or no words at all
};

std::string_view to_string(DeadlineKind k);
std::optional<DeadlineKind> deadline_kind_from(std::string_view s);

struct Deadline {
  DeadlineKind kind = DeadlineKind::unspecified;
  std::optional<Date> due;  // the last day on which the work is on time
  std::string text;         // the words of the document, kept as written
};

// Reads the words of a deadline. "Trước <date>" (before) makes the day before the named day or period
// the last on-time one, as "before the 20th" means the 19th. Text that is not a deadline comes back
// as `unspecified` without a date: use read_deadline where a person types the words.
Deadline parse_deadline(std::string_view text);

// The same reading, refusing text that is not a deadline: a date that does not exist ("31/02/2027",
// "Tháng 13/2026", "Quý V/2027"), a year outside 2000–2100, numbers that form no date, or words that
// neither name a date nor say what the deadline follows ("abc"). Empty text reads as unspecified.
std::optional<Deadline> read_deadline(std::string_view text);

// Whether work with this kind of deadline counts in on-time and overdue ratios.
bool has_fixed_due(DeadlineKind k);

}  // namespace tiendo::domain
