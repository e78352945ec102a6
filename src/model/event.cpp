#include <iothub_diag/core/ascii.hpp>
#include <iothub_diag/model/event.hpp>

namespace iothub_diag {

// These run for every record: the spellings resource logs use are compared as
// bytes first, which costs a load or two where iequals() loops over every letter.

Operation operation_from_name(std::string_view name) noexcept {
  if (name == "deviceConnect") return Operation::connect;
  if (name == "deviceDisconnect") return Operation::disconnect;
  if (iequals(name, "deviceConnect") || iequals(name, "Microsoft.Devices.DeviceConnected")) {
    return Operation::connect;
  }
  if (iequals(name, "deviceDisconnect") || iequals(name, "Microsoft.Devices.DeviceDisconnected")) {
    return Operation::disconnect;
  }
  return Operation::other;
}

Level level_from_name(std::string_view name) noexcept {
  if (name == "Information") return Level::information;
  if (name == "Error") return Level::error;
  if (iequals(name, "Information") || iequals(name, "Informational")) return Level::information;
  if (iequals(name, "Warning")) return Level::warning;
  if (iequals(name, "Error") || iequals(name, "Critical")) return Level::error;
  return Level::unknown;
}

bool made_by_service(std::string_view category) noexcept {
  // Resource-log categories whose records are calls a back-end application
  // made about a device. Their `sdkVersion` is the service API's version
  // (`2020-09-30`), their `protocol`, `maskedIpAddress` and `authType` the
  // caller's. Device-side categories (Connections, DeviceTelemetry,
  // D2CTwinOperations, FileUploadOperations) and records without a category
  // speak of the device itself.
  static constexpr std::string_view kServiceCategories[] = {
      "C2DCommands",    "C2DTwinOperations",        "DirectMethods",  "TwinQueries",
      "JobsOperations", "DeviceIdentityOperations", "Configurations",
  };
  if (category == "Connections") return false;  // most records: no letter-by-letter compare
  for (const std::string_view service : kServiceCategories)
    if (iequals(category, service)) return true;
  return false;
}

}  // namespace iothub_diag
