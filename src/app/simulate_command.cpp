#include <string>

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
      err << "iothub-diag: error: --" << name << ": " << escape_for_terminal(*problem) << '\n';
      return ExitCode::failure;
    }
  }
  if (const auto problem = simulate::validate(options)) {
    err << "iothub-diag: error: " << escape_for_terminal(*problem) << '\n';
    return ExitCode::failure;
  }
  const simulate::Simulation simulation = simulate::simulate_fleet(options);
  const simulate::WriteSummary summary =
      simulate::write_simulation(simulation, options, command.out_dir);
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
