#include <algorithm>
#include <array>
#include <numeric>
#include <span>
#include <stdexcept>
#include <tuple>

#include <iothub_diag/core/ascii.hpp>
#include <iothub_diag/core/side_by_side.hpp>
#include <iothub_diag/model/event_store.hpp>
#include <iothub_diag/model/result_codes.hpp>

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
std::uint64_t fingerprint_of(const Event& event, std::uint64_t identity_hash) {
  std::uint64_t hash =
      hash_combine(static_cast<std::uint64_t>(event.time), static_cast<std::uint64_t>(event.code));
  hash = hash_combine(hash, static_cast<std::uint64_t>(event.from_state_snapshot));
  hash = hash_combine(hash, identity_hash);
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

// Seeds the hash of a hub's key (any constant but 0 does).
constexpr std::uint64_t kHubSeed = 0x9e3779b97f4a7c15ULL;

// The hash of an identity (hub, device id, module id), the hub by its
// HubInfo::seed. Each id's length enters the hash, so ("a\0", "") and
// ("a", "\0") differ.
std::uint64_t identity_hash_of(const HubInfo& hub, std::string_view device_id,
                               std::string_view module_id) {
  return hash_bytes(device_id,
                    module_id.empty() ? hub.device_seed : hash_bytes(module_id, hub.seed));
}

// Whether `candidate`, seen at `time`, replaces the value seen at `value_time`:
// the latest wins; equal times keep the larger value.
bool is_later(std::string_view candidate, Timestamp time, std::string_view value,
              Timestamp value_time) {
  if (candidate.empty()) return false;
  return time > value_time || (time == value_time && candidate > value);
}

// Keeps the value seen at the latest time (is_later).
void keep_latest(std::string& value, Timestamp& value_time, std::string_view candidate,
                 Timestamp time) {
  if (!is_later(candidate, time, value, value_time)) return;
  // Most often the device says again what it said before: no copy.
  if (!same_text(candidate, value)) value.assign(candidate);
  value_time = time;
}

// The same for a text kept in `pool`.
void keep_latest(std::string_view& value, Timestamp& value_time, std::string_view candidate,
                 Timestamp time, TextPool& pool) {
  if (!is_later(candidate, time, value, value_time)) return;
  // Most often the device says again what it said before: no lookup.
  if (!same_text(candidate, value)) value = pool.intern(candidate);
  value_time = time;
}

// What two records of one identity know, together: `kept` takes `other`'s
// attributes where they are later, and its sources of connection events.
// `pool` holds kept's texts.
void absorb(DeviceInfo& kept, const DeviceInfo& other, TextPool& pool) {
  kept.last_seen = std::max(kept.last_seen, other.last_seen);
  keep_latest(kept.protocol, kept.protocol_time, other.protocol, other.protocol_time, pool);
  keep_latest(kept.sdk_version, kept.sdk_version_time, other.sdk_version, other.sdk_version_time,
              pool);
  keep_latest(kept.masked_ip, kept.masked_ip_time, other.masked_ip, other.masked_ip_time);
  keep_latest(kept.auth_type, kept.auth_type_time, other.auth_type, other.auth_type_time, pool);
  kept.logged_connections = kept.logged_connections || other.logged_connections;
  kept.snapshot_connections = kept.snapshot_connections || other.snapshot_connections;
}

// Starts loading every cache line of a device's row: intern() compares its
// identity, absorb() its attributes.
void prefetch_row(const DeviceInfo& info) {
  const char* const start = reinterpret_cast<const char*>(&info);
  for (std::size_t offset = 0; offset < sizeof(DeviceInfo); offset += 64)
    __builtin_prefetch(start + offset);
}

void lower_into(std::string& out, std::string_view text) {
  out.resize(text.size());
  std::transform(text.begin(), text.end(), out.begin(), ascii_lower);
}

// A device's events of one time: disconnects, then other records, then connects.
int same_time_rank(Operation operation) {
  switch (operation) {
    case Operation::disconnect:
      return 0;
    case Operation::other:
      return 1;
    case Operation::connect:
      return 2;
  }
  return 1;
}

// A device's place in the (hub, id, module) order, as far as its hub and the
// first 16 bytes of its id tell: the bytes read big-endian, so that integers
// compare as the bytes do (unsigned), and zeros past a short id's end.
struct DeviceSortKey {
  HubIndex hub = 0;
  DeviceIndex device = 0;
  std::uint64_t id_start = 0;
  std::uint64_t id_next = 0;
};

std::uint64_t big_endian_word(std::string_view bytes, std::size_t at) {
  std::uint64_t word = 0;
  for (std::size_t i = 0; i < sizeof word; ++i) {
    const std::size_t index = at + i;
    const auto byte = index < bytes.size() ? static_cast<unsigned char>(bytes[index]) : 0u;
    word = (word << 8) | byte;
  }
  return word;
}

DeviceSortKey sort_key_of(const DeviceInfo& info, DeviceIndex device) {
  return DeviceSortKey{info.hub, device, big_endian_word(info.device_id, 0),
                       big_endian_word(info.device_id, 8)};
}

// Keeps `region` as the hub's when it has none, or when it comes first.
void keep_region(HubInfo& hub, std::string_view region) {
  if (!region.empty() && (hub.region.empty() || region < hub.region)) hub.region.assign(region);
}

// Counts `other`'s records, and its span, as `hub`'s too.
void add_records(HubInfo& hub, const HubInfo& other) {
  hub.records += other.records;
  hub.first_record = std::min(hub.first_record, other.first_record);
  hub.last_record = std::max(hub.last_record, other.last_record);
  keep_region(hub, other.region);
}

bool same_connection_event(const StoredEvent& a, const StoredEvent& b) {
  return a.time == b.time && a.device == b.device && a.operation == b.operation &&
         a.code == b.code && a.from_state_snapshot == b.from_state_snapshot;
}

}  // namespace

