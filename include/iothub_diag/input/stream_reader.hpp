#pragma once

#include <memory>
#include <string_view>

#include <iothub_diag/input/byte_source.hpp>
#include <iothub_diag/input/input_format.hpp>
#include <iothub_diag/input/json_text_splitter.hpp>
#include <iothub_diag/input/read_options.hpp>
#include <iothub_diag/input/record_sink.hpp>

namespace iothub_diag {

// What became of one input stream as a whole.
enum class StreamOutcome : std::uint8_t {
  read,      // its records went to the sink (there may have been none)
  empty,     // nothing but whitespace
  rejected,  // the whole stream was skipped (binary, unrecognised); reported to the sink
};

// Reads one stream (a file or stdin) of any supported shape, gzip or not, and
// sends every record to `sink` as an event or a skip. `name` is used in locations.
StreamOutcome read_stream(std::unique_ptr<ByteSource> source, std::string_view name,
                          const ReadOptions& options, RecordSink& sink);

}  // namespace iothub_diag
