#include <algorithm>
#include <cmath>
#include <cstdint>
#include <limits>

#include <iothub_diag/analysis/log_gaps.hpp>
#include <iothub_diag/core/log_gamma.hpp>
#include <iothub_diag/core/median.hpp>
#include <iothub_diag/core/side_by_side.hpp>

namespace iothub_diag {
namespace {

// Five-minute bins: they divide an hour, so a bin never straddles two blobs.
constexpr Timestamp kBin = 5 * kMillisPerMinute;
// Bins a device must have logged in for its rate to be expected of it.
constexpr std::size_t kMinRateEvents = 10;
// Hubs whose span needs more bins (about ten years) are not searched, nor are
// hubs with more bins than this many a record of their devices, beyond the
// first kFreeBins (two weeks).
constexpr std::size_t kMaxBins = std::size_t{1} << 20;
constexpr std::size_t kBinsPerEvent = 64;
constexpr std::size_t kFreeBins = 4096;
// A hub's devices are counted in two shares when they have this many events.
constexpr std::size_t kSharedMinimum = std::size_t{1} << 14;
// A bin beside a gap that holds under this share of its expectation is part of it.
constexpr double kEdgeShare = 0.75;
// A device connected less than this share of the span logs at its rate over
// the whole span (its events come while it tries to connect, not while connected).
constexpr double kConnectedMostly = 0.5;

Timestamp floor_div(Timestamp value, Timestamp divisor) {
  const Timestamp q = value / divisor;
  return (value % divisor != 0 && value < 0) ? q - 1 : q;
}

// One hub's bins: its records, how many of its devices logged in each, how
// many its devices' patterns expect to, and the chances of its rate-driven
// devices (a difference array: each adds its chance of logging in a bin over
// the bins of its connected spans).
struct HubBins {
  Timestamp first = 0;  // the hub's span
  Timestamp last = 0;
  Timestamp origin = 0;  // start of bin 0
  std::vector<double> records;
  std::vector<double> observed;
  std::vector<double> expected;
  std::vector<double> rate_change;

  std::size_t bin(Timestamp time) const {
    const Timestamp clamped = std::clamp(time, first, last);
    return static_cast<std::size_t>((clamped - origin) / kBin);
  }
  Timestamp start(std::size_t bin) const { return origin + static_cast<Timestamp>(bin) * kBin; }
  // The same bins, counting nothing yet (the difference array aside).
  HubBins empty_like() const {
    HubBins bins;
    bins.first = first;
    bins.last = last;
    bins.origin = origin;
    bins.records.assign(records.size(), 0);
    bins.observed.assign(observed.size(), 0);
    bins.expected.assign(expected.size(), 0);
    return bins;
  }
  // Adds one to `counts` in every bin in which the events fall (each bin once).
  void mark(std::span<const StoredEvent> events, std::vector<double>& counts) const {
    std::size_t previous = SIZE_MAX;
    for (const StoredEvent& event : events) {
      const std::size_t at = bin(event.time);
      if (at != previous) counts[at] += 1;
      previous = at;
    }
  }
};

// A rate-driven device's chance of logging in each bin of a span [from, to].
struct Chance {
  std::uint32_t from;
  std::uint32_t to;
  double per_bin;
};

// What some of a hub's devices add to its bins. When its devices are counted
// in two shares side by side, the later share counts in bins of its own,
// added to the hub's after both ended. Counts are whole numbers, so they add
// up to the same bytes in any order; the chances are kept in device order and
// added to the difference array in that order, as one pass over every device
// would add them.
struct BinShare {
  HubBins* bins = nullptr;
  std::vector<Chance> chances;
  // A device's spans, connects and intervals: kept from one device to the
  // next, so that their memory is allocated once per share, not once per device.
  std::vector<std::pair<Timestamp, Timestamp>> spans;
  std::vector<Timestamp> connects;
  std::vector<Timestamp> intervals;

