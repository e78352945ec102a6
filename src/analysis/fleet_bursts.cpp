#include <algorithm>
#include <cmath>
#include <map>

#include <iothub_diag/analysis/fleet_bursts.hpp>
#include <iothub_diag/model/result_codes.hpp>

namespace iothub_diag {
namespace {

// The value at `rank` of `sorted` merged with `repeats` copies of `value`.
double rank_with_repeats(const std::vector<double>& sorted, double value, std::uint64_t repeats,
                         std::uint64_t rank) {
  const auto below = static_cast<std::uint64_t>(
      std::lower_bound(sorted.begin(), sorted.end(), value) - sorted.begin());
  if (rank < below) return sorted[rank];
  if (rank < below + repeats) return value;
  return sorted[rank - repeats];
}

// The usual number of drops in a window and its spread (median absolute
// deviation), over fixed windows tiling the span. Only non-empty windows are
// stored; the empty ones enter as repeated zeros, so a span of centuries costs
// no more memory than a day.
std::pair<double, double> baseline(const std::vector<Timestamp>& times, Timestamp first,
                                   Timestamp last, Timestamp window) {
  std::map<Timestamp, double> busy;
  for (const Timestamp t : times)
    busy[(t - first) / window] += 1;
  const auto bins = static_cast<std::uint64_t>((last - first) / window) + 1;
  const std::uint64_t empty = bins - busy.size();
  std::vector<double> counts;
  for (const auto& [bin, count] : busy)
    counts.push_back(count);
  std::sort(counts.begin(), counts.end());
  const double usual = rank_with_repeats(counts, 0, empty, bins / 2);
  std::vector<double> deviations;
  for (const double count : counts)
    deviations.push_back(std::fabs(count - usual));
  std::sort(deviations.begin(), deviations.end());
  return {usual, rank_with_repeats(deviations, usual, empty, bins / 2)};
}

void add_hub_evidence(FleetBurst& burst, const std::vector<StoredEvent>& hub_errors,
                      Timestamp margin, double hub_error_rate) {
  const Timestamp from = burst.start - margin;
  const Timestamp to = burst.end + margin;
  auto it = std::lower_bound(hub_errors.begin(), hub_errors.end(), from,
                             [](const StoredEvent& e, Timestamp t) { return e.time < t; });
  for (; it != hub_errors.end() && it->time <= to; ++it) {
    ++burst.hub_errors[it->code];
    ++burst.hub_error_total;
  }
  burst.usual_hub_errors = hub_error_rate * static_cast<double>(to - from);
}

// Hub-side errors per millisecond outside every burst and its margins. Bursts
// are in time order; margins that overlap are merged, so nothing counts twice.
double quiet_hub_error_rate(const std::vector<FleetBurst>& bursts,
                            const std::vector<StoredEvent>& hub_errors, Timestamp margin,
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
  for (const StoredEvent& error : hub_errors) {  // in time order, like the spans
    while (span != busy.end() && span->second < error.time)
      ++span;
    if (span != busy.end() && span->first <= error.time) ++busy_errors;
  }
  const Timestamp quiet_time = std::max<Timestamp>(last - first - busy_time, 1);
  return static_cast<double>(hub_errors.size() - busy_errors) / static_cast<double>(quiet_time);
}

void add_common_ip(FleetBurst& burst, const EventStore& store) {
  std::map<std::string, std::size_t> by_ip;
  for (const DeviceIndex device : burst.devices) {
    const std::string& ip = store.devices()[device].masked_ip;
    if (!ip.empty()) ++by_ip[ip];
  }
  for (const auto& [ip, count] : by_ip) {
    if (count > burst.common_ip_devices) {
      burst.common_ip = ip;
      burst.common_ip_devices = count;
    }
  }
}

}  // namespace

std::vector<FleetBurst> find_fleet_bursts(const DeviceTimelines& timelines, const EventStore& store,
                                          const std::vector<bool>& eligible,
                                          const Thresholds& thresholds) {
  const std::vector<Drop>& drops = timelines.drops();
  std::vector<std::uint32_t> candidates;
  std::vector<Timestamp> times;
  for (std::uint32_t i = 0; i < drops.size(); ++i) {
    if (!eligible[i]) continue;
    candidates.push_back(i);
    times.push_back(drops[i].time);
  }
  if (candidates.empty() || store.events().empty()) return {};

  const auto window = static_cast<Timestamp>(thresholds.burst_window_minutes * kMillisPerMinute);
  const Timestamp first = store.events().front().time;
  const Timestamp last = store.events().back().time;
  const auto [usual, spread] = baseline(times, first, last, std::max<Timestamp>(window, 1));
  const double threshold =
      std::max({thresholds.burst_min_devices,
                thresholds.burst_min_fleet_share * static_cast<double>(store.devices().size()),
                usual + thresholds.burst_baseline_factor * std::max(spread, 1.0)});

  // Hub-side errors anywhere, and their usual rate, for the evidence.
  std::vector<StoredEvent> hub_errors;
  for (const StoredEvent& event : store.events()) {
    if (is_hub_side_error(event.code)) hub_errors.push_back(event);
  }

  // Windows [t, t + window) starting at each drop that reach the threshold, merged where they
  // overlap.
  std::vector<FleetBurst> bursts;
  std::size_t end = 0;
  for (std::size_t begin = 0; begin < candidates.size(); ++begin) {
    end = std::max(end, begin);
    while (end < candidates.size() && times[end] < times[begin] + window)
      ++end;
    if (static_cast<double>(end - begin) < threshold) continue;
    if (!bursts.empty() && times[begin] <= bursts.back().end) {
      FleetBurst& burst = bursts.back();
      const Timestamp previous_end = burst.end;
      for (std::size_t i = begin; i < end; ++i) {
        if (times[i] > previous_end) burst.drops.push_back(candidates[i]);
      }
      burst.end = std::max(burst.end, times[end - 1]);
      continue;
    }
    FleetBurst burst;
    burst.start = times[begin];
    burst.end = times[end - 1];
    burst.usual_devices_per_window = usual;
    burst.threshold_devices = threshold;
    for (std::size_t i = begin; i < end; ++i)
      burst.drops.push_back(candidates[i]);
    bursts.push_back(std::move(burst));
  }

  const Timestamp margin =
      static_cast<Timestamp>(thresholds.hub_error_margin_minutes * kMillisPerMinute);
  const double hub_error_rate = quiet_hub_error_rate(bursts, hub_errors, margin, first, last);

  for (FleetBurst& burst : bursts) {
    for (const std::uint32_t index : burst.drops)
      burst.devices.push_back(drops[index].device);
    std::sort(burst.devices.begin(), burst.devices.end());
    burst.devices.erase(std::unique(burst.devices.begin(), burst.devices.end()),
                        burst.devices.end());
    add_hub_evidence(burst, hub_errors, margin, hub_error_rate);
    add_common_ip(burst, store);
  }
  // Windows were counted in drops; one device flapping many times is not a fleet event.
  std::erase_if(bursts, [&](const FleetBurst& burst) {
    return static_cast<double>(burst.devices.size()) < burst.threshold_devices;
  });
  return bursts;
}

}  // namespace iothub_diag
