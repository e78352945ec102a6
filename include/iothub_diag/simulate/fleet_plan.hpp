#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include <iothub_diag/core/timestamp.hpp>
#include <iothub_diag/simulate/sdk_catalog.hpp>
#include <iothub_diag/simulate/simulation.hpp>
#include <iothub_diag/simulate/simulation_options.hpp>

namespace iothub_diag::simulate {

// Everything fixed about one identity before its timeline runs.
struct DeviceProfile {
  int index = 0;  // position in the fleet; seeds the device's random streams
  std::string device_id;
  std::string module_id;
  DeviceBehavior behavior = DeviceBehavior::healthy;

  SdkFamily family = SdkFamily::dotnet;
  std::string_view sdk_version;
  std::string_view protocol;
  std::string_view auth_type;  // JSON text, or empty for null
  int keep_alive_seconds = 300;

  int token_lifetime_minutes = 0;  // 0 when the hub never closes the link for expiry
  int grace_seconds = 0;
  Timestamp token_period = 0;          // lifetime + grace, in ms; 0 when not a token device
  Timestamp clean_renewal_period = 0;  // SDK-driven clean reconnect, ms; 0 when none
  Timestamp reboot_period = 0;         // scheduled reboot interval, ms; 0 when none
  Timestamp reboot_phase = 0;          // first reboot this long after the span start

  double random_drops_per_day = 0.0;
  int sparse_drops = 0;  // >0: exactly this many drops in the span instead of a rate

  int site = -1;  // index into FleetPlan::site_ips, or -1 for an own address
  std::string masked_ip;
  std::string duplicate_ip;  // the second client's address (duplicate identity only)
};

struct IncidentPlan {
  TimeWindow window;
  double share = 0.5;  // chance that a device connected at the window start is dropped
};

struct SiteOutagePlan {
  TimeWindow window;
  int site = 0;
};

struct FleetPlan {
  TimeWindow span;
  std::vector<DeviceProfile> devices;  // in identity order (dev-0001, dev-0002, ...)
  std::vector<std::string> site_ips;
  std::vector<IncidentPlan> incidents;  // sorted by start, not overlapping
  std::vector<SiteOutagePlan> outages;  // sorted by start, overlapping nothing
};

// Draws the fleet: behaviours, SDKs, addresses, sites, incident and outage windows.
FleetPlan plan_fleet(const SimulationOptions& options);

// Whether a drop of `device` at `time` says nothing about the device itself:
// it falls in an incident of its hub or an outage of its own site, widened by
// the 5 min slack the scorer also allows. Another site's outage excuses nothing.
bool in_fleet_event(const FleetPlan& plan, const DeviceProfile& device, Timestamp time);

}  // namespace iothub_diag::simulate
