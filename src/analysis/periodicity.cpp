#include <algorithm>
#include <array>
#include <cmath>
#include <vector>

#include <iothub_diag/analysis/periodicity.hpp>
#include <iothub_diag/core/log_gamma.hpp>
#include <iothub_diag/core/median.hpp>

namespace iothub_diag {
namespace {

// How far one cycle may stray from the period, before the logs' own timing
// slack: never more than a share of the period, so that the window of a short
// period does not reach from nothing to twice its length. `wide`: the second
// look's tolerance (Thresholds::token_late_tolerance_seconds).
double cycle_tolerance(Timestamp period, const Thresholds& thresholds, bool wide) {
  const auto length = static_cast<double>(period);
  const double seconds =
      wide ? thresholds.token_late_tolerance_seconds : thresholds.period_tolerance_seconds;
  return std::min(seconds * kMillisPerSecond + thresholds.period_tolerance_ratio * length,
                  thresholds.period_tolerance_max_share * length);
}

double slack(const Thresholds& thresholds) {
  return thresholds.timing_slack_seconds * kMillisPerSecond;
}

Timestamp tolerance_for(Timestamp period, const Thresholds& thresholds, bool wide) {
  return static_cast<Timestamp>(cycle_tolerance(period, thresholds, wide) + slack(thresholds));
}

// Whole milliseconds, rounded toward zero.
Timestamp median_millis(std::span<const Timestamp> values) {
  return static_cast<Timestamp>(median_of_sorted(values));
}

// The median of the distances of `sorted` (ascending) from `center`, without
// sorting them: they grow away from `center` on either side, so the two sides
// merge in order from where `center` falls, up to the middle rank.
Timestamp median_distance(std::span<const Timestamp> sorted, Timestamp center) {
  const std::size_t n = sorted.size();
  auto right = static_cast<std::size_t>(std::lower_bound(sorted.begin(), sorted.end(), center) -
                                        sorted.begin());
  std::size_t left = right;           // the next on the left is left - 1
  std::array<Timestamp, 2> middle{};  // the distances of ranks n / 2 - 1 and n / 2
  for (std::size_t rank = 0; rank <= n / 2; ++rank) {
    const bool take_left =
        left > 0 && (right == n || center - sorted[left - 1] <= sorted[right] - center);
    middle[0] = middle[1];
    middle[1] = take_left ? center - sorted[--left] : sorted[right++] - center;
  }
  const std::span<const Timestamp> both(middle);
  return median_millis(n % 2 == 1 ? both.last(1) : both);
}

}  // namespace

double poisson_tail(double lambda, std::size_t k) noexcept {
  if (k == 0) return 1;
  if (lambda <= 0) return 0;
  // One term in log space, so a large lambda cannot underflow exp(-lambda) to
  // zero; its neighbours by the ratio of consecutive terms, t(i + 1) = t(i) x
  // lambda / (i + 1), so the cost is a few multiplications per term, not an
  // exp, a log and a log-gamma. Summed relative to that term, the sum stops
  // where a term no longer changes it: a device with a thousand cycles costs
  // what one with ten does.
  const auto log_term = [lambda](std::size_t i) {
    const auto n = static_cast<double>(i);
    return n * std::log(lambda) - lambda - log_gamma(n + 1);
  };
  constexpr double kNegligible = 1e-17;
  if (static_cast<double>(k) <= lambda) {
    // The tail holds most of the mass: one minus the (short) head, whose terms
    // grow up to t(k - 1); summed from there down.
    double relative = 1;
    double sum = 1;
    for (std::size_t i = k - 1; i > 0; --i) {
      relative *= static_cast<double>(i) / lambda;
      sum += relative;
      if (relative < sum * kNegligible) break;
    }
    return std::clamp(1.0 - std::exp(log_term(k - 1)) * sum, 0.0, 1.0);
  }
  // Past the mean every term is smaller than the one before.
  double relative = 1;
  double sum = 1;
  for (std::size_t i = k + 1; i < k + 400; ++i) {
    relative *= lambda / static_cast<double>(i);
    sum += relative;
    if (relative < sum * kNegligible) break;
  }
  return std::min(1.0, std::exp(log_term(k)) * sum);
}

Timestamp PeriodEstimate::tolerance(const Thresholds& thresholds) const noexcept {
  return tolerance_for(period, thresholds, wide);
}

bool PeriodEstimate::fits(Timestamp duration, const Thresholds& thresholds) const noexcept {
  return std::llabs(duration - period) <= tolerance(thresholds);
}

bool PeriodEstimate::fits_widely(Timestamp duration, const Thresholds& thresholds) const noexcept {
  return std::llabs(duration - period) <=
         std::max(tolerance(thresholds), tolerance_for(period, thresholds, true));
}

bool PeriodEstimate::spans_whole_cycles(Timestamp duration,
                                        const Thresholds& thresholds) const noexcept {
  if (period <= 0) return false;
  const double multiple = std::round(static_cast<double>(duration) / static_cast<double>(period));
  const double off =
      std::fabs(static_cast<double>(duration) - multiple * static_cast<double>(period));
  // Cycles stray independently; the logs misplace only the two ends.
  return multiple >= 2 && multiple <= 6 &&
         off <= multiple * cycle_tolerance(period, thresholds, wide) + slack(thresholds);
}

namespace {

// Cycles whose median distance from the period is under this share of the
// first look's half-window keep to their period within seconds (a timer, or
// the simulator's hub): durations minutes off are not theirs. Cycles that
// stray over minutes leave that distance near half the window.
constexpr double kStrayingShare = 0.1;

// A period only the second look sees needs this many times min_token_cycles:
// its window is about three times as wide, and a device with a few random drops puts
// three of them in one far more often than the chance model, which counts at
// least one neighbour, says.
constexpr double kWideOnlyCycles = 2;

// The second look is kept when the durations it adds to the cycles would land
// in its wider window by chance less often than this. Not the test of a
// period (max_chance_probability, far stricter), which both looks have passed:
// a choice between two of them, as likely as not decided by two durations.
constexpr double kWideLookChance = 0.01;

// The estimate of sorted durations with one tolerance (estimate_period).
std::optional<PeriodEstimate> estimate_sorted(std::span<const Timestamp> sorted,
                                              const Thresholds& thresholds, bool wide) {
  const auto min_period = static_cast<Timestamp>(thresholds.min_period_minutes * kMillisPerMinute);

  // The window [d, d + 2 x tolerance] holding the most durations; ties go to the tighter one.
  std::size_t best_begin = 0;
  std::size_t best_end = 0;
  for (std::size_t begin = 0, end = 0; begin < sorted.size(); ++begin) {
    if (sorted[begin] < min_period) continue;
    end = std::max(end, begin);
    const Timestamp limit = sorted[begin] + 2 * tolerance_for(sorted[begin], thresholds, wide);
    while (end < sorted.size() && sorted[end] <= limit)
      ++end;
    const std::size_t count = end - begin;
    const std::size_t best = best_end - best_begin;
    if (count > best ||
        (count == best && count > 0 &&
         sorted[end - 1] - sorted[begin] < sorted[best_end - 1] - sorted[best_begin])) {
      best_begin = begin;
      best_end = end;
    }
  }
  if (best_end - best_begin < 2) return std::nullopt;

  const std::span<const Timestamp> cluster(sorted.data() + best_begin, best_end - best_begin);
  PeriodEstimate estimate;
  estimate.wide = wide;
  estimate.period = median_millis(cluster);
  estimate.spread = median_distance(cluster, estimate.period);
  estimate.durations = sorted.size();

  const Timestamp tolerance = estimate.tolerance(thresholds);
  for (const Timestamp d : sorted) {
    if (estimate.fits(d, thresholds)) {
      ++estimate.cycles;
      continue;
    }
    if (d >= estimate.period / 2 && d <= estimate.period * 2) ++estimate.neighbours;
    // A connection that outlived its token refutes expiry, unless it spans
    // whole periods (a disconnect record lost between cycles).
    if (d > estimate.period + tolerance && !estimate.spans_whole_cycles(d, thresholds))
      ++estimate.overlong;
  }
  // How many durations would fall in a cycle-sized window by chance, judged by
  // the density of the device's other durations around the period (at least one).
  const double window = 2.0 * static_cast<double>(tolerance);
  const double neighbourhood = 1.5 * static_cast<double>(estimate.period) - window;
  const double lambda = std::max<double>(1.0, static_cast<double>(estimate.neighbours)) * window /
                        std::max(neighbourhood, window);
  // Any of the device's durations could have started a chance cluster.
  estimate.chance_probability =
      std::min(1.0, poisson_tail(lambda, estimate.cycles) * static_cast<double>(sorted.size()));
  return estimate;
}

}  // namespace

std::optional<PeriodEstimate> estimate_period(std::span<const Timestamp> durations,
                                              const Thresholds& thresholds) {
  std::vector<Timestamp> copy(durations.begin(), durations.end());
  return estimate_period_in_place(copy, thresholds);
}

std::optional<PeriodEstimate> estimate_period_in_place(std::span<Timestamp> durations,
                                                       const Thresholds& thresholds) {
  std::sort(durations.begin(), durations.end());
  const std::span<const Timestamp> sorted = durations;
  auto narrow = estimate_sorted(sorted, thresholds, false);
  // Nothing to gain where every duration is a cycle already (most token devices).
  if (thresholds.token_late_tolerance_seconds <= thresholds.period_tolerance_seconds ||
      (narrow && narrow->cycles == sorted.size()))
    return narrow;
  // The second look, for cycles that end minutes apart: taken when it makes a
  // period of durations the first could not, or when the first look's cycles
  // stray more than seconds and the cycles the second adds are more than the
  // device's other durations would put in its wider window by chance. Both
  // looks are periodic there: the test only chooses between them.
  auto wide = estimate_sorted(sorted, thresholds, true);
  if (!wide || !is_periodic(*wide, thresholds)) return narrow;
  if (!narrow || !is_periodic(*narrow, thresholds))
    return static_cast<double>(wide->cycles) >= kWideOnlyCycles * thresholds.min_token_cycles
               ? wide
               : narrow;
  const auto half_window = static_cast<double>(narrow->tolerance(thresholds));
  if (wide->cycles <= narrow->cycles ||
      static_cast<double>(narrow->spread) < kStrayingShare * half_window)
    return narrow;
  const std::size_t gained = wide->cycles - narrow->cycles;
  const double narrow_window = 2.0 * half_window;
  const double added_window =
      std::max(0.0, 2.0 * static_cast<double>(wide->tolerance(thresholds)) - narrow_window);
  const double neighbourhood = 1.5 * static_cast<double>(narrow->period) - narrow_window;
  // The first look's other durations near the period, but those the second takes (at least one).
  const double others =
      std::max(1.0, static_cast<double>(narrow->neighbours - std::min(narrow->neighbours, gained)));
  const double lambda = others * added_window / std::max(neighbourhood, added_window);
  return poisson_tail(lambda, gained) <= kWideLookChance ? wide : narrow;
}

bool is_periodic(const PeriodEstimate& estimate, const Thresholds& thresholds) noexcept {
  return static_cast<double>(estimate.cycles) >= thresholds.min_token_cycles &&
         static_cast<double>(estimate.period) >= thresholds.min_period_minutes * kMillisPerMinute &&
         estimate.chance_probability <= thresholds.max_chance_probability &&
         static_cast<double>(estimate.overlong) <=
             thresholds.max_overlong_share * static_cast<double>(estimate.cycles);
}

}  // namespace iothub_diag