  void add_chance(std::size_t first_bin, std::size_t last_bin, double per_bin) {
    chances.push_back(Chance{static_cast<std::uint32_t>(first_bin),
                             static_cast<std::uint32_t>(last_bin), per_bin});
  }
};

// The spans a device was connected, as its connects and disconnects show (a
// device whose first word is a disconnect was connected from the start), into `spans`.
void connected_spans(std::span<const StoredEvent> events, Timestamp first, Timestamp last,
                     std::vector<std::pair<Timestamp, Timestamp>>& spans) {
  spans.clear();
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
}

// A device's rate: given the bins of its first and last events, the other bins
// it logged in fall between them, so its rate is their count over that time, spread over the part
// of it the device was connected (or over all of it, if that is under half); in a bin it logs with
// the Poisson chance of that rate. A device with few events has no rate to speak of: a connect, a
// drop and a reconnect say when those happened, not how often anything happens.
void expect_rate_driven(std::span<const StoredEvent> events, BinShare& share) {
  const HubBins& bins = *share.bins;
  // Events come in bunches (a drop, its 401003, the reconnect): the bins the
  // device logged in are what it does, and what is counted.
  std::size_t active = 0;
  std::size_t previous = SIZE_MAX;
  for (const StoredEvent& event : events) {
    const std::size_t at = bins.bin(event.time);
    if (at != previous) ++active;
    previous = at;
  }
  if (active < kMinRateEvents) return;
  const Timestamp first = events.front().time;
  const Timestamp last = events.back().time;
  if (last <= first) return;
  const auto span = static_cast<double>(last - first);
  const auto count = static_cast<double>(active - 2);
  connected_spans(events, first, last, share.spans);
  const auto& spans = share.spans;
  double connected = 0;
  for (const auto& [from, to] : spans)
    connected += static_cast<double>(to - from);
  const auto chance = [](double per_milli) {
    return 1 - std::exp(-per_milli * static_cast<double>(kBin));
  };
  if (connected >= kConnectedMostly * span) {
    // A device logs in a bin or not: spans that share a bin (a drop and its
    // reconnect a minute apart) give it the device's chance once, not once each.
    std::size_t next_bin = 0;
    for (const auto& [from, to] : spans) {
      const std::size_t first_bin = std::max(bins.bin(from), next_bin);
      const std::size_t last_bin = bins.bin(to);
      if (first_bin > last_bin) continue;
      share.add_chance(first_bin, last_bin, chance(count / connected));
      next_bin = last_bin + 1;
    }
  } else {
    share.add_chance(bins.bin(first), bins.bin(last), chance(count / span));
  }
}

// A periodic device is expected where it logged, and in the bin of every cycle
// that an interval of whole periods skipped: between a connect and the drop
// that ended it (its drop period), or between two connects (a schedule).
void expect_cycles(std::span<const StoredEvent> events, HubBins& bins,
                   const std::vector<std::pair<Timestamp, Timestamp>>& skipping, Timestamp period) {
  bins.mark(events, bins.expected);
  for (const auto& [from, to] : skipping) {
    for (Timestamp end = from + period; end < to - period / 2; end += period)
      bins.expected[bins.bin(end)] += 1;
  }
}

// True when the device is periodic (its drops, or else its connects), after
// adding what it is expected to log.
bool expect_periodic(DeviceIndex device, const DeviceTimelines& timelines,
                     const std::optional<PeriodEstimate>& drop_period, const Thresholds& thresholds,
                     BinShare& share) {
  HubBins& bins = *share.bins;
  const auto events = timelines.events_of(device);
  std::vector<std::pair<Timestamp, Timestamp>>& skipping = share.spans;
  skipping.clear();
  if (drop_period) {
    for (const std::uint32_t index : timelines.drops_of(device)) {
      const Drop& drop = timelines.drops()[index];
      const auto duration = drop.connected_duration();
      if (duration && drop_period->spans_whole_cycles(*duration, thresholds))
        skipping.emplace_back(*drop.connected_since, drop.time);
    }
    expect_cycles(events, bins, skipping, drop_period->period);
    return true;
  }
  std::vector<Timestamp>& connects = share.connects;
  connects.clear();
  for (const StoredEvent& event : events) {
    if (is_successful_connect(event)) connects.push_back(event.time);
  }
  std::vector<Timestamp>& intervals = share.intervals;
  intervals.clear();
  for (std::size_t i = 1; i < connects.size(); ++i)
    intervals.push_back(connects[i] - connects[i - 1]);
  const auto period = estimate_period_in_place(intervals, thresholds);
  if (!period || !is_periodic(*period, thresholds)) return false;
  for (std::size_t i = 1; i < connects.size(); ++i) {
    if (period->spans_whole_cycles(connects[i] - connects[i - 1], thresholds))
      skipping.emplace_back(connects[i - 1], connects[i]);
  }
  expect_cycles(events, bins, skipping, period->period);
  return true;
}

// P(X <= n) for X ~ Poisson(mu), in log space so a large mu does not underflow.
double poisson_at_most(double mu, std::uint64_t n) {
  if (mu <= 0) return 1;
  double log_sum = -std::numeric_limits<double>::infinity();
  for (std::uint64_t k = 0; k <= n; ++k) {
    const auto kd = static_cast<double>(k);
    const double log_term = kd * std::log(mu) - mu - log_gamma(kd + 1);
    const double high = std::max(log_sum, log_term);
    log_sum = high + std::log(std::exp(log_sum - high) + std::exp(log_term - high));
  }
  return std::min(1.0, std::exp(log_sum));
}

// Sums a per-bin count over bins [first, last].
double total(const std::vector<double>& counts, std::size_t first, std::size_t last) {
  double sum = 0;
  for (std::size_t k = first; k <= last; ++k)
    sum += counts[k];
  return sum;
}

void find_hub_gaps(HubIndex hub, const HubBins& bins, const Thresholds& thresholds,
                   std::vector<LogGap>& gaps) {
  const std::size_t n = bins.observed.size();
  if (n < 3) return;
  // What the hub usually logs in a bin, to say how much is missing.
  std::vector<double> whole(bins.records.begin() + 1, bins.records.end() - 1);
  std::sort(whole.begin(), whole.end());
  const double usual_records = median_of_sorted(std::span<const double>(whole));

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
    const double observed = total(bins.observed, first, last);
    const double expected = total(bins.expected, first, last);
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
      gap.records = static_cast<std::uint64_t>(total(bins.records, first, last));
      gap.usual_records = usual_records * static_cast<double>(last - first + 1);
      gap.devices_logging = static_cast<std::uint64_t>(total(bins.observed, first, last));
      gap.devices_expected = total(bins.expected, first, last);
      gaps.push_back(gap);
    }
    i = j + 1;
  }
}

}  // namespace

