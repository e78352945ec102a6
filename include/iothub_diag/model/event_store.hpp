#pragma once

#include <algorithm>
#include <cstdint>
#include <map>
#include <string>
#include <unordered_map>
#include <vector>

#include <iothub_diag/core/fingerprint_set.hpp>
#include <iothub_diag/input/record_sink.hpp>
#include <iothub_diag/model/event.hpp>

namespace iothub_diag {

using DeviceIndex = std::uint32_t;
inline constexpr DeviceIndex kNoDevice = UINT32_MAX;

// One device identity (a device, or a module of a device) and what the logs say about it.
// Attributes keep the value from the latest record, ties broken by value, so
// they do not depend on the order files are read in.
struct DeviceInfo {
  std::string device_id;
  std::string module_id;
  std::string protocol;
  std::string sdk_version;
  std::string masked_ip;
  std::string auth_type;
  Timestamp last_seen = INT64_MIN;  // the latest record naming it, but a disconnect snapshot
  Timestamp protocol_time = INT64_MIN;
  Timestamp sdk_version_time = INT64_MIN;
  Timestamp masked_ip_time = INT64_MIN;
  Timestamp auth_type_time = INT64_MIN;
  // Where its connects and disconnects come from: resource logs, Event Grid
  // state snapshots, or both (then the analysis uses the resource logs).
  bool logged_connections = false;
  bool snapshot_connections = false;
  bool judged_on_snapshots() const noexcept { return snapshot_connections && !logged_connections; }
};

// The compact form of an event the rules look at: connects, disconnects, and
// every record with a result code. 24 bytes, so memory follows the number of
// relevant events, not the size of the input.
struct StoredEvent {
  Timestamp time = 0;
  DeviceIndex device = kNoDevice;
  std::int32_t code = 0;
  Operation operation = Operation::other;
  Level level = Level::unknown;
  bool from_state_snapshot = false;
};

struct SkipSample {
  std::string location;
  SkipReason reason;
  std::string detail;
};

// What ingest saw, for the report's `input` and `summary` sections.
struct IngestStats {
  std::uint64_t records = 0;     // accepted, after removing duplicates
  std::uint64_t duplicates = 0;  // exact repeats of an accepted record, dropped
  std::uint64_t skipped = 0;
  std::map<SkipReason, std::uint64_t> skipped_reasons;
  std::vector<SkipSample> skip_samples;  // the first few, for stderr
  std::uint64_t files = 0;
  Timestamp first_event = INT64_MAX;
  Timestamp last_event = INT64_MIN;
  std::map<std::int32_t, std::uint64_t> codes;  // resultType -> records
  std::uint64_t state_snapshot_events = 0;      // Event Grid events (no codes)
  std::vector<std::string> notes;  // how the input was read, for the report; no repeats
};

// Collects normalized events from every reader: interns device identities,
// keeps relevant events compactly, drops exact duplicates, counts the rest.
class EventStore final : public RecordSink {
 public:
  struct Options {
    bool drop_duplicates = true;
    std::size_t max_skip_samples = 10;
  };
  EventStore() : EventStore(Options{}) {}
  explicit EventStore(Options options) : options_(options) {}

  void on_event(const Event& event, const SourceLocation& location) override;
  void on_skip(SkipReason reason, const SourceLocation& location, std::string_view detail) override;
  void on_note(std::string_view note) override {
    if (std::find(stats_.notes.begin(), stats_.notes.end(), note) == stats_.notes.end())
      stats_.notes.emplace_back(note);
  }
  // A problem with a whole file (unreadable, binary, corrupt gzip): one skip.
  void on_file_problem(SkipReason reason, std::string_view file, std::string_view detail);
  void count_file() { ++stats_.files; }

  // Sorts events by time (then device, operation, code) so analysis never
  // depends on input order. Call once, after ingest.
  void finalize();

  const IngestStats& stats() const noexcept { return stats_; }
  const std::vector<DeviceInfo>& devices() const noexcept { return devices_; }
  const std::vector<StoredEvent>& events() const noexcept { return events_; }

 private:
  DeviceIndex intern(const Event& event);

  Options options_;
  IngestStats stats_;
  std::vector<DeviceInfo> devices_;
  std::unordered_map<std::string, DeviceIndex> device_index_;
  std::string key_buffer_;
  std::vector<StoredEvent> events_;
  FingerprintSet seen_;
};

}  // namespace iothub_diag
