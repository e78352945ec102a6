#include <algorithm>

#include <iothub_diag/analysis/attribution.hpp>
#include <iothub_diag/analysis/diagnosis.hpp>

namespace iothub_diag {
namespace {

constexpr std::array<std::string_view, kDropCauseCount> kCauseRules = {
    "hub-incident",     "site-network-outage", "fleet-wide-drop",
    "sas-token-expiry", "random-disconnects",  "isolated-drops",
};

class Attributor {
 public:
  explicit Attributor(const Diagnosis& diagnosis)
      : diagnosis_(diagnosis),
        drops_(diagnosis.timelines().drops()),
        claimed_(drops_.size(), false) {
    result_.cause.assign(drops_.size(), DropCause::too_few);
    result_.window.assign(drops_.size(), Attribution::kNoWindow);
    result_.token_period.resize(diagnosis.store().devices().size());
  }

  Attribution run() {
    attribute_fleet_events();
    for (DeviceIndex device = 0; device < diagnosis_.timelines().device_count(); ++device)
      attribute_device(device);
    for (const DropCause cause : result_.cause)
      ++result_.drops_by_cause[static_cast<std::size_t>(cause)];
    std::stable_sort(result_.windows.begin(), result_.windows.end(),
                     [](const AttributedWindow& a, const AttributedWindow& b) {
                       return std::tie(a.burst->hub, a.start) < std::tie(b.burst->hub, b.start);
                     });
    // Window indices changed with the sort: renumber what the drops point at.
    std::fill(result_.window.begin(), result_.window.end(), Attribution::kNoWindow);
    for (std::uint32_t w = 0; w < result_.windows.size(); ++w) {
      for (const std::uint32_t index : result_.windows[w].drops)
        result_.window[index] = w;
    }
    return std::move(result_);
  }

 private:
  // Claims the burst's unclaimed drops (all of them, or those of `site_devices`).
  void claim(const FleetBurst& burst, WindowKind kind, DropCause cause) {
    AttributedWindow window;
    window.kind = kind;
    window.burst = &burst;
    for (const std::uint32_t index : burst.drops) {
      if (claimed_[index]) continue;
      claimed_[index] = true;
      result_.cause[index] = cause;
      window.drops.push_back(index);
      window.devices.push_back(drops_[index].device);
    }
    if (window.drops.empty()) return;
    std::sort(window.drops.begin(), window.drops.end());
    std::sort(window.devices.begin(), window.devices.end());
    window.devices.erase(std::unique(window.devices.begin(), window.devices.end()),
                         window.devices.end());
    window.start = drops_[window.drops.front()].time;
    window.end = drops_[window.drops.back()].time;
    result_.windows.push_back(std::move(window));
  }

  static bool overlaps(const FleetBurst& a, const FleetBurst& b, Timestamp slack) {
    return a.hub == b.hub && a.start <= b.end + slack && b.start <= a.end + slack;
  }

  void attribute_fleet_events() {
    const Thresholds& thresholds = diagnosis_.thresholds();
    const auto slack =
        static_cast<Timestamp>(thresholds.burst_window_minutes * kMillisPerMinute);
    const std::vector<FleetBurst>& hubs = diagnosis_.hub_bursts();
    const std::vector<FleetBurst>& sites = diagnosis_.site_bursts();
    // Whether each site burst stands as a site, or is part of a larger hub burst.
    std::vector<bool> site_stands(sites.size(), true);
    std::vector<bool> hub_is_sites(hubs.size(), false);
    for (std::size_t h = 0; h < hubs.size(); ++h) {
      const FleetBurst& hub = hubs[h];
      std::vector<std::size_t> inside;
      std::vector<DeviceIndex> site_devices;
      for (std::size_t s = 0; s < sites.size(); ++s) {
        if (!overlaps(hub, sites[s], slack)) continue;
        inside.push_back(s);
        for (const DeviceIndex device : sites[s].devices) {
          if (std::binary_search(hub.devices.begin(), hub.devices.end(), device))
            site_devices.push_back(device);
        }
      }
      std::sort(site_devices.begin(), site_devices.end());
      const auto held = static_cast<double>(
          std::unique(site_devices.begin(), site_devices.end()) - site_devices.begin());
      hub_is_sites[h] = !has_hub_evidence(hub, thresholds) &&
                        held >= thresholds.site_min_ip_share * static_cast<double>(hub.devices.size());
      if (hub_is_sites[h]) continue;
      for (const std::size_t s : inside)
        site_stands[s] = false;
    }
    for (const FleetBurst& hub : hubs) {
      if (has_hub_evidence(hub, thresholds))
        claim(hub, WindowKind::hub_incident, DropCause::hub_incident);
    }
    for (std::size_t s = 0; s < sites.size(); ++s) {
      if (site_stands[s]) claim(sites[s], WindowKind::site_outage, DropCause::site_outage);
    }
    for (std::size_t h = 0; h < hubs.size(); ++h) {
      const FleetBurst& hub = hubs[h];
      if (hub_is_sites[h] || has_hub_evidence(hub, thresholds)) continue;
      // What the sites left must still be a burst of the hub on its own.
      std::vector<DeviceIndex> left;
      for (const std::uint32_t index : hub.drops) {
        if (!claimed_[index]) left.push_back(drops_[index].device);
      }
      std::sort(left.begin(), left.end());
      const auto devices =
          static_cast<double>(std::unique(left.begin(), left.end()) - left.begin());
      if (devices >= hub.threshold_devices)
        claim(hub, WindowKind::fleet_wide_drop, DropCause::fleet_wide_drop);
    }
  }

  void attribute_device(DeviceIndex device) {
    const auto drops = diagnosis_.timelines().drops_of(device);
    const auto period = diagnosis_.drop_period(device, claimed_);
    result_.token_period[device] = period;
    std::vector<std::uint32_t> left;
    for (const std::uint32_t index : drops) {
      if (claimed_[index]) continue;
      const Drop& drop = drops_[index];
      // On a token-cycling device, a drop whose connect is unknown is most
      // likely a cycle whose connect record was lost.
      if (period && (diagnosis_.recurs(drop, *period) || !drop.connected_duration())) {
        result_.cause[index] = DropCause::token_expiry;
        continue;
      }
      left.push_back(index);
    }
    const bool pattern =
        static_cast<double>(left.size()) >= diagnosis_.thresholds().min_random_drops;
    for (const std::uint32_t index : left)
      result_.cause[index] = pattern ? DropCause::random : DropCause::too_few;
  }

  const Diagnosis& diagnosis_;
  const std::vector<Drop>& drops_;
  std::vector<bool> claimed_;  // taken by a fleet event
  Attribution result_;
};

}  // namespace

std::string_view drop_cause_rule(DropCause cause) noexcept {
  return kCauseRules[static_cast<std::size_t>(cause)];
}

bool has_hub_evidence(const FleetBurst& burst, const Thresholds& thresholds) noexcept {
  const double needed = std::max(thresholds.min_hub_errors,
                                 thresholds.hub_error_baseline_factor * burst.usual_hub_errors);
  return static_cast<double>(burst.hub_error_total) >= needed;
}

Attribution attribute_drops(const Diagnosis& diagnosis) {
  return Attributor(diagnosis).run();
}

}  // namespace iothub_diag
