#pragma once
// The range of every number a person enters, in one table: what each kind of figure may be (progress
// 0–100, a share 0–100 with numerator ≤ denominator, a count ≥ 0 and whole, money in whole đồng up to
// 10^15, weights 0–1, other measures finite) and the Vietnamese label that names the field in an error.
// Every handler that accepts a number checks it here; nothing non-finite is ever stored.
#include <optional>
#include <string>
#include <string_view>

namespace tiendo::domain {

enum class NumberKind {
  progress,  // a task's progress, whole percent 0–100
  share,     // a rate computed from numerator/denominator, 0–100
  count,     // people, products, dossiers: whole, ≥ 0
  money,     // whole đồng, ≥ 0
  amount,    // numerator, denominator, money in millions: ≥ 0, any decimals
  fraction,  // weights, targets of update compliance, tolerances: 0–1
  measure,   // anything else (growth %, km, days): finite, may be negative
};

struct NumberRange {
  NumberKind kind;
  double min;
  double max;
  bool whole;
};

// The largest figure any field accepts: above 10^13 đồng, and every whole number below it is exact in a double.
inline constexpr double kLargestFigure = 1e15;

NumberRange range_of(NumberKind kind);

// The Vietnamese reason a value does not fit, naming the field by `label`; nullopt when it fits.
std::optional<std::string> check_number(NumberKind kind, double value, std::string_view label);

// What a value of an indicator is, from its unit of measure and aggregation: a ratio of sums is a
// share; "đồng" (any multiple: triệu đồng, tỷ đồng) is money, whole only when the unit is the đồng
// itself; "%" otherwise is a measure (growth can be negative or above 100); a unit of things
// ("sản phẩm", "hồ sơ", "xã") is a count; units of size, weight, time are measures.
NumberKind indicator_value_kind(std::string_view unit_of_measure, std::string_view aggregation);

// The Vietnamese label of a field of the API by its JSON name ("progress_percent" -> "Tiến độ (%)"),
// or the name itself when it has none.
std::string field_label(std::string_view field);
// The same label in quotation marks, as messages name a field: Trường "Tiến độ (%)" là bắt buộc.
std::string quoted_field(std::string_view field);

}  // namespace tiendo::domain
