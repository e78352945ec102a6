#pragma once

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

// Reads every file under `paths` (stdin when empty) into `store`, telling
// `progress` (when given) the bytes read so far.
IngestResult ingest_paths(const std::vector<std::string>& paths, const ReadOptions& options,
                          EventStore& store, IngestProgress* progress = nullptr);

}  // namespace iothub_diag