HubIndex EventStore::intern_hub(std::string_view name) {
  // Records come in long runs from one hub: check the last one first.
  static constexpr HubIndex kNone = UINT16_MAX;
  if (last_hub_ != kNone && name == last_hub_name_) return last_hub_;
  lower_into(hub_key_buffer_, name);
  HubIndex hub = 0;
  while (hub < hubs_.size() && hubs_[hub].key != hub_key_buffer_)
    ++hub;
  if (hub == hubs_.size()) {
    // The hub table holds at most 65,535 names; beyond that records join the last one.
    if (hubs_.size() == kNone) {
      hub = static_cast<HubIndex>(hubs_.size() - 1);
    } else {
      HubInfo& added = hubs_.emplace_back();
      added.name = name;
      added.key = hub_key_buffer_;
      added.seed = hash_bytes(hub_key_buffer_, kHubSeed);
      added.device_seed = hash_bytes(std::string_view(), added.seed);
    }
  }
  // Spellings differ (`IOT-DEMO` in a resource id, `iot-demo` in hubName): show
  // the smallest, so the name does not depend on which file came first.
  if (std::string_view(hubs_[hub].name) > name) hubs_[hub].name.assign(name);
  last_hub_ = hub;
  last_hub_name_.assign(name);
  return hub;
}

DeviceIndex EventStore::intern(std::string_view device_id, std::string_view module_id, HubIndex hub,
                               std::uint64_t identity_hash) {
  const auto [index, inserted] = device_index_.find_or_insert(
      identity_hash, static_cast<DeviceIndex>(devices_.size()), [&](DeviceIndex candidate) {
        const DeviceInfo& info = devices_[candidate];
        return info.hub == hub && same_text(info.device_id, device_id) &&
               same_text(info.module_id, module_id);
      });
  if (inserted) {
    DeviceInfo& info = devices_.emplace_back();
    info.hub = hub;
    info.device_id.assign(device_id);
    info.module_id.assign(module_id);
    if (options_.mergeable) device_hashes_.push_back(identity_hash);
  }
  return index;
}

void EventStore::expect_event(const Event& event) {
  if (last_hub_ == UINT16_MAX || event.hub != last_hub_name_) return;
  const std::uint64_t identity_hash =
      identity_hash_of(hubs_[last_hub_], event.device_id, event.module_id);
  if (!event.device_id.empty()) device_index_.prefetch(identity_hash);
  if (options_.drop_duplicates && !options_.mergeable)
    seen_.prefetch(fingerprint_of(event, identity_hash));
}

