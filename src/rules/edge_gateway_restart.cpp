// edge-gateway-restart: the identities of one IoT Edge gateway and the leaf
// devices behind it dropping together; the order in which they came back.
#include <algorithm>
#include <tuple>

#include <fmt/format.h>

#include <iothub_diag/rules/evidence_helpers.hpp>
#include <iothub_diag/rules/rule.hpp>

namespace iothub_diag {
namespace {

// An identity's name within its gateway: the module id of a gateway identity
// (the device id when it has none), the device id of a leaf.
std::string identity_name(const DeviceInfo& device, bool of_gateway) {
  if (of_gateway && !device.module_id.empty()) return device.module_id;
  return device.module_id.empty() ? device.device_id : device.device_id + "/" + device.module_id;
}

class EdgeGatewayRestartRule final {
 public:
  std::optional<Finding> evaluate(const Diagnosis& diagnosis, const RuleSpec& rule) const {
    const EventStore& store = diagnosis.store();
    const std::vector<Drop>& drops = diagnosis.timelines().drops();
    Finding finding{&rule, {}, {}, {}};
    for (const AttributedWindow* window :
         windows_of_kind(diagnosis, WindowKind::edge_gateway_restart)) {
      const EdgeRestart& restart = *window->edge;
      const auto of_gateway = [&](DeviceIndex device) {
        return std::binary_search(restart.modules.begin(), restart.modules.end(), device);
      };
      std::vector<std::string> modules;
      std::vector<std::string> leaves;
      // Each identity's first claimed drop and its reconnect: the order they came back.
      std::vector<std::tuple<Timestamp, std::string>> returns;
      std::vector<DeviceIndex> seen;
      std::size_t never_back = 0;
      for (const std::uint32_t index : window->drops) {
        const Drop& drop = drops[index];
        if (std::find(seen.begin(), seen.end(), drop.device) != seen.end()) continue;
        seen.push_back(drop.device);
        const DeviceInfo& device = store.devices()[drop.device];
        const bool gateway = of_gateway(drop.device);
        std::string name = identity_name(device, gateway);
        (gateway ? modules : leaves).push_back(name);
        if (drop.reconnected_at)
          returns.emplace_back(*drop.reconnected_at - window->start, std::move(name));
        else
          ++never_back;
      }
      std::sort(modules.begin(), modules.end());
      std::sort(leaves.begin(), leaves.end());
      std::sort(returns.begin(), returns.end());
      std::vector<std::string> order;
      order.reserve(returns.size());
      for (const auto& [after, name] : returns)
        order.push_back(fmt::format("{} +{:.0f} s", name, static_cast<double>(after) / 1000.0));
      FindingItem item;
      item.hub = store.hubs()[window->burst->hub].name;
      item.rank = static_cast<double>(window->devices.size());
      item.evidence = {
          time_evidence("start", "start", window->start),
          time_evidence("end", "end", window->end),
          text_evidence("gateway_id", "gateway", restart.gateway_id),
          optional_text_evidence("masked_ip", "gateway IP", window->burst->site_ip),
          count_evidence("identities", "identities",
                         static_cast<std::int64_t>(window->devices.size())),
          count_evidence("not_back", "not back", static_cast<std::int64_t>(never_back)),
          text_list_evidence("modules", "modules", std::move(modules)),
          text_list_evidence("leaf_devices", "leaf devices", std::move(leaves)),
          text_list_evidence("return_order", "came back", std::move(order)),
      };
      finding.windows.push_back(std::move(item));
    }
    if (finding.windows.empty()) return std::nullopt;
    return finding;
  }
};

}  // namespace

std::optional<Finding> evaluate_edge_gateway_restart(const Diagnosis& diagnosis,
                                                     const RuleSpec& rule) {
  return EdgeGatewayRestartRule().evaluate(diagnosis, rule);
}

}  // namespace iothub_diag
