#pragma once

#include <cmath>
#if !defined(__GLIBC__)
#include <mutex>
#endif

namespace iothub_diag {

// ln |Gamma(x)|, safe on any thread. std::lgamma also writes the C library's
// global `signgam`: two threads calling it at once (the gap search's two shares,
// rules side by side) race on that variable. glibc's lgamma_r returns the same
// value and writes the sign where it is told; elsewhere the calls take turns.
inline double log_gamma(double x) noexcept {
#if defined(__GLIBC__)
  int sign = 0;
  return ::lgamma_r(x, &sign);
#else
  static std::mutex turn;
  const std::lock_guard<std::mutex> hold(turn);
  return std::lgamma(x);
#endif
}

}  // namespace iothub_diag
