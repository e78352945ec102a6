// The libcurl transport's own pieces: the library loaded on first use, and Retry-After.
#include <catch2/catch.hpp>

#include <iothub_diag/workspace/http_transport.hpp>

namespace iothub_diag::workspace {

TEST_CASE("the transport loads libcurl when first asked and names its version", "[workspace]") {
  const std::string version = transport_library_version();
  CAPTURE(version);
  // A version such as 7.88.1: digits and dots, not the reason it could not be loaded.
  REQUIRE_FALSE(version.empty());
  CHECK(version.find_first_not_of("0123456789.") == std::string::npos);
}

TEST_CASE("Retry-After is read as seconds or as an HTTP date", "[workspace]") {
  const double now = 1445412480.0;  // Wed, 21 Oct 2015 07:28:00 GMT
  CHECK(parse_retry_after("120", now) == 120.0);
  CHECK(parse_retry_after("1.5", now) == 1.5);
  // The date form goes through libcurl's date parser.
  CHECK(parse_retry_after("Wed, 21 Oct 2015 07:28:30 GMT", now) == 30.0);
  CHECK(parse_retry_after("Wed, 21 Oct 2015 07:27:00 GMT", now) == 0.0);  // already past
  CHECK_FALSE(parse_retry_after("soon", now).has_value());
  CHECK_FALSE(parse_retry_after("-5", now).has_value());
}

}  // namespace iothub_diag::workspace
