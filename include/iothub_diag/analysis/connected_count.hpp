#pragma once

#include <utility>
#include <vector>

#include <iothub_diag/analysis/device_timeline.hpp>

namespace iothub_diag {

// The connected-device count over time, rebuilt from connect and disconnect
// events (the hub's own metric cannot be exported with diagnostic settings).
// A device whose first connection event is a disconnect was connected at the start.
// Each hub has its own.
class ConnectedCount {
 public:
  // The count of one hub's devices.
  ConnectedCount(const DeviceTimelines& timelines, const EventStore& store, HubIndex hub);

  // Devices connected just after every event at or before `time`.
  long at(Timestamp time) const;
  // The lowest count within [from, to].
  long lowest(Timestamp from, Timestamp to) const;
  // The count before the first change, and every change as (time, count after it), in time order.
  long initial() const noexcept { return initial_; }
  const std::vector<std::pair<Timestamp, long>>& steps() const noexcept { return steps_; }

 private:
  long initial_ = 0;
  std::vector<std::pair<Timestamp, long>> steps_;  // (time, count after the events at that time)
};

}  // namespace iothub_diag
