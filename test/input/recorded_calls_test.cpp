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

// Keeps the last event it is given, its texts copied.
class LastEvent final : public RecordSink {
 public:
  void on_event(const Event& event, const SourceLocation& location) override {
    last = event;
    where = location;
    texts = {std::string(event.category),
             std::string(event.operation_name),
             std::string(event.result_description),
             std::string(event.device_id),
             std::string(event.module_id),
             std::string(event.protocol),
             std::string(event.sdk_version),
             std::string(event.masked_ip),
             std::string(event.auth_type),
             std::string(event.correlation_id),
             std::string(event.hub)};
  }
  void on_skip(SkipReason /*reason*/, const SourceLocation& /*location*/,
               const SkipDetail& /*detail*/) override {}
  void on_metric_series(const MetricSeries& series) override { metric_hub = series.hub; }
  void on_health_event(const HealthEvent& event) override { health_status = event.status; }
  void on_activity_event() override {}
  void on_metric_document() override {}

  Event last;
  SourceLocation where;
  std::vector<std::string> texts;
  std::string metric_hub;
  std::string health_status;
};

TEST_CASE("a replayed event has every member it was recorded with", "[input][replay]") {
  RecordedCalls kept;
  // Texts of other lengths, the empty one among them, after another event's.
  Event other;
  other.device_id = "first-device";
  other.hub = "HUB-A";
  kept.on_event(other, SourceLocation{"a.json", 1, 0});
  std::vector<std::string> texts = {"Connections",
                                    "deviceDisconnect",
                                    "DeviceConnectionClosedRemotely",
                                    "dev-\"quoted\"-\u00e9",
                                    "",
                                    "Mqtt",
                                    "azure-iot-device/1.18.2",
                                    "10.0.0.XXX",
                                    "sas",
                                    "c0ffee",
                                    "HUB-B"};
  Event event;
  event.time = 1'700'000'000'123;
  event.code = 404104;
  event.operation = Operation::disconnect;
  event.level = Level::error;
  event.from_state_snapshot = true;
  event.category = texts[0];
  event.operation_name = texts[1];
  event.result_description = texts[2];
  event.device_id = texts[3];
  event.module_id = texts[4];
  event.protocol = texts[5];
  event.sdk_version = texts[6];
  event.masked_ip = texts[7];
  event.auth_type = texts[8];
  event.correlation_id = texts[9];
  event.hub = texts[10];
  kept.on_event(event, SourceLocation{"b.json", 42, 7});
  const std::vector<std::string> expected = texts;
  for (std::string& text : texts)  // overwritten before the replay, as a reader's buffer is
    text.assign(text.size(), '#');
  MetricSeries series;
  series.hub = "metric-hub";
  kept.on_metric_series(series);
  HealthEvent health;
  health.status = "Unavailable";
  kept.on_health_event(health);

  LastEvent sink;
  kept.replay(sink);
  CHECK(sink.texts == expected);
  CHECK(sink.last.time == event.time);
  CHECK(sink.last.code == 404104);
  CHECK(sink.last.operation == Operation::disconnect);
  CHECK(sink.last.level == Level::error);
  CHECK(sink.last.from_state_snapshot);
  CHECK(sink.where.source == "b.json");
  CHECK(sink.where.line == 42);
  CHECK(sink.where.index == 7);
  CHECK(sink.metric_hub == "metric-hub");
  CHECK(sink.health_status == "Unavailable");

  // Cleared, it keeps nothing of before.
  kept.clear();
  LastEvent after;
  kept.replay(after);
  CHECK(after.texts.empty());
}

}  // namespace
}  // namespace iothub_diag
