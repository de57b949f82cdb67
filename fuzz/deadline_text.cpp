// The deadline words of a plan ("Quý I/2026", "12/2026", "Thường xuyên", "Khi có hướng dẫn"…): any text.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "domain/deadline.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  const auto d = tiendo::domain::parse_deadline(text);
  (void)tiendo::domain::to_string(d.kind);
  // A fixed kind always has its day; the strict reading agrees with the lenient one when it accepts.
  if (d.due.has_value() != tiendo::domain::has_fixed_due(d.kind)) __builtin_trap();
  if (const auto r = tiendo::domain::read_deadline(text); r && r->due != d.due) __builtin_trap();
  return 0;
}
