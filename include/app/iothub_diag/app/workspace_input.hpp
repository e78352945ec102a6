#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include <iothub_diag/app/diagnostic_lines.hpp>
#include <iothub_diag/core/timestamp.hpp>
#include <iothub_diag/model/time_bound.hpp>

namespace iothub_diag {

// `analyze --workspace ID`: where and what to pull.
struct WorkspaceOptions {
  std::string id;                                        // empty: read paths, not a workspace
  std::string endpoint = "https://api.loganalytics.io";  // --logs-endpoint
  std::string save_folder;  // --save DIR: keep the chunks there; empty: a temporary folder
};

// The access token: IOTHUB_DIAG_ACCESS_TOKEN, else `az account get-access-token`
// for the Log Analytics resource; nullopt after saying why.
std::optional<std::string> workspace_access_token(const DiagnosticLines& say);

// A pull's chunks, ready for the readers, and the span they cover.
struct WorkspaceInput {
  std::vector<std::string> paths;  // the chunk files, in time order
  Timestamp since = 0;             // the span pulled, both ends included, as absolute times
  Timestamp until = 0;
  std::string temporary_folder;  // removed by the destructor; empty with --save
  WorkspaceInput() = default;
  WorkspaceInput(const WorkspaceInput&) = delete;
  WorkspaceInput& operator=(const WorkspaceInput&) = delete;
  WorkspaceInput(WorkspaceInput&& other) noexcept;
  WorkspaceInput& operator=(WorkspaceInput&& other) noexcept;
  ~WorkspaceInput();
};

// Pulls --since..--until (durations counted back from `now`; 24 hours when
// --since is not given) of the hubs asked for, with a progress line on a
// terminal and a summary line on stderr. nullopt after saying why.
std::optional<WorkspaceInput> pull_workspace_input(const WorkspaceOptions& options,
                                                   std::optional<TimeBound> since,
                                                   std::optional<TimeBound> until,
                                                   const std::vector<std::string>& hubs,
                                                   Timestamp now, bool stderr_is_terminal,
                                                   const DiagnosticLines& say);

}  // namespace iothub_diag
