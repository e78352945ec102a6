// The names a record gives its operation, level and category, in any case.
#include <catch2/catch.hpp>

#include <iothub_diag/model/event.hpp>

namespace iothub_diag {
namespace {

TEST_CASE("operations are known by their names in any case, and Event Grid's", "[model][names]") {
  CHECK(operation_from_name("deviceConnect") == Operation::connect);
  CHECK(operation_from_name("DEVICECONNECT") == Operation::connect);
  CHECK(operation_from_name("DeviceConnect") == Operation::connect);
  CHECK(operation_from_name("Microsoft.Devices.DeviceConnected") == Operation::connect);
  CHECK(operation_from_name("microsoft.devices.deviceconnected") == Operation::connect);
  CHECK(operation_from_name("deviceDisconnect") == Operation::disconnect);
  CHECK(operation_from_name("DeviceDisconnect") == Operation::disconnect);
  CHECK(operation_from_name("Microsoft.Devices.DeviceDisconnected") == Operation::disconnect);
  CHECK(operation_from_name("deviceConnec") == Operation::other);
  CHECK(operation_from_name("deviceConnect ") == Operation::other);
  CHECK(operation_from_name("d2cTwinRead") == Operation::other);
  CHECK(operation_from_name("") == Operation::other);
}

TEST_CASE("levels are known by their names in any case", "[model][names]") {
  CHECK(level_from_name("Information") == Level::information);
  CHECK(level_from_name("information") == Level::information);
  CHECK(level_from_name("Informational") == Level::information);
  CHECK(level_from_name("Warning") == Level::warning);
  CHECK(level_from_name("WARNING") == Level::warning);
  CHECK(level_from_name("Error") == Level::error);
  CHECK(level_from_name("error") == Level::error);
  CHECK(level_from_name("Critical") == Level::error);
  CHECK(level_from_name("Errors") == Level::unknown);
  CHECK(level_from_name("") == Level::unknown);
}

TEST_CASE("only a back end's categories are made by the service", "[model][names]") {
  CHECK_FALSE(made_by_service("Connections"));
  CHECK_FALSE(made_by_service("connections"));
  CHECK_FALSE(made_by_service("DeviceTelemetry"));
  CHECK_FALSE(made_by_service(""));
  CHECK(made_by_service("C2DCommands"));
  CHECK(made_by_service("c2dcommands"));
  CHECK(made_by_service("DirectMethods"));
  CHECK(made_by_service("DEVICEIDENTITYOPERATIONS"));
  CHECK(made_by_service("Configurations"));
}

}  // namespace
}  // namespace iothub_diag