std::vector<LogGap> find_log_gaps(const DeviceTimelines& timelines, const EventStore& store,
                                  const std::vector<HubFacts>& facts,
                                  std::span<const std::optional<PeriodEstimate>> periods,
                                  const Thresholds& thresholds,
                                  const Thresholds& snapshot_thresholds, Sharing sharing) {
  // Each hub's devices, in device order (a counting sort by hub).
  std::vector<std::size_t> hub_start(facts.size() + 1, 0);
  for (DeviceIndex device = 0; device < timelines.device_count(); ++device)
    ++hub_start[store.devices()[device].hub + 1u];
  for (std::size_t hub = 0; hub < facts.size(); ++hub)
    hub_start[hub + 1] += hub_start[hub];
  std::vector<DeviceIndex> by_hub(timelines.device_count());
  {
    std::vector<std::size_t> next(hub_start.begin(), hub_start.end() - 1);
    for (DeviceIndex device = 0; device < timelines.device_count(); ++device)
      by_hub[next[store.devices()[device].hub]++] = device;
  }
  // A device adds to its hub's bins what it logged and what its pattern expects.
  const auto add_devices = [&](std::span<const DeviceIndex> devices, BinShare& share) {
    HubBins& bins = *share.bins;
    for (const DeviceIndex device : devices) {
      const auto events = timelines.events_of(device);
      if (events.empty()) continue;
      for (const StoredEvent& event : events)
        bins.records[bins.bin(event.time)] += 1;
      bins.mark(events, bins.observed);
      const Thresholds& judged_by =
          store.devices()[device].judged_on_snapshots() ? snapshot_thresholds : thresholds;
      if (!expect_periodic(device, timelines, periods[device], judged_by, share))
        expect_rate_driven(events, share);
    }
  };
  // One hub at a time, so that only one hub's bins are held.
  std::vector<LogGap> gaps;
  for (std::size_t hub = 0; hub < facts.size(); ++hub) {
    if (facts[hub].first > facts[hub].last) continue;
    const std::span<const DeviceIndex> devices(by_hub.data() + hub_start[hub],
                                               hub_start[hub + 1] - hub_start[hub]);
    std::size_t events = 0;
    for (const DeviceIndex device : devices)
      events += timelines.events_of(device).size();
    HubBins bins;
    bins.first = facts[hub].first;
    bins.last = facts[hub].last;
    bins.origin = floor_div(bins.first, kBin) * kBin;
    const std::size_t n = bins.bin(bins.last) + 1;
    // A span of decades has no steady rate to judge silence by, nor has a span
    // far longer than its records can fill (and searching it would cost the
    // span's time, not the records').
    if (n > kMaxBins || n > kBinsPerEvent * events + kFreeBins) continue;
    bins.records.assign(n, 0);
    bins.observed.assign(n, 0);
    bins.expected.assign(n, 0);
    bins.rate_change.assign(n + 1, 0);
    // Its devices in two shares side by side, split where half their events
    // lie on either side, when there are enough to pay for a thread.
    const bool halves = sharing.split || (sharing.threads > 1 && events >= kSharedMinimum);
    const std::size_t middle =
        halves ? sharing.split_of(
                     devices.size(),
                     [&](std::size_t i) { return timelines.events_of(devices[i]).size(); })
               : devices.size();
    BinShare before;
    before.bins = &bins;
    HubBins own;
    BinShare after;
    after.bins = &own;
    if (middle < devices.size()) {
      own = bins.empty_like();
      side_by_side(
          sharing.threads, [&] { add_devices(devices.subspan(middle), after); },
          [&] { add_devices(devices.first(middle), before); });
      const auto add = [](std::vector<double>& into, const std::vector<double>& from) {
        for (std::size_t i = 0; i < from.size(); ++i)
          into[i] += from[i];
      };
      add(bins.records, own.records);
      add(bins.observed, own.observed);
      add(bins.expected, own.expected);
    } else {
      add_devices(devices, before);
    }
    for (const std::vector<Chance>* chances : {&before.chances, &after.chances}) {
      for (const Chance& chance : *chances) {
        bins.rate_change[chance.from] += chance.per_bin;
        bins.rate_change[chance.to + 1] -= chance.per_bin;
      }
    }
    double rate = 0;
    for (std::size_t i = 0; i < bins.observed.size(); ++i) {
      rate += bins.rate_change[i];
      bins.expected[i] += std::max(0.0, rate);
    }
    find_hub_gaps(static_cast<HubIndex>(hub), bins, thresholds, gaps);
  }
  return gaps;
}

}  // namespace iothub_diag
