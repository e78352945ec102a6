// One device's story: every connect, drop and error in time order, each drop with its cause.
#include "support/log_builder.hpp"
#include <catch2/catch.hpp>

#include <iothub_diag/analysis/device_story.hpp>
#include <iothub_diag/model/result_codes.hpp>

namespace iothub_diag {
namespace {

using testing::at_minutes;
using testing::LogBuilder;

TEST_CASE("device globs match ids with * and ?", "[analysis][story]") {
  CHECK(glob_match("dev-00018", "dev-00018"));
  CHECK_FALSE(glob_match("dev-00018", "dev-000180"));
  CHECK(glob_match("dev-*", "dev-00018"));
  CHECK(glob_match("*18", "dev-00018"));
  CHECK(glob_match("d?v-*1*", "dev-00018"));
  CHECK(glob_match("*", ""));
  CHECK_FALSE(glob_match("?", ""));
  CHECK_FALSE(glob_match("a*b*c*d", std::string(5000, 'a')));  // no exponential backtracking
}

TEST_CASE("a device's story lists every drop the logs hold for it, each with its cause",
          "[analysis][story]") {
  LogBuilder log;
  for (int i = 0; i < 30; ++i)
    log.connect("quiet-" + std::to_string(i), at_minutes(1));
  // Token cycles of 65 minutes, a 401003 before each drop, then one drop of another kind.
  double connected = 2;
  log.connect("dev-00018", at_minutes(connected));
  for (int cycle = 0; cycle < 5; ++cycle) {
    log.error("dev-00018", at_minutes(connected + 64.9), codes::kIotHubUnauthorized,
              "deviceDisconnect");
    log.drop("dev-00018", at_minutes(connected + 65));
    connected += 65.2;
    log.connect("dev-00018", at_minutes(connected));
  }
  log.drop("dev-00018", at_minutes(connected + 20)).clean_disconnect("dev-00018", at_minutes(500));
  const EventStore store = testing::read_jsonl(log.jsonl());
  const Thresholds thresholds;
  const Diagnosis diagnosis(store, thresholds);
  const std::vector<std::string> patterns = {"dev-00018"};
  const auto devices = devices_matching(store, patterns);
  REQUIRE(devices.size() == 1);
  const std::vector<StoryEvent> story = device_story(diagnosis, devices.front(), cause_rule_ids());

  std::size_t drops = 0;
  for (std::size_t i = 0; i < story.size(); ++i) {
    if (i > 0) CHECK(story[i - 1].time <= story[i].time);
    if (story[i].event != "drop") continue;
    ++drops;
    CHECK(story[i].code == 404104);
    CHECK_FALSE(story[i].cause.empty());
    CHECK(story[i].detail.has_value());
  }
  CHECK(drops == 6);
  CHECK(story.back().event == "disconnect");
  const auto token = std::count_if(story.begin(), story.end(), [](const StoryEvent& event) {
    return event.cause == "sas-token-expiry";
  });
  CHECK(token == 5);
  const auto errors = std::count_if(story.begin(), story.end(),
                                    [](const StoryEvent& event) { return event.event == "error"; });
  CHECK(errors == 5);
}

}  // namespace
}  // namespace iothub_diag
