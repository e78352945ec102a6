#pragma once

#include <cstdint>
#include <optional>
#include <span>
#include <string_view>

#include <iothub_diag/core/timestamp.hpp>

namespace iothub_diag {

struct FlatMember;  // src/input/flat_json_object.hpp
class FlatJsonObject;

// The members of one record that the event model uses, gathered from any
// shape (JSON record, Log Analytics row, CSV row) as views into reader buffers.
struct RecordFields {
  std::string_view time;
  std::optional<Timestamp> parsed_time;  // set by readers that decode dates themselves (CSV)
  std::string_view event_time;
  std::string_view operation_name;
  std::string_view event_type;
  std::string_view category;
  std::string_view level;
  std::string_view result_type;              // as text (a JSON string, a CSV cell)
  std::optional<double> result_type_number;  // as a JSON number
  bool result_type_invalid = false;          // a JSON value no code can be (true, an object)
  std::string_view result_description;
  std::string_view correlation_id;
  std::string_view resource_id;  // resourceId, _ResourceId, Event Grid topic or source
  std::string_view location;     // the resource's region (a resource log's `location`)
  std::string_view device_id;
  // A deviceId given as a JSON number (`"deviceId": 12345`): an id all the same, read as its
  // digits.
  std::optional<std::int64_t> device_id_number;
  std::string_view module_id;
  std::string_view protocol;
  std::string_view sdk_version;
  std::string_view masked_ip;
  // A client's whole address (legacy operations monitoring's `ipAddress`), masked
  // as the hub masks it when emitted, unless a masked one is given too.
  std::string_view ip_address;
  std::string_view auth_type;
  std::string_view hub;              // Log Analytics `Resource`, Event Grid `data.hubName`
  std::string_view auth_type_text;   // authType as JSON inside a string, decoded when emitted
  std::string_view properties_text;  // `properties` as JSON inside a string
  // Its members, when the JSON reader read them in place (properties_text is then as
  // written), and the reader's object that holds what they hold in turn.
  std::span<const FlatMember> properties_members;
  const FlatJsonObject* properties_source = nullptr;
  // The members of authType_text, when they were read in place.
  std::span<const FlatMember> auth_type_members;
  bool properties_invalid = false;
  bool is_batch = false;  // the value was a batch whose records were already emitted
};

// A column (Log Analytics) or member (JSON) name the readers understand.
enum class RecordColumn : std::uint8_t {
  time,
  operation_name,
  category,
  level,
  result_type,
  result_description,
  correlation_id,
  resource_id,
  location,
  properties,
  device_id,
  module_id,
  protocol,
  sdk_version,
  masked_ip,
  ip_address,
  auth_type,
  hub,  // after device_id: Event Grid carries it in `data` beside the device members
};

// Maps a column name, case-insensitively, from the table of known spellings
// (`TimeGenerated`, `properties_s`, `DeviceId`, `deviceId_s`, ...). A zone
// suffix such as `TimeGenerated [UTC]` must be removed first.
std::optional<RecordColumn> record_column_from_name(std::string_view name) noexcept;

// Stores a text value in the field behind `column`. Device fields already set
// keep their value, so a projected `DeviceId` column and `properties_s` agree
// whatever their order.
void assign_column(RecordFields& fields, RecordColumn column, std::string_view value) noexcept;

// The hub a record belongs to: its hub name, or the `IOTHUBS/<name>` segment of
// its resource id; empty when it names neither.
std::string_view hub_of(const RecordFields& fields) noexcept;

// The `PROVIDER/TYPE` a resource id names when it is not an IoT hub's
// (`MICROSOFT.KEYVAULT/VAULTS`, `Microsoft.Devices/ProvisioningServices`), as
// written; empty for an IoT hub, and for an id that names no provider (a plain
// name, a placeholder), which is not judged.
std::string_view other_resource_type(std::string_view resource_id) noexcept;

// A client's address masked as the hub masks `maskedIpAddress`, so that the
// devices behind one site share it: an IPv4 address's last byte made `XXX`
// (`10.1.2.XXX`), an IPv6 address cut to its first 64 bits (`2001:db8:0:1::XXX`),
// a port or prefix length left out; `out` holds it. Empty for text that is
// neither, which is never kept whole.
std::string_view mask_address(std::string_view address, std::string& out);

}  // namespace iothub_diag
