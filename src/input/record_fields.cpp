#include <iothub_diag/input/record_fields.hpp>

#include <array>

#include <iothub_diag/core/ascii.hpp>

namespace iothub_diag {
namespace {

struct ColumnName {
  std::string_view name;
  RecordColumn column;
};

// Every spelling seen in resource logs, AzureDiagnostics exports (where Log
// Analytics suffixes custom string columns with `_s`) and legacy records.
constexpr std::array kColumnNames = {
    ColumnName{"time", RecordColumn::time},
    ColumnName{"TimeGenerated", RecordColumn::time},
    ColumnName{"OperationName", RecordColumn::operation_name},
    ColumnName{"Category", RecordColumn::category},
    ColumnName{"Level", RecordColumn::level},
    ColumnName{"ResultType", RecordColumn::result_type},
    ColumnName{"ResultDescription", RecordColumn::result_description},
    ColumnName{"CorrelationId", RecordColumn::correlation_id},
    ColumnName{"properties", RecordColumn::properties},
    ColumnName{"properties_s", RecordColumn::properties},
    ColumnName{"DeviceId", RecordColumn::device_id},
    ColumnName{"deviceId_s", RecordColumn::device_id},
    ColumnName{"ModuleId", RecordColumn::module_id},
    ColumnName{"moduleId_s", RecordColumn::module_id},
    ColumnName{"Protocol", RecordColumn::protocol},
    ColumnName{"protocol_s", RecordColumn::protocol},
    ColumnName{"SDKVersion", RecordColumn::sdk_version},
    ColumnName{"sdkVersion_s", RecordColumn::sdk_version},
    ColumnName{"MaskedIpAddress", RecordColumn::masked_ip},
    ColumnName{"maskedIpAddress_s", RecordColumn::masked_ip},
    ColumnName{"AuthType", RecordColumn::auth_type},
    ColumnName{"authType_s", RecordColumn::auth_type},
};

void assign_if_empty(std::string_view& field, std::string_view value) noexcept {
  if (field.empty()) field = value;
}

}  // namespace

std::optional<RecordColumn> record_column_from_name(std::string_view name) noexcept {
  for (const ColumnName& entry : kColumnNames) {
    if (iequals(entry.name, name)) return entry.column;
  }
  return std::nullopt;
}

void assign_column(RecordFields& fields, RecordColumn column, std::string_view value) noexcept {
  switch (column) {
    case RecordColumn::time: fields.time = value; break;
    case RecordColumn::operation_name: fields.operation_name = value; break;
    case RecordColumn::category: fields.category = value; break;
    case RecordColumn::level: fields.level = value; break;
    case RecordColumn::result_type: fields.result_type = value; break;
    case RecordColumn::result_description: fields.result_description = value; break;
    case RecordColumn::correlation_id: fields.correlation_id = value; break;
    case RecordColumn::properties: fields.properties_text = value; break;
    case RecordColumn::device_id: assign_if_empty(fields.device_id, value); break;
    case RecordColumn::module_id: assign_if_empty(fields.module_id, value); break;
    case RecordColumn::protocol: assign_if_empty(fields.protocol, value); break;
    case RecordColumn::sdk_version: assign_if_empty(fields.sdk_version, value); break;
    case RecordColumn::masked_ip: assign_if_empty(fields.masked_ip, value); break;
    case RecordColumn::auth_type:
      // Usually JSON in a string (`{"scope":"device","type":"sas",...}`); plain words also occur.
      if (trim(value).starts_with('{')) assign_if_empty(fields.auth_type_text, value);
      else assign_if_empty(fields.auth_type, value);
      break;
  }
}

}  // namespace iothub_diag
