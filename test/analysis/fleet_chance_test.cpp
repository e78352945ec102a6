// Chance in fleet windows: a small fleet of busy random droppers meets any
// fixed count by coincidence, so a hub window must be a count the devices'
// own drop rates would almost never produce.
#include <random>

#include "support/log_builder.hpp"
#include <catch2/catch.hpp>
#include <fmt/format.h>

#include <iothub_diag/rules/rule.hpp>

namespace iothub_diag {
namespace {

using testing::at_minutes;
using testing::LogBuilder;

constexpr double kDays = 6;
constexpr double kDropsPerDay = 34;

// Each device behind its own address, so that no site explains a window.
std::string ip_of(int device) {
  return fmt::format("10.{}.{}.XXX", device / 200, device % 200);
}

// `devices` devices that each drop at random about `per_day` times a day over
// six days (exponential gaps), reconnecting 5 to 40 seconds later.
void random_droppers(LogBuilder& log, int devices, double per_day, std::uint64_t seed) {
  std::mt19937_64 random(seed);
  std::exponential_distribution<double> gap(per_day / (24 * 60));
  std::uniform_real_distribution<double> reconnect(5.0 / 60, 40.0 / 60);
  for (int device = 0; device < devices; ++device) {
    const std::string id = "busy-" + std::to_string(device);
    double minute = 0.2;
    log.connect(id, at_minutes(minute), ".NET/1.38.0", ip_of(device));
    for (;;) {
      minute += gap(random);
      if (minute > kDays * 24 * 60) break;
      log.drop(id, at_minutes(minute), ip_of(device));
      minute += reconnect(random);
      log.connect(id, at_minutes(minute), ".NET/1.38.0", ip_of(device));
    }
  }
}

Report analyze(const LogBuilder& log) {
  return testing::analyze_jsonl(log.jsonl());
}

std::size_t fleet_windows(const Report& report) {
  return testing::windows_of(report, "fleet-wide-drop") +
         testing::windows_of(report, "hub-incident");
}

}  // namespace

TEST_CASE("twenty independent busy random droppers get no fleet window", "[analysis]") {
  Thresholds without_chance;
  without_chance.fleet_max_chance_probability = 1;
  std::size_t coincidences = 0;
  for (const std::uint64_t seed : {1U, 2U, 3U}) {
    INFO("seed " << seed);
    LogBuilder log;
    random_droppers(log, 20, kDropsPerDay, seed);
    const Report report = analyze(log);
    CHECK(fleet_windows(report) == 0);
    CHECK(testing::devices_of(report, "random-disconnects").size() == 20);
    coincidences += fleet_windows(testing::analyze_jsonl(log.jsonl(), without_chance));
  }
  // The hub's baseline alone takes some of their coincidences for incidents.
  CHECK(coincidences > 0);
}

TEST_CASE("a simulated fleet of random droppers only gets no fleet window", "[analysis]") {
  simulate::SimulationOptions options;
  options.devices = 20;
  options.hours = static_cast<int>(kDays * 24);
  options.token_expiry_share = 0;
  options.random_drop_share = 1;
  options.mixed_share = 0;
  options.scheduled_reconnect_share = 0;
  options.sparse_random_share = 0;
  options.random_drops_per_day_min = kDropsPerDay;
  options.random_drops_per_day_max = kDropsPerDay;
  options.incidents = 0;
  options.site_outages = 0;
  options.seed = 15;
  const std::string text = testing::simulated_jsonl(options);
  const Report report = testing::analyze_jsonl(text);
  CHECK(fleet_windows(report) == 0);
  CHECK(testing::windows_of(report, "site-network-outage") == 0);
}

// `count` of the devices fail together at minute 3000 and come back 3 minutes later.
void incident(LogBuilder& log, int count) {
  for (int device = 0; device < count; ++device) {
    const std::string id = "busy-" + std::to_string(device);
    log.drop(id, at_minutes(3000 + device * 0.05), ip_of(device));
    log.connect(id, at_minutes(3003), ".NET/1.38.0", ip_of(device));
  }
}

TEST_CASE("twelve of twenty random droppers failing at once are still an incident", "[analysis]") {
  // Eight drops a day each: about half a device drops in a usual window.
  LogBuilder log;
  random_droppers(log, 20, 8, 4);
  incident(log, 12);
  CHECK(testing::windows_of(analyze(log), "fleet-wide-drop") == 1);
}

TEST_CASE("three quarters of twenty busy random droppers failing at once are still an incident",
          "[analysis]") {
  // At 34 drops a day each, 2.2 devices drop in a usual window; by the
  // Poisson bound 13 share a window about once in 850 spans of six days, 14
  // once in 5,000: 15 failing together is no coincidence.
  LogBuilder log;
  random_droppers(log, 20, kDropsPerDay, 4);
  incident(log, 15);
  CHECK(testing::windows_of(analyze(log), "fleet-wide-drop") == 1);
}

TEST_CASE("hundreds of devices dropping in one minute are an incident beside random droppers",
          "[analysis]") {
  LogBuilder log;
  random_droppers(log, 20, kDropsPerDay, 5);
  for (int device = 0; device < 300; ++device) {
    const std::string id = "quiet-" + std::to_string(device);
    const std::string ip = ip_of(20 + device);
    log.connect(id, at_minutes(1), ".NET/1.38.0", ip);
    log.drop(id, at_minutes(4000 + device * 0.002), ip);
    log.connect(id, at_minutes(4004), ".NET/1.38.0", ip);
  }
  CHECK(testing::windows_of(analyze(log), "fleet-wide-drop") == 1);
}

}  // namespace iothub_diag
