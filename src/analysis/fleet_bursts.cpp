#include <algorithm>
#include <cmath>
#include <string_view>
#include <tuple>

#include <iothub_diag/analysis/fleet_bursts.hpp>
#include <iothub_diag/analysis/periodicity.hpp>
#include <iothub_diag/core/fingerprint_set.hpp>
#include <iothub_diag/core/radix_sort.hpp>
#include <iothub_diag/model/result_codes.hpp>

namespace iothub_diag {
namespace {

// Below this many windows a span has no history to speak of (a file holding
// one minute of drops): the floors alone decide.
constexpr std::uint64_t kMinBaselineWindows = 12;

// The value at `rank` of `sorted` merged with `repeats` copies of `value`.
double rank_with_repeats(const std::vector<double>& sorted, double value, std::uint64_t repeats,
                         std::uint64_t rank) {
  const auto below = static_cast<std::uint64_t>(
      std::lower_bound(sorted.begin(), sorted.end(), value) - sorted.begin());
  if (rank < below) return sorted[rank];
  if (rank < below + repeats) return value;
  return sorted[rank - repeats];
}

// The fewest drops (of a site) or devices (of a hub) in one window that chance
// reaches less than `max_probability` times over `windows` windows, when
// `mean` of them fall in a window on average (a Poisson tail, which for
// devices dropping independently overstates the Poisson-binomial tail, so
// errs toward calling less); at least `floor`, and `most + 1` when no count up
// to `most` is unlikely enough. The tail falls as the count grows, so a
// binary search finds it in a few evaluations however large the population.
std::size_t fewest_beyond_chance(double mean, double windows, std::size_t floor, std::size_t most,
                                 double max_probability) {
  std::size_t low = floor;
  std::size_t high = std::max(floor, most + 1);
  while (low < high) {
    const std::size_t middle = low + (high - low) / 2;
    if (windows * poisson_tail(mean, middle) <= max_probability)
      high = middle;
    else
      low = middle + 1;
  }
  return low;
}

// Devices of one population expected to drop in one window if each dropped
// independently at its own rate: the sum over devices of 1 - exp(-rate x window),
// each rate its eligible drops spread over the `windows` of the span.
// Each device's drops are counted in a table by device, then summed in device
// order: the order a sort of the drops' devices gave, in one pass instead.
double devices_expected_per_window(const std::vector<Drop>& drops,
                                   const std::vector<std::uint32_t>& candidates, double windows) {
  if (candidates.empty()) return 0;
  DeviceIndex last = 0;
  for (const std::uint32_t index : candidates)
    last = std::max(last, drops[index].device);
  std::vector<std::uint32_t> drops_of(std::size_t{last} + 1, 0);
  for (const std::uint32_t index : candidates)
    ++drops_of[drops[index].device];
  double expected = 0;
  for (const std::uint32_t count : drops_of) {
    if (count != 0) expected += -std::expm1(-static_cast<double>(count) / windows);
  }
  return expected;
}

struct Baseline {
  double usual = 0;   // median drops per window
  double spread = 0;  // median absolute deviation
  std::uint64_t windows = 1;
};

// The usual number of drops in a window and its spread, over fixed windows
// tiling the span. Only non-empty windows are stored; the empty ones enter as
// repeated zeros, so a span of centuries costs no more memory than a day.
Baseline baseline(const std::vector<Timestamp>& times, Timestamp first, Timestamp last,
                  Timestamp window) {
  Baseline result;
  result.windows = static_cast<std::uint64_t>((last - first) / window) + 1;
  if (result.windows < kMinBaselineWindows) return result;
  // The drops' windows, counted as runs: the times come in time order (sorted
  // here when they do not), so each busy window is one run of equal bins.
  std::vector<Timestamp> bins;
  bins.reserve(times.size());
  for (const Timestamp t : times)
    bins.push_back((t - first) / window);
  if (!std::is_sorted(bins.begin(), bins.end())) std::sort(bins.begin(), bins.end());
  std::vector<double> counts;
  for (std::size_t begin = 0, end = 0; begin < bins.size(); begin = end) {
    while (end < bins.size() && bins[end] == bins[begin])
      ++end;
    counts.push_back(static_cast<double>(end - begin));
  }
  const std::uint64_t empty = result.windows - counts.size();
  std::sort(counts.begin(), counts.end());
  result.usual = rank_with_repeats(counts, 0, empty, result.windows / 2);
  std::vector<double> deviations;
  deviations.reserve(counts.size());
  for (const double count : counts)
    deviations.push_back(std::fabs(count - result.usual));
  std::sort(deviations.begin(), deviations.end());
  result.spread = rank_with_repeats(deviations, result.usual, empty, result.windows / 2);
  return result;
}

// Windows [t, t + window) starting at each candidate drop that reach `threshold`
// drops, merged where they overlap. `candidates` are in time order.
std::vector<FleetBurst> sweep(const std::vector<Drop>& drops,
                              const std::vector<std::uint32_t>& candidates, Timestamp window,
                              double threshold) {
  std::vector<FleetBurst> bursts;
  const auto time_of = [&](std::size_t i) { return drops[candidates[i]].time; };
  std::size_t end = 0;
  // Candidates before this one were all looked at for the last burst already:
  // a window that extends it only needs to look at the ones past it.
  std::size_t looked_at = 0;
  for (std::size_t begin = 0; begin < candidates.size(); ++begin) {
    end = std::max(end, begin);
    while (end < candidates.size() && time_of(end) < time_of(begin) + window)
      ++end;
    if (static_cast<double>(end - begin) < threshold) continue;
    if (!bursts.empty() && time_of(begin) <= bursts.back().end) {
      FleetBurst& burst = bursts.back();
      const Timestamp previous_end = burst.end;
      for (std::size_t i = std::max(begin, looked_at); i < end; ++i) {
        if (time_of(i) > previous_end) burst.drops.push_back(candidates[i]);
      }
      looked_at = std::max(looked_at, end);
      burst.end = std::max(burst.end, time_of(end - 1));
      continue;
    }
    looked_at = end;
    FleetBurst burst;
    burst.start = time_of(begin);
    burst.end = time_of(end - 1);
    burst.threshold_devices = threshold;
    burst.drops.assign(candidates.begin() + static_cast<std::ptrdiff_t>(begin),
                       candidates.begin() + static_cast<std::ptrdiff_t>(end));
    bursts.push_back(std::move(burst));
  }
  return bursts;
}

// Devices, distinct IP groups; bursts whose devices fall short of the threshold
// go (windows were counted in drops: one device flapping is not a fleet event).
void settle_devices(std::vector<FleetBurst>& bursts, const std::vector<Drop>& drops,
                    const EventStore& store) {
  for (FleetBurst& burst : bursts) {
    for (const std::uint32_t index : burst.drops)
      burst.devices.push_back(drops[index].device);
    std::sort(burst.devices.begin(), burst.devices.end());
    burst.devices.erase(std::unique(burst.devices.begin(), burst.devices.end()),
                        burst.devices.end());
    std::vector<std::string_view> ips;
    for (const DeviceIndex device : burst.devices) {
      const std::string& ip = store.devices()[device].masked_ip;
      if (!ip.empty()) ips.push_back(ip);
    }
    std::sort(ips.begin(), ips.end());
    burst.ip_groups = static_cast<std::size_t>(std::unique(ips.begin(), ips.end()) - ips.begin());
  }
  std::erase_if(bursts, [](const FleetBurst& burst) {
    return static_cast<double>(burst.devices.size()) < burst.threshold_devices;
  });
}

// Counts by code (two binary searches each), so that many bursts near one long
// stretch of errors cost no more than a few.
void add_hub_evidence(FleetBurst& burst, const HubFacts& fact, Timestamp margin,
                      double hub_error_rate) {
  const Timestamp from = burst.start - margin;
  const Timestamp to = burst.end + margin;
  for (const auto& [code, times] : fact.error_times) {
    const auto count =
        static_cast<std::uint64_t>(std::upper_bound(times.begin(), times.end(), to) -
                                   std::lower_bound(times.begin(), times.end(), from));
    if (count == 0) continue;
    burst.hub_errors[code] += count;
    burst.hub_error_total += count;
  }
  burst.usual_hub_errors = hub_error_rate * static_cast<double>(to - from);
}

// Hub-side errors per millisecond outside every burst and its margins. Bursts
// are in time order; margins that overlap are merged, so nothing counts twice.
double quiet_hub_error_rate(const std::vector<FleetBurst>& bursts,
                            const std::vector<Timestamp>& hub_errors, Timestamp margin,
                            Timestamp first, Timestamp last) {
  std::vector<std::pair<Timestamp, Timestamp>> busy;  // [from, to], merged, within the logs
  for (const FleetBurst& burst : bursts) {
    const Timestamp from = std::max(first, burst.start - margin);
    const Timestamp to = std::min(last, burst.end + margin);
    if (!busy.empty() && from <= busy.back().second)
      busy.back().second = std::max(busy.back().second, to);
    else
      busy.emplace_back(from, to);
  }
  Timestamp busy_time = 0;
  for (const auto& [from, to] : busy)
    busy_time += to - from;
  std::uint64_t busy_errors = 0;
  auto span = busy.begin();
  for (const Timestamp error : hub_errors) {  // in time order, like the spans
    while (span != busy.end() && span->second < error)
      ++span;
    if (span != busy.end() && span->first <= error) ++busy_errors;
  }
  const Timestamp quiet_time = std::max<Timestamp>(last - first - busy_time, 1);
  return static_cast<double>(hub_errors.size() - busy_errors) / static_cast<double>(quiet_time);
}

// The devices behind one masked IP of one hub, a group large enough to be a site.
struct SiteGroup {
  HubIndex hub = 0;
  std::string_view ip;
  std::vector<DeviceIndex> devices;  // in index order
};

// The groups of at least `min_devices` devices, in (hub, IP) order. Devices
// are bucketed by their hub and a hash of their IP (a radix sort of 64-bit
// keys); a bucket large enough is split by the IPs themselves, which differ
// only when two IPs share a hash. Sorting the devices by their IP texts took
// a string compare at each of n log n steps, half the site search on a fleet.
std::vector<SiteGroup> site_groups(const EventStore& store, double min_devices) {
  struct Keyed {
    std::uint64_t key;  // the hub in the top 16 bits, the IP's hash below
    DeviceIndex device;
  };
  const std::vector<DeviceInfo>& devices = store.devices();
  std::vector<Keyed> keyed;
  keyed.reserve(devices.size());
  for (DeviceIndex device = 0; device < devices.size(); ++device) {
    const DeviceInfo& info = devices[device];
    if (info.masked_ip.empty()) continue;
    keyed.push_back(
        Keyed{(std::uint64_t{info.hub} << 48) | (hash_bytes(info.masked_ip) >> 16), device});
  }
  // Stable: each bucket's devices stay in index order.
  radix_sort_by(keyed, [](const Keyed& item) { return static_cast<std::int64_t>(item.key); });
  const auto ip_of = [&devices](DeviceIndex device) {
    return std::string_view(devices[device].masked_ip);
  };
  std::vector<SiteGroup> groups;
  std::vector<DeviceIndex> bucket;
  for (std::size_t begin = 0, end = 0; begin < keyed.size(); begin = end) {
    while (end < keyed.size() && keyed[end].key == keyed[begin].key)
      ++end;
    if (static_cast<double>(end - begin) < min_devices) continue;  // nor is any IP in it
    bucket.clear();
    for (std::size_t i = begin; i < end; ++i)
      bucket.push_back(keyed[i].device);
    std::stable_sort(bucket.begin(), bucket.end(),
                     [&ip_of](DeviceIndex a, DeviceIndex b) { return ip_of(a) < ip_of(b); });
    for (std::size_t first = 0, last = 0; first < bucket.size(); first = last) {
      while (last < bucket.size() && ip_of(bucket[last]) == ip_of(bucket[first]))
        ++last;
      if (static_cast<double>(last - first) < min_devices) continue;
      groups.push_back(SiteGroup{devices[bucket[first]].hub,
                                 ip_of(bucket[first]),
                                 {bucket.begin() + static_cast<std::ptrdiff_t>(first),
                                  bucket.begin() + static_cast<std::ptrdiff_t>(last)}});
    }
  }
  std::sort(groups.begin(), groups.end(), [](const SiteGroup& a, const SiteGroup& b) {
    return std::tie(a.hub, a.ip) < std::tie(b.hub, b.ip);
  });
  return groups;
}

Timestamp window_of(const Thresholds& thresholds) {
  return std::max<Timestamp>(
      static_cast<Timestamp>(thresholds.burst_window_minutes * kMillisPerMinute), 1);
}

Timestamp margin_of(const Thresholds& thresholds) {
  return static_cast<Timestamp>(thresholds.hub_error_margin_minutes * kMillisPerMinute);
}

}  // namespace

std::vector<HubFacts> hub_facts(const EventStore& store) {
  std::vector<HubFacts> facts(store.hubs().size());
  std::vector<std::vector<std::pair<Timestamp, std::int32_t>>> errors(facts.size());
  for (const StoredEvent& event : store.events()) {
    HubFacts& hub = facts[event.hub];
    hub.first = std::min(hub.first, event.time);
    hub.last = std::max(hub.last, event.time);
    if (is_hub_side_error(event.code)) errors[event.hub].emplace_back(event.time, event.code);
  }
  // The store lists events device by device: put the errors in time order.
  for (std::size_t h = 0; h < facts.size(); ++h) {
    std::sort(errors[h].begin(), errors[h].end());
    facts[h].hub_errors.reserve(errors[h].size());
    for (const auto& [time, code] : errors[h]) {
      facts[h].hub_errors.push_back(time);
      facts[h].error_times[code].push_back(time);
    }
  }
  return facts;
}

std::vector<FleetBurst> find_hub_bursts(const DeviceTimelines& timelines, const EventStore& store,
                                        const std::vector<HubFacts>& facts,
                                        const std::vector<bool>& eligible,
                                        const Thresholds& thresholds) {
  const std::vector<Drop>& drops = timelines.drops();
  // Each device's hub, copied out of the device rows once: the drops come in
  // time order, and looking each one's hub up in its device's row was a cache
  // miss per drop on a fleet.
  std::vector<HubIndex> hub_of(store.devices().size());
  for (std::size_t device = 0; device < hub_of.size(); ++device)
    hub_of[device] = store.devices()[device].hub;
  std::vector<std::vector<std::uint32_t>> candidates(store.hubs().size());
  for (std::uint32_t i = 0; i < drops.size(); ++i) {
    if (eligible[i]) candidates[hub_of[drops[i].device]].push_back(i);
  }
  const Timestamp window = window_of(thresholds);
  const Timestamp margin = margin_of(thresholds);
  std::vector<FleetBurst> all;
  for (std::size_t position = 0; position < store.hubs().size(); ++position) {
    const auto hub = static_cast<HubIndex>(position);
    const HubFacts& fact = facts[hub];
    if (candidates[hub].empty()) continue;
    std::vector<Timestamp> times;
    for (const std::uint32_t index : candidates[hub])
      times.push_back(drops[index].time);
    const Baseline usual = baseline(times, fact.first, fact.last, window);
    const std::size_t population = store.hubs()[hub].devices;
    double threshold =
        std::max({thresholds.burst_min_devices,
                  thresholds.burst_min_fleet_share * static_cast<double>(population),
                  usual.usual + thresholds.burst_baseline_factor * std::max(usual.spread, 1.0)});
    // A small fleet of busy random droppers meets the baseline by coincidence:
    // the devices dropping together must also be a count their own rates would
    // almost never produce over the span (a span too short for a baseline says
    // too little about the rates, and the floors decide).
    if (usual.windows >= kMinBaselineWindows) {
      const auto windows = static_cast<double>(usual.windows);
      const double expected = devices_expected_per_window(drops, candidates[hub], windows);
      threshold =
          std::max(threshold, static_cast<double>(fewest_beyond_chance(
                                  expected, windows, static_cast<std::size_t>(std::ceil(threshold)),
                                  population, thresholds.fleet_max_chance_probability)));
    }
    std::vector<FleetBurst> bursts = sweep(drops, candidates[hub], window, threshold);
    const double rate =
        quiet_hub_error_rate(bursts, fact.hub_errors, margin, fact.first, fact.last);
    for (FleetBurst& burst : bursts) {
      burst.hub = hub;
      burst.population = population;
      burst.usual_devices_per_window = usual.usual;
      add_hub_evidence(burst, fact, margin, rate);
    }
    settle_devices(bursts, drops, store);
    std::move(bursts.begin(), bursts.end(), std::back_inserter(all));
  }
  return all;
}

std::vector<FleetBurst> find_site_bursts(const DeviceTimelines& timelines, const EventStore& store,
                                         const std::vector<HubFacts>& facts,
                                         const std::vector<bool>& eligible,
                                         const Thresholds& thresholds) {
  const std::vector<SiteGroup> groups = site_groups(store, thresholds.site_min_devices);
  constexpr std::uint32_t kNoGroup = UINT32_MAX;
  std::vector<std::uint32_t> group_of(store.devices().size(), kNoGroup);
  for (std::size_t group = 0; group < groups.size(); ++group) {
    for (const DeviceIndex device : groups[group].devices)
      group_of[device] = static_cast<std::uint32_t>(group);
  }
  const std::vector<Drop>& drops = timelines.drops();
  std::vector<std::vector<std::uint32_t>> candidates(groups.size());
  for (std::uint32_t i = 0; i < drops.size(); ++i) {
    const std::uint32_t group = group_of[drops[i].device];
    if (eligible[i] && group != kNoGroup) candidates[group].push_back(i);
  }

  const Timestamp window = window_of(thresholds);
  const Timestamp margin = margin_of(thresholds);
  std::vector<FleetBurst> all;
  for (std::size_t group = 0; group < groups.size(); ++group) {
    if (candidates[group].empty()) continue;
    const HubIndex hub = groups[group].hub;
    const std::size_t size = groups[group].devices.size();
    const HubFacts& fact = facts[hub];
    // The group's own history: its drops spread over the span give a chance rate
    // per window; the burst must be one such a rate would almost never produce.
    const Timestamp whole_windows = (fact.last - fact.first) / window + 1;
    const auto windows = static_cast<double>(whole_windows);
    const double rate = static_cast<double>(candidates[group].size()) / windows;
    const std::size_t needed = fewest_beyond_chance(
        rate, windows,
        static_cast<std::size_t>(
            std::ceil(std::max(thresholds.site_min_devices,
                               thresholds.site_min_group_share * static_cast<double>(size)))),
        size, thresholds.site_max_chance_probability);
    std::vector<FleetBurst> bursts =
        sweep(drops, candidates[group], window, static_cast<double>(needed));
    for (FleetBurst& burst : bursts) {
      burst.hub = hub;
      burst.site_ip = std::string(groups[group].ip);
      burst.population = size;
      burst.usual_devices_per_window = rate;
      add_hub_evidence(burst, fact, margin, 0);
    }
    settle_devices(bursts, drops, store);
    std::move(bursts.begin(), bursts.end(), std::back_inserter(all));
  }
  std::sort(all.begin(), all.end(), [](const FleetBurst& a, const FleetBurst& b) {
    return std::tie(a.hub, a.start, a.site_ip) < std::tie(b.hub, b.start, b.site_ip);
  });
  return all;
}

}  // namespace iothub_diag
