#pragma once

// What one input of the whole-pipeline fuzz targets does: bytes through ingest,
// finalize, Diagnosis (attribution included), the rules, build_report and every
// renderer, as `iothub-diag analyze` would run them. Shared by the libFuzzer
// targets and, through fuzz_input.hpp, by the test that replays kept crashers.

#include <algorithm>
#include <array>
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <memory>
#include <optional>
#include <ostream>
#include <span>
#include <streambuf>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include <iothub_diag/analysis/device_story.hpp>
#include <iothub_diag/analysis/diagnosis.hpp>
#include <iothub_diag/analysis/thresholds.hpp>
#include <iothub_diag/input/stream_reader.hpp>
#include <iothub_diag/model/event_store.hpp>
#include <iothub_diag/model/time_bound.hpp>
#include <iothub_diag/report/language.hpp>
#include <iothub_diag/report/render_options.hpp>
#include <iothub_diag/report/report.hpp>
#include <iothub_diag/report/report_format.hpp>
#include <iothub_diag/rules/rule.hpp>
#include <iothub_diag/simulate/fleet_simulator.hpp>
#include <iothub_diag/simulate/simulation_options.hpp>

namespace iothub_diag::fuzz {

// An output stream that accepts and discards everything, so renderers do all
// their formatting work (a stream without a buffer would make them skip it).
class NullBuffer final : public std::streambuf {
 protected:
  int_type overflow(int_type character) override { return traits_type::not_eof(character); }
  std::streamsize xsputn(const char*, std::streamsize count) override { return count; }
};

// The options every renderer is given; each takes what applies to it.
struct FuzzRenderOptions {
  bool color = false;
  std::size_t max_items = 10;
  Language language = Language::en;
};

// Diagnosis, rules, report (with the --device timelines) and every renderer over a finalized store.
inline void analyze_and_render(const EventStore& store, const Thresholds& thresholds,
                               const FuzzRenderOptions& render_options,
                               std::span<const std::string> device_patterns = {}) {
  const Diagnosis diagnosis(store, thresholds);
  const Report report = build_report(diagnosis, run_rules(diagnosis), device_patterns);
  // run_analyze warns about each pattern that matches no device.
  for (const std::string& pattern : device_patterns) {
    static_cast<void>(devices_matching(store, std::span(&pattern, 1)));
  }
  NullBuffer buffer;
  std::ostream out(&buffer);
  // Every --format, from the table run_analyze uses: a new format is fuzzed with no change here.
  const RenderOptions options{render_options.color, render_options.max_items,
                              render_options.language};
  for (const ReportFormatInfo& format : report_formats())
    format.render(report, options, out);
}

// Sets a threshold from one byte: 0 its minimum, 255 its maximum, anything
// else a power of two times its default (between 1/256 and 128 times), so most
// values stay near the range where the analysis changes its mind.
inline void perturb_threshold(std::uint8_t which, std::uint8_t value, Thresholds& thresholds) {
  const auto table = threshold_table();
  const ThresholdInfo& info = table[which % table.size()];
  double& field = thresholds.*(info.field);
  if (value == 0) {
    field = info.minimum;
  } else if (value == 255) {
    field = info.maximum;
  } else {
    const double scaled = field * std::exp2((static_cast<double>(value) - 128.0) / 16.0);
    field = std::clamp(scaled, info.minimum, info.maximum);
  }
  // --config refuses a fraction for a count, so the fuzzer never tries one.
  if (info.value == ThresholdValue::integer) field = std::round(field);
}

// The options one input selects. The first bytes are a header:
//   byte 0: bits 0-1 --input-format (auto, jsonl, json, csv); bit 2 --color;
//           bit 3 --keep-duplicates; bits 4-5 --hub (none, the first hub of the
//           input, its last hub, a hub that is not in it); bits 6-7 the CSV
//           date order (automatic, month first, day first, automatic with a
//           local-time offset taken from byte 1)
//   byte 1: --top, from 0 to 15 (low four bits); bit 7 --lang fr
//   byte 2: bits 0-1 how many thresholds to change (0 to 3); bits 2-3
//           --device (none, `*`, `*-0?0*`, a pattern no id has); bits 4-5
//           --since (none, 90m, 2021-09-21T23:00:00Z, 0s); bits 6-7 --until
//           (none, 1h, 2026-11-20T01:00:00Z, 1000w)
//   then two bytes per changed threshold: which row of threshold_table(),
//           and the value (perturb_threshold)
// The rest is the log text. An input shorter than its header uses defaults.
struct PipelineFuzzOptions {
  ReadOptions read;
  bool color = false;
  Language language = Language::en;
  bool keep_duplicates = false;
  unsigned hub_filter = 0;  // 0 none, 1 the first hub, 2 the last hub, 3 an absent hub
  std::size_t max_items = 10;
  std::vector<std::string> devices;  // --device globs
  std::optional<TimeBound> since;
  std::optional<TimeBound> until;
  Thresholds thresholds;
};

inline PipelineFuzzOptions take_pipeline_options(std::string_view& data) {
  PipelineFuzzOptions options;
  // Small limits reach the too-large and too-deep paths with small inputs.
  options.read.limits.max_text_bytes = 4096;
  options.read.limits.max_depth = 32;
  if (data.size() < 3) return options;
  const auto byte = [&data](std::size_t index) { return static_cast<std::uint8_t>(data[index]); };
  const std::uint8_t flags = byte(0);
  const std::uint8_t top = byte(1);
  const std::uint8_t scope = byte(2);
  const unsigned changes = scope & 3u;
  data.remove_prefix(3);
  static constexpr std::array<InputFormat, 4> kFormats = {
      InputFormat::automatic, InputFormat::json_lines, InputFormat::json, InputFormat::csv};
  options.read.format = kFormats[flags & 3u];
  options.color = (flags & 4u) != 0;
  options.keep_duplicates = (flags & 8u) != 0;
  options.hub_filter = (flags >> 4) & 3u;
  static constexpr std::array<DateOrder, 4> kDateOrders = {
      DateOrder::automatic, DateOrder::month_first, DateOrder::day_first, DateOrder::automatic};
  const unsigned date_choice = (flags >> 6) & 3u;
  options.read.date_order = kDateOrders[date_choice];
  if (date_choice == 3) options.read.local_time_offset_minutes = (top >> 4) * 60 - 480;
  options.max_items = top & 15u;
  if ((top & 128u) != 0) options.language = Language::fr;
  static constexpr std::array<std::string_view, 4> kDevices = {"", "*", "*-0?0*", "no such \x01"};
  static constexpr std::array<std::string_view, 4> kSince = {"", "90m", "2021-09-21T23:00:00Z",
                                                             "0s"};
  static constexpr std::array<std::string_view, 4> kUntil = {"", "1h", "2026-11-20T01:00:00Z",
                                                             "1000w"};
  if (const std::string_view device = kDevices[(scope >> 2) & 3u]; !device.empty())
    options.devices.emplace_back(device);
  if (const std::string_view since = kSince[(scope >> 4) & 3u]; !since.empty())
    options.since = parse_time_bound(since);
  if (const std::string_view until = kUntil[(scope >> 6) & 3u]; !until.empty())
    options.until = parse_time_bound(until);
  for (unsigned change = 0; change < changes && data.size() >= 2; ++change) {
    perturb_threshold(byte(0), byte(1), options.thresholds);
    data.remove_prefix(2);
  }
  return options;
}

inline EventStore read_into_store(std::string_view text, const PipelineFuzzOptions& options,
                                  std::vector<std::string> hubs) {
  EventStore store(EventStore::Options{!options.keep_duplicates, 10, std::move(hubs), options.since,
                                       options.until});
  read_stream(std::make_unique<MemorySource>(text), "fuzz", options.read, store);
  store.finalize();
  return store;
}

// One input of fuzz_analyze: the header above, then a log file.
inline void analyze_fuzz_input(std::string_view data) {
  const PipelineFuzzOptions options = take_pipeline_options(data);
  std::vector<std::string> hubs;
  if (options.hub_filter != 0) {
    // The filter names a hub of the input, found by reading it once without one.
    const EventStore unfiltered = read_into_store(data, options, {});
    const auto& found = unfiltered.hubs();
    if (options.hub_filter == 3 || found.empty()) {
      hubs.emplace_back("no-such-hub");
    } else {
      hubs.push_back(options.hub_filter == 1 ? found.front().name : found.back().name);
    }
  }
  const EventStore store = read_into_store(data, options, std::move(hubs));
  // run_analyze stops here, with a message and exit code 2.
  if (!store.unmatched_hub_filters().empty() || store.stats().records == 0) return;
  analyze_and_render(store, options.thresholds,
                     {options.color, options.max_items, options.language}, options.devices);
}

// A small labeled fleet with every pattern, read once: what the config target
// analyzes under each configuration it accepts.
inline const EventStore& config_fuzz_fleet() {
  static const EventStore store = [] {
    simulate::SimulationOptions options;
    options.devices = 40;
    options.hours = 12;
    options.incidents = 1;
    options.site_outages = 1;
    options.duplicate_identity_devices = 1;
    options.never_reconnected_devices = 1;
    options.unauthorized_storm_devices = 1;
    std::string text;
    for (const simulate::Record& record : simulate::simulate_fleet(options).records) {
      text += record.json_line;
      text += '\n';
    }
    EventStore fleet;
    ReadOptions read_options;
    read_options.format = InputFormat::json_lines;
    read_stream(std::make_unique<MemorySource>(text), "fleet", read_options, fleet);
    fleet.finalize();
    return fleet;
  }();
  return store;
}

// One input of fuzz_config: the bytes as a --config file. A configuration that
// apply_thresholds accepts is then used to analyze the fleet above.
inline void config_fuzz_input(std::string_view data) {
  const nlohmann::json config = nlohmann::json::parse(data, nullptr, /*allow_exceptions=*/false);
  if (config.is_discarded()) return;
  Thresholds thresholds;
  if (apply_thresholds(config, thresholds)) return;  // refused, with a message
  analyze_and_render(config_fuzz_fleet(), thresholds, {});
}

}  // namespace iothub_diag::fuzz
