#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include <iothub_diag/analysis/device_timeline.hpp>

namespace iothub_diag {

// A moment when many more devices dropped together than the fleet usually
// does, with the facts that tell its look-alikes apart.
struct FleetBurst {
  Timestamp start = 0;                               // first drop
  Timestamp end = 0;                                 // last drop
  std::vector<std::uint32_t> drops;                  // indices into DeviceTimelines::drops()
  std::vector<DeviceIndex> devices;                  // sorted, unique
  double usual_devices_per_window = 0;               // the fleet's median drops per burst window
  double threshold_devices = 0;                      // devices this burst had to reach
  std::map<std::int32_t, std::uint64_t> hub_errors;  // hub-side codes near the burst, by code
  std::uint64_t hub_error_total = 0;
  double usual_hub_errors = 0;  // hub-side errors expected in so long a stretch at the usual rate
  std::string common_ip;        // the masked IP most of its devices share, if any
  std::size_t common_ip_devices = 0;
};

// Finds bursts among the drops marked eligible (drops already explained, or
// that recur at their own device's period, are left out by the caller).
std::vector<FleetBurst> find_fleet_bursts(const DeviceTimelines& timelines, const EventStore& store,
                                          const std::vector<bool>& eligible,
                                          const Thresholds& thresholds);

}  // namespace iothub_diag
