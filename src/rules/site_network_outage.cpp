// site-network-outage: devices behind one masked IP dropping together, against
// that site's own history, without hub-side errors.
#include <iothub_diag/rules/evidence_helpers.hpp>
#include <iothub_diag/rules/rule.hpp>

namespace iothub_diag {
namespace {

class SiteNetworkOutageRule final {
 public:
  std::optional<Finding> evaluate(const Diagnosis& diagnosis, const RuleSpec& rule) const {
    const EventStore& store = diagnosis.store();
    Finding finding{&rule, {}, {}, {}};
    for (const AttributedWindow* window : windows_of_kind(diagnosis, WindowKind::site_outage)) {
      const FleetBurst& burst = *window->burst;
      std::vector<std::string> device_ids;
      for (const DeviceIndex device : window->devices)
        device_ids.push_back(store.devices()[device].device_id);
      const double share = burst.population > 0 ? static_cast<double>(device_ids.size()) /
                                                      static_cast<double>(burst.population)
                                                : 0;
      FindingItem item;
      item.hub = store.hubs()[burst.hub].name;
      item.rank = static_cast<double>(device_ids.size());
      item.evidence = {
          time_evidence("start", "start", window->start),
          time_evidence("end", "end", window->end),
          text_evidence("masked_ip", "site IP", burst.site_ip),
          count_evidence("devices", "devices", static_cast<std::int64_t>(device_ids.size())),
          count_evidence("site_devices", "at site", static_cast<std::int64_t>(burst.population)),
          ratio_evidence("group_share", "of site", share),
          count_evidence("hub_error_total", "hub-side errors",
                         static_cast<std::int64_t>(burst.hub_error_total)),
          text_list_evidence("device_ids", "device ids", std::move(device_ids)),
      };
      finding.windows.push_back(std::move(item));
    }
    if (finding.windows.empty()) return std::nullopt;
    return finding;
  }
};

}  // namespace

std::optional<Finding> evaluate_site_network_outage(const Diagnosis& diagnosis,
                                                    const RuleSpec& rule) {
  return SiteNetworkOutageRule().evaluate(diagnosis, rule);
}

}  // namespace iothub_diag
