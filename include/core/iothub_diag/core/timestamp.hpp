#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace iothub_diag {

// Milliseconds since 1970-01-01T00:00:00Z. Time always comes from the data,
// never from the clock, so a plain integer is all the analysis needs.
using Timestamp = std::int64_t;

inline constexpr Timestamp kMillisPerSecond = 1000;
inline constexpr Timestamp kMillisPerMinute = 60 * kMillisPerSecond;
inline constexpr Timestamp kMillisPerHour = 60 * kMillisPerMinute;
inline constexpr Timestamp kMillisPerDay = 24 * kMillisPerHour;

// Days since the epoch for a proleptic Gregorian date (month 1-12).
std::int64_t days_from_civil(std::int64_t year, unsigned month, unsigned day) noexcept;

// Builds a timestamp from calendar fields; nullopt when a field is out of range.
std::optional<Timestamp> make_timestamp(int year, int month, int day, int hour, int minute,
                                        int second, int millisecond = 0) noexcept;

// Parses ISO-8601 `YYYY-MM-DDTHH:MM:SS[.f{1,9}][Z|+hh:mm|-hh:mm]` (a space may
// replace the `T`; no zone means UTC). Fractions beyond milliseconds are truncated.
std::optional<Timestamp> parse_iso8601(std::string_view text) noexcept;

// `2021-09-21T22:33:34Z`, with `.mmm` only when the milliseconds are not zero.
std::string format_iso8601(Timestamp time);

}  // namespace iothub_diag