void EventStore::on_event(const Event& event, const SourceLocation& /*location*/) {
  add_events_taken(1);
  const HubIndex hub = intern_hub(event.hub);
  const std::uint64_t identity_hash =
      identity_hash_of(hubs_[hub], event.device_id, event.module_id);
  // Neither table's slot is likely in cache: start loading the device's while
  // the fingerprint is computed, and the fingerprint's while the device is looked up.
  device_index_.prefetch(identity_hash);
  const std::uint64_t fingerprint = fingerprint_of(event, identity_hash);
  if (options_.drop_duplicates && !options_.mergeable) seen_.prefetch(fingerprint);
  const DeviceIndex device = event.device_id.empty()
                                 ? kNoDevice
                                 : intern(event.device_id, event.module_id, hub, identity_hash);
  // A repeat still lends the device what it knows: a copy from an export with
  // fewer columns may be read first, and attributes must not depend on that order.
  if (device != kNoDevice) {
    DeviceInfo& info = devices_[device];
    // A disconnect snapshot says the device was gone by then, not that it was around.
    if (!(event.from_state_snapshot && event.operation == Operation::disconnect))
      info.last_seen = std::max(info.last_seen, event.time);
    // A back-end call about the device names the service's SDK, protocol and IP.
    if (!made_by_service(event.category)) {
      keep_latest(info.protocol, info.protocol_time, event.protocol, event.time, device_texts_);
      keep_latest(info.sdk_version, info.sdk_version_time, event.sdk_version, event.time,
                  device_texts_);
      keep_latest(info.masked_ip, info.masked_ip_time, event.masked_ip, event.time);
      keep_latest(info.auth_type, info.auth_type_time, event.auth_type, event.time, device_texts_);
    }
    if (event.operation != Operation::other) {
      (event.from_state_snapshot ? info.snapshot_connections : info.logged_connections) = true;
    }
    bound_device_texts();
  }
  // A mergeable store leaves repeats, even of its own records, to merge(): one
  // filter for the whole input costs less than one per piece and one more to merge them.
  if (options_.drop_duplicates && !options_.mergeable && !seen_.insert(fingerprint)) {
    ++stats_.duplicates;
    return;
  }
  ++stats_.records;
  HubInfo& hub_info = hubs_[hub];
  if (!event.location.empty() && !same_text(event.location, hub_info.region))
    keep_region(hub_info, event.location);
  ++hub_info.records;
  hub_info.first_record = std::min(hub_info.first_record, event.time);
  hub_info.last_record = std::max(hub_info.last_record, event.time);
  stats_.first_event = std::min(stats_.first_event, event.time);
  stats_.last_event = std::max(stats_.last_event, event.time);
  if (event.code != 0) ++stats_.codes[event.code];
  if (event.from_state_snapshot) ++stats_.state_snapshot_events;
  if (is_relevant(event)) {
    events_.push_back(StoredEvent{event.time, device, event.code, hub, event.operation, event.level,
                                  event.from_state_snapshot});
    if (options_.mergeable) event_fingerprints_.push_back(fingerprint);
  } else if (options_.mergeable) {
    other_fingerprints_.push_back(OtherRecord{fingerprint, hub});
  }
}

// A device's texts change rarely, but a log could give one device a new SDK
// text in every record. The pool then keeps only the texts rows still point
// to, each time it holds more than twice as many as three a device: the memory
// follows the devices, not the records, and each record pays O(1) for it.
void EventStore::bound_device_texts() {
  static constexpr std::size_t kTextsPerDevice = 3;  // protocol, SDK version, auth type
  static constexpr std::size_t kSlack = 4096;
  if (device_texts_.size() <= 2 * kTextsPerDevice * devices_.size() + kSlack) return;
  TextPool kept;
  for (DeviceInfo& info : devices_) {
    info.protocol = kept.intern(info.protocol);
    info.sdk_version = kept.intern(info.sdk_version);
    info.auth_type = kept.intern(info.auth_type);
  }
  device_texts_ = std::move(kept);
}

void EventStore::expect_input_bytes(std::uint64_t bytes) {
  // A log record is rarely under 256 bytes; reserved but unwritten pages are never resident.
  events_.reserve(events_.size() + static_cast<std::size_t>(bytes / 256));
  // The duplicate filter is written all over, so it is sized for records of
  // 512 bytes (resource logs' are 400 to 700) and grows by half beyond. Sized for
  // fewer, it would grow twice on such logs, copying itself each time, and end larger.
  if (options_.drop_duplicates && !options_.mergeable)
    seen_.reserve(seen_.size() + static_cast<std::size_t>(bytes / 512));
}

// Takes `later`'s tables whole when this store has read nothing yet, which
// saves copying the first (or only) piece of the input. A mergeable `later`
// has not removed its own repeats: it goes through merge() to have them removed.
bool EventStore::adopt_if_empty(EventStore& later) {
  if (!hubs_.empty() || !devices_.empty() || !events_.empty() || stats_.files != 0 ||
      stats_.skipped != 0 || !stats_.notes.empty() || !stats_.cut_inputs.empty() ||
      !stats_.platform.empty() || options_.mergeable || later.options_.mergeable ||
      options_.drop_duplicates != later.options_.drop_duplicates)
    return false;
  stats_ = std::move(later.stats_);
  if (stats_.skip_samples.size() > options_.max_skip_samples)
    stats_.skip_samples.resize(options_.max_skip_samples);
  devices_ = std::move(later.devices_);
  device_texts_ = std::move(later.device_texts_);
  hubs_ = std::move(later.hubs_);
  last_hub_ = UINT16_MAX;
  last_hub_name_.clear();
  device_index_ = std::move(later.device_index_);
  if (events_.capacity() > later.events_.size()) {
    events_.assign(later.events_.begin(), later.events_.end());
  } else {
    events_ = std::move(later.events_);
  }
  seen_ = std::move(later.seen_);
  later.clear();
  return true;
}

