#pragma once

#include <cstdint>
#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include <iothub_diag/input/ingest_progress.hpp>
#include <iothub_diag/input/path_walker.hpp>
#include <iothub_diag/input/stream_reader.hpp>
#include <iothub_diag/model/ingest_sink.hpp>

namespace iothub_diag {

struct IngestResult {
  std::vector<PathProblem> path_problems;  // named paths that do not exist or cannot be listed
  std::uint64_t files_read = 0;            // files opened and read as logs (possibly empty)
};

// Pieces of about 8 MiB: each piece's tables (its devices, its events) stay
// small enough to be found in cache while it is read, which matters more than
// the merge each piece adds; and many pieces keep every thread busy to the end.
// Measured on the 640 MB, 50,000-device benchmark file with 2 threads (best of
// 2 to 3 runs): 160 MB pieces 1.54 s, 80 MB 1.50 s, 40 MB 1.35 s, 4 to 20 MB
// 1.32 to 1.38 s. One thread reads in pieces too: on the 498 MB, 50,000-device
// file, 1.33 s read whole and 1.23 s in pieces (9 interleaved runs, medians;
// 1.25 against 1.20 s in 9 more); over 96 h, 4.42 against 4.12 s (3 runs).
// With 8,000 devices the table fits in cache either way and the time is the same.
inline constexpr std::uint64_t kAutomaticPieceBytes = 8u << 20;

// How the pieces of a large JSON Lines file are read.
enum class PieceReading : std::uint8_t {
  automatic,  // mapped, unless page faults are dear here (core/page_fault_cost.hpp)
  mapped,     // in place from a mapping of their file (MappedFileRange), where one can be made
  copied,     // copied out with pread (FileRangeSource)
};

// How the reading is spread over threads. The store ends up the same whatever
// these are: only speed and memory change.
struct IngestOptions {
  unsigned threads = 1;  // files (and pieces of large JSON Lines files) read at once
  // A JSON Lines file at least twice this size is cut at line ends into pieces
  // of about equal size, read in parallel (one after another with one thread).
  // 0: automatic, kAutomaticPieceBytes.
  std::uint64_t piece_bytes = 0;
  // Told, before it is opened, about each pipe or character device named on
  // the command line, with the note the report will carry: reading it may wait
  // for a writer, and lasts until the writer closes it.
  std::function<void(const Message& note)> on_pipe = nullptr;
  // How pieces are read. Either way reads the same bytes; tests compare them.
  PieceReading piece_reading = PieceReading::automatic;
};

// The note for a pipe or character device named on the command line.
Message pipe_note(std::string_view name);

// Reads every file under `paths` (stdin when empty) into `sink`, telling
// `progress` (when given) the bytes read so far, from one thread at a time.
// Work items (files, and pieces of large JSON Lines files) are read on up to
// `threads` threads into sinks from sink.new_piece() and merged back with
// sink.merge_piece() in input order; a whole file whose turn has come is read
// straight into `sink`.
IngestResult ingest_paths(const std::vector<std::string>& paths, const ReadOptions& options,
                          IngestSink& sink, const IngestOptions& ingest = {},
                          IngestProgress* progress = nullptr);

}  // namespace iothub_diag
