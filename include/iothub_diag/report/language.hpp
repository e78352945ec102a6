#pragma once

#include <cstdint>
#include <optional>
#include <string_view>

namespace iothub_diag {

// The language of the human texts in the text, Markdown and HTML reports.
// JSON keys, rule ids and enum values never change; the JSON report stays English.
enum class Language : std::uint8_t { en, fr };

std::optional<Language> language_from_name(std::string_view name) noexcept;
std::string_view to_string(Language language) noexcept;

}  // namespace iothub_diag
