#pragma once

#include <cstddef>
#include <optional>
#include <span>

#include <iothub_diag/analysis/thresholds.hpp>
#include <iothub_diag/core/timestamp.hpp>

namespace iothub_diag {

// The dominant connect-to-drop duration of a device, and how much it is to be believed.
struct PeriodEstimate {
  Timestamp period = 0;           // median duration of the cycles
  Timestamp spread = 0;           // median absolute deviation of the cycles from the period
  std::size_t cycles = 0;         // durations within tolerance of the period
  std::size_t durations = 0;      // durations examined
  std::size_t overlong = 0;       // connections that outlived the period (not a multiple of it)
  std::size_t neighbours = 0;     // other durations between half and twice the period
  double chance_probability = 1;  // chance of so many cycles if durations were random
  bool wide = false;  // found with Thresholds::token_late_tolerance_seconds, and judged with it

  Timestamp tolerance(const Thresholds& thresholds) const noexcept;
  // Whether `duration` is one of this estimate's cycles.
  bool fits(Timestamp duration, const Thresholds& thresholds) const noexcept;
  // Whether `duration` is within the wide tolerance (token_late_tolerance_seconds)
  // of the period: a cycle, when the hub refused the token beside it (a 401003).
  bool fits_widely(Timestamp duration, const Thresholds& thresholds) const noexcept;
  // Whether `duration` is two to six whole cycles: the drops between were not logged.
  bool spans_whole_cycles(Timestamp duration, const Thresholds& thresholds) const noexcept;
};

// Finds the tightest, largest cluster of durations; nullopt when fewer than two
// agree. Looks a second time with the wide tolerance, when the thresholds give
// one (token_late_tolerance_seconds), and keeps that look when it alone finds
// a period of twice min_token_cycles, or when the first look's cycles stray by
// more than seconds and the cycles the second adds are unlikely to be chance
// (periodicity.cpp).
std::optional<PeriodEstimate> estimate_period(std::span<const Timestamp> durations,
                                              const Thresholds& thresholds);
// The same estimate, sorting the caller's `durations` instead of a copy: for
// callers that built them for this, which spares an allocation per device.
std::optional<PeriodEstimate> estimate_period_in_place(std::span<Timestamp> durations,
                                                       const Thresholds& thresholds);

// True when the estimate meets the thresholds for a token-expiry cycle.
bool is_periodic(const PeriodEstimate& estimate, const Thresholds& thresholds) noexcept;

// P(X >= k) for X ~ Poisson(lambda).
double poisson_tail(double lambda, std::size_t k) noexcept;

}  // namespace iothub_diag
