#include <catch2/catch.hpp>

#include <iothub_diag/core/timestamp.hpp>

namespace iothub_diag {

TEST_CASE("ISO-8601 times in every form the logs use are read", "[core]") {
  const Timestamp base = *make_timestamp(2021, 9, 21, 22, 33, 34);
  CHECK(parse_iso8601("2021-09-21T22:33:34Z") == base);
  CHECK(parse_iso8601("2021-09-21T22:33:34.5889858Z") == base + 588);
  CHECK(parse_iso8601("2021-09-21 22:33:34") == base);
  CHECK(parse_iso8601("2021-09-21T23:33:34+01:00") == base);
  CHECK(parse_iso8601("2021-09-21T21:33:34-0100") == base);
}

TEST_CASE("malformed times are rejected, not guessed", "[core]") {
  CHECK_FALSE(parse_iso8601(""));
  CHECK_FALSE(parse_iso8601("2021-13-01T00:00:00Z"));
  CHECK_FALSE(parse_iso8601("2021-02-29T00:00:00Z"));
  CHECK_FALSE(parse_iso8601("2021-09-21T22:33:34Zjunk"));
  CHECK_FALSE(parse_iso8601("2021-09-21T22:33:34."));
  CHECK_FALSE(parse_iso8601("20210921T223334Z"));
}

TEST_CASE("times print as ISO-8601 UTC and read back", "[core]") {
  CHECK(format_iso8601(*make_timestamp(2026, 11, 20, 13, 5, 9)) == "2026-11-20T13:05:09Z");
  CHECK(format_iso8601(*make_timestamp(2024, 2, 29, 0, 0, 0, 7)) == "2024-02-29T00:00:00.007Z");
  CHECK(format_iso8601(0) == "1970-01-01T00:00:00Z");
  for (const Timestamp t : {Timestamp{-1}, Timestamp{951782400123}, Timestamp{4102444799000}}) {
    CHECK(parse_iso8601(format_iso8601(t)) == t);
  }
  // The first and last instants of the four-digit years, and the years beyond them.
  CHECK(format_iso8601(days_from_civil(0, 1, 1) * kMillisPerDay) == "0000-01-01T00:00:00Z");
  CHECK(format_iso8601(*make_timestamp(9999, 12, 31, 23, 59, 59, 999)) ==
        "9999-12-31T23:59:59.999Z");
  CHECK(format_iso8601(days_from_civil(10000, 1, 1) * kMillisPerDay) == "10000-01-01T00:00:00Z");
  CHECK(format_iso8601(days_from_civil(0, 1, 1) * kMillisPerDay - 990) ==
        "-001-12-31T23:59:59.010Z");
  // Every millisecond digit and field boundary over a leap day reads back.
  const Timestamp leap = *make_timestamp(2024, 2, 28, 23, 59, 58);
  for (Timestamp t = leap; t < leap + 3 * kMillisPerSecond; t += 37)
    CHECK(parse_iso8601(format_iso8601(t)) == t);
}

}  // namespace iothub_diag
