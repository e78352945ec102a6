#include <catch2/catch.hpp>

#include <iothub_diag/input/locale_time.hpp>

namespace iothub_diag {
namespace {

std::optional<Timestamp> read(std::string_view text, DateOrder order) {
  const auto value = split_locale_date_time(text);
  return value ? to_timestamp(*value, order) : std::nullopt;
}

Timestamp iso(std::string_view text) {
  return *parse_iso8601(text);
}

}  // namespace

TEST_CASE("portal locale dates are read in both orders", "[input][locale]") {
  CHECK(read("11/20/2026, 1:05:09.000 PM", DateOrder::month_first) == iso("2026-11-20T13:05:09Z"));
  CHECK(read("20/11/2026 13:05:09.000", DateOrder::day_first) == iso("2026-11-20T13:05:09Z"));
  CHECK(read("20.11.2026 13:05", DateOrder::day_first) == iso("2026-11-20T13:05:00Z"));
  CHECK(read("1/2/2026, 12:00:00.250 AM", DateOrder::month_first) ==
        iso("2026-01-02T00:00:00.250Z"));
  CHECK(read("1/2/2026, 12:30:00 PM", DateOrder::month_first) == iso("2026-01-02T12:30:00Z"));
  // Newer browsers put U+202F NARROW NO-BREAK SPACE before the AM/PM marker.
  CHECK(read("11/20/2026, 1:05:09\xE2\x80\xAFPM", DateOrder::month_first) ==
        iso("2026-11-20T13:05:09Z"));
  CHECK(read("11/20/2026", DateOrder::month_first) == iso("2026-11-20T00:00:00Z"));
}

TEST_CASE("year-first dates read year, month, day whatever the order asked for",
          "[input][locale]") {
  // ja-JP and zh-CN portals; an ISO date with a space and no seconds.
  for (const DateOrder order :
       {DateOrder::month_first, DateOrder::day_first, DateOrder::automatic}) {
    CHECK(read("2026/11/20 13:05:09.000", order) == iso("2026-11-20T13:05:09Z"));
    CHECK(read("2026/1/2 3:04:05", order) == iso("2026-01-02T03:04:05Z"));
    CHECK(read("2026-11-20 13:05", order) == iso("2026-11-20T13:05:00Z"));
    CHECK(read("2026.11.20", order) == iso("2026-11-20T00:00:00Z"));
  }
  CHECK(order_shown_by(*split_locale_date_time("2026/03/04 1:00")) == DateOrder::month_first);
  CHECK_FALSE(read("2026/20/11 13:05", DateOrder::day_first));  // no month 20
  CHECK_FALSE(read("2026/11-20 13:05", DateOrder::month_first));
  CHECK_FALSE(read("202/11/20 13:05", DateOrder::month_first));  // three digits
  CHECK_FALSE(read("20261/11/20", DateOrder::month_first));
}

TEST_CASE("locale dates that cannot be a time are refused", "[input][locale]") {
  CHECK_FALSE(read("20/11/2026 13:05", DateOrder::month_first));  // month 20
  CHECK_FALSE(read("11/20/2026, 13:05:09 PM", DateOrder::month_first));
  CHECK_FALSE(read("11/20/26 1:05", DateOrder::month_first));  // two-digit year
  CHECK_FALSE(read("11/20-2026 1:05", DateOrder::month_first));
  CHECK_FALSE(read("11/20/2026 1:05 tomorrow", DateOrder::month_first));
  CHECK_FALSE(read("", DateOrder::month_first));
}

TEST_CASE("a field above 12 or a dotted date shows the order", "[input][locale]") {
  CHECK(order_shown_by(*split_locale_date_time("20/11/2026 1:00")) == DateOrder::day_first);
  CHECK(order_shown_by(*split_locale_date_time("11/20/2026 1:00")) == DateOrder::month_first);
  CHECK(order_shown_by(*split_locale_date_time("11/12/2026 1:00")) == DateOrder::automatic);
  CHECK(order_shown_by(*split_locale_date_time("11.12.2026 1:00")) == DateOrder::day_first);
}

TEST_CASE("UTC offsets are read in the usual spellings", "[input][locale]") {
  CHECK(parse_utc_offset("+01:00") == 60);
  CHECK(parse_utc_offset("-0530") == -330);
  CHECK(parse_utc_offset("+2") == 120);
  CHECK(parse_utc_offset("UTC+05:45") == 345);
  CHECK(parse_utc_offset("UTC") == 0);
  CHECK_FALSE(parse_utc_offset("01:00"));
  CHECK_FALSE(parse_utc_offset("+25:00"));
  CHECK_FALSE(parse_utc_offset("+01:00x"));
  CHECK(date_order_from_name("day-first") == DateOrder::day_first);
  CHECK_FALSE(date_order_from_name("dmy"));
}

TEST_CASE("an ISO time says whether it carries its zone", "[input][locale]") {
  CHECK(has_explicit_zone("2021-09-21T22:16:00.2500000Z"));
  CHECK(has_explicit_zone("2021-09-21 22:16:00+02:00"));
  CHECK_FALSE(has_explicit_zone("2021-09-21 22:16:00.250"));
}

}  // namespace iothub_diag
