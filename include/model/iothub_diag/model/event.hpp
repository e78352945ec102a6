#pragma once

#include <cstdint>
#include <string_view>

#include <iothub_diag/core/timestamp.hpp>

namespace iothub_diag {

// What a record says happened, reduced to what the rules distinguish.
enum class Operation : std::uint8_t { connect, disconnect, other };

enum class Level : std::uint8_t { information, warning, error, unknown };

// One normalized log record, whatever shape it arrived in. String views point
// into the reader's buffers and are valid only during the sink call that
// receives the event; a sink that keeps anything copies it.
struct Event {
  Timestamp time = 0;
  std::string_view category;
  std::string_view operation_name;
  Operation operation = Operation::other;
  Level level = Level::unknown;
  std::int32_t code = 0;  // resultType as a number; 0 when the record has none
  std::string_view result_description;
  std::string_view device_id;
  std::string_view module_id;
  std::string_view protocol;
  std::string_view sdk_version;
  std::string_view masked_ip;
  std::string_view auth_type;
  std::string_view correlation_id;
  std::string_view hub;  // the IoT hub's name as the record spells it; empty when it names none
  std::string_view location;  // the hub's region (a resource log's `location`); empty: not named
  // Event Grid events carry state changes only: no levels and no error codes.
  bool from_state_snapshot = false;
};

// Event Grid publishes a device's connection state as a snapshot once per
// interval, so its event times are late by up to this much.
inline constexpr Timestamp kStateSnapshotInterval = 60 * kMillisPerSecond;

// Maps `deviceConnect` / `deviceDisconnect` (and Event Grid's types) to an Operation.
Operation operation_from_name(std::string_view name) noexcept;

// Whether a record of this category is a back-end call about a device (a
// direct method, a cloud-to-device message, a twin read or query, a job):
// what it says of the client (SDK, protocol, IP, auth) is the service's.
bool made_by_service(std::string_view category) noexcept;

// Maps `Information`, `Warning`, `Error` (any case) to a Level.
Level level_from_name(std::string_view name) noexcept;

}  // namespace iothub_diag
