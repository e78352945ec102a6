#pragma once

#include <cstdint>
#include <string>

#include <iothub_diag/simulate/simulation_options.hpp>

namespace iothub_diag::simulate {

// The name of hub `index` (0-based) of a fleet: options.hub_name for the
// first, then the name's trailing number counted up, its width kept
// (FLEET-HUB-01, FLEET-HUB-02, ...), or `-02`, `-03` ... appended to a name
// that ends in no digit.
std::string hub_name(const SimulationOptions& options, int index);

// The options that simulate hub `index` as a fleet of its own: its name and
// its own seed, one hub. The first hub keeps options.seed, so hub 1 of a fleet
// is the one-hub fleet of the same options; the others draw from seeds of their own.
SimulationOptions hub_options(const SimulationOptions& options, int index);

}  // namespace iothub_diag::simulate
