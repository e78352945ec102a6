#pragma once

#include <filesystem>
#include <string>

#include <iothub_diag/simulate/simulation.hpp>
#include <iothub_diag/simulate/simulation_options.hpp>

namespace iothub_diag::simulate {

// Where write_platform_files puts Azure's own evidence, relative to the output directory.
inline constexpr std::string_view kActivityLogFileName = "activity-log.json";
std::filesystem::path metric_file_path(std::string_view hub);  // metrics/<HUB>.json

// Hub `hub`'s connectedDeviceCount as `az monitor metrics list --interval PT1M`
// prints it (older CLI style: `"interval": "0:01:00"`, `+00:00` stamps, null
// for the aggregations not asked for, keys sorted, indented): each minute of
// the span holds the average number of its identities connected during that
// minute (from their true connected intervals), and the service's three empty
// last minutes follow.
std::string metric_response_json(const Simulation& simulation, const SimulationOptions& options,
                                 std::size_t hub);

// `az monitor activity-log list` output: for each incident marked
// health_event, a platform-initiated Resource Health event (Unavailable,
// Active) at its start and its resolution (Available, Resolved) at its end.
std::string activity_log_json(const Simulation& simulation, const SimulationOptions& options);

// Writes the metric of every hub (options.metric) and the activity log (when
// an incident has a health event) into `out_dir`.
void write_platform_files(const Simulation& simulation, const SimulationOptions& options,
                          const std::filesystem::path& out_dir);

}  // namespace iothub_diag::simulate
