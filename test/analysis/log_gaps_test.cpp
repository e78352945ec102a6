// Gaps in the logs: a span in which a hub that logs steadily logged nothing is
// said (incomplete-export), and no verdict is built on its silence.
#include <algorithm>
#include <bit>
#include <cmath>
#include <optional>
#include <random>
#include <vector>

#include "support/log_builder.hpp"
#include <catch2/catch.hpp>

#include <iothub_diag/analysis/diagnosis.hpp>
#include <iothub_diag/simulate/fleet_simulator.hpp>

namespace iothub_diag {
namespace {

using testing::at_minutes;
using testing::LogBuilder;

struct GapWindow {
  Timestamp start = 0;
  Timestamp end = 0;
};

std::int64_t time_of(const FindingItem& item, std::string_view key) {
  for (const Evidence& evidence : item.evidence) {
    if (evidence.key() == key) return std::get<std::int64_t>(evidence.value);
  }
  FAIL("no evidence " << key);
  return 0;
}

bool is_gap(const FindingItem& item) {
  return std::any_of(item.evidence.begin(), item.evidence.end(), [](const Evidence& evidence) {
    const auto* text = std::get_if<std::string>(&evidence.value);
    return evidence.key() == "cut" && text && *text == "log_gap";
  });
}

std::vector<GapWindow> gaps_of(const Report& report) {
  std::vector<GapWindow> gaps;
  for (const Finding& finding : report.findings) {
    if (finding.rule->id != "incomplete-export") continue;
    for (const FindingItem& item : finding.windows) {
      if (is_gap(item)) gaps.push_back({time_of(item, "start"), time_of(item, "end")});
    }
  }
  return gaps;
}

// Fleet windows as (start, end).
std::vector<GapWindow> fleet_windows_of(const Report& report) {
  std::vector<GapWindow> windows;
  for (const Finding& finding : report.findings) {
    if (!finding.rule->claims_windows()) continue;
    for (const FindingItem& item : finding.windows)
      windows.push_back({time_of(item, "start"), time_of(item, "end")});
  }
  return windows;
}

// Whether a record arrived in the hour from `hour` (in the blob of that hour).
bool received_in_hour(const simulate::Record& record, Timestamp hour) {
  return record.receive_time >= hour && record.receive_time < hour + kMillisPerHour;
}

// A simulated fleet's export as JSON Lines, without the records `left_out` takes.
template <class LeftOut>
std::string export_without(const simulate::SimulationOptions& options, LeftOut left_out) {
  std::string text;
  for (const simulate::Record& record : simulate::simulate_fleet(options).records) {
    if (left_out(record)) continue;
    text += record.json_line;
    text += '\n';
  }
  return text;
}

// A simulated hub of 400 devices over 24 h (Connections only, no 5xx, 3 % of
// records lost), as the export holds it: the records of one receive hour,
// the hourly blob of that hour, can be left out.
std::string simulated_export(std::optional<Timestamp> missing_hour) {
  simulate::SimulationOptions options;
  options.devices = 400;
  options.hours = 24;
  options.incidents = 2;
  options.site_outages = 1;
  options.record_loss = 0.03;
  options.categories = simulate::LoggedCategories::connections;
  options.server_errors = false;
  options.seed = 11;
  return export_without(options, [&](const simulate::Record& record) {
    return missing_hour && received_in_hour(record, *missing_hour);
  });
}

}  // namespace

TEST_CASE("a missing hourly blob is a gap, and nothing is built on it", "[analysis][gaps]") {
  const Report whole = testing::analyze_jsonl(simulated_export(std::nullopt));
  CHECK(gaps_of(whole).empty());
  for (const int hour : {9, 15}) {
    INFO("blob of hour " << hour << " left out");
    const Timestamp missing = at_minutes(0) + hour * kMillisPerHour;
    const Report cut = testing::analyze_jsonl(simulated_export(missing));
    const std::vector<GapWindow> gaps = gaps_of(cut);
    REQUIRE(gaps.size() == 1);
    CHECK(gaps.front().start <= missing);
    CHECK(gaps.front().end >= missing + kMillisPerHour);
    CHECK(gaps.front().end - gaps.front().start <= 2 * kMillisPerHour);
    for (const GapWindow& window : fleet_windows_of(cut))
      CHECK((window.end < gaps.front().start || window.start >= gaps.front().end));
    CHECK(testing::devices_of(cut, "never-reconnected").size() <=
          testing::devices_of(whole, "never-reconnected").size());
  }
}

TEST_CASE("token cycles across a gap stay token cycles", "[analysis][gaps]") {
  LogBuilder log;
  // 150 devices with 65-minute token cycles over 16 hours, each starting at
  // its own minute; the logs of minutes 480 to 570 are lost.
  for (int device = 0; device < 150; ++device) {
    const std::string id = "token-" + std::to_string(device);
    double minute = 0.5 + device * 0.4;
    log.connect(id, at_minutes(minute));
    while (minute + 65 < 16 * 60) {
      minute += 65;
      const bool lost = minute >= 480 && minute < 570;
      if (!lost) log.drop(id, at_minutes(minute));
      minute += 0.2;
      if (!lost) log.connect(id, at_minutes(minute));
    }
  }
  const Report report = testing::analyze_jsonl(log.jsonl());
  const std::vector<GapWindow> gaps = gaps_of(report);
  REQUIRE(gaps.size() == 1);
  CHECK(gaps.front().start <= at_minutes(480));
  CHECK(gaps.front().end >= at_minutes(570));
  CHECK(testing::devices_of(report, "sas-token-expiry").size() == 150);
  CHECK(testing::devices_of(report, "random-disconnects").empty());
  CHECK(testing::devices_of(report, "isolated-drops").empty());
}

TEST_CASE("devices an incident keeps off the hub leave no gap", "[analysis][gaps]") {
  LogBuilder log;
  // 200 devices with 65-minute token cycles; 180 of them drop together at
  // minute 400 and cannot come back for 50 minutes, and nothing is logged then
  // (no 5xx in the export).
  for (int device = 0; device < 200; ++device) {
    const std::string id = "device-" + std::to_string(device);
    const std::string ip = "10.1." + std::to_string(device) + ".XXX";
    double minute = 0.5 + device * 0.3;
    log.connect(id, at_minutes(minute), ".NET/1.38.0", ip);
    bool hit = device < 180;
    while (minute + 65 < 16 * 60) {
      if (hit && minute + 65 > 400) {
        minute = 400 + device * 0.01;
        log.drop(id, at_minutes(minute), ip);
        minute = 450 + device * 0.02;
        log.connect(id, at_minutes(minute), ".NET/1.38.0", ip);
        hit = false;
        continue;
      }
      minute += 65;
      log.drop(id, at_minutes(minute), ip);
      minute += 0.2;
      log.connect(id, at_minutes(minute), ".NET/1.38.0", ip);
    }
  }
  const Report report = testing::analyze_jsonl(log.jsonl());
  CHECK(gaps_of(report).empty());
  CHECK(testing::windows_of(report, "fleet-wide-drop") == 1);
}

TEST_CASE("a small quiet fleet's silences are not gaps", "[analysis][gaps]") {
  LogBuilder log;
  // Three devices with two-hour token cycles: hours without a record are usual.
  for (int device = 0; device < 3; ++device) {
    const std::string id = "small-" + std::to_string(device);
    double minute = 1 + device * 20;
    log.connect(id, at_minutes(minute));
    while (minute + 125 < 48 * 60) {
      minute += 125;
      log.drop(id, at_minutes(minute));
      minute += 0.3;
      log.connect(id, at_minutes(minute));
    }
  }
  CHECK(gaps_of(testing::analyze_jsonl(log.jsonl())).empty());
}

namespace {

// Each sharing the gap search is checked with: one or two threads, the split at
// either end (one pass), one device in, in the middle of a hub, and by weight.
std::vector<Sharing> sharings_of(DeviceIndex devices) {
  return {Sharing{1, devices},     Sharing{2, 0},           Sharing{2, 1},
          Sharing{2, devices / 3}, Sharing{1, devices / 2}, Sharing{2, devices / 2},
          Sharing{2, devices - 1}, Sharing{2, std::nullopt}};
}

void check_same_gaps(const std::vector<LogGap>& one, const std::vector<LogGap>& other) {
  REQUIRE(other.size() == one.size());
  for (std::size_t i = 0; i < one.size(); ++i) {
    const LogGap& a = one[i];
    const LogGap& b = other[i];
    CHECK(a.hub == b.hub);
    CHECK(a.start == b.start);
    CHECK(a.end == b.end);
    CHECK(a.records == b.records);
    CHECK(a.devices_logging == b.devices_logging);
    CHECK(std::bit_cast<std::uint64_t>(a.devices_expected) ==
          std::bit_cast<std::uint64_t>(b.devices_expected));
    CHECK(std::bit_cast<std::uint64_t>(a.usual_records) ==
          std::bit_cast<std::uint64_t>(b.usual_records));
  }
}

}  // namespace

TEST_CASE("the gaps are the same bytes wherever the devices' shares split, on one thread or two",
          "[analysis][gaps]") {
  // The devices' shares are counted side by side and added: whole counts add
  // up exactly, and the rate-driven chances are added in device order. The
  // one pass is the split before the first device, all in the later share.
  const Timestamp missing = at_minutes(0) + 9 * kMillisPerHour;
  const EventStore store = testing::read_jsonl(simulated_export(missing));
  const Thresholds thresholds;
  const Diagnosis one(store, thresholds, Sharing{1, 0});
  REQUIRE(one.log_gaps().size() == 1);
  const auto devices = static_cast<DeviceIndex>(store.devices().size());
  for (const Sharing& sharing : sharings_of(devices)) {
    INFO("threads " << sharing.threads << ", split " << sharing.split.value_or(SIZE_MAX));
    const Diagnosis other(store, thresholds, sharing);
    check_same_gaps(one.log_gaps(), other.log_gaps());
  }
}

TEST_CASE("several hubs' gaps are the same wherever each hub's devices split", "[analysis][gaps]") {
  // Three hubs, one losing an hour's blob: each hub's devices are split in
  // two shares, and the hubs' gaps must not depend on it.
  simulate::SimulationOptions options;
  options.devices = 300;
  options.hubs = 3;
  options.hours = 24;
  options.categories = simulate::LoggedCategories::connections;
  options.server_errors = false;
  options.seed = 17;
  const Timestamp missing = at_minutes(0) + 11 * kMillisPerHour;
  std::size_t left_out = 0;
  const std::string text = export_without(options, [&](const simulate::Record& record) {
    const bool lost = record.hub == 1 && received_in_hour(record, missing);
    left_out += lost ? 1 : 0;
    return lost;
  });
  REQUIRE(left_out > 100);
  const EventStore store = testing::read_jsonl(text);
  REQUIRE(store.hubs().size() == 3);
  const Thresholds thresholds;
  const Diagnosis one(store, thresholds, Sharing{1, 0});
  REQUIRE(!one.log_gaps().empty());
  // A split is within each hub's devices: one hub's count of them.
  const auto devices = static_cast<DeviceIndex>(
      std::count_if(store.devices().begin(), store.devices().end(),
                    [](const DeviceInfo& device) { return device.hub == 0; }));
  const std::vector<Sharing> sharings = sharings_of(devices);
  for (const Sharing& sharing : sharings) {
    INFO("threads " << sharing.threads << ", split " << sharing.split.value_or(SIZE_MAX));
    const Diagnosis other(store, thresholds, sharing);
    check_same_gaps(one.log_gaps(), other.log_gaps());
  }
}

TEST_CASE("a device that drops and reconnects within minutes, all day long, leaves no gap",
          "[analysis][gaps]") {
  // Connections of 1 s plus about 20 s, each reconnect 1 to 10 s after its
  // drop: a dozen connected spans in every five-minute bin. The device logs in
  // a bin or not, so it is expected there once, not once a span; counted once
  // a span, the bins would expect a dozen devices of it and hold one.
  std::mt19937_64 random(5);
  std::exponential_distribution<double> length(1.0 / 20);
  std::uniform_int_distribution<int> reconnect(1, 10);
  LogBuilder log;
  double second = 0;
  while (second < 12 * 3600) {
    log.connect("restarting", at_minutes(second / 60));
    second += 1 + std::floor(length(random));
    log.drop("restarting", at_minutes(second / 60));
    second += reconnect(random);
  }
  // Whatever its drops are taken for: no timer in the path is looked for here.
  Thresholds thresholds;
  thresholds.idle_min_period_seconds = thresholds.min_period_minutes * 60;
  CHECK(gaps_of(testing::analyze_jsonl(log.jsonl(), thresholds)).empty());
}

}  // namespace iothub_diag
