#include "support/log_builder.hpp"
#include <catch2/catch.hpp>

#include <iothub_diag/app/time_window.hpp>

namespace iothub_diag {
namespace {

using testing::at_minutes;

TEST_CASE("a window bound is a time or a duration back from the last event: --since and --until take a time or a duration back from the last event", "[app]") {
  const auto hours = parse_time_bound("24h");
  REQUIRE(hours);
  CHECK_FALSE(hours->time);
  CHECK(resolve(*hours, at_minutes(24 * 60)) == at_minutes(0));
  CHECK(parse_time_bound("7d")->back == 7 * 24 * 3600 * 1000LL);
  CHECK(parse_time_bound("90m")->back == 90 * 60 * 1000LL);
  const auto time = parse_time_bound("2026-11-20T00:30:00Z");
  REQUIRE(time);
  CHECK(resolve(*time, 0) == at_minutes(30));
  CHECK(*parse_time_bound("2026-11-20")->time == at_minutes(0));
  CHECK_FALSE(parse_time_bound("yesterday"));
  CHECK_FALSE(parse_time_bound("h"));
  CHECK_FALSE(parse_time_bound("-3h"));
  CHECK_FALSE(parse_time_bound("99999999999999999999d"));
}

TEST_CASE("keeping a window leaves out the events outside it and narrows the span", "[app]") {
  testing::LogBuilder log;
  log.connect("a", at_minutes(10)).drop("a", at_minutes(20)).connect("a", at_minutes(30));
  log.error("a", at_minutes(40), 401003).drop("a", at_minutes(50));
  EventStore store = testing::read_jsonl(log.jsonl());
  CHECK(store.keep_between(at_minutes(15), at_minutes(45)) == 2);
  CHECK(store.events().size() == 3);
  CHECK(store.stats().first_event == at_minutes(20));
  CHECK(store.stats().last_event == at_minutes(40));
  CHECK(store.stats().codes.at(401003) == 1);
  CHECK(store.stats().codes.at(404104) == 1);
}

}  // namespace
}  // namespace iothub_diag