void EventStore::merge(EventStore&& later, std::uint64_t lines_before) {
  add_events_taken(later.events_taken());
  if (lines_before != 0) {
    for (SkipSample& sample : later.stats_.skip_samples) {
      if (sample.line != 0) sample.line += lines_before;
    }
  }
  if (adopt_if_empty(later)) return;
  std::vector<HubIndex> hub_of(later.hubs_.size());
  for (std::size_t hub = 0; hub < later.hubs_.size(); ++hub) {
    hub_of[hub] = intern_hub(later.hubs_[hub].name);
    add_records(hubs_[hub_of[hub]], later.hubs_[hub]);
  }
  // Most of `later`'s devices are already here, each in a row no cache holds:
  // the lookups are pipelined, the slot of a device loaded kSlotsAhead devices
  // before its turn and its row kRowsAhead before.
  static constexpr std::size_t kSlotsAhead = 16;
  static constexpr std::size_t kRowsAhead = 8;
  const std::size_t device_count = later.devices_.size();
  // A mergeable store kept each identity's hash, which is the same here: a
  // hub's seed is the hash of its name. They are made again for another store,
  // or when a hub of `later` became another one here (a table of 65,535 hubs).
  bool same_seeds = true;
  for (std::size_t hub = 0; hub < later.hubs_.size(); ++hub)
    same_seeds = same_seeds && hubs_[hub_of[hub]].seed == later.hubs_[hub].seed;
  std::vector<std::uint64_t> made_hashes;
  if (later.device_hashes_.size() != device_count || !same_seeds) {
    made_hashes.resize(device_count);
    for (std::size_t d = 0; d < device_count; ++d) {
      const DeviceInfo& info = later.devices_[d];
      made_hashes[d] = identity_hash_of(hubs_[hub_of[info.hub]], info.device_id, info.module_id);
    }
  }
  const std::vector<std::uint64_t>& hashes =
      made_hashes.empty() ? later.device_hashes_ : made_hashes;
  for (std::size_t d = 0; d < std::min(kSlotsAhead, device_count); ++d)
    device_index_.prefetch(hashes[d]);
  std::vector<DeviceIndex> device_of(device_count);
  for (std::size_t d = 0; d < device_count; ++d) {
    if (d + kSlotsAhead < device_count) device_index_.prefetch(hashes[d + kSlotsAhead]);
    if (d + kRowsAhead < device_count) {
      if (const auto row = device_index_.first_candidate(hashes[d + kRowsAhead]);
          row && *row < devices_.size())
        prefetch_row(devices_[*row]);
    }
    DeviceInfo& info = later.devices_[d];
    device_of[d] = intern(info.device_id, info.module_id, hub_of[info.hub], hashes[d]);
    absorb(devices_[device_of[d]], info, device_texts_);
  }
  bound_device_texts();

  IngestStats& theirs = later.stats_;
  stats_.records += theirs.records;
  stats_.duplicates += theirs.duplicates;
  stats_.skipped += theirs.skipped;
  for (const auto& [reason, count] : theirs.skipped_reasons)
    stats_.skipped_reasons[reason] += count;
  for (SkipSample& sample : theirs.skip_samples) {
    if (stats_.skip_samples.size() >= options_.max_skip_samples) break;
    stats_.skip_samples.push_back(std::move(sample));
  }
  stats_.files += theirs.files;
  stats_.first_event = std::min(stats_.first_event, theirs.first_event);
  stats_.last_event = std::max(stats_.last_event, theirs.last_event);
  for (const auto& [code, count] : theirs.codes)
    stats_.codes[code] += count;
  stats_.state_snapshot_events += theirs.state_snapshot_events;
  for (const auto& [reason, count] : theirs.ledger_404104.skipped)
    stats_.ledger_404104.skipped[reason] += count;
  for (const Message& note : theirs.notes)
    on_note(note);
  for (CutInput& cut : theirs.cut_inputs)
    stats_.cut_inputs.push_back(std::move(cut));
  stats_.platform.merge(std::move(theirs.platform));

  // A record this store already accepted is a repeat in `later`: it was counted
  // there as accepted, so it moves to the duplicates. Its time, hub and code are
  // those of the first copy (they are part of the fingerprint), so only counts change.
  const bool check_repeats = options_.drop_duplicates && later.options_.mergeable;
  const auto forget_repeat = [&](HubIndex hub) {
    --stats_.records;
    ++stats_.duplicates;
    --hubs_[hub].records;
  };
  // The filter's slots are as cold as the devices' rows: each is loaded kSlotsAhead records ahead.
  const std::vector<std::uint64_t>& fingerprints = later.event_fingerprints_;
  events_.reserve(events_.size() + later.events_.size());
  for (std::size_t i = 0; i < later.events_.size(); ++i) {
    if (check_repeats && i + kSlotsAhead < fingerprints.size())
      seen_.prefetch(fingerprints[i + kSlotsAhead]);
    StoredEvent event = later.events_[i];
    event.hub = hub_of[event.hub];
    if (event.device != kNoDevice) event.device = device_of[event.device];
    if (check_repeats && !seen_.insert(later.event_fingerprints_[i])) {
      forget_repeat(event.hub);
      if (event.code != 0 && --stats_.codes[event.code] == 0) stats_.codes.erase(event.code);
      if (event.from_state_snapshot) --stats_.state_snapshot_events;
      continue;
    }
    events_.push_back(event);
    if (options_.mergeable) event_fingerprints_.push_back(later.event_fingerprints_[i]);
  }
  if (check_repeats) {
    const std::vector<OtherRecord>& others = later.other_fingerprints_;
    for (std::size_t i = 0; i < others.size(); ++i) {
      if (i + kSlotsAhead < others.size()) seen_.prefetch(others[i + kSlotsAhead].fingerprint);
      const OtherRecord& record = others[i];
      if (!seen_.insert(record.fingerprint)) {
        forget_repeat(hub_of[record.hub]);
      } else if (options_.mergeable) {
        other_fingerprints_.push_back(OtherRecord{record.fingerprint, hub_of[record.hub]});
      }
    }
  }
  later.clear();
}

