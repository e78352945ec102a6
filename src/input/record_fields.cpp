#include <algorithm>
#include <array>
#include <cstdint>
#include <cstring>

#include <arpa/inet.h>
#include <fmt/format.h>

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
    // Legacy operations monitoring (retired 2019): the code, its name and the
    // client's whole address, at the top level of an error record.
    ColumnName{"statusType", RecordColumn::result_type},
    ColumnName{"statusDescription", RecordColumn::result_description},
    ColumnName{"ipAddress", RecordColumn::ip_address},
    // The hub: resource ids (resource logs, AzureDiagnostics, Event Grid `topic`,
    // CloudEvents `source`) and plain names (AzureDiagnostics `Resource`, Event Grid `hubName`).
    ColumnName{"resourceId", RecordColumn::resource_id},
    ColumnName{"_ResourceId", RecordColumn::resource_id},
    ColumnName{"topic", RecordColumn::resource_id},
    ColumnName{"source", RecordColumn::resource_id},
    ColumnName{"hubName", RecordColumn::hub},
    // The hub's region, which a Service Health incident names.
    ColumnName{"location", RecordColumn::location},
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

// The lookup table: one slot for each name, whatever its case, holding each of
// its spellings written out, so that finding a name reads one slot and
// compares a few words.
constexpr std::size_t kLongestName = 24;
// same_bytes() compares at least 4 bytes at a time.
constexpr std::size_t kShortestName = 4;
constexpr std::size_t kSlots = 128;
// A name's spellings in the table (`deviceId`, `DeviceId`).
constexpr std::size_t kMostSpellings = 2;

constexpr bool names_fit() {
  for (const ColumnName& entry : kColumnNames) {
    if (entry.name.size() < kShortestName || entry.name.size() > kLongestName) return false;
  }
  return true;
}
static_assert(names_fit(), "a spelling is shorter or longer than a slot holds");

// The slot of a name of kShortestName to kLongestName bytes, case-insensitive:
// from its length and its first, last and next-to-last bytes, each with the
// bit that tells an ASCII letter's case set. The multipliers give every name
// of the table a slot of its own (one_name_per_slot); a name added that shares
// one needs new ones, found by trying small numbers (with the 31 names of
// 2026-12-07, a hundred pairs under 64 fit 128 slots, and one pair fit 64).
constexpr std::size_t column_slot(std::string_view name) noexcept {
  const auto folded = [name](std::size_t at) {
    return std::size_t{static_cast<unsigned char>(name[at])} | 0x20u;
  };
  const std::size_t size = name.size();
  return (size + folded(0) + 6 * folded(size - 1) + 4 * folded(size - 2)) % kSlots;
}

// Two names in one slot are one name in two cases. (A spelling equal to a name
// of the table in either case has the same bytes as it once folded as
// column_slot folds them, so it finds that name's slot.)
constexpr bool one_name_per_slot() {
  for (const ColumnName& a : kColumnNames) {
    for (const ColumnName& b : kColumnNames) {
      if (column_slot(a.name) == column_slot(b.name) && !iequals(a.name, b.name)) return false;
    }
  }
  return true;
}
static_assert(one_name_per_slot(),
              "two names share a slot: choose other multipliers in column_slot");

constexpr bool spellings_fit() {
  for (const ColumnName& a : kColumnNames) {
    std::size_t spellings = 0;
    for (const ColumnName& b : kColumnNames)
      if (iequals(a.name, b.name)) ++spellings;
    if (spellings > kMostSpellings) return false;
  }
  return true;
}
static_assert(spellings_fit(), "a name has more spellings than a slot holds");

struct ColumnSlot {
  std::array<std::array<char, kLongestName>, kMostSpellings> spellings{};  // zero-padded
  std::uint8_t size = 0;                                                   // 0: an empty slot
  std::uint8_t spelt = 0;                                                  // spellings held
  RecordColumn column{};
};

constexpr std::array<ColumnSlot, kSlots> kSlotTable = [] {
  std::array<ColumnSlot, kSlots> table{};
  for (const ColumnName& entry : kColumnNames) {
    ColumnSlot& slot = table[column_slot(entry.name)];
    for (std::size_t i = 0; i < entry.name.size(); ++i)
      slot.spellings[slot.spelt][i] = entry.name[i];
    ++slot.spelt;
    slot.size = static_cast<std::uint8_t>(entry.name.size());
    slot.column = entry.column;
  }
  return table;
}();

template <typename Word>
Word load(const char* at) noexcept {
  Word value = 0;
  std::memcpy(&value, at, sizeof value);
  return value;
}

