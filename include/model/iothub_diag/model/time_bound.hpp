#pragma once

#include <cstdint>
#include <optional>
#include <string_view>

#include <iothub_diag/core/timestamp.hpp>

namespace iothub_diag {

// A `--since` or `--until` value: a moment, or a duration counted back from the
// last event of the input (`24h`, `7d`), resolved once the input is read.
struct TimeBound {
  std::optional<Timestamp> at;           // an ISO-8601 time
  std::optional<Timestamp> before_last;  // milliseconds before the last event

  // Saturates at the earliest time: with no event read, last_event is INT64_MIN.
  Timestamp resolve(Timestamp last_event) const noexcept {
    if (at) return *at;
    const Timestamp back = before_last.value_or(0);
    return last_event < INT64_MIN + back ? INT64_MIN : last_event - back;
  }
};

// Parses an ISO-8601 UTC time or a duration: a number with s, m, h, d or w
// (`90m`, `24h`, `7d`, `1.5h`). nullopt when it is neither.
std::optional<TimeBound> parse_time_bound(std::string_view text) noexcept;

}  // namespace iothub_diag
