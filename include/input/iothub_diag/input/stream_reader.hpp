#pragma once

#include <memory>
#include <string_view>

#include <iothub_diag/input/byte_source.hpp>
#include <iothub_diag/input/input_format.hpp>
#include <iothub_diag/input/json_text_splitter.hpp>
#include <iothub_diag/input/read_options.hpp>
#include <iothub_diag/model/record_sink.hpp>

namespace iothub_diag {

// What became of one input stream as a whole.
enum class StreamOutcome : std::uint8_t {
  read,         // its records went to the sink (there may have been none)
  empty,        // nothing but whitespace
  rejected,     // the whole stream was skipped (binary, unrecognised); reported to the sink
  passed_over,  // one of this tool's own outputs (a JSON report, a simulation's ground
                // truth): named in a note to the sink, not read
};

// Reads one stream (a file or stdin) of any supported shape, gzip or not, and
// sends every record to `sink` as an event or a skip. `name` is used in locations.
StreamOutcome read_stream(std::unique_ptr<ByteSource> source, std::string_view name,
                          const ReadOptions& options, RecordSink& sink);

// Whether a stream that begins with `head` (its first bytes, at most 64 KiB,
// as stored) is read as JSON Lines by read_stream: not gzip, not rejected, and
// JSON Lines by --input-format or by detection. Such a stream can be cut at
// any line end and its pieces read apart with read_json_lines_piece.
bool reads_as_json_lines(std::string_view head, const ReadOptions& options);

// The head read_stream looks at: up to this many first bytes.
inline constexpr std::size_t kDetectionBytes = std::size_t{64} * 1024;

// Where a piece of a JSON Lines stream lies within it.
enum class StreamPiece : std::uint8_t { first, later };

// What read_json_lines_piece read.
struct PieceRead {
  std::uint64_t lines = 0;  // the lines the piece held
  // Binary data ended the read (JsonTextSplitter::gave_up): a read of the whole
  // stream reads nothing after it, so neither do the pieces that follow.
  bool ends_stream = false;
};

// Reads one piece of a JSON Lines stream that begins at a line start, as
// read_stream would read those lines (a first piece drops a UTF-8 BOM). Lines
// are numbered from 1 within the piece.
PieceRead read_json_lines_piece(ByteSource& source, std::string_view name, StreamPiece piece,
                                const ReadOptions& options, RecordSink& sink);

}  // namespace iothub_diag
