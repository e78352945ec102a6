#pragma once

#include <cstdint>
#include <optional>
#include <span>
#include <vector>

#include <iothub_diag/analysis/thresholds.hpp>
#include <iothub_diag/model/event_store.hpp>
#include <iothub_diag/model/result_codes.hpp>

namespace iothub_diag {

// One `404104` disconnect and the facts around it on its device. For a device
// seen only in Event Grid, a disconnect snapshot (whatever its reason), or a
// connect snapshot repeated with no disconnect between (a drop and reconnect
// inside one 60-second snapshot).
struct Drop {
  Timestamp time = 0;
  DeviceIndex device = kNoDevice;
  // The last successful connect since the device's previous disconnect: the
  // token in use was issued then. Unknown when that connect is not in the logs.
  std::optional<Timestamp> connected_since;
  // The first successful connect after the drop.
  std::optional<Timestamp> reconnected_at;
  bool unauthorized_nearby = false;  // a 401003 within the configured window
  bool link_conflict_after = false;  // a 409002 right after: a side effect of the reconnect
  bool throttled_before = false;     // a 429xxx of the device within the throttling margin before
  bool reconnect_hidden = false;     // the reconnect fell inside the same snapshot

  // Whether a disconnect was seen: a 404104, or a disconnect snapshot. A drop
  // made of two connected snapshots in a row was not: its reconnect is its time.
  bool disconnect_seen() const { return !(reconnect_hidden && reconnected_at == time); }

  std::optional<Timestamp> connected_duration() const {
    if (!connected_since) return std::nullopt;
    return time - *connected_since;
  }
  // Unknown when the reconnect is not in the logs or hid inside one snapshot.
  std::optional<Timestamp> reconnect_delay() const {
    if (!reconnected_at || reconnect_hidden) return std::nullopt;
    return *reconnected_at - time;
  }
};

// Per-device histories rebuilt from the time-sorted store. A device that has
// connection events in the resource logs is judged on those alone: its Event
// Grid snapshots would repeat the same changes, later and coarser.
class DeviceTimelines {
 public:
  DeviceTimelines(const EventStore& store, const Thresholds& thresholds);

  std::size_t device_count() const noexcept { return events_by_device_.size(); }
  // Every 404104 drop, in time order, across the fleet.
  std::vector<Drop>& drops() noexcept { return drops_; }
  const std::vector<Drop>& drops() const noexcept { return drops_; }
  // Indices into drops() for one device, in time order.
  std::span<const std::uint32_t> drops_of(DeviceIndex device) const {
    return std::span<const std::uint32_t>(drops_by_device_)
        .subspan(drop_offsets_[device], drop_offsets_[device + 1] - drop_offsets_[device]);
  }
  // Events of one device, in time order, from the one source it is judged on.
  std::span<const StoredEvent> events_of(DeviceIndex device) const {
    return events_by_device_[device];
  }

 private:
  // Each device's events: its run of the store's table, or, for a device whose
  // Event Grid snapshots are set aside, its run of `filtered_`.
  std::vector<std::span<const StoredEvent>> events_by_device_;
  std::vector<StoredEvent> filtered_;
  std::vector<Drop> drops_;
  std::vector<std::uint32_t> drops_by_device_;  // indices into drops_ ordered by (device, time)
  std::vector<std::uint32_t> drop_offsets_;     // device d's: [offsets[d], offsets[d+1])
};

// True for a connect that succeeded (resource logs: no code; Event Grid: any connect).
// Inline, as is_drop: the timelines and four rules ask it of every event.
inline bool is_successful_connect(const StoredEvent& event) noexcept {
  return event.operation == Operation::connect && event.code == 0 && event.level != Level::error;
}

// True for a 404104 disconnect, the event this tool diagnoses, or an Event
// Grid disconnect snapshot, which is all Event Grid says of one.
inline bool is_drop(const StoredEvent& event) noexcept {
  return event.operation == Operation::disconnect &&
         (event.code == codes::kDeviceConnectionClosedRemotely || event.from_state_snapshot);
}

}  // namespace iothub_diag
