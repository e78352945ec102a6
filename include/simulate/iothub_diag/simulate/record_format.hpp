#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include <iothub_diag/core/timestamp.hpp>
#include <iothub_diag/simulate/random_stream.hpp>
#include <iothub_diag/simulate/simulation_options.hpp>

namespace iothub_diag::simulate {

struct ErrorCodeInfo {
  std::int32_t code;
  std::string_view description;     // resultDescription
  std::string_view other_spelling;  // the hub also logs this spelling; empty if none
  std::string_view status_code;     // properties.statusCode
  std::string_view message;         // properties.errorMessage
};

// The codes the simulator emits (docs/DOMAIN.md: the patterns and related codes).
inline constexpr ErrorCodeInfo kErrorCodes[] = {
    {404104, "DeviceConnectionClosedRemotely", "", "404",
     "Device disconnected, see cause and resolution at https://aka.ms/iothub404104"},
    {401003, "IoTHubUnauthorized", "IotHubUnauthorized", "401",
     "Authentication failed for this device, renew token or certificate and reconnect"},
    {400027, "ConnectionForcefullyClosedOnNewConnection", "", "400",
     "Connection closed because a new connection was opened for the same identity, see "
     "https://aka.ms/iothub400027"},
    {409002, "LinkCreationConflict", "", "409",
     "Link creation conflict, see cause and resolution at https://aka.ms/iothub409002"},
    {429001, "ThrottlingException", "", "429",
     "Throttling exception, see cause and resolution at https://aka.ms/iothub429001"},
    {429002, "ThrottlingBacklogTimeout", "", "429",
     "Throttling backlog timeout, see cause and resolution at https://aka.ms/iothub429002"},
    {500001, "ServerError", "", "500",
     "Internal server error, see cause and resolution at https://aka.ms/iothub500xxx"},
    {500008, "GenericTimeout", "", "500",
     "Operation timed out, see cause and resolution at https://aka.ms/iothub500xxx"},
    {503001, "ServiceUnavailable", "", "503",
     "Service unavailable, see cause and resolution at https://aka.ms/iothub503003"},
    {504101, "GatewayTimeout", "", "504",
     "Gateway timed out waiting for the device, see https://aka.ms/iothub504101"},
};

// The row for `code`; nullptr for a code the table does not hold.
const ErrorCodeInfo* find_error_code(std::int32_t code) noexcept;

enum class ConnectionOperation : std::uint8_t { connect, disconnect };

// Non-Connections record kinds: filler volume (Information) and 5xx errors.
enum class CategoryRecordKind : std::uint8_t {
  telemetry_ingress,
  d2c_twin_update,
  d2c_twin_read,
  c2d_twin_read,
  c2d_command,
  direct_method,
  twin_query,
  route_endpoint,
};

struct CategoryRecordTemplate {
  CategoryRecordKind kind;
  std::string_view category;
  std::string_view operation_name;
};

inline constexpr CategoryRecordTemplate kCategoryRecords[] = {
    {CategoryRecordKind::telemetry_ingress, "DeviceTelemetry", "ingress"},
    {CategoryRecordKind::d2c_twin_update, "D2CTwinOperations", "update"},
    {CategoryRecordKind::d2c_twin_read, "D2CTwinOperations", "read"},
    {CategoryRecordKind::c2d_twin_read, "C2DTwinOperations", "read"},
    {CategoryRecordKind::c2d_command, "C2DCommands", "send"},
    {CategoryRecordKind::direct_method, "DirectMethods", "send"},
    {CategoryRecordKind::twin_query, "TwinQueries", "query"},
    {CategoryRecordKind::route_endpoint, "Routes", "endpointUnhealthy"},
};

const CategoryRecordTemplate& template_of(CategoryRecordKind kind) noexcept;

// The identity and link details that appear in one client's Connections records.
struct ClientIdentity {
  std::string_view device_id;
  std::string_view module_id;    // empty for a device identity
  std::string_view sdk_version;  // written on connects only
  std::string_view protocol;
  std::string_view auth_type;  // a JSON text, or empty for null
  std::string_view masked_ip;
};

// `2026-11-20T01:02:03Z` from a whole-second time, or with exactly 7 fraction
// digits (`.1234567`) whose first three are the milliseconds when
// `sub_millisecond_digits` (0-9999) is given.
std::string format_record_time(Timestamp time, std::optional<int> sub_millisecond_digits);

struct StampedTime {
  Timestamp time;    // what parsing `text` gives back (milliseconds)
  std::string text;  // the record's `time`
};

// The record time for an event at `time`: whole seconds for most records, 7
// fraction digits for options.fractional_time_share of them (real hubs mix both).
StampedTime stamp_time(Timestamp time, const SimulationOptions& options, RandomStream& random);

// `/SUBSCRIPTIONS/<sub>/RESOURCEGROUPS/<rg>/PROVIDERS/MICROSOFT.DEVICES/IOTHUBS/<hub>`:
// the hub's `resourceId` in resource logs and its `topic` in Event Grid events.
std::string hub_resource_id(const SimulationOptions& options);

// Builds compact one-line records in the Azure Monitor common schema, with the
// member order the hub writes and `properties` as a JSON document in a string.
class RecordFormatter {
 public:
  explicit RecordFormatter(const SimulationOptions& options);

  // A Connections record; `code` 0 is a success (level Information, no resultType).
  std::string connection(std::string_view time_text, ConnectionOperation operation,
                         const ClientIdentity& client, std::int32_t code,
                         bool other_spelling = false) const;

  // A record of another category; `code` 0 gives an Information record with a
  // duration. `device` may be null (Routes, TwinQueries carry no device).
  std::string category_record(std::string_view time_text, CategoryRecordKind kind,
                              const ClientIdentity* device, std::int32_t code,
                              RandomStream& random) const;

  const std::string& resource_id() const { return resource_id_; }

 private:
  std::string resource_id_;
  std::string location_;
};

}  // namespace iothub_diag::simulate
