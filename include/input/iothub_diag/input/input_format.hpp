#pragma once

#include <cstdint>
#include <optional>
#include <span>
#include <string_view>

namespace iothub_diag {

// The shapes a file can be read as. `automatic` decides per file from its
// content, never from its name.
enum class InputFormat : std::uint8_t {
  automatic,
  json_lines,  // one JSON text per line (records, batches, events)
  json,        // JSON values in any layout: pretty-printed, concatenated, arrays, batches
  csv,         // Log Analytics portal export (AzureDiagnostics columns)
};

struct InputFormatInfo {
  InputFormat format;
  std::string_view name;
  std::string_view description;
  // Whether a file's first bytes (BOM removed) have this shape; tried in table order.
  bool (*matches)(std::string_view head) noexcept;
};

// The table behind `--input-format` and its help text.
std::span<const InputFormatInfo> input_formats() noexcept;
std::optional<InputFormat> input_format_from_name(std::string_view name) noexcept;
std::string_view to_string(InputFormat format) noexcept;

// Decides the shape of a file from its first bytes (after any BOM and gzip).
// nullopt when it matches none.
std::optional<InputFormat> detect_input_format(std::string_view head) noexcept;

// True when the bytes look like binary data rather than text.
bool looks_binary(std::string_view head) noexcept;

}  // namespace iothub_diag