std::unique_ptr<IngestSink> EventStore::new_piece() const {
  Options options = options_;
  options.mergeable = true;
  return std::make_unique<EventStore>(std::move(options));
}

void EventStore::merge_piece(IngestSink& piece, std::uint64_t lines_before) {
  auto* store = dynamic_cast<EventStore*>(&piece);
  if (store == nullptr) throw std::logic_error("EventStore::merge_piece: not an EventStore");
  merge(std::move(*store), lines_before);
}

void EventStore::clear() {
  stats_ = IngestStats{};
  std::atomic_ref(events_taken_).store(0, std::memory_order_relaxed);
  devices_.clear();
  device_texts_.clear();
  hubs_.clear();
  in_scope_.clear();
  last_hub_ = UINT16_MAX;
  last_hub_name_.clear();
  device_index_.reset();
  events_.clear();
  run_starts_.clear();
  seen_.clear();
  event_fingerprints_.clear();
  other_fingerprints_.clear();
  device_hashes_.clear();
}

void EventStore::on_skip(SkipReason reason, const SourceLocation& location,
                         const SkipDetail& detail) {
  ++stats_.skipped;
  ++stats_.skipped_reasons[reason];
  if (stats_.skip_samples.size() < options_.max_skip_samples) {
    stats_.skip_samples.push_back(SkipSample{reason, detail.message(), std::string(location.source),
                                             location.line, location.index});
  }
}

void EventStore::on_file_problem(SkipReason reason, std::string_view file,
                                 const SkipDetail& detail) {
  on_skip(reason, SourceLocation{file, 0, 0}, detail);
}

