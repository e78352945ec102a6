#include <filesystem>
#include <string>
#include <system_error>

#include <fmt/format.h>

#include <iothub_diag/app/simulate_command.hpp>
#include <iothub_diag/core/text_escape.hpp>
#include <iothub_diag/simulate/fleet_simulator.hpp>
#include <iothub_diag/simulate/simulation_options.hpp>
#include <iothub_diag/simulate/simulation_writer.hpp>

namespace iothub_diag {

ExitCode run_simulate(const SimulateCommand& command, std::ostream& out, std::ostream& err) {
  simulate::SimulationOptions options;
  for (const auto& [name, value] : command.settings) {
    if (const auto problem = simulate::apply_simulation_option(options, name, value)) {
      err << "iothub-diag: error: " << escape_for_terminal(*problem) << '\n';
      return ExitCode::failure;
    }
  }
  if (const auto problem = simulate::validate(options)) {
    err << "iothub-diag: error: " << escape_for_terminal(*problem) << '\n';
    return ExitCode::failure;
  }
  if (command.out_dir.empty()) {
    err << "iothub-diag: error: --out: an output folder is needed\n";
    return ExitCode::failure;
  }
  // Files of an earlier fleet left beside the new one would be read with it.
  std::error_code listing;
  if (std::filesystem::is_directory(command.out_dir, listing) &&
      !std::filesystem::is_empty(command.out_dir, listing)) {
    err << "iothub-diag: warning: '" << escape_for_terminal(command.out_dir)
        << "' is not empty: analyze reads its other files with the new fleet's\n";
  }
  const simulate::Simulation simulation = simulate::simulate_fleet(options);
  simulate::WriteSummary summary;
  try {
    summary = simulate::write_simulation(simulation, options, command.out_dir);
  } catch (const std::filesystem::filesystem_error& error) {
    const std::string where = error.path1().empty() ? command.out_dir : error.path1().string();
    err << "iothub-diag: error: cannot write '" << escape_for_terminal(where)
        << "': " << escape_for_terminal(error.code().message()) << '\n';
    return ExitCode::failure;
  }
  const std::string contents =
      options.schema == simulate::OutputSchema::resource_logs
          ? fmt::format("{} records ({} filler)", summary.records + summary.noise_records,
                        summary.noise_records)
          : fmt::format("{} {} events ({} batches)", simulation.state_events,
                        simulate::to_string(options.schema), summary.records);
  out << fmt::format("wrote {} in {} files, {:.1f} MB, and ground-truth.json to {}\n", contents,
                     summary.files, static_cast<double>(summary.bytes) / 1e6,
                     escape_for_terminal(command.out_dir));
  return ExitCode::clean;
}

}  // namespace iothub_diag
