#pragma once

#include <string>
#include <vector>

#include <iothub_diag/analysis/fleet_bursts.hpp>

namespace iothub_diag {

// The module ids IoT Edge gives its runtime: a device id with either is a gateway.
inline constexpr std::string_view kEdgeAgentModule = "$edgeAgent";
inline constexpr std::string_view kEdgeHubModule = "$edgeHub";

// A burst among the identities of one IoT Edge gateway (its runtime modules
// and custom modules), with the leaf devices behind it at its masked IP that
// dropped in the same minutes. Facts only; the attribution claims its drops.
struct EdgeRestart {
  FleetBurst burst;                  // hub, site_ip (the gateway's address), drops, devices
  std::string gateway_id;            // the gateway's device id
  std::vector<DeviceIndex> modules;  // the gateway's identities that dropped, sorted
  std::vector<DeviceIndex> leaves;   // other identities at its address that dropped, sorted
};

// Gateway restarts among the drops marked eligible, in (hub, time) order: at
// least edge_min_identities identities of one gateway dropping within
// burst_window_minutes of each other; leaves are the identities of the hub at
// the gateway's masked IP that dropped within that window of them.
std::vector<EdgeRestart> find_edge_restarts(const DeviceTimelines& timelines,
                                            const EventStore& store,
                                            const std::vector<bool>& eligible,
                                            const Thresholds& thresholds);

}  // namespace iothub_diag