void EventStore::merge_unnamed_hub() {
  // Which hub index is unnamed, and whether exactly one other hub exists.
  const auto unnamed =
      std::find_if(hubs_.begin(), hubs_.end(), [](const HubInfo& hub) { return hub.name.empty(); });
  if (unnamed == hubs_.end() || hubs_.size() != 2) return;
  const auto from = static_cast<HubIndex>(unnamed - hubs_.begin());
  const auto into = static_cast<HubIndex>(from == 0 ? 1 : 0);
  // Identities of the unnamed hub become the named hub's, merged with any of the same id.
  std::map<std::pair<std::string_view, std::string_view>, DeviceIndex> named;
  for (DeviceIndex d = 0; d < devices_.size(); ++d) {
    if (devices_[d].hub == into)
      named.emplace(std::pair{std::string_view(devices_[d].device_id),
                              std::string_view(devices_[d].module_id)},
                    d);
  }
  std::vector<DeviceIndex> target(devices_.size());
  std::iota(target.begin(), target.end(), DeviceIndex{0});
  std::vector<bool> absorbed(devices_.size(), false);
  for (DeviceIndex d = 0; d < devices_.size(); ++d) {
    DeviceInfo& info = devices_[d];
    if (info.hub != from) continue;
    info.hub = into;
    const auto it = named.find({info.device_id, info.module_id});
    if (it == named.end()) continue;
    DeviceInfo& kept = devices_[it->second];
    absorb(kept, info, device_texts_);
    target[d] = it->second;
    absorbed[d] = true;
  }
  for (StoredEvent& event : events_) {
    if (event.device != kNoDevice) event.device = target[event.device];
  }
  // A row exported without its hub (a displayed-columns CSV) repeats a record
  // that named it: the pair now looks alike, and the unnamed copy goes.
  if (options_.drop_duplicates) {
    std::sort(events_.begin(), events_.end(), [into](const StoredEvent& a, const StoredEvent& b) {
      // The named copy of a pair first.
      const bool a_unnamed = a.hub != into;
      const bool b_unnamed = b.hub != into;
      return std::tie(a.time, a.device, a.operation, a.code, a.from_state_snapshot, a_unnamed) <
             std::tie(b.time, b.device, b.operation, b.code, b.from_state_snapshot, b_unnamed);
    });
    std::vector<StoredEvent> kept;
    kept.reserve(events_.size());
    for (const StoredEvent& event : events_) {
      if (event.hub == from && event.device != kNoDevice && !kept.empty() &&
          kept.back().hub == into && same_connection_event(kept.back(), event)) {
        --stats_.records;
        ++stats_.duplicates;
        --hubs_[from].records;
        if (event.code != 0 && --stats_.codes[event.code] == 0) stats_.codes.erase(event.code);
        continue;
      }
      kept.push_back(event);
    }
    events_ = std::move(kept);
  }
  for (StoredEvent& event : events_)
    event.hub = into;
  add_records(hubs_[into], hubs_[from]);
  hubs_.erase(hubs_.begin() + from);
  for (DeviceInfo& info : devices_)
    if (info.hub > from) --info.hub;
  for (StoredEvent& event : events_)
    if (event.hub > from) --event.hub;
  std::vector<DeviceInfo> remaining;
  std::vector<DeviceIndex> new_index(devices_.size(), kNoDevice);
  for (DeviceIndex d = 0; d < devices_.size(); ++d) {
    if (absorbed[d]) continue;
    new_index[d] = static_cast<DeviceIndex>(remaining.size());
    remaining.push_back(std::move(devices_[d]));
  }
  devices_ = std::move(remaining);
  for (StoredEvent& event : events_)
    if (event.device != kNoDevice) event.device = new_index[event.device];
}

std::vector<HubIndex> EventStore::renumber_hubs() {
  std::vector<HubIndex> order(hubs_.size());
  std::iota(order.begin(), order.end(), HubIndex{0});
  std::sort(order.begin(), order.end(),
            [&](HubIndex a, HubIndex b) { return hubs_[a].key < hubs_[b].key; });
  std::vector<HubIndex> new_index(hubs_.size());
  std::vector<HubInfo> sorted;
  for (std::size_t position = 0; position < order.size(); ++position) {
    new_index[order[position]] = static_cast<HubIndex>(position);
    sorted.push_back(std::move(hubs_[order[position]]));
  }
  hubs_ = std::move(sorted);
  for (DeviceInfo& info : devices_)
    info.hub = new_index[info.hub];
  in_scope_.assign(hubs_.size(), options_.hubs.empty());
  for (const std::string& wanted : options_.hubs) {
    for (std::size_t hub = 0; hub < hubs_.size(); ++hub)
      if (iequals(hubs_[hub].key, wanted)) in_scope_[hub] = true;
  }
  return new_index;  // the events take theirs in sort_events_by_device()
}

