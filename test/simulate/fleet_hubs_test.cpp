#include <map>
#include <set>

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>
#include <simulate/simulation_test_support.hpp>

#include <iothub_diag/simulate/fleet_hubs.hpp>
#include <iothub_diag/simulate/fleet_simulator.hpp>
#include <iothub_diag/simulate/ground_truth.hpp>
#include <iothub_diag/simulate/record_format.hpp>

namespace iothub_diag::simulate {
namespace {

SimulationOptions two_hub_options() {
  SimulationOptions options;
  options.hubs = 2;
  options.devices = 120;
  options.hours = 12;
  options.incidents = 1;
  options.site_outages = 2;
  return options;
}

const Simulation& two_hub_fleet() {
  static const Simulation simulation = simulate_fleet(two_hub_options());
  return simulation;
}

std::vector<const DeviceTruth*> devices_of(const Simulation& simulation, std::string_view hub) {
  std::vector<const DeviceTruth*> devices;
  for (const DeviceTruth& device : simulation.devices) {
    if (device.hub == hub) devices.push_back(&device);
  }
  return devices;
}

TEST_CASE("hub names count up the trailing number and keep its width", "[simulate]") {
  SimulationOptions options;
  CHECK(hub_name(options, 0) == "FLEET-HUB-01");
  CHECK(hub_name(options, 1) == "FLEET-HUB-02");
  options.hub_name = "PLANT-HUB-09";
  CHECK(hub_name(options, 1) == "PLANT-HUB-10");
  options.hub_name = "PRODUCTION";
  CHECK(hub_name(options, 0) == "PRODUCTION");
  CHECK(hub_name(options, 2) == "PRODUCTION-03");
}

TEST_CASE("every hub of a fleet has the same device ids under its own name", "[simulate]") {
  const Simulation& simulation = two_hub_fleet();
  REQUIRE(simulation.hubs == std::vector<std::string>{"FLEET-HUB-01", "FLEET-HUB-02"});
  const auto first = devices_of(simulation, "FLEET-HUB-01");
  const auto second = devices_of(simulation, "FLEET-HUB-02");
  REQUIRE(first.size() == 120);
  REQUIRE(second.size() == 120);
  CHECK(simulation.devices.size() == 240);
  for (std::size_t i = 0; i < first.size(); ++i)
    CHECK(first[i]->device_id == second[i]->device_id);
  CHECK(first.front()->device_id == "dev-0001");
}

TEST_CASE("the first hub of a fleet is the one-hub fleet of the same options", "[simulate]") {
  SimulationOptions one = two_hub_options();
  one.hubs = 1;
  const Simulation alone = simulate_fleet(one);
  const auto first = devices_of(two_hub_fleet(), "FLEET-HUB-01");
  REQUIRE(first.size() == alone.devices.size());
  for (std::size_t i = 0; i < first.size(); ++i) {
    CHECK(first[i]->labels == alone.devices[i].labels);
    CHECK(first[i]->connected == alone.devices[i].connected);
  }
}

TEST_CASE("each hub draws its own behaviours, addresses and fleet events", "[simulate]") {
  const Simulation& simulation = two_hub_fleet();
  const auto first = devices_of(simulation, "FLEET-HUB-01");
  const auto second = devices_of(simulation, "FLEET-HUB-02");
  int same_behavior = 0;
  int same_address = 0;
  for (std::size_t i = 0; i < first.size(); ++i) {
    same_behavior += first[i]->behavior == second[i]->behavior;
    same_address += first[i]->masked_ip == second[i]->masked_ip;
  }
  CHECK(same_behavior < 90);  // chance agreement of the shares, not a copy
  CHECK(same_address == 0);

  std::map<std::string, std::vector<Timestamp>> incident_starts;
  for (const IncidentTruth& incident : simulation.incidents)
    incident_starts[incident.hub].push_back(incident.window.start);
  REQUIRE(incident_starts.size() == 2);
  CHECK(incident_starts["FLEET-HUB-01"] != incident_starts["FLEET-HUB-02"]);
  std::map<std::string, int> outages;
  for (const SiteOutageTruth& outage : simulation.site_outages)
    ++outages[outage.hub];
  CHECK(outages == std::map<std::string, int>{{"FLEET-HUB-01", 2}, {"FLEET-HUB-02", 2}});
}

TEST_CASE("every record names its own hub's resourceId", "[simulate]") {
  const Simulation& simulation = two_hub_fleet();
  std::map<std::uint32_t, std::size_t> per_hub;
  for (const Record& record : simulation.records) {
    REQUIRE(record.hub < simulation.hubs.size());
    SimulationOptions options = two_hub_options();
    options.hub_name = simulation.hubs[record.hub];
    const nlohmann::json json = nlohmann::json::parse(record.json_line);
    CHECK(json.at("resourceId") == hub_resource_id(options));
    ++per_hub[record.hub];
  }
  CHECK(per_hub.size() == 2);
  CHECK(hub_resource_id(hub_options(two_hub_options(), 1))
            .ends_with("/PROVIDERS/MICROSOFT.DEVICES/IOTHUBS/FLEET-HUB-02"));
}

TEST_CASE("the ground truth names the hub of every device, incident and site outage",
          "[simulate]") {
  const nlohmann::ordered_json truth = ground_truth_json(two_hub_fleet());
  CHECK(truth["hubs"] == nlohmann::ordered_json::array({"FLEET-HUB-01", "FLEET-HUB-02"}));
  std::set<std::string> hubs;
  std::string previous;
  for (const auto& device : truth["devices"]) {
    const std::string key =
        device["hub"].get<std::string>() + "/" + device["device_id"].get<std::string>();
    CHECK(key > previous);  // sorted by hub, then device
    previous = key;
    hubs.insert(device["hub"].get<std::string>());
  }
  CHECK(hubs == std::set<std::string>{"FLEET-HUB-01", "FLEET-HUB-02"});
  REQUIRE(truth["incidents"].size() == 2);
  CHECK(truth["incidents"][0]["hub"] == "FLEET-HUB-01");
  CHECK(truth["incidents"][1]["hub"] == "FLEET-HUB-02");
  for (const auto& outage : truth["site_outages"]) {
    CHECK(outage["hub"].is_string());
    CHECK(outage["devices"].get<int>() >= 8);
  }
}

TEST_CASE("options hubs must be 1 to 100", "[simulate]") {
  SimulationOptions options;
  options.hubs = 0;
  CHECK(validate(options).has_value());
  options.hubs = 101;
  CHECK(validate(options).has_value());
  options.hubs = 3;
  CHECK(!validate(options).has_value());
}

}  // namespace
}  // namespace iothub_diag::simulate
