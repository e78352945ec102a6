#include <iothub_diag/app/kql_command.hpp>

namespace iothub_diag {

ExitCode run_kql(const KqlCommand& command, std::ostream& out, std::ostream& err) {
  if (command.span.since && command.span.until && command.span.since->at &&
      command.span.until->at && *command.span.since->at > *command.span.until->at) {
    err << "iothub-diag: error: --since is later than --until\n";
    return ExitCode::failure;
  }
  if (!command.devices.empty()) {
    if (command.span.hubs.size() != 1 || command.count) {
      err << "iothub-diag: error: --device needs exactly one --hub, and no --count\n";
      return ExitCode::failure;
    }
    out << workspace::device_events_query(command.span, command.span.hubs.front(), command.devices);
    return out.flush() ? ExitCode::clean : ExitCode::failure;
  }
  out << (command.count ? workspace::count_query(command.span, command.bin_minutes)
                        : workspace::connection_events_query(command.span));
  return out.flush() ? ExitCode::clean : ExitCode::failure;
}

}  // namespace iothub_diag