std::vector<DeviceIndex> EventStore::renumber_devices(unsigned threads) {
  // Renumber devices in (hub, id) order so that indices, and everything built
  // on them, are the same whatever order the files were read in. Devices of
  // hubs left out of scope go; their events go in sort_events_by_device().
  // Sorted by keys that hold the hub and an id's first 16 bytes, so that
  // most compares read no row; keys that tie compare their rows' whole
  // identities. Identities are distinct, so the order is one whatever sorts it.
  std::vector<DeviceSortKey> keys;
  keys.reserve(devices_.size());
  for (DeviceIndex d = 0; d < devices_.size(); ++d)
    if (in_scope(devices_[d].hub)) keys.push_back(sort_key_of(devices_[d], d));
  sort_on_threads(keys, threads, [&](const DeviceSortKey& a, const DeviceSortKey& b) {
    if (a.hub != b.hub) return a.hub < b.hub;
    if (a.id_start != b.id_start) return a.id_start < b.id_start;
    if (a.id_next != b.id_next) return a.id_next < b.id_next;
    const DeviceInfo& x = devices_[a.device];
    const DeviceInfo& y = devices_[b.device];
    return std::tie(x.device_id, x.module_id) < std::tie(y.device_id, y.module_id);
  });
  std::vector<DeviceIndex> order(keys.size());
  std::vector<DeviceIndex> new_index(devices_.size(), kNoDevice);
  for (DeviceIndex position = 0; position < keys.size(); ++position) {
    order[position] = keys[position].device;
    new_index[order[position]] = position;
    ++hubs_[devices_[order[position]].hub].devices;
  }
  // The rows are read in another order than they lie, a cache miss each: two
  // threads move halves of them.
  std::vector<DeviceInfo> sorted(order.size());
  const auto move_rows = [&](std::size_t first, std::size_t end) {
    for (std::size_t position = first; position < end; ++position)
      sorted[position] = std::move(devices_[order[position]]);
  };
  if (order.size() < kParallelSortMinimum) {
    move_rows(0, order.size());
  } else {
    side_by_side(
        threads, [&] { move_rows(order.size() / 2, order.size()); },
        [&] { move_rows(0, order.size() / 2); });
  }
  devices_ = std::move(sorted);
  device_index_.clear();
  // The span of the hubs analyzed: a duration given to --since or --until
  // counts back from where their logs end, not from another hub's.
  Timestamp scope_first = INT64_MAX;
  Timestamp scope_last = INT64_MIN;
  for (std::size_t hub = 0; hub < hubs_.size(); ++hub) {
    if (!in_scope(static_cast<HubIndex>(hub))) continue;
    scope_first = std::min(scope_first, hubs_[hub].first_record);
    scope_last = std::max(scope_last, hubs_[hub].last_record);
  }
  stats_.scope_first = scope_first;
  stats_.scope_last = scope_last;
  if (options_.since) stats_.since = options_.since->resolve(scope_last);
  if (options_.until) stats_.until = options_.until->resolve(scope_last);
  const Timestamp from = stats_.since.value_or(INT64_MIN);
  const Timestamp to = stats_.until.value_or(INT64_MAX);
  // The span reported is the span analyzed: of the hubs selected, within the bounds.
  stats_.first_event = scope_first;
  stats_.last_event = scope_last;
  for (HubInfo& hub : hubs_) {
    if (hub.first_record > hub.last_record) continue;
    hub.first_record = std::max(hub.first_record, from);
    hub.last_record = std::min(hub.last_record, to);
  }
  if (stats_.first_event <= stats_.last_event) {
    stats_.first_event = std::max(stats_.first_event, from);
    stats_.last_event = std::min(stats_.last_event, to);
  }
  return new_index;
}

void EventStore::finalize(unsigned threads) {
  // The duplicate filter has done its work; its memory goes before the analysis needs some.
  seen_.clear();
  event_fingerprints_ = {};
  other_fingerprints_ = {};
  // The devices are renumbered below: a merge after this makes their hashes again.
  device_hashes_ = {};
  stats_.platform.finalize();
  merge_unnamed_hub();
  const std::vector<HubIndex> hub_index = renumber_hubs();
  const std::vector<DeviceIndex> device_index = renumber_devices(threads);
  sort_events_by_device(hub_index, device_index, threads);
  // The filter's and the old device table's pages stay with the heap: the
  // analysis reuses them, where handing them back would have it fault them in again.
}

