#pragma once

#include <vector>

#include <iothub_diag/core/timestamp.hpp>
#include <iothub_diag/simulate/simulation.hpp>
#include <iothub_diag/simulate/simulation_options.hpp>

namespace iothub_diag::simulate {

// Information records outside Connections (telemetry ingress, twin reads and
// updates, direct methods, twin queries) whose event time lies in the hour
// starting at `hour`: about options.noise_records_per_device_hour for each
// device connected at that moment. They only add volume (for benchmarks) and
// never change a diagnosis. Each hour has its own random stream, so hours can
// be generated one at a time and in any order; loss and receive delays apply
// as to every other record. Unordered; receive times may fall in the next hour.
std::vector<Record> noise_records_for_hour(const Simulation& simulation,
                                           const SimulationOptions& options, Timestamp hour);

}  // namespace iothub_diag::simulate
