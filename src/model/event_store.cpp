#include <algorithm>
#include <numeric>
#include <tuple>

#include <iothub_diag/model/event_store.hpp>

namespace iothub_diag {
namespace {

bool is_relevant(const Event& event) {
  return event.operation != Operation::other || event.code != 0;
}

// Two records are the same record when their fingerprints match. A connection
// event or an error of one device is identified by what the analysis reads of
// it (time, identity, operation, code), so an export that left out columns
// (Category, ResultDescription, CorrelationId: a "displayed columns" CSV)
// still matches the full record; any other record only when every field matches.
std::uint64_t fingerprint_of(const Event& event) {
  std::uint64_t hash =
      hash_combine(static_cast<std::uint64_t>(event.time), static_cast<std::uint64_t>(event.code));
  hash = hash_combine(hash, static_cast<std::uint64_t>(event.from_state_snapshot));
  hash = hash_bytes(event.device_id, hash_bytes(event.module_id, hash));
  hash = hash_bytes(event.operation_name, hash);
  if (!event.device_id.empty() && is_relevant(event)) return hash;
  hash = hash_combine(hash, static_cast<std::uint64_t>(event.level));
  for (const std::string_view field :
       {event.category, event.result_description, event.protocol, event.sdk_version,
        event.masked_ip, event.auth_type, event.correlation_id}) {
    hash = hash_bytes(field, hash);
  }
  return hash;
}

// Keeps the value seen at the latest time; equal times keep the larger value.
void keep_latest(std::string& value, Timestamp& value_time, std::string_view candidate,
                 Timestamp time) {
  if (candidate.empty()) return;
  if (time > value_time || (time == value_time && candidate > value)) {
    value.assign(candidate);
    value_time = time;
  }
}

}  // namespace

DeviceIndex EventStore::intern(const Event& event) {
  if (event.device_id.empty()) return kNoDevice;
  // The id's length first: ids may hold any byte, so no separator alone keeps
  // ("a\0", "") apart from ("a", "\0").
  key_buffer_.assign(std::to_string(event.device_id.size()));
  key_buffer_.push_back(':');
  key_buffer_.append(event.device_id);
  key_buffer_.append(event.module_id);
  const auto [it, inserted] =
      device_index_.try_emplace(key_buffer_, static_cast<DeviceIndex>(devices_.size()));
  if (inserted) {
    DeviceInfo info;
    info.device_id.assign(event.device_id);
    info.module_id.assign(event.module_id);
    devices_.push_back(std::move(info));
  }
  return it->second;
}

void EventStore::on_event(const Event& event, const SourceLocation& /*location*/) {
  // A repeat still lends the device what it knows: a copy from an export with
  // fewer columns may be read first, and attributes must not depend on that order.
  const bool repeat = options_.drop_duplicates && !seen_.insert(fingerprint_of(event));
  const DeviceIndex device = intern(event);
  if (device != kNoDevice) {
    DeviceInfo& info = devices_[device];
    // A disconnect snapshot says the device was gone by then, not that it was around.
    if (!(event.from_state_snapshot && event.operation == Operation::disconnect))
      info.last_seen = std::max(info.last_seen, event.time);
    keep_latest(info.protocol, info.protocol_time, event.protocol, event.time);
    keep_latest(info.sdk_version, info.sdk_version_time, event.sdk_version, event.time);
    keep_latest(info.masked_ip, info.masked_ip_time, event.masked_ip, event.time);
    keep_latest(info.auth_type, info.auth_type_time, event.auth_type, event.time);
    if (event.operation != Operation::other) {
      (event.from_state_snapshot ? info.snapshot_connections : info.logged_connections) = true;
    }
  }
  if (repeat) {
    ++stats_.duplicates;
    return;
  }
  ++stats_.records;
  stats_.first_event = std::min(stats_.first_event, event.time);
  stats_.last_event = std::max(stats_.last_event, event.time);
  if (event.code != 0) ++stats_.codes[event.code];
  if (event.from_state_snapshot) ++stats_.state_snapshot_events;
  if (is_relevant(event)) {
    events_.push_back(StoredEvent{event.time, device, event.code, event.operation, event.level,
                                  event.from_state_snapshot});
  }
}

void EventStore::on_skip(SkipReason reason, const SourceLocation& location,
                         std::string_view detail) {
  ++stats_.skipped;
  ++stats_.skipped_reasons[reason];
  if (stats_.skip_samples.size() < options_.max_skip_samples) {
    stats_.skip_samples.push_back(
        SkipSample{format_location(location), reason, std::string(detail)});
  }
}

void EventStore::on_file_problem(SkipReason reason, std::string_view file,
                                 std::string_view detail) {
  on_skip(reason, SourceLocation{file, 0, 0}, detail);
}

void EventStore::finalize() {
  // Renumber devices in id order so that indices, and everything built on
  // them, are the same whatever order the files were read in.
  std::vector<DeviceIndex> order(devices_.size());
  std::iota(order.begin(), order.end(), DeviceIndex{0});
  std::sort(order.begin(), order.end(), [&](DeviceIndex a, DeviceIndex b) {
    return std::tie(devices_[a].device_id, devices_[a].module_id) <
           std::tie(devices_[b].device_id, devices_[b].module_id);
  });
  std::vector<DeviceIndex> new_index(devices_.size());
  std::vector<DeviceInfo> sorted;
  sorted.reserve(devices_.size());
  for (DeviceIndex position = 0; position < order.size(); ++position) {
    new_index[order[position]] = position;
    sorted.push_back(std::move(devices_[order[position]]));
  }
  devices_ = std::move(sorted);
  device_index_ = {};  // release the buckets too
  for (StoredEvent& event : events_) {
    if (event.device != kNoDevice) event.device = new_index[event.device];
  }
  std::sort(events_.begin(), events_.end(), [](const StoredEvent& a, const StoredEvent& b) {
    return std::tie(a.time, a.device, a.operation, a.code, a.level, a.from_state_snapshot) <
           std::tie(b.time, b.device, b.operation, b.code, b.level, b.from_state_snapshot);
  });
}

}  // namespace iothub_diag