void EventStore::sort_events_by_device(std::span<const HubIndex> hub_index,
                                       std::span<const DeviceIndex> device_index,
                                       unsigned threads) {
  // One pass over the events, then another: those out of scope go, every
  // 404104 is entered in the ledger, and the others take their hub's and
  // their device's new index and are placed device-major, so that the
  // analysis reads each device's history as one run of the table. A counting
  // sort by device (events naming none last), then a sort of each run: input
  // comes in rough time order, so runs are short and nearly sorted, and the
  // whole costs a few passes instead of n log n compares.
  //
  // The events split in two shares, each counted and placed by its own
  // thread. A share's events take the places after those of the shares
  // before it in their device's run: the order is that of one pass, whoever
  // does the work.
  const Timestamp from = stats_.since.value_or(INT64_MIN);
  const Timestamp to = stats_.until.value_or(INT64_MAX);
  const std::size_t no_device_slot = devices_.size();
  const std::size_t slots = devices_.size() + 1;
  const auto kept = [&](const StoredEvent& event) {
    return in_scope(hub_index[event.hub]) && event.time >= from && event.time <= to;
  };
  const auto slot_of = [&](const StoredEvent& event) {
    if (event.device == kNoDevice) return no_device_slot;
    const DeviceIndex device = device_index[event.device];
    return device == kNoDevice ? no_device_slot : std::size_t{device};
  };
  struct Share {
    std::size_t first = 0;
    std::size_t end = 0;
    std::vector<std::size_t> next;  // counts per slot, then where its next event goes
    Ledger404104 ledger;
  };
  const std::size_t read = events_.size();
  const std::size_t split = read < kParallelSortMinimum || threads < 2 ? read : read / 2;
  std::array<Share, 2> shares{Share{0, split, {}, {}}, Share{split, read, {}, {}}};
  const auto count = [&](Share& share) {
    share.next.assign(slots, 0);
    for (std::size_t at = share.first; at < share.end; ++at) {
      const StoredEvent& event = events_[at];
      const bool is_404104 = event.code == codes::kDeviceConnectionClosedRemotely;
      if (!kept(event)) {
        if (is_404104) ++share.ledger.out_of_scope;
        continue;
      }
      // A 404104 disconnect that names no device was skipped when read.
      if (is_404104) {
        ++(event.operation == Operation::disconnect && event.device != kNoDevice
               ? share.ledger.drops
               : share.ledger.not_disconnects);
      }
      ++share.next[slot_of(event)];
    }
  };
  side_by_side(
      threads, [&] { count(shares[1]); }, [&] { count(shares[0]); });
  // start[slot]: where the slot's run begins, kept for events_of(). The first
  // share's events of a slot come first, then the second's.
  run_starts_.assign(slots + 1, 0);
  std::vector<std::size_t>& start = run_starts_;
  for (std::size_t slot = 0; slot < slots; ++slot) {
    const std::size_t first_count = shares[0].next[slot];
    const std::size_t second_count = shares[1].next[slot];
    start[slot + 1] = start[slot] + first_count + second_count;
    shares[0].next[slot] = start[slot];
    shares[1].next[slot] = start[slot] + first_count;
  }
  std::vector<StoredEvent> sorted(start[slots]);
  const auto place = [&](Share& share) {
    for (std::size_t at = share.first; at < share.end; ++at) {
      StoredEvent event = events_[at];
      if (!kept(event)) continue;
      const std::size_t slot = slot_of(event);
      event.hub = hub_index[event.hub];
      event.device = slot == no_device_slot ? kNoDevice : static_cast<DeviceIndex>(slot);
      sorted[share.next[slot]++] = event;
    }
  };
  side_by_side(
      threads, [&] { place(shares[1]); }, [&] { place(shares[0]); });
  for (const Share& share : shares) {
    stats_.ledger_404104.out_of_scope += share.ledger.out_of_scope;
    stats_.ledger_404104.drops += share.ledger.drops;
    stats_.ledger_404104.not_disconnects += share.ledger.not_disconnects;
  }
  stats_.out_of_scope += read - sorted.size();
  events_ = std::move(sorted);  // also frees the room reserved for reading
  // Events of one time in one order whatever the files, their order or the
  // chunks of a pull: disconnects, other records, connects, so that a reconnect
  // logged in its drop's second is never put before it (docs/ARCHITECTURE.md,
  // "One order for events of one time").
  // Events that compare equal are equal in every field, so a second thread
  // sorting the later half of the runs changes nothing but the time taken.
  const auto before = [](const StoredEvent& a, const StoredEvent& b) {
    return std::tuple(a.time, same_time_rank(a.operation), a.hub, a.code, a.level,
                      a.from_state_snapshot) < std::tuple(b.time, same_time_rank(b.operation),
                                                          b.hub, b.code, b.level,
                                                          b.from_state_snapshot);
  };
  // A short run that is nearly sorted takes an insertion sort a few compares
  // per event; a long one (a device flapping for months) takes n log n.
  static constexpr std::size_t kInsertionSortLongest = 64;
  const auto sort_runs = [&](std::size_t first_slot, std::size_t end_slot) {
    for (std::size_t slot = first_slot; slot < end_slot; ++slot) {
      const auto first = events_.begin() + static_cast<std::ptrdiff_t>(start[slot]);
      const auto end = events_.begin() + static_cast<std::ptrdiff_t>(start[slot + 1]);
      if (end - first > static_cast<std::ptrdiff_t>(kInsertionSortLongest)) {
        std::sort(first, end, before);
        continue;
      }
      for (auto at = first; at != end; ++at) {
        const StoredEvent event = *at;
        auto hole = at;
        for (; hole != first && before(event, *(hole - 1)); --hole)
          *hole = *(hole - 1);
        *hole = event;
      }
    }
  };
  if (threads < 2 || events_.size() < kParallelSortMinimum) {
    sort_runs(0, slots);
    return;
  }
  // The runs split where half the events lie on either side.
  const std::size_t middle = static_cast<std::size_t>(
      std::upper_bound(start.begin(), start.end(), events_.size() / 2) - start.begin() - 1);
  side_by_side(
      threads, [&] { sort_runs(middle, slots); }, [&] { sort_runs(0, middle); });
}

std::vector<std::string> EventStore::unmatched_hub_filters() const {
  std::vector<std::string> unmatched;
  for (const std::string& wanted : options_.hubs) {
    if (std::none_of(hubs_.begin(), hubs_.end(),
                     [&](const HubInfo& hub) { return iequals(hub.key, wanted); }))
      unmatched.push_back(wanted);
  }
  return unmatched;
}

}  // namespace iothub_diag
