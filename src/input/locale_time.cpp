#include <array>

#include <iothub_diag/core/ascii.hpp>
#include <iothub_diag/input/locale_time.hpp>

namespace iothub_diag {
namespace {

struct DateOrderName {
  DateOrder order;
  std::string_view name;
};

constexpr std::array kDateOrderNames = {
    DateOrderName{DateOrder::automatic, "auto"},
    DateOrderName{DateOrder::month_first, "month-first"},
    DateOrderName{DateOrder::day_first, "day-first"},
};

// Reads 1 to `max_digits` digits; advances `text`. -1 when there are none.
int read_number(std::string_view& text, std::size_t max_digits) {
  int value = 0;
  std::size_t digits = 0;
  while (digits < max_digits && !text.empty() && text.front() >= '0' && text.front() <= '9') {
    value = value * 10 + (text.front() - '0');
    text.remove_prefix(1);
    ++digits;
  }
  return digits == 0 ? -1 : value;
}

bool consume(std::string_view& text, char c) {
  if (text.empty() || text.front() != c) return false;
  text.remove_prefix(1);
  return true;
}

// Spaces as browsers write them: ASCII, U+00A0 and U+202F (newer ICU puts one before "PM").
std::size_t skip_spaces(std::string_view& text) {
  std::size_t skipped = 0;
  for (;;) {
    if (consume(text, ' ') || consume(text, '\t')) {
      ++skipped;
    } else if (text.starts_with("\xC2\xA0")) {
      text.remove_prefix(2);
      ++skipped;
    } else if (text.starts_with("\xE2\x80\xAF")) {
      text.remove_prefix(3);
      ++skipped;
    } else {
      return skipped;
    }
  }
}

}  // namespace

std::optional<DateOrder> date_order_from_name(std::string_view name) noexcept {
  for (const auto& entry : kDateOrderNames) {
    if (entry.name == name) return entry.order;
  }
  return std::nullopt;
}

std::string_view to_string(DateOrder order) noexcept {
  return kDateOrderNames[static_cast<std::size_t>(order)].name;
}

std::optional<LocaleDateTime> split_locale_date_time(std::string_view text) noexcept {
  text = trim(text);
  LocaleDateTime value;
  const std::size_t before_first = text.size();
  const int first = read_number(text, 4);
  if (first < 0 || text.empty()) return std::nullopt;
  const char separator = text.front();
  if (separator != '/' && separator != '.' && separator != '-') return std::nullopt;
  text.remove_prefix(1);
  value.separator = separator;
  if (before_first - text.size() == 5) {
    // Year first (`2026/11/20`, ja-JP, zh-CN; `2026-11-20 13:05`): always year, month, day.
    value.year = first;
    value.year_first = true;
    value.first = read_number(text, 2);
    if (value.first < 0 || !consume(text, separator)) return std::nullopt;
    value.second = read_number(text, 2);
    if (value.second < 0) return std::nullopt;
  } else if (before_first - text.size() <= 3) {
    value.first = first;
    value.second = read_number(text, 2);
    if (value.second < 0 || !consume(text, separator)) return std::nullopt;
    const std::size_t before_year = text.size();
    value.year = read_number(text, 4);
    if (value.year < 0 || before_year - text.size() != 4) return std::nullopt;
  } else {
    return std::nullopt;  // three digits before the separator: no date
  }

  consume(text, ',');
  if (skip_spaces(text) == 0 && !text.empty()) return std::nullopt;
  if (text.empty()) return value;  // a date alone: midnight
  value.hour = read_number(text, 2);
  if (value.hour < 0 || !consume(text, ':')) return std::nullopt;
  value.minute = read_number(text, 2);
  if (value.minute < 0) return std::nullopt;
  if (consume(text, ':')) {
    value.second_of_minute = read_number(text, 2);
    if (value.second_of_minute < 0) return std::nullopt;
    if (consume(text, '.') || consume(text, ',')) {
      std::size_t digits = 0;
      int millis = 0;
      while (!text.empty() && text.front() >= '0' && text.front() <= '9') {
        if (digits < 3) millis = millis * 10 + (text.front() - '0');
        ++digits;
        text.remove_prefix(1);
      }
      if (digits == 0 || digits > 9) return std::nullopt;
      for (std::size_t i = digits; i < 3; ++i)
        millis *= 10;
      value.millisecond = millis;
    }
  }
  skip_spaces(text);
  if (text.empty()) return value;
  const bool am = iequals(text, "AM") || iequals(text, "A.M.");
  const bool pm = iequals(text, "PM") || iequals(text, "P.M.");
  if ((!am && !pm) || value.hour < 1 || value.hour > 12) return std::nullopt;
  if (am && value.hour == 12) value.hour = 0;
  if (pm && value.hour != 12) value.hour += 12;
  return value;
}

DateOrder order_shown_by(const LocaleDateTime& value) noexcept {
  if (value.year_first) return DateOrder::month_first;  // year, month, day in every locale
  // No locale writes month.day.year: dots mean a European day-first date.
  if (value.separator == '.') return DateOrder::day_first;
  if (value.first > 12 && value.second <= 12) return DateOrder::day_first;
  if (value.second > 12 && value.first <= 12) return DateOrder::month_first;
  return DateOrder::automatic;
}

std::optional<Timestamp> to_timestamp(const LocaleDateTime& value, DateOrder order) noexcept {
  const bool day_first = order == DateOrder::day_first && !value.year_first;
  return make_timestamp(value.year, day_first ? value.second : value.first,
                        day_first ? value.first : value.second, value.hour, value.minute,
                        value.second_of_minute, value.millisecond);
}

bool has_explicit_zone(std::string_view iso_text) noexcept {
  iso_text = trim(iso_text);
  if (iso_text.size() <= 19) return false;
  const std::string_view tail = iso_text.substr(19);
  return tail.back() == 'Z' || tail.back() == 'z' ||
         tail.find_first_of("+-") != std::string_view::npos;
}

std::optional<std::int32_t> parse_utc_offset(std::string_view text) noexcept {
  text = trim(text);
  if (istarts_with(text, "UTC") || istarts_with(text, "GMT")) text.remove_prefix(3);
  if (text.empty()) return 0;
  const char sign = text.front();
  if (sign != '+' && sign != '-') return std::nullopt;
  text.remove_prefix(1);
  const std::size_t before = text.size();
  const int hours = read_number(text, 2);
  int minutes = 0;
  if (hours < 0) return std::nullopt;
  if (consume(text, ':') || (before - text.size() == 2 && !text.empty())) {
    minutes = read_number(text, 2);
    if (minutes < 0) return std::nullopt;
  }
  if (!text.empty() || hours > 14 || minutes > 59) return std::nullopt;
  const std::int32_t total = hours * 60 + minutes;
  return sign == '-' ? -total : total;
}

}  // namespace iothub_diag
