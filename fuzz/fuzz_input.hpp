#pragma once

// What one fuzz input does, shared by the libFuzzer targets and the Catch2
// test that replays every kept crasher (test/input/fuzz_regression_test.cpp).
// The whole-pipeline targets (analyze, config) live in pipeline_fuzz_input.hpp.

#include <memory>
#include <string_view>

#include "pipeline_fuzz_input.hpp"

#include <iothub_diag/input/stream_reader.hpp>
#include <iothub_diag/model/event_store.hpp>

namespace iothub_diag::fuzz {

// `reader` is an --input-format name: auto (detection), jsonl, json, csv; or
// a whole-pipeline target: analyze (a header of options, then a log file) or
// config (a --config file).
inline void read_fuzz_input(std::string_view reader, std::string_view data) {
  if (reader == "analyze") return analyze_fuzz_input(data);
  if (reader == "config") return config_fuzz_input(data);
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
