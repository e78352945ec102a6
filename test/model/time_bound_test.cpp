// --since and --until: a moment, or a duration counted back from the last event.
#include "support/log_builder.hpp"
#include <catch2/catch.hpp>

#include <iothub_diag/model/time_bound.hpp>

namespace iothub_diag {
namespace {

using testing::at_minutes;

TEST_CASE("a time bound is an ISO-8601 time or a duration with its unit", "[model][scope]") {
  CHECK(parse_time_bound("2026-11-20T13:00:00Z")->at == make_timestamp(2026, 11, 20, 13, 0, 0));
  CHECK(parse_time_bound("24h")->before_last == 24 * 60 * kMillisPerMinute);
  CHECK(parse_time_bound("7d")->before_last == 7 * 24 * 60 * kMillisPerMinute);
  CHECK(parse_time_bound("90m")->before_last == 90 * kMillisPerMinute);
  CHECK(parse_time_bound("1.5h")->before_last == 90 * kMillisPerMinute);
  CHECK(parse_time_bound("30s")->before_last == 30 * kMillisPerSecond);
  for (const char* bad :
       {"", "h", "24", "24x", "-1h", "yesterday", "1e300d", "2026-13-01T00:00:00Z"})
    CHECK_FALSE(parse_time_bound(bad).has_value());
}

TEST_CASE("a duration that is not a finite number of units is refused", "[model][scope]") {
  for (const char* bad : {"nanh", "NaNm", "infh", "infinityd", "-infs", "nan(1)h", "1e400h"})
    CHECK_FALSE(parse_time_bound(bad).has_value());
}

TEST_CASE("since and until keep the events between them and bound the span reported",
          "[model][scope]") {
  testing::LogBuilder logs;
  for (int minute = 0; minute <= 600; minute += 60)
    logs.connect("dev-1", at_minutes(minute));
  EventStore::Options options;
  options.since = parse_time_bound("5h");  // back from the last event, at minute 600
  options.until = TimeBound{at_minutes(480), std::nullopt};
  const EventStore store = testing::read_jsonl(logs.jsonl(), options);
  CHECK(store.stats().since == at_minutes(300));
  CHECK(store.stats().first_event == at_minutes(300));
  CHECK(store.stats().last_event == at_minutes(480));
  CHECK(store.events().size() == 4);  // minutes 300, 360, 420, 480
  CHECK(store.stats().out_of_scope == 7);
}

}  // namespace
}  // namespace iothub_diag
