// How far the analyzer's read of a JSON Lines file is from the work it cannot
// avoid. The essential work is built up one stage at a time and done the
// plainest way, on one core, over the file held in memory:
//   parse       FlatJsonObject::read, `properties` read in place
//   columns     + every member that is a record column assigned (record_column_from_name)
//   values      + time, result code and operation decoded
//   lookup      + the device found by its id (hash_bytes, std::unordered_map)
//   attributes  + the device's protocol and SDK version kept when newer
//   events      + one event per record stored
// Then the analyzer's own read of the same file on one thread (ingest_paths into
// an EventStore), which also reads the file from the page cache, handles hubs,
// drops repeats and merges its pieces. Prints the best of RUNS runs of each.
//
//   iothub_diag_read_stages FILE.jsonl [RUNS]
//
// Every stage must see the same records: the program exits 1 when a stage
// cannot read one, or when the read's store holds another number of records.
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <iterator>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "../src/input/flat_json_object.hpp"

#include <iothub_diag/core/fingerprint_set.hpp>
#include <iothub_diag/core/timestamp.hpp>
#include <iothub_diag/input/ingest.hpp>
#include <iothub_diag/input/record_fields.hpp>
#include <iothub_diag/model/event.hpp>
#include <iothub_diag/model/event_store.hpp>
#include <iothub_diag/model/result_codes.hpp>

namespace {

using namespace iothub_diag;

enum class Stage { parse, columns, values, lookup, attributes, events };

constexpr std::string_view kStageNames[] = {"parse",  "columns",    "values",
                                            "lookup", "attributes", "events"};

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

// Keeps `value` when it is newer and differs.
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
  for (std::size_t at = 0; at < file.size();) {
    const std::size_t end = std::min(file.find('\n', at), file.size());
    const std::string_view line = file.substr(at, end - at);
    at = end + 1;
    if (line.empty()) continue;
    ++outcome.records;
    if (!flat.read(line, EmbeddedObjects::in_place)) {
      ++outcome.failed;
      continue;
    }
    if (last == Stage::parse) continue;
    RecordFields fields;
    assign_columns(flat, fields);
    if (last == Stage::columns) continue;
    const auto time = parse_iso8601(fields.time);
    const auto code = fields.result_type.empty() ? std::optional<std::int32_t>(0)
                                                 : parse_result_code(fields.result_type);
    const Operation operation = operation_from_name(fields.operation_name);
    if (!time || !code) {
      ++outcome.failed;
      continue;
    }
    if (last == Stage::values) continue;
    const std::uint64_t hash = hash_bytes(fields.device_id);
    const auto [slot, added] =
        device_of.try_emplace(hash, static_cast<std::uint32_t>(devices.size()));
    if (added) devices.push_back(Device{std::string(fields.device_id), {}, {}, INT64_MIN});
    if (last == Stage::lookup) continue;
    Device& device = devices[slot->second];
    if (*time >= device.last_seen) {
      device.last_seen = *time;
      keep(device.protocol, fields.protocol);
      keep(device.sdk_version, fields.sdk_version);
    }
    if (last == Stage::attributes) continue;
    events.push_back(PlainEvent{*time, slot->second, *code, operation});
  }
  outcome.devices = devices.size();
  return outcome;
}

std::string read_file(const char* path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    std::fprintf(stderr, "read_stages: cannot read %s\n", path);
    std::exit(2);
  }
  return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

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
  const std::string file = read_file(argv[1]);
  const double megabytes = static_cast<double>(file.size()) / 1e6;
  std::printf("%s: %.0f MB, best of %d, one core\n", argv[1], megabytes, runs);
  int status = 0;
  std::size_t records = 0;
  for (std::size_t stage = 0; stage < std::size(kStageNames); ++stage) {
    Outcome outcome;
    const double seconds =
        best_seconds(runs, [&] { outcome = run_stages(file, static_cast<Stage>(stage)); });
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
  std::size_t stored = 0;
  const double seconds = best_seconds(runs, [&] {
    EventStore store;
    ingest_paths({argv[1]}, ReadOptions{}, store, IngestOptions{1, 0, nullptr});
    stored = store.stats().records + store.stats().duplicates + store.stats().skipped;
  });
  std::printf("  %-11s %6.3f s  %6.0f MB/s  %zu records (analyzer's read, --threads 1)\n", "read",
              seconds, megabytes / seconds, stored);
  if (stored != records) status = 1;
  return status;
}
