#include <iothub_diag/app/diagnostic_lines.hpp>
#include <iothub_diag/app/kql_command.hpp>
#include <iothub_diag/core/timestamp.hpp>

namespace iothub_diag {

ExitCode run_kql(const KqlCommand& command, std::ostream& out, std::ostream& err) {
  const DiagnosticLines say(err, command.language);
  if (command.span.since && command.span.until && command.span.since->at &&
      command.span.until->at && *command.span.since->at > *command.span.until->at) {
    say.error(Message{
        MessageId::since_after_until,
        {format_iso8601(*command.span.since->at), format_iso8601(*command.span.until->at)}});
    return ExitCode::failure;
  }
  if (!command.devices.empty()) {
    if (command.span.hubs.size() != 1 || command.count) {
      say.error(Message{MessageId::kql_device_needs_one_hub, {}});
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
