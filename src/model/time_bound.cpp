#include <charconv>
#include <cmath>

#include <iothub_diag/model/time_bound.hpp>

namespace iothub_diag {

std::optional<TimeBound> parse_time_bound(std::string_view text) noexcept {
  if (const auto time = parse_iso8601(text)) return TimeBound{time, std::nullopt};
  if (text.size() < 2) return std::nullopt;
  double amount = 0;
  const char* const end = text.data() + text.size() - 1;
  const auto [stop, error] = std::from_chars(text.data(), end, amount);
  // from_chars reads "nan" and "inf": neither is a span of time.
  if (error != std::errc{} || stop != end || !std::isfinite(amount) || amount < 0)
    return std::nullopt;
  double unit = 0;
  switch (text.back()) {
    case 's':
      unit = kMillisPerSecond;
      break;
    case 'm':
      unit = kMillisPerMinute;
      break;
    case 'h':
      unit = 60.0 * kMillisPerMinute;
      break;
    case 'd':
      unit = 24 * 60.0 * kMillisPerMinute;
      break;
    case 'w':
      unit = 7 * 24 * 60.0 * kMillisPerMinute;
      break;
    default:
      return std::nullopt;
  }
  const double millis = amount * unit;
  if (millis > 1e15) return std::nullopt;  // past any log's span, and past Timestamp arithmetic
  return TimeBound{std::nullopt, static_cast<Timestamp>(millis)};
}

}  // namespace iothub_diag
