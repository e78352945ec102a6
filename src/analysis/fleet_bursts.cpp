#include <algorithm>
#include <cmath>

#include <iothub_diag/analysis/fleet_bursts.hpp>
#include <iothub_diag/model/result_codes.hpp>

namespace iothub_diag {
namespace {

double median(std::vector<double> values) {
  if (values.empty()) return 0;
  const auto middle = values.begin() + static_cast<std::ptrdiff_t>(values.size() / 2);
  std::nth_element(values.begin(), middle, values.end());
  return *middle;
}

// The usual number of drops in a window and its spread (median absolute deviation),
// over fixed windows tiling the span.
std::pair<double, double> baseline(const std::vector<Timestamp>& times, Timestamp first,
                                   Timestamp last, Timestamp window) {
  const auto bins = static_cast<std::size_t>((last - first) / window + 1);
  std::vector<double> counts(bins, 0);
  for (const Timestamp t : times)
    counts[static_cast<std::size_t>((t - first) / window)] += 1;
  const double usual = median(counts);
  std::vector<double> deviations;
  deviations.reserve(counts.size());
  for (const double c : counts)
    deviations.push_back(std::fabs(c - usual));
  return {usual, median(std::move(deviations))};
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
  // The usual hub-side error rate, outside every burst.
  Timestamp quiet_time = std::max<Timestamp>(last - first, 1);
  std::uint64_t quiet_errors = hub_errors.size();
  for (const FleetBurst& burst : bursts) {
    quiet_time -= std::min(quiet_time - 1, burst.end - burst.start + 2 * margin);
    for (const StoredEvent& error : hub_errors) {
      if (error.time >= burst.start - margin && error.time <= burst.end + margin &&
          quiet_errors > 0)
        --quiet_errors;
    }
  }
  const double hub_error_rate = static_cast<double>(quiet_errors) / static_cast<double>(quiet_time);

  for (FleetBurst& burst : bursts) {
    for (const std::uint32_t index : burst.drops)
      burst.devices.push_back(drops[index].device);
    std::sort(burst.devices.begin(), burst.devices.end());
    burst.devices.erase(std::unique(burst.devices.begin(), burst.devices.end()),
                        burst.devices.end());
    add_hub_evidence(burst, hub_errors, margin, hub_error_rate);
    add_common_ip(burst, store);
  }
  return bursts;
}

}  // namespace iothub_diag
