// Calls kept in memory are made again in order, each event announced ahead.
#include "../../src/input/recorded_calls.hpp"

#include <algorithm>
#include <string>
#include <utility>
#include <vector>

#include <catch2/catch.hpp>

namespace iothub_diag {
namespace {

// Logs, in order, each event announced and each call made, by device id or skip line.
class CallLog final : public RecordSink {
 public:
  void expect_event(const Event& event) override {
    calls.emplace_back("expect", std::string(event.device_id));
  }
  void on_event(const Event& event, const SourceLocation& /*location*/) override {
    calls.emplace_back("event", std::string(event.device_id));
  }
  void on_skip(SkipReason /*reason*/, const SourceLocation& location,
               const SkipDetail& /*detail*/) override {
    calls.emplace_back("skip", std::to_string(location.line));
  }
  void on_metric_series(const MetricSeries& /*series*/) override {}
  void on_health_event(const HealthEvent& /*event*/) override {}
  void on_activity_event() override {}
  void on_metric_document() override {}

  std::vector<std::pair<std::string, std::string>> calls;
};

TEST_CASE("a replay makes every call in order and announces each event before it",
          "[input][replay]") {
  for (const int count : {0, 1, 5, 8, 9, 40}) {
    INFO(count << " records");
    RecordedCalls kept;
    std::vector<std::pair<std::string, std::string>> made;
    for (int i = 0; i < count; ++i) {
      if (i % 4 == 3) {
        kept.on_skip(SkipReason::invalid_json, SourceLocation{"x", std::uint64_t(i), 0}, {});
        made.emplace_back("skip", std::to_string(i));
        continue;
      }
      // The text behind the event's views is gone by the replay.
      std::string id = "dev-" + std::to_string(i);
      Event event;
      event.device_id = id;
      kept.on_event(event, SourceLocation{"x", std::uint64_t(i), 0});
      made.emplace_back("event", id);
      id.assign(id.size(), '?');
    }
    CallLog log;
    kept.replay(log);
    std::vector<std::pair<std::string, std::string>> taken;
    std::vector<std::string> announced;
    for (const auto& [kind, what] : log.calls) {
      if (kind == "expect") {
        announced.push_back(what);
        continue;
      }
      taken.emplace_back(kind, what);
      // Every event was announced before it was made, and only once.
      if (kind == "event") {
        CHECK(std::count(announced.begin(), announced.end(), what) == 1);
      }
    }
    CHECK(taken == made);
    std::vector<std::string> events;
    for (const auto& [kind, what] : made)
      if (kind == "event") events.push_back(what);
    CHECK(announced == events);
  }
}

}  // namespace
}  // namespace iothub_diag
