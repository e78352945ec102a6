#include <algorithm>
#include <cmath>

#include <iothub_diag/analysis/device_timeline.hpp>
#include <iothub_diag/core/radix_sort.hpp>
#include <iothub_diag/model/result_codes.hpp>

namespace iothub_diag {

namespace {

// The first successful connect after the drop at `events[at]`, if it comes before the next drop.
void find_reconnect(std::span<const StoredEvent> events, std::size_t at, Drop& drop) {
  for (std::size_t j = at + 1; j < events.size(); ++j) {
    if (is_successful_connect(events[j])) {
      drop.reconnected_at = events[j].time;
      return;
    }
    if (is_drop(events[j])) {
      // Two disconnect snapshots in a row: the device was back, briefly, within the second.
      if (events[j].from_state_snapshot) {
        drop.reconnected_at = events[j].time;
        drop.reconnect_hidden = true;
      }
      return;
    }
  }
}

// Time order, then device order, each device's drops of one time kept in the
// order they were built. The drops come device by device, so a stable sort by
// time alone gives that order. Sorted as 16-byte keys (a radix sort: a few
// passes, not a comparison sort's n log n), then gathered into a new vector in
// key order. Permuting them in place instead spares that copy, but walks each
// cycle of the permutation one dependent cache miss at a time: over 96 hours
// of a 50,000-device fleet (610,000 drops) it took 0.11 s where the gather
// takes 0.06 s, and the copy does not raise the run's peak, which the reading
// sets (docs/ARCHITECTURE.md, "Why not X").
void sort_by_time(std::vector<Drop>& drops) {
  struct Key {
    Timestamp time;
    std::uint32_t index;
  };
  std::vector<Key> keys(drops.size());
  for (std::uint32_t i = 0; i < drops.size(); ++i)
    keys[i] = Key{drops[i].time, i};
  radix_sort_by(keys, [](const Key& key) { return key.time; });
  std::vector<Drop> sorted;
  sorted.reserve(drops.size());
  for (const Key& key : keys)
    sorted.push_back(drops[key.index]);
  drops = std::move(sorted);
}

// The windows around a drop in which a 401003, a 409002 or a 429xxx counts.
struct NearbyWindows {
  Timestamp unauthorized = 0;
  Timestamp throttling = 0;
};

// Times of the device's 401003, 409002 and 429xxx: kept between devices so
// that their memory is allocated once per thread, not once per device.
struct NearbyCodes {
  std::vector<Timestamp> unauthorized;
  std::vector<Timestamp> conflicts;
  std::vector<Timestamp> throttled;
};

// Appends the drops of one device to `drops`, in time order.
void find_drops(DeviceIndex device, std::span<const StoredEvent> events,
                const NearbyWindows& windows, NearbyCodes& nearby, std::vector<Drop>& drops) {
  const std::size_t first_drop = drops.size();
  std::optional<Timestamp> last_connect;
  bool snapshot_connected = false;  // the last Event Grid snapshot said "connected"
  for (std::size_t i = 0; i < events.size(); ++i) {
    const StoredEvent& event = events[i];
    if (is_successful_connect(event)) {
      if (event.from_state_snapshot && snapshot_connected) {
        // Connected twice in a row: a drop and its reconnect fell in one snapshot.
        Drop drop;
        drop.time = event.time;
        drop.device = device;
        drop.connected_since = last_connect;
        drop.reconnected_at = event.time;
        drop.reconnect_hidden = true;
        drops.push_back(drop);
      }
      snapshot_connected = event.from_state_snapshot;
      last_connect = event.time;
      continue;
    }
    if (event.operation != Operation::disconnect) continue;
    snapshot_connected = false;
    if (!is_drop(event)) {
      // A clean disconnect ends the session; an error one (a 401003 logged as
      // a disconnect, say) is part of the same teardown as the 404104.
      if (event.code == 0) last_connect.reset();
      continue;
    }
    Drop drop;
    drop.time = event.time;
    drop.device = device;
    drop.connected_since = last_connect;
    last_connect.reset();
    find_reconnect(events, i, drop);
    drops.push_back(drop);
  }
  if (drops.size() == first_drop) return;
  // 401003 and 409002 around each drop, looked up by time (a scan of every
  // event near every drop would be quadratic when thousands share a second).
  nearby.unauthorized.clear();
  nearby.conflicts.clear();
  nearby.throttled.clear();
  for (const StoredEvent& event : events) {
    if (event.code == codes::kIotHubUnauthorized) nearby.unauthorized.push_back(event.time);
    if (event.code == codes::kLinkCreationConflict) nearby.conflicts.push_back(event.time);
    if (is_throttling_error(event.code)) nearby.throttled.push_back(event.time);
  }
  const auto any_within = [](const std::vector<Timestamp>& times, Timestamp from, Timestamp to) {
    const auto it = std::lower_bound(times.begin(), times.end(), from);
    return it != times.end() && *it <= to;
  };
  for (std::size_t k = first_drop; k < drops.size(); ++k) {
    Drop& drop = drops[k];
    drop.unauthorized_nearby = any_within(nearby.unauthorized, drop.time - windows.unauthorized,
                                          drop.time + windows.unauthorized);
    drop.link_conflict_after =
        any_within(nearby.conflicts, drop.time, drop.time + windows.unauthorized);
    drop.throttled_before = any_within(nearby.throttled, drop.time - windows.throttling, drop.time);
  }
}

}  // namespace

DeviceTimelines::DeviceTimelines(const EventStore& store, const Thresholds& thresholds) {
  const std::vector<DeviceInfo>& infos = store.devices();
  const std::size_t devices = infos.size();
  // The store holds each device's events as one run, in time order. A device
  // that also has resource-log connection events is judged on those: its run
  // without the Event Grid snapshots is copied aside.
  const auto judged = [&](const StoredEvent& event) {
    return !(event.from_state_snapshot && infos[event.device].logged_connections);
  };
  const auto has_both_sources = [&](DeviceIndex device) {
    return infos[device].snapshot_connections && infos[device].logged_connections;
  };
  std::size_t filtered_size = 0;
  for (DeviceIndex device = 0; device < devices; ++device) {
    if (!has_both_sources(device)) continue;
    const std::span<const StoredEvent> run = store.events_of(device);
    filtered_size += static_cast<std::size_t>(std::count_if(run.begin(), run.end(), judged));
  }
  filtered_.reserve(filtered_size);  // never grows: the views below stay valid
  events_by_device_.resize(devices);
  for (DeviceIndex device = 0; device < devices; ++device) {
    const std::span<const StoredEvent> run = store.events_of(device);
    if (!has_both_sources(device)) {
      events_by_device_[device] = run;
      continue;
    }
    const std::size_t first = filtered_.size();
    std::copy_if(run.begin(), run.end(), std::back_inserter(filtered_), judged);
    events_by_device_[device] =
        std::span<const StoredEvent>(filtered_.data() + first, filtered_.size() - first);
  }
  // Room for every drop at once: each is a 404104 disconnect of a device (one
  // of the ledger's drops) or made of an Event Grid snapshot (at most one each).
  const std::size_t most_drops = static_cast<std::size_t>(store.stats().ledger_404104.drops +
                                                          store.stats().state_snapshot_events);

  const NearbyWindows windows{
      static_cast<Timestamp>(thresholds.unauthorized_window_seconds * kMillisPerSecond),
      static_cast<Timestamp>(thresholds.throttling_margin_seconds * kMillisPerSecond)};
  std::vector<Drop> drops;
  drops.reserve(most_drops);
  NearbyCodes nearby;
  for (DeviceIndex device = 0; device < devices; ++device)
    find_drops(device, events_of(device), windows, nearby, drops);
  sort_by_time(drops);
  drops_ = std::move(drops);
  // Counting sort again: each device's drop indices, in time order.
  drop_offsets_.assign(devices + 1, 0);
  for (const Drop& drop : drops_)
    ++drop_offsets_[drop.device + 1];
  for (std::size_t d = 0; d < devices; ++d)
    drop_offsets_[d + 1] += drop_offsets_[d];
  drops_by_device_.resize(drops_.size());
  std::vector<std::uint32_t> next(drop_offsets_.begin(), drop_offsets_.end() - 1);
  for (std::uint32_t index = 0; index < drops_.size(); ++index)
    drops_by_device_[next[drops_[index].device]++] = index;
}

}  // namespace iothub_diag
