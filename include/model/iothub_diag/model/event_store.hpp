#pragma once

#include <algorithm>
#include <atomic>
#include <cstdint>
#include <map>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include <iothub_diag/core/fingerprint_set.hpp>
#include <iothub_diag/core/text_pool.hpp>
#include <iothub_diag/model/event.hpp>
#include <iothub_diag/model/identity_index.hpp>
#include <iothub_diag/model/ingest_sink.hpp>
#include <iothub_diag/model/record_sink.hpp>
#include <iothub_diag/model/time_bound.hpp>

namespace iothub_diag {

using DeviceIndex = std::uint32_t;
inline constexpr DeviceIndex kNoDevice = UINT32_MAX;
using HubIndex = std::uint16_t;

// One IoT hub of the export. Each hub is its own fleet: device ids repeat
// across hubs, and baselines, bursts and connected counts are per hub.
struct HubInfo {
  std::string name;           // empty: records that name no hub
  std::string key;            // the name in lower case: hubs are compared without regard to case
  std::uint64_t records = 0;  // accepted records naming it
  std::size_t devices = 0;    // identities in it, after finalize()
  // The hash of `key`, which identities and fingerprints hash in place of the
  // hub's index: the stores of two pieces number hubs in the order they meet
  // them, and must still give one record one fingerprint.
  std::uint64_t seed = 0;
  // The hash of an empty module id seeded with `seed`: where the identities of
  // devices (not modules) begin, which most records are.
  std::uint64_t device_seed = 0;
  // The times of its first and last accepted records, of any kind: where its
  // own logs begin and end (hubs' logs need not end together). After
  // finalize(), within --since and --until; first > last when none is.
  Timestamp first_record = INT64_MAX;
  Timestamp last_record = INT64_MIN;
  // Its region as its records name it (`location`), for the Service Health
  // incidents of that region; the least spelling when they differ, whatever
  // the order they are read in; empty when none does.
  std::string region;
};

// One device identity (a device, or a module of a device) and what the logs say about it.
// Attributes keep the value from the latest record, ties broken by value, so
// they do not depend on the order files are read in. The protocol, SDK version
// and authentication type, shared by thousands of devices, are views into the
// store's pool of texts: valid while the store lives.
struct DeviceInfo {
  HubIndex hub = 0;
  std::string device_id;
  std::string module_id;
  std::string_view protocol;
  std::string_view sdk_version;
  std::string masked_ip;
  std::string_view auth_type;
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
  HubIndex hub = 0;
  Operation operation = Operation::other;
  Level level = Level::unknown;
  bool from_state_snapshot = false;
};

// Where a record was skipped and why. Its location is written when it is said
// (report_skips in app/analyze_command.cpp says "record" in the report's language).
struct SkipSample {
  SkipReason reason;
  std::optional<Message> detail;  // SkipDetail::message(); nullopt when there is none
  std::string source;
  std::uint64_t line = 0;   // 0: the whole file
  std::uint64_t index = 0;  // 0: the line is one record

