#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include <iothub_diag/core/timestamp.hpp>
#include <iothub_diag/simulate/fleet_plan.hpp>
#include <iothub_diag/simulate/record_format.hpp>
#include <iothub_diag/simulate/simulation.hpp>

namespace iothub_diag::simulate {

// One Connections record to be, before formatting.
struct ConnectionEvent {
  Timestamp time = 0;  // milliseconds; the formatter may drop them
  ConnectionOperation operation = ConnectionOperation::connect;
  std::int32_t code = 0;          // 0: success
  bool duplicate_client = false;  // logged from the second client of a duplicate identity
  // Set: a record of another category (a throttled telemetry send), not a Connections one.
  std::optional<CategoryRecordKind> category;
};

// What happened to one identity over the span, and the counts its labels rest on.
struct DeviceHistory {
  std::vector<ConnectionEvent> events;  // in the order they happened
  std::vector<TimeWindow> connected;
  int token_cycles = 0;                      // connect in the span, then a token-expiry drop
  int token_drops_outside_fleet_events = 0;  // every token-expiry 404104, cycle or not
  int random_drops_outside_fleet_events = 0;
  int scheduled_reconnects = 0;   // clean renewals and reboots
  int identity_swaps = 0;         // 400027 ping-pong steps
  int unauthorized_attempts = 0;  // 401003 connect failures of a storm
  bool went_silent = false;       // a final 404104 with no reconnect
  bool final_drop_outside_fleet_events = false;
  int throttling_drops = 0;  // 404104 right after a 429, outside fleet events
  int idle_cycles = 0;       // connect in the span, then an idle-timeout 404104
};

// Runs one device through the span, event by event: each connection issues a
// token, so a fleet that reconnects together after an incident expires
// together one period later without any fleet-level bookkeeping.
DeviceHistory simulate_device(const DeviceProfile& device, const FleetPlan& plan,
                              const SimulationOptions& options);

// The rule ids the history makes visible (the defaults of `kThresholds` in
// src/analysis/thresholds.cpp, explained in docs/DOMAIN.md sections 2 and 3: at
// least three token cycles, two random drops outside fleet events, three
// scheduled reconnects). `isolated-drops` marks a device with at least one
// unexplained 404104 (outside incidents and outages, and no labeled pattern's:
// a random drop, a final drop, the token drop of a device too short-lived to
// show its period) and fewer than kMinRandomDrops that are not token drops: a
// token's cycles too few to show a period make no random pattern however many.
std::vector<std::string> labels_for(const DeviceProfile& device, const DeviceHistory& history);

}  // namespace iothub_diag::simulate
