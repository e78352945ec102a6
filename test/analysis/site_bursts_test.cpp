// Site bursts: the devices behind one masked IP of one hub, when there are at
// least site_min_devices of them, drop together.
#include <algorithm>
#include <string>
#include <vector>

#include "support/log_builder.hpp"
#include <catch2/catch.hpp>

#include <iothub_diag/analysis/device_timeline.hpp>
#include <iothub_diag/analysis/fleet_bursts.hpp>

namespace iothub_diag {
namespace {

using testing::at_minutes;
using testing::LogBuilder;

// `count` devices of the current hub behind `ip`, connected from the start,
// dropping together at `minute` and back three minutes later. Their ids are
// spread among the others' (`prefix` + number), so that no group is a run of
// device indices.
void site_devices(LogBuilder& log, const std::string& prefix, int count, const std::string& ip,
                  double minute) {
  for (int i = 0; i < count; ++i) {
    const std::string id = "dev-" + std::to_string(i) + "-" + prefix;
    log.connect(id, at_minutes(1 + i * 0.01), ".NET/1.38.0", ip);
    log.drop(id, at_minutes(minute + i * 0.05), ip);
    log.connect(id, at_minutes(minute + 3), ".NET/1.38.0", ip);
  }
}

struct SiteSeen {
  std::string hub;
  std::string ip;
  std::size_t population;
  std::size_t devices;
  bool operator==(const SiteSeen&) const = default;
};

std::vector<SiteSeen> sites_of(const std::string& jsonl) {
  const EventStore store = testing::read_jsonl(jsonl);
  const Thresholds thresholds;
  const DeviceTimelines timelines(store, thresholds);
  const std::vector<bool> eligible(timelines.drops().size(), true);
  std::vector<SiteSeen> seen;
  for (const FleetBurst& burst :
       find_site_bursts(timelines, store, hub_facts(store), eligible, thresholds))
    seen.push_back(SiteSeen{store.hubs()[burst.hub].name, burst.site_ip, burst.population,
                            burst.devices.size()});
  return seen;
}

}  // namespace

TEST_CASE("a site is the devices behind one IP of one hub, at least site_min_devices of them",
          "[analysis]") {
  REQUIRE(Thresholds{}.site_min_devices == 4);
  LogBuilder log;
  // A day of quiet devices, each behind its own address, gives the span its history.
  for (int i = 0; i < 40; ++i) {
    const std::string id = "quiet-" + std::to_string(i);
    const std::string ip = "10.1." + std::to_string(i) + ".XXX";
    log.connect(id, at_minutes(1 + i * 0.01), ".NET/1.38.0", ip);
    log.clean_disconnect(id, at_minutes(1400 + i * 0.01));
  }
  log.hub("HUB-B");
  // Three behind the same address as HUB-A's site below, dropping with it: a
  // hub's sites are its own, so they are no site, and HUB-A's site stays four.
  site_devices(log, "b", 3, "81.2.3.XXX", 600);
  // Eight behind another address, dropping together later: a site of HUB-B.
  site_devices(log, "c", 8, "81.9.9.XXX", 900);
  log.hub("HUB-A");
  site_devices(log, "a", 4, "81.2.3.XXX", 600);  // exactly the least a site has
  site_devices(log, "d", 3, "81.2.4.XXX", 700);  // one short of a site

  const std::vector<SiteSeen> sites = sites_of(log.jsonl());
  CHECK(sites ==
        std::vector<SiteSeen>{{"HUB-A", "81.2.3.XXX", 4, 4}, {"HUB-B", "81.9.9.XXX", 8, 8}});
}

TEST_CASE("many sites of one hub are each found, whatever the order of their devices",
          "[analysis]") {
  // 900 addresses of five devices each (4,500 devices: more than the radix
  // sort's smallest input), the devices listed address by address in turn, so
  // that each site's devices lie far apart in the device table; every site drops
  // once, at its own minute.
  LogBuilder log;
  constexpr int kSites = 900;
  for (int member = 0; member < 5; ++member) {
    for (int site = 0; site < kSites; ++site) {
      const std::string id = "m" + std::to_string(member) + "-s" + std::to_string(site);
      const std::string ip =
          "172." + std::to_string(site / 250) + "." + std::to_string(site % 250) + ".XXX";
      const double minute = 10 + site * 4;
      log.connect(id, at_minutes(1 + member * 0.01), ".NET/1.38.0", ip);
      log.drop(id, at_minutes(minute + member * 0.05), ip);
      log.connect(id, at_minutes(minute + 2), ".NET/1.38.0", ip);
    }
  }
  const std::vector<SiteSeen> sites = sites_of(log.jsonl());
  REQUIRE(sites.size() == kSites);
  // One burst per site, each of its five devices.
  std::vector<std::string> ips;
  for (const SiteSeen& site : sites) {
    CHECK(site.population == 5);
    CHECK(site.devices == 5);
    ips.push_back(site.ip);
  }
  std::vector<std::string> expected;
  for (int site = 0; site < kSites; ++site)
    expected.push_back("172." + std::to_string(site / 250) + "." + std::to_string(site % 250) +
                       ".XXX");
  std::sort(ips.begin(), ips.end());
  std::sort(expected.begin(), expected.end());
  CHECK(ips == expected);
}

}  // namespace iothub_diag