  // `file:12 (record 3)`, as format_location() writes it.
  std::string location() const { return format_location(SourceLocation{source, line, index}); }
};

// What became of every 404104 record read (duplicates aside, counted in
// IngestStats::duplicates): each is skipped, out of scope, not a disconnect,
// or a drop. The last three add up to IngestStats::codes[404104].
struct Ledger404104 {
  std::map<SkipReason, std::uint64_t> skipped;  // by reason; also counted in skipped_reasons
  std::uint64_t out_of_scope = 0;               // left out by --hub, --since or --until
  std::uint64_t not_disconnects = 0;            // a 404104 on another operation: not a drop
  std::uint64_t drops = 0;                      // disconnects of a device: one drop each
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
  // Connection events and errors left out by --hub, --since or --until.
  std::uint64_t out_of_scope = 0;
  // The time bounds analyzed (--since, --until), resolved against the last event.
  std::optional<Timestamp> since;
  std::optional<Timestamp> until;
  // The span of the records of the hubs analyzed before those bounds (after
  // finalize()): what a window that holds none of them missed.
  Timestamp scope_first = INT64_MAX;
  Timestamp scope_last = INT64_MIN;
  std::vector<Message> notes;  // how the input was read, for the report; no repeats
  Ledger404104 ledger_404104;
  std::vector<CutInput> cut_inputs;  // inputs that hold only part of a result, in reading order
  PlatformEvidence platform;         // the metric and health events read beside the logs
};

// Collects normalized events from every reader: interns device identities,
// keeps relevant events compactly, drops exact duplicates, counts the rest.
class EventStore final : public IngestSink {
 public:
  struct Options {
    bool drop_duplicates = true;
    std::size_t max_skip_samples = 10;
    // Hubs to keep (compared without regard to case); empty keeps every hub.
    std::vector<std::string> hubs;
    // Events to keep, by time; a duration counts back from the last event read.
    std::optional<TimeBound> since;
    std::optional<TimeBound> until;
    // Leave repeats to merge(), which drops every repeat of a record read
    // before it, in this store or another: the store keeps the fingerprint of
    // each record instead of a filter (8 bytes per kept event, 16 per record it
    // does not keep), and counts repeats as accepted until merged.
    bool mergeable = false;
  };
  EventStore() : EventStore(Options{}) {}
  explicit EventStore(Options options) : options_(std::move(options)) {}

  void on_event(const Event& event, const SourceLocation& location) override;
  // Starts loading the identity table's and the duplicate filter's slots for
  // `event`, when its hub is the last one met (its hash needs the hub's seed).
  void expect_event(const Event& event) override;
  void on_skip(SkipReason reason, const SourceLocation& location,
               const SkipDetail& detail) override;
  void on_note(const Message& note) override {
    if (std::find(stats_.notes.begin(), stats_.notes.end(), note) == stats_.notes.end())
      stats_.notes.push_back(note);
  }
  void on_skipped_404104(SkipReason reason) override { ++stats_.ledger_404104.skipped[reason]; }
  void on_cut_input(const CutInput& cut) override { stats_.cut_inputs.push_back(cut); }
  void on_metric_series(const MetricSeries& series) override {
    stats_.platform.metrics.push_back(series);
  }
  void on_health_event(const HealthEvent& event) override {
    stats_.platform.health_events.push_back(event);
  }
  void on_activity_event() override { ++stats_.platform.activity_events; }
  void on_metric_document() override { ++stats_.platform.metric_documents; }
  void on_file_problem(SkipReason reason, std::string_view file, const SkipDetail& detail) override;
  void count_file() override { ++stats_.files; }

  // Sizes the tables for about `bytes` of input still to read. Only pages
  // that are written become resident, so an overestimate costs address space.
  void expect_input_bytes(std::uint64_t bytes) override;

  // A mergeable store with the same options.
  std::unique_ptr<IngestSink> new_piece() const override;
  // merge() of `piece`, which must be an EventStore (from new_piece()).
  void merge_piece(IngestSink& piece, std::uint64_t lines_before) override;

  // Adds what `later` (a mergeable store, not finalized) read, as if its input
  // had been read by this store after its own: a record both read is counted
  // once, as this store's; `later`'s skip samples come after this store's, their
  // lines moved down by `lines_before` (the lines of their file read before
  // them elsewhere). Merging the stores of consecutive pieces of the input in
  // order gives what one store reading it all would hold.
  // `later` is left empty, as clear() leaves it.
  void merge(EventStore&& later, std::uint64_t lines_before = 0);

  // Empties the store but keeps its tables' memory, for another reading of the
  // same kind: a piece reader that reuses its store allocates (and the system
  // maps and unmaps) nothing per piece.
  void clear();

  // Sorts hubs by name and devices by (hub, id), and events by device (events
  // naming no device last), each device's by time (then disconnects, other records, connects; then
  // hub, code), so analysis never depends on input order. When the export names one hub, records
  // that name none are taken as that hub's. Keeps only the hubs in Options::hubs and the events
  // within Options::since and until (counted in IngestStats::out_of_scope). Call once, after
  // ingest. Up to `threads` share its sorts; the result is the same for any number.
  void finalize(unsigned threads = 1);

