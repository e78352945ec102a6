#include <map>

#include <catch2/catch.hpp>
#include <simulate/simulation_test_support.hpp>

#include <iothub_diag/simulate/fleet_plan.hpp>
#include <iothub_diag/simulate/fleet_simulator.hpp>
#include <iothub_diag/simulate/ground_truth.hpp>

namespace iothub_diag::simulate {
namespace {

SimulationOptions large_fleet() {
  SimulationOptions options;
  options.devices = 1500;
  options.hours = 48;
  options.site_outages = 3;
  return options;
}

std::map<int, int> site_sizes(const FleetPlan& plan) {
  std::map<int, int> sizes;
  for (const DeviceProfile& device : plan.devices) {
    if (device.site >= 0) ++sizes[device.site];
  }
  return sizes;
}

TEST_CASE("most devices share a site address with a few to tens of others", "[simulate]") {
  const FleetPlan plan = plan_fleet(large_fleet());
  const std::map<int, int> sizes = site_sizes(plan);
  int behind_sites = 0;
  int small_sites = 0;
  for (const auto& [site, size] : sizes) {
    CHECK(size >= 2);
    CHECK(size <= 60);
    behind_sites += size;
    small_sites += size <= 8;
  }
  CHECK(behind_sites > 1500 * 6 / 10);
  CHECK(sizes.size() > 50);
  CHECK(small_sites > static_cast<int>(sizes.size()) / 3);  // mostly a handful of devices
  for (const DeviceProfile& device : plan.devices) {
    if (device.site >= 0)
      CHECK(device.masked_ip == plan.site_ips[static_cast<std::size_t>(device.site)]);
  }
}

TEST_CASE("site outages hit small sites, a sliver of the fleet, at different times", "[simulate]") {
  for (std::uint64_t seed = 1; seed <= 5; ++seed) {
    SimulationOptions options = large_fleet();
    options.seed = seed;
    const FleetPlan plan = plan_fleet(options);
    const std::map<int, int> sizes = site_sizes(plan);
    REQUIRE(plan.outages.size() == 3);
    int hit = 0;
    for (std::size_t i = 0; i < plan.outages.size(); ++i) {
      const int size = sizes.at(plan.outages[i].site);
      CHECK(size >= 8);
      CHECK(size <= 40);
      hit += size;
      if (i > 0) CHECK(plan.outages[i - 1].window.end < plan.outages[i].window.start);
    }
    CHECK(hit <= 120);  // at most 8 % of 1,500, usually far less
  }
}

TEST_CASE("devices behind a failed site keep their own patterns outside the outage", "[simulate]") {
  SimulationOptions options;
  options.devices = 600;
  options.site_outages = 3;
  const Simulation simulation = simulate_fleet(options);
  std::map<std::string, const SiteOutageTruth*> outage_of;
  for (const SiteOutageTruth& outage : simulation.site_outages)
    outage_of[outage.masked_ip] = &outage;
  int token_devices = 0;
  int random_devices = 0;
  for (const DeviceTruth& device : simulation.devices) {
    if (outage_of.count(device.masked_ip) == 0) continue;
    if (device.behavior == DeviceBehavior::token_expiry) {
      ++token_devices;
      CHECK(testing::has_label(device, kTokenExpiryRule));
    }
    if (device.behavior == DeviceBehavior::random_drops &&
        testing::has_label(device, kRandomDisconnectsRule))
      ++random_devices;
  }
  CHECK(token_devices > 0);
  CHECK(random_devices > 0);
}

TEST_CASE("a site outage excuses the drops of its own site's devices only", "[simulate]") {
  const FleetPlan plan = plan_fleet(large_fleet());
  const SiteOutagePlan& outage = plan.outages.front();
  const Timestamp during = outage.window.start + 60'000;
  const DeviceProfile* at_site = nullptr;
  const DeviceProfile* elsewhere = nullptr;
  for (const DeviceProfile& device : plan.devices) {
    if (device.site == outage.site && at_site == nullptr) at_site = &device;
    if (device.site != outage.site && elsewhere == nullptr) elsewhere = &device;
  }
  REQUIRE(at_site != nullptr);
  REQUIRE(elsewhere != nullptr);
  CHECK(in_fleet_event(plan, *at_site, during));
  // A random drop elsewhere in the fleet during that outage is still the device's own.
  CHECK(!in_fleet_event(plan, *elsewhere, during));
  // An incident excuses every device of the hub.
  SimulationOptions with_incident = large_fleet();
  const FleetPlan incident_plan = plan_fleet(with_incident);
  REQUIRE(!incident_plan.incidents.empty());
  CHECK(in_fleet_event(incident_plan, *elsewhere, incident_plan.incidents.front().window.start));
}

}  // namespace
}  // namespace iothub_diag::simulate
