#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include <iothub_diag/core/timestamp.hpp>
#include <iothub_diag/simulate/random_stream.hpp>
#include <iothub_diag/simulate/simulation_options.hpp>
#include <iothub_diag/simulate/state_snapshots.hpp>

namespace iothub_diag::simulate {

inline constexpr std::string_view kDeviceConnectedEvent = "Microsoft.Devices.DeviceConnected";
inline constexpr std::string_view kDeviceDisconnectedEvent = "Microsoft.Devices.DeviceDisconnected";

// `data.deviceConnectionStateEventInfo.sequenceNumber` in the layout of the
// service's (64 uppercase hex digits): 16 zeros, `epoch` as a Windows FILETIME
// (100 ns ticks since 1601), `00000002`, then `counter` in 24 digits. The width
// is fixed, so for one epoch the text sorts as the counter does.
std::string format_sequence_number(Timestamp epoch, std::uint64_t counter);

// Builds compact one-line DeviceConnected / DeviceDisconnected events with the
// members, in order, of the captures in test/data/conformance: the Event Grid
// schema (eventgrid-schema-example.json) or CloudEvents 1.0
// (eventgrid-cloudevents-2022.json), as options.schema says. The topic is the
// hub's resource id, `hubName` the hub name in lower case, the time the
// snapshot's with 7 fraction digits, and the sequence number's epoch the span start.
class EventGridFormatter {
 public:
  explicit EventGridFormatter(const SimulationOptions& options);

  // `module_id` is empty for a device identity. `random` draws the event id
  // and the time's digits below the millisecond.
  std::string event(std::string_view device_id, std::string_view module_id,
                    const StateSnapshot& snapshot, RandomStream& random) const;

 private:
  bool cloud_events_;
  std::string topic_;
  std::string hub_name_;
  Timestamp epoch_;
};

}  // namespace iothub_diag::simulate
