#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include <iothub_diag/analysis/device_timeline.hpp>

namespace iothub_diag {

// A moment when many more devices of one population dropped together than it
// usually does: a whole hub, or the devices of a hub behind one masked IP (a
// site). Bursts are facts; the attribution stage decides what each one is.
struct FleetBurst {
  HubIndex hub = 0;
  std::string site_ip;                               // the site's masked IP; empty for a hub burst
  std::size_t population = 0;                        // devices of the hub, or of the site
  Timestamp start = 0;                               // first drop
  Timestamp end = 0;                                 // last drop
  std::vector<std::uint32_t> drops;                  // indices into DeviceTimelines::drops()
  std::vector<DeviceIndex> devices;                  // sorted, unique
  double usual_devices_per_window = 0;               // the population's median drops per window
  double threshold_devices = 0;                      // devices this burst had to reach
  std::map<std::int32_t, std::uint64_t> hub_errors;  // hub-side codes near the burst, by code
  std::uint64_t hub_error_total = 0;
  double usual_hub_errors = 0;  // hub-side errors expected in so long a stretch at the usual rate
  std::size_t ip_groups = 0;    // distinct masked IPs among its devices (unknown IPs not counted)
};

// What every burst search of one hub shares: its span and its hub-side errors.
struct HubFacts {
  Timestamp first = INT64_MAX;
  Timestamp last = INT64_MIN;
  std::vector<Timestamp> hub_errors;                           // their times, in order
  std::map<std::int32_t, std::vector<Timestamp>> error_times;  // the same, by code
};

// The facts of every hub of the store, indexed by HubIndex.
std::vector<HubFacts> hub_facts(const EventStore& store);

// Bursts of each hub among the drops marked eligible (drops that recur at their
// own device's period are left out by the caller), in (hub, time) order.
std::vector<FleetBurst> find_hub_bursts(const DeviceTimelines& timelines, const EventStore& store,
                                        const std::vector<HubFacts>& facts,
                                        const std::vector<bool>& eligible,
                                        const Thresholds& thresholds);

// Bursts within each group of a hub's devices behind one masked IP, measured
// against that group's own history, whatever share of the hub it is; in
// (hub, time, IP) order.
std::vector<FleetBurst> find_site_bursts(const DeviceTimelines& timelines, const EventStore& store,
                                         const std::vector<HubFacts>& facts,
                                         const std::vector<bool>& eligible,
                                         const Thresholds& thresholds);

}  // namespace iothub_diag
