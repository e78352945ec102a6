// How far the analyzer's read of a JSON Lines file is from the work it cannot
// avoid. The essential work is built up one stage at a time and done the
// plainest way, on one core, over the file held in memory:
//   parse       FlatJsonObject::read, `properties` read in place
//   columns     + every member that is a record column assigned (record_column_from_name)
//   values      + time, result code and operation decoded
//   lookup      + the device found by its id (hash_bytes, std::unordered_map)
//   attributes  + the device's protocol and SDK version kept when newer
//   events      + one event per record stored
//   pipelined   the same as `events`, with the lookups of kBatch records at a
//               time started before any is used (an open-addressing table)
// Then the analyzer's own read of the same file on one thread (ingest_paths),
// which also reads the file from the page cache: into a sink that keeps
// nothing (the reader's own cost), into an EventStore (which also tells hubs
// apart, drops repeats and merges its pieces), and into one that keeps repeats. Prints the best of
// RUNS runs of each.
//
//   iothub_diag_read_stages FILE.jsonl [RUNS]
//
// Every stage must see the same records: the program exits 1 when a stage
// cannot read one, or when a read counts another number of records.
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <utility>
#include <vector>

#include "../src/input/flat_json_object.hpp"

#include <iothub_diag/bench/whole_file.hpp>
#include <iothub_diag/core/fingerprint_set.hpp>
#include <iothub_diag/core/timestamp.hpp>
#include <iothub_diag/input/ingest.hpp>
#include <iothub_diag/input/record_fields.hpp>
#include <iothub_diag/model/event.hpp>
#include <iothub_diag/model/event_store.hpp>
#include <iothub_diag/model/result_codes.hpp>

namespace {

using namespace iothub_diag;

enum class Stage { parse, columns, values, lookup, attributes, events, pipelined };

constexpr std::string_view kStageNames[] = {"parse",      "columns", "values",   "lookup",
                                            "attributes", "events",  "pipelined"};

// Records whose device lookups are started together in the pipelined stage.
constexpr std::size_t kBatch = 16;

struct Device {
  std::string id;
  std::string protocol;
  std::string sdk_version;
  Timestamp last_seen = INT64_MIN;
};

struct PlainEvent {
  Timestamp time = 0;
  std::uint32_t device = 0;
  std::int32_t code = 0;
  Operation operation = Operation::other;
};

struct Outcome {
  std::size_t records = 0;  // records read through the stage
  std::size_t failed = 0;   // records a stage could not read
  std::size_t devices = 0;
};

// Assigns a record's columns as the reader does for a record of plain members.
void assign_columns(const FlatJsonObject& flat, RecordFields& fields) {
  for (const FlatMember& member : flat.members()) {
    const auto column = record_column_from_name(member.key);
    if (!column) continue;
    if (*column != RecordColumn::properties) {
      assign_column(fields, *column, member.text);
      continue;
    }
    for (const FlatMember& inner : flat.embedded(member)) {
      const auto inner_column = record_column_from_name(inner.key);
      if (inner_column && *inner_column >= RecordColumn::device_id)
        assign_column(fields, *inner_column, inner.text);
    }
  }
}

// A record's time, code and operation, decoded from its columns.
struct Decoded {
  Timestamp time = 0;
  std::int32_t code = 0;
  Operation operation = Operation::other;
};

std::optional<Decoded> decode(const RecordFields& fields) {
  const auto time = parse_iso8601(fields.time);
  const auto code = fields.result_type.empty() ? std::optional<std::int32_t>(0)
                                               : parse_result_code(fields.result_type);
  if (!time || !code) return std::nullopt;
  return Decoded{*time, *code, operation_from_name(fields.operation_name)};
}

// Each line of `file`, not empty, in turn.
template <typename Visit>
void for_each_line(std::string_view file, Visit&& visit) {
  for (std::size_t at = 0; at < file.size();) {
    const std::size_t end = std::min(file.find('\n', at), file.size());
    const std::string_view line = file.substr(at, end - at);
    at = end + 1;
    if (!line.empty()) visit(line);
  }
}

// Takes `value` unless it is empty or already kept; the caller has checked it is newer.
void keep(std::string& kept, std::string_view value) {
  if (!value.empty() && value != kept) kept.assign(value);
}

// The essential work up to `last`, over every line of `file`.
Outcome run_stages(std::string_view file, Stage last) {
  FlatJsonObject flat;
  std::vector<Device> devices;
  std::unordered_map<std::uint64_t, std::uint32_t> device_of;
  std::vector<PlainEvent> events;
  events.reserve(file.size() / 256);
  Outcome outcome;
  for_each_line(file, [&](std::string_view line) {
    ++outcome.records;
    if (!flat.read(line, EmbeddedObjects::in_place)) {
      ++outcome.failed;
      return;
    }
    if (last == Stage::parse) return;
    RecordFields fields;
    assign_columns(flat, fields);
    if (last == Stage::columns) return;
    const std::optional<Decoded> decoded = decode(fields);
    if (!decoded) {
      ++outcome.failed;
      return;
    }
    if (last == Stage::values) return;
    const auto [slot, added] = device_of.try_emplace(hash_bytes(fields.device_id),
                                                     static_cast<std::uint32_t>(devices.size()));
    if (added) devices.push_back(Device{std::string(fields.device_id), {}, {}, INT64_MIN});
    if (last == Stage::lookup) return;
    Device& device = devices[slot->second];
    if (decoded->time >= device.last_seen) {
      device.last_seen = decoded->time;
      keep(device.protocol, fields.protocol);
      keep(device.sdk_version, fields.sdk_version);
    }
    if (last == Stage::attributes) return;
    events.push_back(PlainEvent{decoded->time, slot->second, decoded->code, decoded->operation});
  });
  outcome.devices = devices.size();
  return outcome;
}

// A record of the pipelined stage waiting for its device: its texts copied,
// since the parser's views last only until the next record.
struct Waiting {
  std::uint64_t hash = 0;
  Decoded decoded;
  std::string device_id;
  std::string protocol;
  std::string sdk_version;
};

// Devices by the hash of their id, open addressing; a hash of 0 marks a free
// slot. Keyed by the 64-bit hash alone, as the other stages' map is: a
// benchmark may, the analyzer's store compares the ids.
class DeviceTable {
 public:
  explicit DeviceTable(std::size_t slots) : hashes_(slots, 0), rows_(slots, 0) {}

