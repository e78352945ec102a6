#include <algorithm>
#include <cmath>

#include <iothub_diag/analysis/log_gaps.hpp>

namespace iothub_diag {
namespace {

// Five-minute bins: they divide an hour, so a bin never straddles two blobs.
constexpr Timestamp kBin = 5 * kMillisPerMinute;
// Events a device must have logged for its rate to be expected of it.
constexpr std::size_t kMinRateEvents = 10;
// Hubs whose span needs more bins (about ten years) are not searched.
constexpr std::size_t kMaxBins = std::size_t{1} << 20;
// A bin beside a gap that holds under this share of its expectation is part of it.
constexpr double kEdgeShare = 0.75;
// A device connected less than this share of the span logs at its rate over
// the whole span (its events come while it tries to connect, not while connected).
constexpr double kConnectedMostly = 0.5;
// Events a skipped cycle would have logged: the drop (or disconnect) and the reconnect.
constexpr double kEventsPerCycle = 2;

Timestamp floor_div(Timestamp value, Timestamp divisor) {
  const Timestamp q = value / divisor;
  return (value % divisor != 0 && value < 0) ? q - 1 : q;
}

// One hub's events per bin, what its devices' patterns expect there, and the
// rates of its rate-driven devices (a difference array, per millisecond).
struct HubBins {
  Timestamp first = 0;  // the hub's span
  Timestamp last = 0;
  Timestamp origin = 0;  // start of bin 0
  std::vector<double> observed;
  std::vector<double> expected;
  std::vector<double> rate_change;

