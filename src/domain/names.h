#pragma once
// Enumerations travel as their names (in JSON and in the database); one table per enum, in enum order.
#include <array>
#include <optional>
#include <string_view>

namespace tiendo::domain {

template <class E, size_t N>
std::string_view name_of(const std::array<std::string_view, N>& names, E value) {
  return names[static_cast<size_t>(value)];
}

template <class E, size_t N>
std::optional<E> from_name(const std::array<std::string_view, N>& names, std::string_view s) {
  for (size_t i = 0; i < N; ++i) {
    if (names[i] == s) return static_cast<E>(i);
  }
  return std::nullopt;
}

}  // namespace tiendo::domain
