#include <iothub_diag/core/ascii.hpp>
#include <iothub_diag/model/event.hpp>

namespace iothub_diag {

Operation operation_from_name(std::string_view name) noexcept {
  if (iequals(name, "deviceConnect") || iequals(name, "Microsoft.Devices.DeviceConnected")) {
    return Operation::connect;
  }
  if (iequals(name, "deviceDisconnect") || iequals(name, "Microsoft.Devices.DeviceDisconnected")) {
    return Operation::disconnect;
  }
  return Operation::other;
}

Level level_from_name(std::string_view name) noexcept {
  if (iequals(name, "Information") || iequals(name, "Informational")) return Level::information;
  if (iequals(name, "Warning")) return Level::warning;
  if (iequals(name, "Error") || iequals(name, "Critical")) return Level::error;
  return Level::unknown;
}

std::string_view to_string(Level level) noexcept {
  switch (level) {
    case Level::information:
      return "Information";
    case Level::warning:
      return "Warning";
    case Level::error:
      return "Error";
    case Level::unknown:
      break;
  }
  return "unknown";
}

std::string_view to_string(Operation operation) noexcept {
  switch (operation) {
    case Operation::connect:
      return "deviceConnect";
    case Operation::disconnect:
      return "deviceDisconnect";
    case Operation::other:
      break;
  }
  return "other";
}

}  // namespace iothub_diag
