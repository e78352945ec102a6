// site-network-outage: a burst without hub-side errors whose devices sit behind one masked IP.
#include <algorithm>

#include <iothub_diag/rules/rule.hpp>

namespace iothub_diag {
namespace {

class SiteNetworkOutageRule final : public Rule {
 public:
  const RuleInfo& info() const override { return rule_info("site-network-outage"); }

  std::optional<Finding> evaluate(Diagnosis& diagnosis) const override {
    const Thresholds& thresholds = diagnosis.thresholds();
    const EventStore& store = diagnosis.store();
    std::vector<Drop>& drops = diagnosis.timelines().drops();
    Finding finding{&info(), {}, {}, {}};
    for (const FleetBurst& burst : diagnosis.bursts()) {
      // Bursts the hub explains were attributed by hub-incident, which runs first.
      if (diagnosis.claimed(burst) || burst.common_ip.empty()) continue;
      const double share =
          static_cast<double>(burst.common_ip_devices) / static_cast<double>(burst.devices.size());
      if (share < thresholds.site_min_ip_share ||
          static_cast<double>(burst.common_ip_devices) < thresholds.burst_min_devices) {
        continue;
      }
      std::vector<std::string> device_ids;
      Timestamp start = burst.end;
      Timestamp end = burst.start;
      for (const std::uint32_t index : burst.drops) {
        Drop& drop = drops[index];
        if (store.devices()[drop.device].masked_ip != burst.common_ip) continue;
        drop.cause = DropCause::site_outage;
        start = std::min(start, drop.time);
        end = std::max(end, drop.time);
      }
      for (const DeviceIndex device : burst.devices) {
        if (store.devices()[device].masked_ip == burst.common_ip)
          device_ids.push_back(store.devices()[device].device_id);
      }
      FindingItem window;
      window.rank = static_cast<double>(device_ids.size());
      window.evidence = {
          time_evidence("start", "start", start),
          time_evidence("end", "end", end),
          text_evidence("masked_ip", "site IP", burst.common_ip),
          count_evidence("devices", "devices", static_cast<std::int64_t>(device_ids.size())),
          ratio_evidence("ip_share", "of burst", share),
          count_evidence("hub_error_total", "hub-side errors",
                         static_cast<std::int64_t>(burst.hub_error_total)),
          text_list_evidence("device_ids", "device ids", std::move(device_ids)),
      };
      finding.windows.push_back(std::move(window));
    }
    if (finding.windows.empty()) return std::nullopt;
    return finding;
  }
};

}  // namespace

const Rule& site_network_outage_rule() {
  static const SiteNetworkOutageRule rule;
  return rule;
}

}  // namespace iothub_diag
