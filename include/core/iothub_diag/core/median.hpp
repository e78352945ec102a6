#pragma once

#include <cstddef>
#include <span>

namespace iothub_diag {

// The median of values sorted in ascending order: the middle one, or the mean
// of the two middle ones. The span must not be empty.
template <typename T>
double median_of_sorted(std::span<const T> values) noexcept {
  const std::size_t n = values.size();
  if (n % 2 == 1) return static_cast<double>(values[n / 2]);
  return (static_cast<double>(values[n / 2 - 1]) + static_cast<double>(values[n / 2])) / 2;
}

}  // namespace iothub_diag