  void prefetch(std::uint64_t hash) const {
    __builtin_prefetch(&hashes_[hash & (hashes_.size() - 1)]);
    __builtin_prefetch(&rows_[hash & (rows_.size() - 1)]);
  }

  // The row of `waiting`'s device, added to `devices` when it is new.
  std::uint32_t find_or_add(const Waiting& waiting, std::vector<Device>& devices) {
    std::size_t slot = waiting.hash & (hashes_.size() - 1);
    while (hashes_[slot] != 0 && hashes_[slot] != waiting.hash)
      slot = (slot + 1) & (hashes_.size() - 1);
    if (hashes_[slot] == 0) {
      hashes_[slot] = waiting.hash;
      rows_[slot] = static_cast<std::uint32_t>(devices.size());
      devices.push_back(Device{waiting.device_id, {}, {}, INT64_MIN});
    }
    return rows_[slot];
  }

 private:
  std::vector<std::uint64_t> hashes_;
  std::vector<std::uint32_t> rows_;
};

// The `events` stage with its lookups pipelined: a batch's slots are loaded
// while its records are decoded, its rows before any is updated.
Outcome run_pipelined(std::string_view file) {
  FlatJsonObject flat;
  std::vector<Device> devices;
  DeviceTable table(std::size_t{1} << 20);
  std::vector<PlainEvent> events;
  events.reserve(file.size() / 256);
  std::vector<Waiting> batch(kBatch);
  std::size_t waiting = 0;
  std::vector<std::uint32_t> rows(kBatch);
  const auto flush = [&] {
    for (std::size_t i = 0; i < waiting; ++i) {
      rows[i] = table.find_or_add(batch[i], devices);
      __builtin_prefetch(&devices[rows[i]]);
    }
    for (std::size_t i = 0; i < waiting; ++i) {
      Device& device = devices[rows[i]];
      const Waiting& record = batch[i];
      if (record.decoded.time >= device.last_seen) {
        device.last_seen = record.decoded.time;
        keep(device.protocol, record.protocol);
        keep(device.sdk_version, record.sdk_version);
      }
      events.push_back(
          PlainEvent{record.decoded.time, rows[i], record.decoded.code, record.decoded.operation});
    }
    waiting = 0;
  };
  Outcome outcome;
  for_each_line(file, [&](std::string_view line) {
    ++outcome.records;
    RecordFields fields;
    std::optional<Decoded> decoded;
    if (flat.read(line, EmbeddedObjects::in_place)) {
      assign_columns(flat, fields);
      decoded = decode(fields);
    }
    if (!decoded) {
      ++outcome.failed;
      return;
    }
    Waiting& record = batch[waiting++];
    // Never 0, the table's free slot.
    record.hash = hash_bytes(fields.device_id) | 1u;
    record.decoded = *decoded;
    record.device_id.assign(fields.device_id);
    record.protocol.assign(fields.protocol);
    record.sdk_version.assign(fields.sdk_version);
    table.prefetch(record.hash);
    if (waiting == kBatch) flush();
  });
  flush();
  outcome.devices = devices.size();
  return outcome;
}

// A sink that keeps nothing: what the analyzer's reader costs without its store.
class KeepNothing final : public IngestSink {
 public:
  std::size_t records() const { return records_; }

