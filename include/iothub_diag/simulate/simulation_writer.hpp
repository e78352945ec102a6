#pragma once

#include <cstdint>
#include <filesystem>
#include <string_view>

#include <iothub_diag/core/timestamp.hpp>
#include <iothub_diag/simulate/simulation.hpp>
#include <iothub_diag/simulate/simulation_options.hpp>

namespace iothub_diag::simulate {

inline constexpr std::string_view kGroundTruthFileName = "ground-truth.json";
inline constexpr std::string_view kJsonLinesFileName = "fleet.jsonl";  // layout jsonl, shape jsonl
inline constexpr std::string_view kRecordsFileName = "fleet.json";  // layout jsonl, shape records
inline constexpr std::string_view kEventGridFileName = "eventgrid.jsonl";  // layout jsonl, events

struct WriteSummary {
  std::uint64_t files = 0;    // log files, not counting the ground truth
  std::uint64_t records = 0;  // lines or records; Event Grid: delivery batches
  std::uint64_t noise_records = 0;
  std::uint64_t bytes = 0;  // of the log files
};

// The blob, relative to the output directory, that holds the `category`
// records of hub `hub` received in the hour of `receive_time`:
// insights-logs-<category lowercased>/resourceId=/SUBSCRIPTIONS/<SUB>/RESOURCEGROUPS/<RG>/
// PROVIDERS/MICROSOFT.DEVICES/IOTHUBS/<HUB>/y=YYYY/m=MM/d=DD/h=HH/m=00/PT1H.json
std::filesystem::path archive_blob_path(const SimulationOptions& options, std::string_view hub,
                                        std::string_view category, Timestamp receive_time);

// The file, relative to the output directory, that holds the Event Grid
// batches delivered in the hour of `receive_time`, as a subscriber appending
// each delivery to an hourly file would keep them (layout archive):
// eventgrid/y=YYYY/m=MM/d=DD/h=HH/deliveries.jsonl, one batch per line.
std::filesystem::path event_grid_file_path(Timestamp receive_time);

// Writes the logs in options.layout / options.shape and `ground-truth.json`
// into `out_dir` (created if needed); with layout archive, each hub's blobs go
// under its own resourceId folder. With an Event Grid schema the records are
// delivery batches: layout jsonl writes them to kEventGridFileName, layout
// archive to event_grid_file_path, one per line either way. Works one receive hour at a time and
// generates the noise filler of each hour just before writing it, so memory
// stays at the simulation plus one hour of noise however large the files get.
// Throws std::runtime_error when a file cannot be written.
WriteSummary write_simulation(const Simulation& simulation, const SimulationOptions& options,
                              const std::filesystem::path& out_dir);

}  // namespace iothub_diag::simulate
