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
    // Which window took each drop, now that windows are in their final order.
    for (std::uint32_t w = 0; w < result_.windows.size(); ++w) {
      for (const std::uint32_t index : result_.windows[w].drops)
        result_.window[index] = w;
    }
    return std::move(result_);
  }

 private:
  // Claims the burst's drops that no earlier window claimed, as one window.
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

  // Whether a hub burst without hub-side errors is hub-wide, not just the site
  // bursts inside it: devices outside those sites dropped with them, at least
  // fleet_wide_min_share of such devices (as many as a burst needs anyway), and
  // the burst as a whole is large. Event Grid bursts show neither errors nor
  // addresses, so for them the burst threshold alone decides.
  bool hub_wide(const FleetBurst& hub, const std::vector<std::size_t>& inside) const {
    const Thresholds& thresholds = diagnosis_.thresholds();
    const EventStore& store = diagnosis_.store();
    const std::vector<FleetBurst>& sites = diagnosis_.site_bursts();
    const auto at_failed_site = [&](DeviceIndex device) {
      const std::string& ip = store.devices()[device].masked_ip;
      return std::any_of(inside.begin(), inside.end(),
                         [&](std::size_t s) { return !ip.empty() && sites[s].site_ip == ip; });
    };
    double others = 0;
    double snapshot_only = 0;
    for (const DeviceIndex device : hub.devices) {
      if (!at_failed_site(device)) ++others;
      if (store.devices()[device].judged_on_snapshots()) ++snapshot_only;
    }
    const auto devices = static_cast<double>(hub.devices.size());
    if (2 * snapshot_only >= devices) return others >= hub.threshold_devices;
    double others_population = static_cast<double>(hub.population);
    for (const std::size_t s : inside)
      others_population -= static_cast<double>(sites[s].population);
    return devices >= std::max(hub.threshold_devices, thresholds.fleet_wide_min_share *
                                                          static_cast<double>(hub.population)) &&
           others >= std::max(thresholds.burst_min_devices,
                              thresholds.fleet_wide_min_share * others_population);
  }

  void attribute_fleet_events() {
    const Thresholds& thresholds = diagnosis_.thresholds();
    const auto slack = static_cast<Timestamp>(thresholds.burst_window_minutes * kMillisPerMinute);
    const std::vector<FleetBurst>& hubs = diagnosis_.hub_bursts();
    const std::vector<FleetBurst>& sites = diagnosis_.site_bursts();
    // A hub burst that is reported (an incident, or hub-wide) takes the site
    // bursts inside it; any other leaves them standing as sites.
    enum class Fate : std::uint8_t { incident, fleet_wide, left_to_sites };
    std::vector<Fate> fate(hubs.size(), Fate::left_to_sites);
    std::vector<bool> site_stands(sites.size(), true);
    for (std::size_t h = 0; h < hubs.size(); ++h) {
      std::vector<std::size_t> inside;
      for (std::size_t s = 0; s < sites.size(); ++s) {
        if (overlaps(hubs[h], sites[s], slack)) inside.push_back(s);
      }
      if (has_hub_evidence(hubs[h], thresholds))
        fate[h] = Fate::incident;
      else if (hub_wide(hubs[h], inside))
        fate[h] = Fate::fleet_wide;
      else
        continue;
      for (const std::size_t s : inside)
        site_stands[s] = false;
    }
    for (std::size_t h = 0; h < hubs.size(); ++h) {
      if (fate[h] == Fate::incident)
        claim(hubs[h], WindowKind::hub_incident, DropCause::hub_incident);
    }
    for (std::size_t s = 0; s < sites.size(); ++s) {
      if (site_stands[s]) claim(sites[s], WindowKind::site_outage, DropCause::site_outage);
    }
    for (std::size_t h = 0; h < hubs.size(); ++h) {
      if (fate[h] == Fate::fleet_wide)
        claim(hubs[h], WindowKind::fleet_wide_drop, DropCause::fleet_wide_drop);
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
      // On a token-cycling device, a drop whose connection is not known
      // whole (its connect is not in the logs, or a gap in the logs lies
      // inside it) is most likely a cycle whose records were lost.
      if (period && (diagnosis_.recurs(drop, *period) || !diagnosis_.connection_known(drop))) {
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
