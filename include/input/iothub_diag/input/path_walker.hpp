#pragma once

#include <string>
#include <vector>

#include <iothub_diag/core/message.hpp>

namespace iothub_diag {

// An input the user named, or a file found under a directory they named.
struct InputFile {
  std::string path;  // as given, or joined below the given directory; "-" is stdin
};

// A named path that could not be read, and why (os_error_message()).
struct PathProblem {
  std::string path;
  Message problem;
};

struct WalkResult {
  std::vector<InputFile> files;  // sorted within each directory, so the order is reproducible
  std::vector<PathProblem> problems;
};

// Expands each path: a file stays itself, "-" is stdin, a directory is walked
// recursively (following symlinks, each real directory once, so link loops end),
// skipping hidden entries. Missing or unreadable paths become problems.
WalkResult walk_paths(const std::vector<std::string>& paths);

}  // namespace iothub_diag
