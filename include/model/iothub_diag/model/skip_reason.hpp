#pragma once

#include <cstdint>
#include <span>
#include <string_view>

namespace iothub_diag {

// Why a record (or a whole file) was not used. The names are the keys of
// `input.skipped_reasons` in the JSON report, so they never change once published.
enum class SkipReason : std::uint8_t {
  invalid_json,
  truncated_record,
  invalid_utf8,
  nesting_too_deep,
  record_too_large,
  not_a_record,
  missing_time,
  invalid_time,
  invalid_properties,
  invalid_csv_row,
  unreadable_file,
  binary_file,
  corrupt_compressed_data,
  unrecognized_format,
  invalid_result_code,
  missing_device_id,
  unusable_metric,
  unused_activity_event,
  other_resource,
};

struct SkipReasonInfo {
  SkipReason reason;
  std::string_view name;
  std::string_view description;
};

std::span<const SkipReasonInfo> skip_reasons() noexcept;
std::string_view to_string(SkipReason reason) noexcept;
std::string_view describe(SkipReason reason) noexcept;

}  // namespace iothub_diag