// Whether `spelling` is `name`'s bytes, their lengths equal (so at least
// kShortestName): loads of 8 (or 4) bytes, the last one overlapping, where
// memcmp would be a call for every member of every record. Only `name`'s own
// bytes are read; the spelling's are padded to kLongestName.
bool same_bytes(const std::array<char, kLongestName>& spelling, std::string_view name) noexcept {
  const char* const entry = spelling.data();
  const char* const text = name.data();
  const std::size_t size = name.size();
  if (size < sizeof(std::uint64_t)) {
    const std::size_t last = size - sizeof(std::uint32_t);
    return load<std::uint32_t>(entry) == load<std::uint32_t>(text) &&
           load<std::uint32_t>(entry + last) == load<std::uint32_t>(text + last);
  }
  for (std::size_t at = 0; at + sizeof(std::uint64_t) < size; at += sizeof(std::uint64_t)) {
    if (load<std::uint64_t>(entry + at) != load<std::uint64_t>(text + at)) return false;
  }
  const std::size_t last = size - sizeof(std::uint64_t);
  return load<std::uint64_t>(entry + last) == load<std::uint64_t>(text + last);
}

void assign_if_empty(std::string_view& field, std::string_view value) noexcept {
  if (field.empty()) field = value;
}

}  // namespace

std::optional<RecordColumn> record_column_from_name(std::string_view name) noexcept {
  // Runs for every member of every record: one slot read, a few words compared.
  if (name.size() < kShortestName || name.size() > kLongestName) return std::nullopt;
  const ColumnSlot& slot = kSlotTable[column_slot(name)];
  if (slot.size != name.size()) return std::nullopt;
  for (std::size_t i = 0; i < slot.spelt; ++i) {
    if (same_bytes(slot.spellings[i], name)) return slot.column;
  }
  // Spelt in a case the table does not hold (`DEVICEID`), or another name.
  if (iequals(std::string_view(slot.spellings[0].data(), slot.size), name)) return slot.column;
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
    case RecordColumn::location:
      assign_if_empty(fields.location, value);
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
    case RecordColumn::ip_address:
      assign_if_empty(fields.ip_address, value);
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

std::string_view mask_address(std::string_view address, std::string& out) {
  address = trim(address);
  // A port or a prefix length is no part of the address: `10.1.2.3:5671`,
  // `[2001:db8::1]:443`, `10.1.2.3/32`.
  out.clear();
  if (address.starts_with('[')) {
    const std::size_t close = address.find(']');
    if (close == std::string_view::npos) return out;
    address = address.substr(1, close - 1);
  } else if (std::count(address.begin(), address.end(), ':') == 1) {
    address = address.substr(0, address.find(':'));
  }
  address = address.substr(0, address.find('/'));
  // Masked already, as the hub masks it: read with a last byte of 0.
  constexpr std::string_view kMasked = ".XXX";
  const bool masked = address.ends_with(kMasked);
  if (masked) address.remove_suffix(kMasked.size() - 1);  // keeps the '.'
  if (address.size() + 1 >= INET6_ADDRSTRLEN) return out;
  char text[INET6_ADDRSTRLEN] = {};
  address.copy(text, address.size());
  if (masked) text[address.size()] = '0';
  std::array<unsigned char, 16> bytes{};
  if (::inet_pton(AF_INET, text, bytes.data()) == 1) {
    out = fmt::format("{}.{}.{}.XXX", bytes[0], bytes[1], bytes[2]);
  } else if (!masked && ::inet_pton(AF_INET6, text, bytes.data()) == 1) {
    // A site's network: the first 64 bits.
    out = fmt::format("{:x}:{:x}:{:x}:{:x}::XXX", bytes[0] << 8 | bytes[1],
                      bytes[2] << 8 | bytes[3], bytes[4] << 8 | bytes[5], bytes[6] << 8 | bytes[7]);
  }
  return out;
}

std::string_view other_resource_type(std::string_view resource_id) noexcept {
  constexpr std::string_view kProviders = "/providers/";
  for (std::size_t at = resource_id.find('/'); at != std::string_view::npos;
       at = resource_id.find('/', at + 1)) {
    if (!iequals(resource_id.substr(at, kProviders.size()), kProviders)) continue;
    const std::string_view rest = resource_id.substr(at + kProviders.size());
    const std::size_t slash = rest.find('/');
    if (slash == std::string_view::npos) return {};
    const std::string_view type = rest.substr(0, rest.find('/', slash + 1));
    return iequals(type, "microsoft.devices/iothubs") ? std::string_view{} : trim(type);
  }
  return {};
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
