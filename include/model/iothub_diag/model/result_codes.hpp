#pragma once

#include <cstdint>
#include <optional>
#include <span>
#include <string_view>

namespace iothub_diag {

// Result codes the rules reason about, by number (names are spelt inconsistently
// across hubs and years, so they are never compared).
namespace codes {
inline constexpr std::int32_t kConnectionForcefullyClosedOnNewConnection = 400027;
inline constexpr std::int32_t kIotHubUnauthorized = 401003;
inline constexpr std::int32_t kDeviceConnectionClosedRemotely = 404104;
inline constexpr std::int32_t kLinkCreationConflict = 409002;
}  // namespace codes

// Who is at fault when a code appears.
enum class CodeSide : std::uint8_t { device, hub, unknown };

struct ResultCodeInfo {
  std::int32_t code;
  std::string_view name;
  CodeSide side;
  std::string_view meaning;
};

// Every code the table names, sorted by code.
std::span<const ResultCodeInfo> known_result_codes() noexcept;

// The table entry for `code`, or nullptr.
const ResultCodeInfo* find_result_code(std::int32_t code) noexcept;

// 500xxx, and the codes the table marks as hub-side (400029/400030 upgrades, 404012 failover).
bool is_hub_side_error(std::int32_t code) noexcept;

// 429xxx: the hub throttled the device's requests (any category, any operation).
bool is_throttling_error(std::int32_t code) noexcept;

// Reads a `resultType` as written: digits, with any spaces around them and any
// `.0` that a trip through pandas or a spreadsheet added (`404104.0`). 0 when it
// is empty or says there is none (`None`, `null`: how `az` prints a missing
// value); nullopt when it is not a code at all (`-404104`, `1e30`, `abc`,
// `404104.5`), which the caller reports rather than reading as a success.
std::optional<std::int32_t> parse_result_code(std::string_view text) noexcept;

// The same for a JSON number: a whole number of at most nine digits.
std::optional<std::int32_t> result_code_from_number(double number) noexcept;

}  // namespace iothub_diag
