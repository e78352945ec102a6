#include <algorithm>
#include <cstdint>

#include <iothub_diag/analysis/connected_count.hpp>
#include <iothub_diag/core/radix_sort.hpp>

namespace iothub_diag {

ConnectedCount::ConnectedCount(const DeviceTimelines& timelines, const EventStore& store,
                               HubIndex hub) {
  // Sized first from the hub's connects and disconnects, an upper bound: grown
  // by doubling, the table and its copy would make the analysis' peak.
  std::size_t most_changes = 0;
  for (DeviceIndex device = 0; device < timelines.device_count(); ++device) {
    if (store.devices()[device].hub != hub) continue;
    for (const StoredEvent& event : timelines.events_of(device))
      if (is_successful_connect(event) || event.operation == Operation::disconnect) ++most_changes;
  }
  // Each change is its time and, in the lowest bit, whether the device came
  // (1) or went (0): one 8-byte number, sorted as such. Within one time the
  // order does not matter, since a step holds the count after all of that time.
  // Times lie within years 1 to 9999 (parse_iso8601), so doubling one cannot overflow.
  std::vector<std::int64_t> changes;
  changes.reserve(most_changes);
  for (DeviceIndex device = 0; device < timelines.device_count(); ++device) {
    if (store.devices()[device].hub != hub) continue;
    bool known = false;
    bool connected = false;
    for (const StoredEvent& event : timelines.events_of(device)) {
      bool now_connected = connected;
      if (is_successful_connect(event))
        now_connected = true;
      else if (event.operation == Operation::disconnect)
        now_connected = false;
      else
        continue;
      if (!known) {
        known = true;
        if (!now_connected) {
          ++initial_;  // its first word is a disconnect: it was connected before the logs begin
          connected = true;
        }
      }
      if (now_connected != connected)
        changes.push_back(std::int64_t{event.time} * 2 + (now_connected ? 1 : 0));
      connected = now_connected;
    }
  }
  radix_sort(changes);
  steps_.reserve(changes.size());  // pages past the last step are never touched
  long count = initial_;
  for (const std::int64_t change : changes) {
    const Timestamp time = change >> 1;  // arithmetic: a time before 1970 stays itself
    count += (change & 1) != 0 ? 1 : -1;
    if (!steps_.empty() && steps_.back().first == time)
      steps_.back().second = count;
    else
      steps_.emplace_back(time, count);
  }
}

long ConnectedCount::at(Timestamp time) const {
  const auto it = std::upper_bound(steps_.begin(), steps_.end(), time,
                                   [](Timestamp t, const auto& step) { return t < step.first; });
  return it == steps_.begin() ? initial_ : std::prev(it)->second;
}

long ConnectedCount::lowest(Timestamp from, Timestamp to) const {
  long low = at(from);
  auto it = std::upper_bound(steps_.begin(), steps_.end(), from,
                             [](Timestamp t, const auto& step) { return t < step.first; });
  for (; it != steps_.end() && it->first <= to; ++it)
    low = std::min(low, it->second);
  return low;
}

}  // namespace iothub_diag
