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

// What an identity is to an IoT Edge gateway; the order is the order they come
// back in after a restart ($edgeAgent starts $edgeHub, which serves the rest).
enum class EdgeRole : std::uint8_t { none, agent, hub, module, leaf };

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

  int gateway = -1;  // the IoT Edge gateway it belongs to or sits behind, or -1
  EdgeRole edge_role = EdgeRole::none;
  double throttles_per_day = 0.0;  // throttled devices only
  // A token device that, at one of its expiries in the span's middle, stops for good.
  bool dies_at_expiry = false;
};

struct IncidentPlan {
  TimeWindow window;
  double share = 0.5;  // chance that a device connected at the window start is dropped
};

struct SiteOutagePlan {
  TimeWindow window;
  int site = 0;
};

// A restart of one gateway: its identities drop at `time`, $edgeAgent is back
// at `agent_back`, $edgeHub at `hub_back`, modules and leaves after it.
struct EdgeRestartPlan {
  TimeWindow window;  // [time, time + the seconds its identities take to drop)
  int gateway = 0;
  Timestamp agent_back = 0;
  Timestamp hub_back = 0;
};

struct FleetPlan {
  TimeWindow span;
  std::vector<DeviceProfile> devices;  // in identity order (dev-0001, dev-0002, ...)
  std::vector<std::string> site_ips;
  std::vector<IncidentPlan> incidents;         // sorted by start, not overlapping
  std::vector<SiteOutagePlan> outages;         // sorted by start, overlapping nothing
  std::vector<std::string> gateway_ids;        // by gateway index
  std::vector<EdgeRestartPlan> edge_restarts;  // sorted by start
};

// Draws the fleet: behaviours, SDKs, addresses, sites, incident and outage windows.
FleetPlan plan_fleet(const SimulationOptions& options);

// Whether a drop of `device` at `time` says nothing about the device itself:
// it falls in an incident of its hub, an outage of its own site or a restart
// of its own gateway, widened by the 5 min slack the scorer also allows.
// Another site's outage excuses nothing.
bool in_fleet_event(const FleetPlan& plan, const DeviceProfile& device, Timestamp time);

}  // namespace iothub_diag::simulate
