#include <algorithm>

#include <iothub_diag/simulate/state_snapshots.hpp>

namespace iothub_diag::simulate {

bool changes_connection_state(const ConnectionEvent& event) noexcept {
  if (event.category) return false;  // a record of another category changes no link
  if (event.operation == ConnectionOperation::connect) return event.code == 0;
  return event.code != 401003;
}

std::vector<StateSnapshot> state_snapshots(const DeviceHistory& history, TimeWindow span,
                                           Timestamp phase, std::uint64_t first_sequence) {
  // Window ends are origin + k * period, k >= 1; the first window holds span.start.
  const Timestamp origin = span.start + phase - kSnapshotPeriod;
  std::vector<Timestamp> window_ends;
  for (const ConnectionEvent& event : history.events) {
    if (event.time < span.start || !changes_connection_state(event)) continue;
    window_ends.push_back(origin + ((event.time - origin) / kSnapshotPeriod + 1) * kSnapshotPeriod);
  }
  std::sort(window_ends.begin(), window_ends.end());
  window_ends.erase(std::unique(window_ends.begin(), window_ends.end()), window_ends.end());

  std::vector<StateSnapshot> snapshots;
  std::uint64_t sequence = first_sequence;
  for (const Timestamp end : window_ends) {
    if (end > span.end) break;
    // The state after every change of the window: the last millisecond before its end.
    snapshots.push_back({end, connected_at(history.connected, end - 1), sequence++});
  }
  return snapshots;
}

}  // namespace iothub_diag::simulate
