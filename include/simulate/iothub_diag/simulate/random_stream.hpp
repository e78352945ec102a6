#pragma once

#include <cmath>
#include <cstdint>
#include <random>
#include <span>
#include <vector>

#include <iothub_diag/core/timestamp.hpp>

namespace iothub_diag::simulate {

// Independent purposes draw from independent streams, so that turning one
// option (loss, disorder, noise) on or off leaves every other draw unchanged.
enum class RandomPurpose : std::uint64_t {
  fleet_plan = 1,     // behaviours, sites, incidents, outages
  device_life = 2,    // one device's connection history
  record_format = 3,  // fraction digits, spellings
  fleet_errors = 4,   // 5xx records that belong to no device timeline
  record_loss = 5,
  delivery = 6,        // receive delays and the shuffle within an hour
  noise = 7,           // filler records of one hour
  state_events = 8,    // Event Grid: one identity's snapshot phase, sequence start, event ids
  beyond_article = 9,  // gateways, throttled and idle-timeout devices, certificates
};

// Deterministic draws on top of std::mt19937_64. The standard distributions
// are implementation-defined (libstdc++ and libc++ differ), so the formulas
// here are spelled out to keep output byte-identical everywhere.
class RandomStream {
 public:
  RandomStream(std::uint64_t seed, RandomPurpose purpose, std::uint64_t index = 0)
      : engine_(mix(mix(mix(seed) ^ static_cast<std::uint64_t>(purpose)) ^ index)) {}

  std::uint64_t next() { return engine_(); }

  // Uniform in [0, 1) with 53 bits.
  double uniform() { return static_cast<double>(engine_() >> 11) * 0x1.0p-53; }

  double uniform(double low, double high) { return low + (high - low) * uniform(); }

  // Uniform integer in [low, high] (inclusive); returns low when high < low.
  std::int64_t uniform_int(std::int64_t low, std::int64_t high) {
    if (high <= low) return low;
    const auto range = static_cast<std::uint64_t>(high - low) + 1;
    if (range == 0) return static_cast<std::int64_t>(engine_());  // the full 64-bit range
    // Rejection keeps the draw unbiased for ranges that do not divide 2^64.
    const std::uint64_t limit = UINT64_MAX - UINT64_MAX % range;
    std::uint64_t value = engine_();
    while (value >= limit)
      value = engine_();
    return low + static_cast<std::int64_t>(value % range);
  }

  // Milliseconds uniform in [low, high).
  Timestamp between(Timestamp low, Timestamp high) { return uniform_int(low, high - 1); }

  bool chance(double probability) { return uniform() < probability; }

  double exponential(double mean) { return -mean * std::log1p(-uniform()); }

  // Knuth's method: fine for the small means (a few per hour) it is used with.
  int poisson(double mean) {
    if (mean <= 0.0) return 0;
    if (mean > 50.0) {
      const double value = std::round(mean + std::sqrt(mean) * normal());
      return value < 0.0 ? 0 : static_cast<int>(value);
    }
    const double limit = std::exp(-mean);
    int count = 0;
    double product = uniform();
    while (product > limit) {
      ++count;
      product *= uniform();
    }
    return count;
  }

  // Standard normal by Box-Muller (one value per call, the second is dropped).
  double normal() {
    const double u1 = 1.0 - uniform();
    const double u2 = uniform();
    return std::sqrt(-2.0 * std::log(u1)) * std::cos(6.283185307179586 * u2);
  }

  template <typename T>
  const T& pick(std::span<const T> items) {
    return items[static_cast<std::size_t>(
        uniform_int(0, static_cast<std::int64_t>(items.size()) - 1))];
  }

  // Fisher-Yates, spelled out because std::shuffle's algorithm is unspecified.
  template <typename T>
  void shuffle(std::span<T> items) {
    for (std::size_t i = items.size(); i > 1; --i) {
      const auto j = static_cast<std::size_t>(uniform_int(0, static_cast<std::int64_t>(i) - 1));
      std::swap(items[i - 1], items[j]);
    }
  }

 private:
  // splitmix64 finalizer: spreads nearby seeds and indices over the whole state.
  static std::uint64_t mix(std::uint64_t value) {
    value += 0x9E3779B97F4A7C15ULL;
    value = (value ^ (value >> 30)) * 0xBF58476D1CE4E5B9ULL;
    value = (value ^ (value >> 27)) * 0x94D049BB133111EBULL;
    return value ^ (value >> 31);
  }

  std::mt19937_64 engine_;
};

}  // namespace iothub_diag::simulate