  // Names in Options::hubs that match no hub of the input (after finalize()).
  std::vector<std::string> unmatched_hub_filters() const;

  const Options& options() const noexcept { return options_; }
  const IngestStats& stats() const noexcept { return stats_; }
  // The events taken so far (kept, repeated or outside the filters), for a
  // progress line: safe to read from another thread while one stores.
  std::uint64_t events_taken() const noexcept {
    return std::atomic_ref(events_taken_).load(std::memory_order_relaxed);
  }
  const std::vector<DeviceInfo>& devices() const noexcept { return devices_; }
  // Every hub of the input, sorted by name, with the records each one holds.
  // Devices and events are those of the selected hubs only.
  const std::vector<HubInfo>& hubs() const noexcept { return hubs_; }
  // Whether a hub is analyzed (selected by Options::hubs, or no filter).
  bool in_scope(HubIndex hub) const noexcept { return hub < in_scope_.size() && in_scope_[hub]; }
  // By device, then time (see finalize()): each device's history is one run.
  const std::vector<StoredEvent>& events() const noexcept { return events_; }
  // One device's run of events() (after finalize()).
  std::span<const StoredEvent> events_of(DeviceIndex device) const noexcept {
    return std::span<const StoredEvent>(events_).subspan(
        run_starts_[device], run_starts_[device + 1] - run_starts_[device]);
  }
  // The distinct protocol, SDK and auth type texts held for the devices: at
  // most about six per device (memory accounting, tests).
  std::size_t device_texts_held() const noexcept { return device_texts_.size(); }

 private:
  DeviceIndex intern(std::string_view device_id, std::string_view module_id, HubIndex hub,
                     std::uint64_t identity_hash);
  HubIndex intern_hub(std::string_view name);
  bool adopt_if_empty(EventStore& later);
  void merge_unnamed_hub();
  void bound_device_texts();
  // Sorts the hubs by name and gives each its new index.
  std::vector<HubIndex> renumber_hubs();
  // Sorts the devices and gives each its new index (kNoDevice: out of scope).
  std::vector<DeviceIndex> renumber_devices(unsigned threads);
  void sort_events_by_device(std::span<const HubIndex> hub_index,
                             std::span<const DeviceIndex> device_index, unsigned threads);

  void add_events_taken(std::uint64_t count) noexcept {
    // One thread stores at a time (the readers hand their stores over under a
    // lock), so a load and a store, not an atomic add, keep the sum exact.
    const std::atomic_ref taken(events_taken_);
    taken.store(taken.load(std::memory_order_relaxed) + count, std::memory_order_relaxed);
  }

  Options options_;
  IngestStats stats_;
  // Only ever touched through std::atomic_ref, which needs it non-const in
  // events_taken() too.
  alignas(std::atomic_ref<std::uint64_t>::required_alignment) mutable std::uint64_t events_taken_ =
      0;
  std::vector<DeviceInfo> devices_;
  TextPool device_texts_;  // the texts DeviceInfo's views point to
  std::vector<HubInfo> hubs_;
  std::vector<bool> in_scope_;
  std::string hub_key_buffer_;
  std::string last_hub_name_;
  HubIndex last_hub_ = UINT16_MAX;
  IdentityIndex device_index_;  // (hub, device id, module id) -> index in devices_
  std::vector<StoredEvent> events_;
  // Where each device's run of events_ begins, then where the events naming
  // no device begin, then events_.size() (set by finalize()).
  std::vector<std::size_t> run_starts_;
  FingerprintSet seen_;
  // Mergeable stores only: the fingerprint of each of events_, and of each
  // accepted record not kept as an event, with its hub.
  std::vector<std::uint64_t> event_fingerprints_;
  struct OtherRecord {
    std::uint64_t fingerprint;
    HubIndex hub;
  };
  std::vector<OtherRecord> other_fingerprints_;
  // Mergeable stores only: the identity hash of each of devices_, for merge().
  std::vector<std::uint64_t> device_hashes_;
};

}  // namespace iothub_diag
