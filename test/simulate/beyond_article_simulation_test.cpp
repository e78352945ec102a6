// The simulator's causes beyond the article: IoT Edge gateways and their
// restarts, throttled devices, devices behind a short idle timeout.
#include <algorithm>
#include <map>

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include <iothub_diag/simulate/fleet_simulator.hpp>
#include <iothub_diag/simulate/ground_truth.hpp>

namespace iothub_diag::simulate {
namespace {

const Simulation& beyond_fleet() {
  static const Simulation simulation = [] {
    SimulationOptions options;
    options.devices = 120;
    options.edge_gateways = 1;
    options.edge_restarts = 3;
    options.throttled_devices = 4;
    options.idle_timeout_devices = 4;
    options.disorder = false;
    return simulate_fleet(options);
  }();
  return simulation;
}

struct Line {
  Timestamp time = 0;
  std::string category;
  nlohmann::json record;
  nlohmann::json properties;
};

std::string text_of(const nlohmann::json& object, const char* key) {
  const auto found = object.find(key);
  return found != object.end() && found->is_string() ? found->get<std::string>() : std::string();
}

std::map<std::string, std::vector<Line>> lines_by_identity(const Simulation& simulation) {
  std::map<std::string, std::vector<Line>> lines;
  for (const Record& record : simulation.records) {
    Line line{record.time, record.category, nlohmann::json::parse(record.json_line), {}};
    const std::string properties = text_of(line.record, "properties");
    if (!properties.empty()) line.properties = nlohmann::json::parse(properties);
    std::string key = text_of(line.properties, "deviceId");
    if (!text_of(line.properties, "moduleId").empty())
      key += "/" + text_of(line.properties, "moduleId");
    lines[key].push_back(std::move(line));
  }
  for (auto& [key, list] : lines)
    std::stable_sort(list.begin(), list.end(),
                     [](const Line& a, const Line& b) { return a.time < b.time; });
  return lines;
}

TEST_CASE("a gateway restart drops its identities within seconds, $edgeAgent back first",
          "[simulate]") {
  const Simulation& simulation = beyond_fleet();
  REQUIRE(simulation.edge_restarts.size() == 3);
  const auto lines = lines_by_identity(simulation);
  for (const EdgeRestartTruth& restart : simulation.edge_restarts) {
    CHECK(restart.gateway_id == "edge-gw-01");
    CHECK(restart.identities == 15);
    std::map<std::string, Timestamp> back;  // identity -> first connect after the restart
    int dropped = 0;
    for (const auto& [identity, list] : lines) {
      if (identity.rfind("edge-gw-01", 0) != 0) continue;
      for (const Line& line : list) {
        const bool drop = text_of(line.record, "resultType") == "404104";
        if (drop && restart.window.contains(line.time)) ++dropped;
        if (line.time > restart.window.start && !back.contains(identity) &&
            line.record["operationName"] == "deviceConnect" && !line.record.contains("resultType"))
          back[identity] = line.time;
      }
    }
    CHECK(dropped == 15);
    REQUIRE(back.size() == 15);
    const Timestamp agent = back.at("edge-gw-01/$edgeAgent");
    const Timestamp hub = back.at("edge-gw-01/$edgeHub");
    CHECK(agent < hub);
    for (const auto& [identity, time] : back) {
      if (identity != "edge-gw-01/$edgeAgent") CHECK(time > agent);
    }
  }
  const nlohmann::ordered_json truth = ground_truth_json(simulation);
  REQUIRE(truth.contains("edge_restarts"));
  CHECK(truth["edge_restarts"].size() == 3);
}

TEST_CASE("a throttled device's 404104 follows a 429 of DeviceTelemetry by seconds", "[simulate]") {
  const Simulation& simulation = beyond_fleet();
  const auto lines = lines_by_identity(simulation);
  int throttled_drops = 0;
  for (const DeviceTruth& device : simulation.devices) {
    if (device.behavior != DeviceBehavior::throttled) continue;
    const std::vector<Line>& list = lines.at(device.device_id);
    for (std::size_t i = 0; i < list.size(); ++i) {
      if (text_of(list[i].record, "resultType").rfind("429", 0) != 0) continue;
      CHECK(list[i].category == "DeviceTelemetry");
      const auto drop = std::find_if(
          list.begin() + static_cast<std::ptrdiff_t>(i), list.end(),
          [](const Line& line) { return text_of(line.record, "resultType") == "404104"; });
      REQUIRE(drop != list.end());
      CHECK(drop->time - list[i].time <= 30 * kMillisPerSecond);
      ++throttled_drops;
    }
    if (std::find(device.labels.begin(), device.labels.end(), kThrottlingRule) !=
        device.labels.end())
      CHECK(device.labels.size() == 1);
  }
  CHECK(throttled_drops > 0);
}

TEST_CASE("an idle-timeout device's connections last 1.5 x its keep-alive, with no 401003",
          "[simulate]") {
  const Simulation& simulation = beyond_fleet();
  const auto lines = lines_by_identity(simulation);
  int labeled = 0;
  for (const DeviceTruth& device : simulation.devices) {
    if (device.behavior != DeviceBehavior::idle_timeout) continue;
    std::vector<Timestamp> lengths;
    bool connected = false;  // a connect seen since the last drop, at `since`
    Timestamp since = 0;
    for (const Line& line : lines.at(device.device_id)) {
      CHECK(text_of(line.record, "resultType") != "401003");
      if (line.record["operationName"] == "deviceConnect") {
        since = line.time;
        connected = true;
      }
      if (text_of(line.record, "resultType") == "404104" && connected) {
        lengths.push_back(line.time - since);
        connected = false;
      }
    }
    REQUIRE(lengths.size() >= 3);
    // All but a drop cut short by the fleet's incident, +-15 s around one length.
    std::sort(lengths.begin(), lengths.end());
    const Timestamp median = lengths[lengths.size() / 2];
    const auto near = std::count_if(lengths.begin(), lengths.end(), [&](Timestamp length) {
      return std::llabs(length - median) <= 16 * kMillisPerSecond;
    });
    CHECK(static_cast<std::size_t>(near) + 2 >= lengths.size());
    CHECK(median >= 60 * kMillisPerSecond);
    CHECK(median <= 460 * kMillisPerSecond);
    if (!device.labels.empty()) {
      CHECK(device.labels == std::vector<std::string>{std::string(kIdleTimeoutRule)});
      ++labeled;
    }
  }
  CHECK(labeled == 4);
}

}  // namespace
}  // namespace iothub_diag::simulate