  void on_event(const Event& /*event*/, const SourceLocation& /*location*/) override { ++records_; }
  void on_skip(SkipReason /*reason*/, const SourceLocation& /*location*/,
               const SkipDetail& /*detail*/) override {
    ++records_;
  }
  void on_metric_series(const MetricSeries& /*series*/) override {}
  void on_health_event(const HealthEvent& /*event*/) override {}
  void on_activity_event() override {}
  void on_metric_document() override {}
  void count_file() override {}
  void on_file_problem(SkipReason /*reason*/, std::string_view /*file*/,
                       const SkipDetail& /*detail*/) override {}
  void expect_input_bytes(std::uint64_t /*bytes*/) override {}
  std::unique_ptr<IngestSink> new_piece() const override { return std::make_unique<KeepNothing>(); }
  void merge_piece(IngestSink& piece, std::uint64_t /*lines_before*/) override {
    auto& kept = dynamic_cast<KeepNothing&>(piece);
    records_ += kept.records_;
    kept.records_ = 0;
  }

 private:
  std::size_t records_ = 0;
};

template <typename Work>
double best_seconds(int runs, Work&& work) {
  double best = 1e300;
  for (int run = 0; run < runs; ++run) {
    const auto start = std::chrono::steady_clock::now();
    work();
    best = std::min(
        best, std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count());
  }
  return best;
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 2) {
    std::fprintf(stderr, "usage: iothub_diag_read_stages FILE.jsonl [RUNS]\n");
    return 2;
  }
  const int runs = argc > 2 ? std::max(1, std::atoi(argv[2])) : 3;
  const std::string file = read_whole_file(argv[1], "read_stages");
  const double megabytes = static_cast<double>(file.size()) / 1e6;
  std::printf("%s: %.0f MB, best of %d, one core\n", argv[1], megabytes, runs);
  int status = 0;
  std::size_t records = 0;
  for (std::size_t stage = 0; stage < std::size(kStageNames); ++stage) {
    const auto which = static_cast<Stage>(stage);
    Outcome outcome;
    const double seconds = best_seconds(runs, [&] {
      outcome = which == Stage::pipelined ? run_pipelined(file) : run_stages(file, which);
    });
    std::printf("  %-11s %6.3f s  %6.0f MB/s  %zu records", kStageNames[stage].data(), seconds,
                megabytes / seconds, outcome.records);
    if (outcome.devices != 0) std::printf(", %zu devices", outcome.devices);
    if (outcome.failed != 0) {
      std::printf(", %zu not read by this stage", outcome.failed);
      status = 1;
    }
    std::printf("\n");
    records = outcome.records;
  }
  const IngestOptions one_thread{1, 0, nullptr};
  std::size_t read = 0;
  double seconds = best_seconds(runs, [&] {
    KeepNothing sink;
    ingest_paths({argv[1]}, ReadOptions{}, sink, one_thread);
    read = sink.records();
  });
  std::printf(
      "  %-11s %6.3f s  %6.0f MB/s  %zu records (analyzer's reader, --threads 1, no store)\n",
      "read", seconds, megabytes / seconds, read);
  if (read != records) status = 1;
  seconds = best_seconds(runs, [&] {
    EventStore store;
    ingest_paths({argv[1]}, ReadOptions{}, store, one_thread);
    read = store.stats().records + store.stats().duplicates + store.stats().skipped;
  });
  std::printf("  %-11s %6.3f s  %6.0f MB/s  %zu records (analyzer's read, --threads 1)\n",
              "read+store", seconds, megabytes / seconds, read);
  if (read != records) status = 1;
  seconds = best_seconds(runs, [&] {
    EventStore::Options options;
    options.drop_duplicates = false;
    EventStore store(std::move(options));
    ingest_paths({argv[1]}, ReadOptions{}, store, one_thread);
    read = store.stats().records + store.stats().skipped;
  });
  std::printf("  %-11s %6.3f s  %6.0f MB/s  %zu records (the same, --keep-duplicates)\n",
              "read+store", seconds, megabytes / seconds, read);
  if (read != records) status = 1;
  return status;
}
