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

}  // namespace iothub_diag
