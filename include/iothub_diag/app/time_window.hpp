#pragma once

#include <optional>
#include <string_view>

#include <iothub_diag/core/timestamp.hpp>

namespace iothub_diag {

// One end of --since/--until: a time, or a duration counted back from the
// last event of the input (`24h`, `7d`, `90m`, `30s`, `2w`).
struct TimeBound {
  std::optional<Timestamp> time;
  Timestamp back = 0;  // milliseconds before the last event, when `time` is unset
};

// Parses ISO-8601 (`2026-11-20T13:00:00Z`, or a date `2026-11-20` meaning its
// midnight UTC) or a duration; nullopt when it is neither.
std::optional<TimeBound> parse_time_bound(std::string_view text) noexcept;

// The time a bound stands for, given the input's last event.
Timestamp resolve(const TimeBound& bound, Timestamp last_event) noexcept;

}  // namespace iothub_diag
