#include <array>

#include <iothub_diag/model/skip_reason.hpp>

namespace iothub_diag {
namespace {

constexpr std::array kSkipReasons = {
    SkipReasonInfo{SkipReason::invalid_json, "invalid_json", "not valid JSON"},
    SkipReasonInfo{SkipReason::truncated_record, "truncated_record",
                   "the record ends before its closing bracket"},
    SkipReasonInfo{SkipReason::invalid_utf8, "invalid_utf8", "the text is not valid UTF-8"},
    SkipReasonInfo{SkipReason::nesting_too_deep, "nesting_too_deep",
                   "brackets nested deeper than any log record"},
    SkipReasonInfo{SkipReason::record_too_large, "record_too_large",
                   "larger than --max-record-size"},
    SkipReasonInfo{SkipReason::not_a_record, "not_a_record",
                   "valid JSON, but not a resource log record or event"},
    SkipReasonInfo{SkipReason::missing_time, "missing_time", "the record has no time"},
    SkipReasonInfo{SkipReason::invalid_time, "invalid_time", "the record's time cannot be read"},
    SkipReasonInfo{SkipReason::invalid_properties, "invalid_properties",
                   "`properties` is not a JSON object or a JSON object in a string"},
    SkipReasonInfo{SkipReason::invalid_csv_row, "invalid_csv_row",
                   "a CSV row that does not match its header"},
    SkipReasonInfo{SkipReason::unreadable_file, "unreadable_file", "the file cannot be read"},
    SkipReasonInfo{SkipReason::binary_file, "binary_file", "the file holds binary data, not text"},
    SkipReasonInfo{SkipReason::corrupt_compressed_data, "corrupt_compressed_data",
                   "the gzip data is truncated or corrupt"},
    SkipReasonInfo{SkipReason::unrecognized_format, "unrecognized_format",
                   "not JSON Lines, JSON, a Log Analytics CSV export, or any other shape this "
                   "tool reads"},
    SkipReasonInfo{SkipReason::invalid_result_code, "invalid_result_code",
                   "the resultType is not a result code (`-404104`, `1e30`, `abc`)"},
    SkipReasonInfo{SkipReason::missing_device_id, "missing_device_id",
                   "a 404104 disconnect that names no device"},
    SkipReasonInfo{SkipReason::unusable_metric, "unusable_metric",
                   "a metric series or point that is not the hub's connected-devices count, or "
                   "names no hub or time"},
    SkipReasonInfo{SkipReason::unused_activity_event, "unused_activity_event",
                   "an Activity Log event that is neither a Resource Health event nor a Service "
                   "Health incident, or that has no time"},
    SkipReasonInfo{SkipReason::other_resource, "other_resource",
                   "a record of another Azure resource than an IoT hub (an export of a whole "
                   "workspace or storage account)"},
};

constexpr bool table_in_enum_order() {
  for (std::size_t i = 0; i < kSkipReasons.size(); ++i) {
    if (static_cast<std::size_t>(kSkipReasons[i].reason) != i) return false;
  }
  return true;
}
static_assert(table_in_enum_order(), "to_string() indexes kSkipReasons by enum value");

}  // namespace

std::span<const SkipReasonInfo> skip_reasons() noexcept {
  return kSkipReasons;
}

std::string_view to_string(SkipReason reason) noexcept {
  return kSkipReasons[static_cast<std::size_t>(reason)].name;
}

std::string_view describe(SkipReason reason) noexcept {
  return kSkipReasons[static_cast<std::size_t>(reason)].description;
}

}  // namespace iothub_diag
