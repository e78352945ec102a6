#include <algorithm>
#include <array>
#include <cstdint>
#include <cstring>

#include <iothub_diag/core/ascii.hpp>
#include <iothub_diag/input/record_fields.hpp>

namespace iothub_diag {
namespace {

struct ColumnName {
  std::string_view name;
  RecordColumn column;
};

// Every spelling seen in resource logs, AzureDiagnostics exports (where Log
// Analytics suffixes custom string columns with `_s`) and legacy records.
constexpr std::array kColumnNames = {
    // Resource-log spellings first: placed first, they are found at the first slot they try.
    ColumnName{"time", RecordColumn::time},
    ColumnName{"operationName", RecordColumn::operation_name},
    ColumnName{"category", RecordColumn::category},
    ColumnName{"level", RecordColumn::level},
    ColumnName{"resultType", RecordColumn::result_type},
    ColumnName{"resultDescription", RecordColumn::result_description},
    ColumnName{"correlationId", RecordColumn::correlation_id},
    ColumnName{"deviceId", RecordColumn::device_id},
    ColumnName{"moduleId", RecordColumn::module_id},
    ColumnName{"protocol", RecordColumn::protocol},
    ColumnName{"sdkVersion", RecordColumn::sdk_version},
    ColumnName{"maskedIpAddress", RecordColumn::masked_ip},
    ColumnName{"authType", RecordColumn::auth_type},
    ColumnName{"Level", RecordColumn::level},
    ColumnName{"AuthType", RecordColumn::auth_type},
    ColumnName{"Category", RecordColumn::category},
    ColumnName{"DeviceId", RecordColumn::device_id},
    ColumnName{"ModuleId", RecordColumn::module_id},
    ColumnName{"Protocol", RecordColumn::protocol},
    ColumnName{"authType_s", RecordColumn::auth_type},
    ColumnName{"deviceId_s", RecordColumn::device_id},
    ColumnName{"moduleId_s", RecordColumn::module_id},
    ColumnName{"properties", RecordColumn::properties},
    ColumnName{"protocol_s", RecordColumn::protocol},
    ColumnName{"ResultType", RecordColumn::result_type},
    ColumnName{"SDKVersion", RecordColumn::sdk_version},
    ColumnName{"properties_s", RecordColumn::properties},
    ColumnName{"sdkVersion_s", RecordColumn::sdk_version},
    ColumnName{"CorrelationId", RecordColumn::correlation_id},
    ColumnName{"OperationName", RecordColumn::operation_name},
    ColumnName{"TimeGenerated", RecordColumn::time},
    ColumnName{"MaskedIpAddress", RecordColumn::masked_ip},
    ColumnName{"maskedIpAddress_s", RecordColumn::masked_ip},
    ColumnName{"ResultDescription", RecordColumn::result_description},
    // The hub: resource ids (resource logs, AzureDiagnostics, Event Grid `topic`,
    // CloudEvents `source`) and plain names (AzureDiagnostics `Resource`, Event Grid `hubName`).
    ColumnName{"resourceId", RecordColumn::resource_id},
    ColumnName{"_ResourceId", RecordColumn::resource_id},
    ColumnName{"topic", RecordColumn::resource_id},
    ColumnName{"source", RecordColumn::resource_id},
    ColumnName{"hubName", RecordColumn::hub},
    ColumnName{"Resource", RecordColumn::hub},
};

// Spellings that differ only in case name one column, so a lookup may stop at
// the first entry equal to a name in either way.
constexpr bool cases_agree() {
  for (const ColumnName& a : kColumnNames) {
    for (const ColumnName& b : kColumnNames) {
      if (iequals(a.name, b.name) && a.column != b.column) return false;
    }
  }
  return true;
}
static_assert(cases_agree(), "two spellings of one name in different cases name different columns");

// Where a name starts its search in the lookup table; case-insensitive.
constexpr std::size_t column_slot(std::string_view name, std::size_t slots) noexcept {
  if (name.empty()) return 0;
  const auto first = static_cast<unsigned char>(ascii_lower(name.front()));
  const auto last = static_cast<unsigned char>(ascii_lower(name.back()));
  return (name.size() * 31 + std::size_t{first} * 7 + last) % slots;
}

// Whether two names of equal length are the same bytes: loads of 8 bytes (the
// last one overlapping), where memcmp would be a call for every member of every record.
bool same_bytes(std::string_view a, std::string_view b) noexcept {
  const std::size_t size = a.size();
  const auto word = [](std::string_view text, std::size_t at) {
    std::uint64_t value = 0;
    std::memcpy(&value, text.data() + at, sizeof value);
    return value;
  };
  if (size < sizeof(std::uint64_t)) return a == b;
  for (std::size_t at = 0; at + sizeof(std::uint64_t) < size; at += sizeof(std::uint64_t)) {
    if (word(a, at) != word(b, at)) return false;
  }
  return word(a, size - sizeof(std::uint64_t)) == word(b, size - sizeof(std::uint64_t));
}

void assign_if_empty(std::string_view& field, std::string_view value) noexcept {
  if (field.empty()) field = value;
}

}  // namespace

std::optional<RecordColumn> record_column_from_name(std::string_view name) noexcept {
  // Runs for every member of every record: an open-addressing table keyed by
  // length and first and last letters finds a name in one or two compares.
  static constexpr std::size_t kSlots = 128;
  static const auto slots = [] {
    std::array<std::uint8_t, kSlots> table{};  // index + 1 into kColumnNames; 0 is empty
    for (std::size_t i = 0; i < kColumnNames.size(); ++i) {
      std::size_t slot = column_slot(kColumnNames[i].name, kSlots);
      while (table[slot] != 0)
        slot = (slot + 1) % kSlots;
      table[slot] = static_cast<std::uint8_t>(i + 1);
    }
    return table;
  }();
  if (name.empty()) return std::nullopt;
  // One walk: the first entry equal either way is the answer (cases_agree).
  for (std::size_t slot = column_slot(name, kSlots); slots[slot] != 0; slot = (slot + 1) % kSlots) {
    const ColumnName& entry = kColumnNames[slots[slot] - 1u];
    if (entry.name.size() != name.size()) continue;
    if (same_bytes(entry.name, name) || iequals(entry.name, name)) return entry.column;
  }
  return std::nullopt;
}

void assign_column(RecordFields& fields, RecordColumn column, std::string_view value) noexcept {
  switch (column) {
    case RecordColumn::time:
      fields.time = value;
      break;
    case RecordColumn::operation_name:
      fields.operation_name = value;
      break;
    case RecordColumn::category:
      fields.category = value;
      break;
    case RecordColumn::level:
      fields.level = value;
      break;
    case RecordColumn::result_type:
      fields.result_type = value;
      break;
    case RecordColumn::result_description:
      fields.result_description = value;
      break;
    case RecordColumn::correlation_id:
      fields.correlation_id = value;
      break;
    case RecordColumn::resource_id:
      assign_if_empty(fields.resource_id, value);
      break;
    case RecordColumn::hub:
      assign_if_empty(fields.hub, value);
      break;
    case RecordColumn::properties:
      fields.properties_text = value;
      break;
    case RecordColumn::device_id:
      assign_if_empty(fields.device_id, value);
      break;
    case RecordColumn::module_id:
      assign_if_empty(fields.module_id, value);
      break;
    case RecordColumn::protocol:
      assign_if_empty(fields.protocol, value);
      break;
    case RecordColumn::sdk_version:
      assign_if_empty(fields.sdk_version, value);
      break;
    case RecordColumn::masked_ip:
      assign_if_empty(fields.masked_ip, value);
      break;
    case RecordColumn::auth_type:
      // Usually JSON in a string (`{"scope":"device","type":"sas",...}`); plain words also occur.
      if (trim(value).starts_with('{'))
        assign_if_empty(fields.auth_type_text, value);
      else
        assign_if_empty(fields.auth_type, value);
      break;
  }
}

std::string_view hub_of(const RecordFields& fields) noexcept {
  if (!trim(fields.hub).empty()) return trim(fields.hub);
  // `/SUBSCRIPTIONS/<id>/RESOURCEGROUPS/<rg>/PROVIDERS/MICROSOFT.DEVICES/IOTHUBS/<name>`, in any
  // case.
  constexpr std::string_view kSegment = "/iothubs/";
  const std::string_view id = fields.resource_id;
  // Only a '/' can start the segment: jump from one to the next.
  for (std::size_t at = id.find('/');
       at != std::string_view::npos && at + kSegment.size() <= id.size();
       at = id.find('/', at + 1)) {
    if (!iequals(id.substr(at, kSegment.size()), kSegment)) continue;
    std::string_view name = id.substr(at + kSegment.size());
    return trim(name.substr(0, name.find('/')));
  }
  return {};
}

}  // namespace iothub_diag