  std::size_t bin(Timestamp time) const {
    const Timestamp clamped = std::clamp(time, first, last);
    return static_cast<std::size_t>((clamped - origin) / kBin);
  }
  Timestamp start(std::size_t bin) const { return origin + static_cast<Timestamp>(bin) * kBin; }
  void add_rate(Timestamp from, Timestamp to, double per_milli) {
    rate_change[bin(from)] += per_milli;
    rate_change[bin(to) + 1] -= per_milli;
  }
};

// The spans a device was connected, as its connects and disconnects show (a
// device whose first word is a disconnect was connected from the start).
std::vector<std::pair<Timestamp, Timestamp>> connected_spans(std::span<const StoredEvent> events,
                                                             Timestamp first, Timestamp last) {
  std::vector<std::pair<Timestamp, Timestamp>> spans;
  Timestamp since = 0;
  bool connected = false;
  bool known = false;
  for (const StoredEvent& event : events) {
    if (is_successful_connect(event)) {
      if (!connected) since = event.time;
      connected = true;
    } else if (event.operation == Operation::disconnect) {
      if (!known && !connected) {
        since = first;
        connected = true;
      }
      if (connected) spans.emplace_back(since, event.time);
      connected = false;
    } else {
      continue;
    }
    known = true;
  }
  if (connected) spans.emplace_back(since, last);
  return spans;
}

// A device's rate: given its first and last events, the others fall between
// them, so its rate is their count over that time, spread over the part of it
// the device was connected (or over all of it, if that is under half). A device
// with few events has no rate to speak of: a connect, a drop and a reconnect
// say when those happened, not how often anything happens.
void expect_rate_driven(std::span<const StoredEvent> events, HubBins& bins) {
  if (events.size() < kMinRateEvents) return;
  const Timestamp first = events.front().time;
  const Timestamp last = events.back().time;
  if (last <= first) return;
  const auto span = static_cast<double>(last - first);
  const auto count = static_cast<double>(events.size() - 2);
  const auto spans = connected_spans(events, first, last);
  double connected = 0;
  for (const auto& [from, to] : spans)
    connected += static_cast<double>(to - from);
  if (connected >= kConnectedMostly * span) {
    for (const auto& [from, to] : spans)
      bins.add_rate(from, to, count / connected);
  } else {
    bins.add_rate(first, last, count / span);
  }
}

// A device that connects at a steady period (a token's lifetime, a schedule)
// is expected where it logged, and at every cycle that an interval between two
// connects lasting whole periods skipped. True when the device is periodic.
bool expect_periodic(std::span<const StoredEvent> events, const Thresholds& thresholds,
                     HubBins& bins) {
  std::vector<Timestamp> connects;
  for (const StoredEvent& event : events) {
    if (is_successful_connect(event)) connects.push_back(event.time);
  }
  std::vector<Timestamp> intervals;
  for (std::size_t i = 1; i < connects.size(); ++i)
    intervals.push_back(connects[i] - connects[i - 1]);
  const auto period = estimate_period(intervals, thresholds);
  if (!period || !is_periodic(*period, thresholds)) return false;
  for (const StoredEvent& event : events)
    bins.expected[bins.bin(event.time)] += 1;
  for (std::size_t i = 1; i < connects.size(); ++i) {
    if (!period->spans_whole_cycles(connects[i] - connects[i - 1], thresholds)) continue;
    for (Timestamp end = connects[i - 1] + period->period; end < connects[i] - period->period / 2;
         end += period->period)
      bins.expected[bins.bin(end)] += kEventsPerCycle;
  }
  return true;
}

// P(X <= n) for X ~ Poisson(mu), in log space so a large mu does not underflow.
double poisson_at_most(double mu, std::uint64_t n) {
  if (mu <= 0) return 1;
  double log_sum = -INFINITY;
  for (std::uint64_t k = 0; k <= n; ++k) {
    const auto kd = static_cast<double>(k);
    const double log_term = kd * std::log(mu) - mu - std::lgamma(kd + 1);
    const double high = std::max(log_sum, log_term);
    log_sum = high + std::log(std::exp(log_sum - high) + std::exp(log_term - high));
  }
  return std::min(1.0, std::exp(log_sum));
}

// Events observed and expected in bins [first, last].
std::pair<double, double> totals(const HubBins& bins, std::size_t first, std::size_t last) {
  double observed = 0;
  double expected = 0;
  for (std::size_t k = first; k <= last; ++k) {
    observed += bins.observed[k];
    expected += bins.expected[k];
  }
  return {observed, expected};
}

void find_hub_gaps(HubIndex hub, const HubBins& bins, const Thresholds& thresholds,
                   std::vector<LogGap>& gaps) {
  const std::size_t n = bins.observed.size();
  if (n < 3) return;

  const auto below = [&](std::size_t i, double share) {
    return bins.observed[i] < share * bins.expected[i];
  };
  // A bin that expects and holds nothing says nothing either way.
  const auto empty = [&](std::size_t i) { return bins.observed[i] == 0 && bins.expected[i] < 1; };
  const auto min_length = static_cast<Timestamp>(thresholds.gap_min_minutes * kMillisPerMinute);
  const auto whole_bins = static_cast<double>(n - 2);
  // Only whole bins: the first and last are cut by the span.
  for (std::size_t i = 1; i + 1 < n;) {
    if (!below(i, thresholds.gap_quiet_share)) {
      ++i;
      continue;
    }
    std::size_t j = i;
    for (std::size_t k = i + 1; k + 1 < n; ++k) {
      if (below(k, thresholds.gap_quiet_share))
        j = k;
      else if (!empty(k))
        break;
    }
    // [i, j] is a run of quiet bins; widen it by short neighbours.
    std::size_t first = i;
    std::size_t last = j;
    if (first > 1 && below(first - 1, kEdgeShare)) --first;
    if (last + 2 < n && below(last + 1, kEdgeShare)) ++last;
    const auto [observed, expected] = totals(bins, first, last);
    const bool deep = poisson_at_most(expected, static_cast<std::uint64_t>(observed)) * whole_bins <
                      thresholds.gap_max_chance_probability;
    if (deep && bins.start(last) + kBin - bins.start(first) >= min_length) {
      // Records received late (and early) fill a lost blob's edges in part:
      // a gap that ends or begins within one bin of an hour takes that hour's
      // edge, the blob's, when the hub's span reaches it.
      if (bins.start(last + 1) % kMillisPerHour != 0 && last + 2 < n &&
          (bins.start(last + 2) % kMillisPerHour == 0))
        ++last;
      if (bins.start(first) % kMillisPerHour != 0 && first > 1 &&
          bins.start(first - 1) % kMillisPerHour == 0)
        --first;
      LogGap gap;
      gap.hub = hub;
      gap.start = bins.start(first);
      gap.end = bins.start(last) + kBin;
      const auto [records, expected_records] = totals(bins, first, last);
      gap.records = static_cast<std::uint64_t>(records);
      gap.expected_records = expected_records;
      gaps.push_back(gap);
    }
    i = j + 1;
  }
}

}  // namespace

std::vector<LogGap> find_log_gaps(const DeviceTimelines& timelines, const EventStore& store,
                                  const std::vector<HubFacts>& facts, const Thresholds& thresholds,
                                  const Thresholds& snapshot_thresholds) {
  std::vector<HubBins> hubs(facts.size());
  for (std::size_t hub = 0; hub < facts.size(); ++hub) {
    if (facts[hub].first > facts[hub].last) continue;
    HubBins& bins = hubs[hub];
    bins.first = facts[hub].first;
    bins.last = facts[hub].last;
    bins.origin = floor_div(bins.first, kBin) * kBin;
    const std::size_t n = bins.bin(bins.last) + 1;
    if (n > kMaxBins) continue;  // a span of decades has no steady rate to judge silence by
    bins.observed.assign(n, 0);
    bins.expected.assign(n, 0);
    bins.rate_change.assign(n + 1, 0);
  }
  for (DeviceIndex device = 0; device < timelines.device_count(); ++device) {
    const auto events = timelines.events_of(device);
    if (events.empty()) continue;
    const DeviceInfo& info = store.devices()[device];
    HubBins& bins = hubs[info.hub];
    if (bins.observed.empty()) continue;
    for (const StoredEvent& event : events)
      bins.observed[bins.bin(event.time)] += 1;
    if (!expect_periodic(events, info.judged_on_snapshots() ? snapshot_thresholds : thresholds,
                         bins))
      expect_rate_driven(events, bins);
  }
  std::vector<LogGap> gaps;
  for (std::size_t hub = 0; hub < hubs.size(); ++hub) {
    HubBins& bins = hubs[hub];
    double rate = 0;
    for (std::size_t i = 0; i < bins.observed.size(); ++i) {
      rate += bins.rate_change[i];
      bins.expected[i] += std::max(0.0, rate) * static_cast<double>(kBin);
    }
    find_hub_gaps(static_cast<HubIndex>(hub), bins, thresholds, gaps);
  }
  return gaps;
}

}  // namespace iothub_diag
