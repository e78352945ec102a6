#pragma once

#include <iothub_diag/simulate/simulation.hpp>
#include <iothub_diag/simulate/simulation_options.hpp>

namespace iothub_diag::simulate {

// Generates a labeled fleet in memory: every Connections record and every 5xx
// record (incidents, background), with the ground truth. Deterministic: the
// same options give the same records byte for byte; nothing reads the clock.
// The noise filler (noise_records_per_device_hour) is not part of the result:
// write_simulation generates it hour by hour so that large files stream
// (see noise_records.hpp). Throws std::invalid_argument when validate() fails.
Simulation simulate_fleet(const SimulationOptions& options);

}  // namespace iothub_diag::simulate
