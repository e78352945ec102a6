#pragma once

#include <ostream>
#include <string>
#include <utility>
#include <vector>

#include <iothub_diag/app/analyze_command.hpp>

namespace iothub_diag {

// `iothub-diag simulate`: the output folder and the options given by name
// (the names of simulate::kSimulationOptions), applied in order.
struct SimulateCommand {
  std::string out_dir;
  std::vector<std::pair<std::string, std::string>> settings;
};

// Writes a labeled fleet's logs and `ground-truth.json` under out_dir.
ExitCode run_simulate(const SimulateCommand& command, std::ostream& out, std::ostream& err);

}  // namespace iothub_diag
