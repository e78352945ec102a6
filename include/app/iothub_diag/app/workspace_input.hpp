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

// The resource a token for the query API at `endpoint` is asked for: the public
// cloud's `https://api.loganalytics.io` for its hosts (`api.loganalytics.io`,
// `api.loganalytics.azure.com`), else the endpoint's scheme and host, no port, as
// a sovereign cloud names its API (`https://api.loganalytics.azure.cn`,
// `https://api.loganalytics.us`).
// An origin with bytes a host name has not is never passed on: the public one then.
std::string token_resource(std::string_view endpoint);

struct AccessToken {
  std::string value;
  bool from_az = false;  // az can be asked again for a new one
};

// The access token: IOTHUB_DIAG_ACCESS_TOKEN, else `az account get-access-token`
// for `resource`; nullopt after saying why.
std::optional<AccessToken> workspace_access_token(const DiagnosticLines& say,
                                                  const std::string& resource);

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
