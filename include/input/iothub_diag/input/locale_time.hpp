#pragma once

#include <cstdint>
#include <optional>
#include <string_view>

#include <iothub_diag/core/timestamp.hpp>

namespace iothub_diag {

// Which field of a numeric date comes first. Log Analytics portal exports
// write dates in the browser's locale, where `03/04/2026` is ambiguous.
enum class DateOrder : std::uint8_t {
  automatic,    // decide from the data (a first field above 12 means day first)
  month_first,  // 11/20/2026 (en-US)
  day_first,    // 20/11/2026 (en-GB, most of Europe)
};

std::optional<DateOrder> date_order_from_name(
    std::string_view name) noexcept;  // auto, month-first, day-first
std::string_view to_string(DateOrder order) noexcept;

// A locale date and time split into numbers, before the day/month order is known.
struct LocaleDateTime {
  int first = 0;   // the first date field: month or day
  int second = 0;  // the second date field: day or month
  int year = 0;
  int hour = 0;
  int minute = 0;
  int second_of_minute = 0;
  int millisecond = 0;
  char separator = '/';     // between the date fields
  bool year_first = false;  // `2026/11/20`: first is the month, whatever the order asked for
};

// Reads `11/20/2026, 1:05:09.000 PM`, `20/11/2026 13:05:09.000`, `20.11.2026 13:05`,
// and year first, `2026/11/20 13:05:09.000` or `2026-11-20 13:05` (separators
// `/ . -`, optional seconds and fraction, optional AM/PM, ordinary or no-break
// spaces). nullopt for anything else.
std::optional<LocaleDateTime> split_locale_date_time(std::string_view text) noexcept;

// The order a value proves (a field above 12 must be the day; a year first is
// always followed by the month), or automatic when it proves nothing.
DateOrder order_shown_by(const LocaleDateTime& value) noexcept;

// The instant, reading the fields in `order` (automatic reads month first). nullopt when invalid.
std::optional<Timestamp> to_timestamp(const LocaleDateTime& value, DateOrder order) noexcept;

// True when an ISO-8601 text names its zone (`Z`, `+01:00`), so no local offset applies.
bool has_explicit_zone(std::string_view iso_text) noexcept;

// Reads a UTC offset such as `+01:00`, `-0530`, `+2`, `UTC+01:00`; minutes east of UTC.
std::optional<std::int32_t> parse_utc_offset(std::string_view text) noexcept;

}  // namespace iothub_diag
