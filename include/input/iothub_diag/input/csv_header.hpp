#pragma once

#include <optional>
#include <string_view>

namespace iothub_diag {

// A CSV header cell split into its column name and the zone suffix the
// portal adds to date columns: `TimeGenerated [UTC]` -> {TimeGenerated, UTC}.
struct CsvColumnName {
  std::string_view name;
  std::string_view zone;  // empty when the header has no `[...]` suffix
};

CsvColumnName split_zone_suffix(std::string_view header_cell) noexcept;

// The delimiter (`,` `;` or tab) under which `first_line` reads as a Log
// Analytics header: one naming the time column or at least two known
// columns. nullopt when it is no such header.
std::optional<char> log_analytics_csv_delimiter(std::string_view first_line) noexcept;

}  // namespace iothub_diag
