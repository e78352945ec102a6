#pragma once

#include <cstdint>
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

// Parses a `resultType` such as "404104"; 0 when it is empty or not a number.
std::int32_t parse_result_code(std::string_view text) noexcept;

}  // namespace iothub_diag
