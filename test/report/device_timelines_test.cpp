#include <sstream>

#include "support/log_builder.hpp"
#include <catch2/catch.hpp>

#include <iothub_diag/report/device_timelines.hpp>
#include <iothub_diag/report/json_renderer.hpp>
#include <iothub_diag/rules/rule.hpp>

namespace iothub_diag {
namespace {

using testing::at_minutes;

TEST_CASE("a --device pattern matches ids with * and ?", "[report]") {
  CHECK(glob_match("dev-*", "dev-0001"));
  CHECK(glob_match("*", ""));
  CHECK(glob_match("dev-000?", "dev-0007"));
  CHECK_FALSE(glob_match("dev-000?", "dev-00071"));
  CHECK(glob_match("*-00*1", "dev-0011"));
  CHECK_FALSE(glob_match("sensor*", "dev-0001"));
  CHECK(glob_match("a*b*c*d*e*f", std::string(200, 'a') + "bcdef"));
}

TEST_CASE("a --device timeline lists the device's events to the JSON report, each drop with its cause",
          "[report]") {
  testing::LogBuilder log;
  log.connect("flaky-1", at_minutes(0.5));
  for (const double minute : {37.0, 151.0, 402.0}) {
    log.drop("flaky-1", at_minutes(minute));
    log.connect("flaky-1", at_minutes(minute + 0.7));
  }
  log.error("flaky-1", at_minutes(500), 401003);
  log.connect("other", at_minutes(1));
  const EventStore store = testing::read_jsonl(log.jsonl());
  Diagnosis diagnosis(store, Thresholds{});
  Report report = build_report(diagnosis, run_rules(diagnosis));
  add_device_timelines(report, diagnosis, {"flaky-*", "missing"});
  const auto json = report_to_json(report);
  REQUIRE(json["device_timelines"].size() == 1);
  const auto& timeline = json["device_timelines"][0];
  CHECK(timeline["device_id"] == "flaky-1");
  CHECK(timeline["module_id"].is_null());
  const auto& events = timeline["events"];
  REQUIRE(events.size() == 8);
  CHECK(events[0]["event"] == "connect");
  CHECK(events[1]["event"] == "drop");
  CHECK(events[1]["code"] == 404104);
  CHECK(events[1]["cause"] == "random-disconnects");
  CHECK(events[7]["event"] == "error");
  CHECK(events[7]["cause"].is_null());
  CHECK(json["notes"].dump().find("--device missing matches no device") != std::string::npos);
}

TEST_CASE("the JSON report has no device_timelines unless --device asks", "[report]") {
  testing::LogBuilder log;
  log.connect("a", at_minutes(1));
  const Report report = testing::analyze_jsonl(log.jsonl());
  CHECK_FALSE(report_to_json(report).contains("device_timelines"));
}

}  // namespace
}  // namespace iothub_diag
