#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include <iothub_diag/input/ingest_progress.hpp>
#include <iothub_diag/input/path_walker.hpp>
#include <iothub_diag/input/stream_reader.hpp>
#include <iothub_diag/model/event_store.hpp>

namespace iothub_diag {

struct IngestResult {
  std::vector<PathProblem> path_problems;  // named paths that do not exist or cannot be listed
  std::uint64_t files_read = 0;            // files opened and read as logs (possibly empty)
};

inline constexpr std::uint64_t kMinAutomaticPieceBytes = 32u << 20;
// Several pieces per thread, so that one thread merges a finished piece while
// the others still read, and no thread is left with a long last piece alone.
inline constexpr std::uint64_t kAutomaticPiecesPerThread = 4;

// How the reading is spread over threads. The store ends up the same whatever
// these are: only speed and memory change.
struct IngestOptions {
  unsigned threads = 1;  // files (and pieces of large JSON Lines files) read at once
  // A JSON Lines file at least twice this size is cut at line ends into pieces
  // of about equal size, read in parallel (only with threads > 1). 0: automatic,
  // kAutomaticPiecesPerThread pieces per thread but at least kMinAutomaticPieceBytes
  // each, because every piece adds a merge of its device table (devices, not
  // records, set its cost).
  std::uint64_t piece_bytes = 0;
};

// Reads every file under `paths` (stdin when empty) into `store`, telling
// `progress` (when given) the bytes read so far, from one thread at a time.
IngestResult ingest_paths(const std::vector<std::string>& paths, const ReadOptions& options,
                          EventStore& store, const IngestOptions& ingest = {},
                          IngestProgress* progress = nullptr);

}  // namespace iothub_diag
