#include <charconv>

#include <iothub_diag/app/time_window.hpp>

namespace iothub_diag {

std::optional<TimeBound> parse_time_bound(std::string_view text) noexcept {
  if (text.size() >= 2) {
    const char unit = text.back();
    Timestamp unit_ms = 0;
    switch (unit) {
      case 's':
        unit_ms = 1000;
        break;
      case 'm':
        unit_ms = 60 * 1000;
        break;
      case 'h':
        unit_ms = 3600 * 1000;
        break;
      case 'd':
        unit_ms = 24 * 3600 * 1000;
        break;
      case 'w':
        unit_ms = 7 * 24 * 3600 * 1000;
        break;
      default:
        break;
    }
    std::int64_t count = 0;
    const std::string_view digits = text.substr(0, text.size() - 1);
    const auto [end, error] = std::from_chars(digits.data(), digits.data() + digits.size(), count);
    if (unit_ms != 0 && error == std::errc() && end == digits.data() + digits.size() &&
        count >= 0 && count < INT64_MAX / unit_ms)
      return TimeBound{std::nullopt, count * unit_ms};
  }
  if (const auto time = parse_iso8601(text)) return TimeBound{*time, 0};
  if (text.size() == 10) {
    const std::string midnight = std::string(text) + "T00:00:00Z";
    if (const auto time = parse_iso8601(midnight)) return TimeBound{*time, 0};
  }
  return std::nullopt;
}

Timestamp resolve(const TimeBound& bound, Timestamp last_event) noexcept {
  return bound.time ? *bound.time : last_event - bound.back;
}

}  // namespace iothub_diag
