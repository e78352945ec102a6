#pragma once

#include <optional>
#include <string_view>

#include <iothub_diag/core/timestamp.hpp>

namespace iothub_diag {

// A `--since` or `--until` value: a moment, or a duration counted back from the
// last event of the input (`24h`, `7d`), resolved once the input is read.
struct TimeBound {
  std::optional<Timestamp> at;           // an ISO-8601 time
  std::optional<Timestamp> before_last;  // milliseconds before the last event

  Timestamp resolve(Timestamp last_event) const noexcept {
    return at ? *at : last_event - before_last.value_or(0);
  }
};

// Parses an ISO-8601 UTC time or a duration: a number with s, m, h, d or w
// (`90m`, `24h`, `7d`, `1.5h`). nullopt when it is neither.
std::optional<TimeBound> parse_time_bound(std::string_view text) noexcept;

}  // namespace iothub_diag
