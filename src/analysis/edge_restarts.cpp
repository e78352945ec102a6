#include <algorithm>
#include <map>
#include <tuple>

#include <iothub_diag/analysis/edge_restarts.hpp>

namespace iothub_diag {
namespace {

// One gateway: the identities of a device id that has an IoT Edge runtime module.
struct Gateway {
  HubIndex hub = 0;
  std::string_view device_id;
  std::vector<DeviceIndex> identities;
  std::string_view masked_ip;  // of $edgeHub when known, else of any of its identities
};

bool is_runtime_module(std::string_view module_id) {
  return module_id == kEdgeHubModule || module_id == kEdgeAgentModule;
}

// Devices are sorted by (hub, device id, module id) after finalize(), so a
// device id's identities are one run.
std::vector<Gateway> find_gateways(const EventStore& store) {
  const std::vector<DeviceInfo>& devices = store.devices();
  std::vector<Gateway> gateways;
  for (DeviceIndex begin = 0; begin < devices.size();) {
    DeviceIndex end = begin;
    bool runtime = false;
    while (end < devices.size() && devices[end].hub == devices[begin].hub &&
           devices[end].device_id == devices[begin].device_id) {
      runtime = runtime || is_runtime_module(devices[end].module_id);
      ++end;
    }
    if (runtime) {
      Gateway gateway;
      gateway.hub = devices[begin].hub;
      gateway.device_id = devices[begin].device_id;
      for (DeviceIndex device = begin; device < end; ++device) {
        gateway.identities.push_back(device);
        const DeviceInfo& info = devices[device];
        if (info.masked_ip.empty()) continue;
        if (gateway.masked_ip.empty() || info.module_id == kEdgeHubModule)
          gateway.masked_ip = info.masked_ip;
      }
      gateways.push_back(std::move(gateway));
    }
    begin = end;
  }
  return gateways;
}

}  // namespace

std::vector<EdgeRestart> find_edge_restarts(const DeviceTimelines& timelines,
                                            const EventStore& store,
                                            const std::vector<bool>& eligible,
                                            const Thresholds& thresholds) {
  const std::vector<Gateway> gateways = find_gateways(store);
  if (gateways.empty()) return {};
  const std::vector<DeviceInfo>& devices = store.devices();
  // Identities behind each gateway's address: (hub, ip) -> devices.
  std::map<std::pair<HubIndex, std::string_view>, std::vector<DeviceIndex>> by_address;
  for (const Gateway& gateway : gateways) {
    if (!gateway.masked_ip.empty()) by_address[{gateway.hub, gateway.masked_ip}];
  }
  for (DeviceIndex device = 0; device < devices.size(); ++device) {
    const auto found = by_address.find({devices[device].hub, devices[device].masked_ip});
    if (found != by_address.end()) found->second.push_back(device);
  }

  const auto window = static_cast<Timestamp>(thresholds.burst_window_minutes * kMillisPerMinute);
  const std::vector<Drop>& all_drops = timelines.drops();
  std::vector<EdgeRestart> restarts;
  for (const Gateway& gateway : gateways) {
    std::vector<std::uint32_t> drops;  // the gateway's eligible drops, by time
    for (const DeviceIndex device : gateway.identities) {
      for (const std::uint32_t index : timelines.drops_of(device))
        if (eligible[index]) drops.push_back(index);
    }
    std::sort(drops.begin(), drops.end());  // drops() is in time order
    std::vector<DeviceIndex> leaf_candidates;
    if (!gateway.masked_ip.empty()) {
      for (const DeviceIndex device : by_address.at({gateway.hub, gateway.masked_ip})) {
        if (devices[device].device_id != gateway.device_id) leaf_candidates.push_back(device);
      }
    }
    for (std::size_t first = 0; first < drops.size();) {
      const Timestamp start = all_drops[drops[first]].time;
      std::size_t last = first;
      while (last + 1 < drops.size() && all_drops[drops[last + 1]].time <= start + window)
        ++last;
      std::vector<DeviceIndex> modules;
      for (std::size_t k = first; k <= last; ++k)
        modules.push_back(all_drops[drops[k]].device);
      std::sort(modules.begin(), modules.end());
      modules.erase(std::unique(modules.begin(), modules.end()), modules.end());
      if (static_cast<double>(modules.size()) < thresholds.edge_min_identities) {
        ++first;
        continue;
      }
      EdgeRestart restart;
      restart.gateway_id = std::string(gateway.device_id);
      restart.modules = std::move(modules);
      FleetBurst& burst = restart.burst;
      burst.hub = gateway.hub;
      burst.site_ip = std::string(gateway.masked_ip);
      burst.start = start;
      burst.end = all_drops[drops[last]].time;
      burst.drops.assign(drops.begin() + static_cast<std::ptrdiff_t>(first),
                         drops.begin() + static_cast<std::ptrdiff_t>(last) + 1);
      for (const DeviceIndex leaf : leaf_candidates) {
        bool dropped = false;
        for (const std::uint32_t index : timelines.drops_of(leaf)) {
          const Timestamp time = all_drops[index].time;
          if (!eligible[index] || time < burst.start - window || time > burst.end + window)
            continue;
          burst.drops.push_back(index);
          dropped = true;
        }
        if (dropped) restart.leaves.push_back(leaf);
      }
      std::sort(burst.drops.begin(), burst.drops.end());
      burst.start = all_drops[burst.drops.front()].time;
      burst.end = all_drops[burst.drops.back()].time;
      burst.devices = restart.modules;
      burst.devices.insert(burst.devices.end(), restart.leaves.begin(), restart.leaves.end());
      std::sort(burst.devices.begin(), burst.devices.end());
      burst.population = gateway.identities.size() + leaf_candidates.size();
      burst.ip_groups = gateway.masked_ip.empty() ? 0 : 1;
      restarts.push_back(std::move(restart));
      first = last + 1;
    }
  }
  std::sort(restarts.begin(), restarts.end(), [](const EdgeRestart& a, const EdgeRestart& b) {
    return std::tie(a.burst.hub, a.burst.start, a.gateway_id) <
           std::tie(b.burst.hub, b.burst.start, b.gateway_id);
  });
  return restarts;
}

}  // namespace iothub_diag
