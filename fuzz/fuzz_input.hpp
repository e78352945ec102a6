#pragma once

// What one fuzz input does, shared by the libFuzzer targets and the Catch2
// test that replays every kept crasher (test/input/fuzz_regression_test.cpp).
// The whole-pipeline targets (analyze, config) live in pipeline_fuzz_input.hpp.

#include <cstdio>
#include <cstdlib>
#include <memory>
#include <string>
#include <string_view>

#include "fast_path_agreement.hpp"
#include "pipeline_fuzz_input.hpp"
#include "threads_agreement.hpp"

#include <iothub_diag/input/stream_reader.hpp>
#include <iothub_diag/model/event_store.hpp>

namespace iothub_diag::fuzz {

// Ends the process when a fast path read `data` otherwise than its slow one.
inline void require_agreement(std::string_view target, const std::string& difference) {
  if (difference.empty()) return;
  std::fprintf(stderr, "%.*s: %s\n", static_cast<int>(target.size()), target.data(),
               difference.c_str());
  std::abort();
}

// A fast path against its slow one (fast_path_agreement.hpp, and
// threads_agreement.hpp for the whole analysis); the first byte picks the
// variant: an object or a row, in place or decoded; lines or values, tight or
// default limits; a tight or a large row limit; the input format and the size
// of the pieces two threads read.
inline void agreement_fuzz_input(std::string_view target, std::string_view data) {
  if (data.empty()) return;
  const auto selector = static_cast<unsigned char>(data.front());
  data.remove_prefix(1);
  if (target == "agree_flat") {
    const EmbeddedObjects embedded =
        (selector & 2) != 0 ? EmbeddedObjects::in_place : EmbeddedObjects::decoded;
    return require_agreement(target, flat_json_disagreement(data, (selector & 1) != 0, embedded));
  }
  if (target == "agree_threads") {
    static constexpr InputFormat kFormats[] = {InputFormat::automatic, InputFormat::json_lines,
                                               InputFormat::json, InputFormat::csv};
    static constexpr std::uint64_t kPieces[] = {64, 128, 256, 512};
    return require_agreement(
        target, threads_disagreement(data, kFormats[selector & 3u], kPieces[(selector >> 2) & 3u]));
  }
  if (target == "agree_split_json") {
    const JsonLayout layout = (selector & 1) != 0 ? JsonLayout::lines : JsonLayout::values;
    SplitterLimits limits;
    if ((selector & 2) != 0) limits = SplitterLimits{256, 8};
    return require_agreement(target, json_split_disagreement(data, layout, limits));
  }
  const std::size_t max_row_bytes = (selector & 1) != 0 ? 256 : std::size_t{1} << 20;
  require_agreement(target, csv_split_disagreement(data, max_row_bytes));
}

// `reader` is an --input-format name: auto (detection), jsonl, json, csv; a
// whole-pipeline target: analyze (a header of options, then a log file) or
// config (a --config file); or a fast path's agreement with its slow one:
// agree_flat, agree_split_json, agree_split_csv, agree_threads.
inline void read_fuzz_input(std::string_view reader, std::string_view data) {
  if (reader == "analyze") return analyze_fuzz_input(data);
  if (reader == "config") return config_fuzz_input(data);
  if (reader.starts_with("agree_")) return agreement_fuzz_input(reader, data);
  ReadOptions options;
  options.format = input_format_from_name(reader).value_or(InputFormat::automatic);
  // Small limits reach the too-large and too-deep paths with small inputs.
  options.limits.max_text_bytes = 4096;
  options.limits.max_depth = 32;
  if (options.format == InputFormat::csv && !data.empty()) {
    // The first byte picks the CSV options, so every date path is explored.
    const auto selector = static_cast<unsigned char>(data.front());
    data.remove_prefix(1);
    options.date_order = static_cast<DateOrder>(selector % 3);
    if ((selector & 4) != 0) options.local_time_offset_minutes = (selector >> 3) * 15 - 240;
  }
  EventStore store;
  read_stream(std::make_unique<MemorySource>(data), "fuzz", options, store);
  store.finalize();
}

}  // namespace iothub_diag::fuzz
