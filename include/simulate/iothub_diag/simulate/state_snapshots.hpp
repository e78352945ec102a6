#pragma once

#include <cstdint>
#include <vector>

#include <iothub_diag/core/timestamp.hpp>
#include <iothub_diag/simulate/device_timeline.hpp>
#include <iothub_diag/simulate/simulation.hpp>

namespace iothub_diag::simulate {

// IoT Hub does not publish every connect and disconnect to Event Grid: it takes
// each identity's connection state in periodic snapshots, and publishes one
// event for a snapshot period in which the state changed.
inline constexpr Timestamp kSnapshotPeriod = 60 * kMillisPerSecond;

// One published Microsoft.Devices.DeviceConnected or DeviceDisconnected event.
struct StateSnapshot {
  Timestamp time = 0;          // the end of the window the change happened in
  bool connected = false;      // the state at that moment: DeviceConnected or DeviceDisconnected
  std::uint64_t sequence = 0;  // per identity, strictly increasing
};

// Whether a logged event changed the identity's connection state: a successful
// connect, or a disconnect that closed a link (clean, 404104, 400027). Failed
// connects do not, nor does the 401003 the hub logs beside a token-expiry drop:
// that record is logged up to 30 s away from the one closure, the 404104.
bool changes_connection_state(const ConnectionEvent& event) noexcept;

// The events IoT Hub publishes for one identity. Its windows are
// [span.start + phase + 60 s k, span.start + phase + 60 s (k+1)) with `phase` in
// [0, 60 s). Each window holding at least one state change yields one event at
// its end, whose type is the state there (read from history.connected, so two
// clients swapping one identity stay connected) and whose sequence number
// counts up from `first_sequence`. A drop and a reconnect inside one window
// thus publish a repeated DeviceConnected, and the outage is not seen. Windows
// that end after span.end are not published. In time order.
std::vector<StateSnapshot> state_snapshots(const DeviceHistory& history, TimeWindow span,
                                           Timestamp phase, std::uint64_t first_sequence);

}  // namespace iothub_diag::simulate
