// fleet-wide-drop (symptom 3 without hub-side evidence): many devices of a hub
// dropped at once, with too few hub errors to blame the hub and no site to blame.
#include <algorithm>

#include <iothub_diag/rules/evidence_helpers.hpp>
#include <iothub_diag/rules/rule.hpp>

namespace iothub_diag {
namespace {

class FleetWideDropRule final {
 public:
  std::optional<Finding> evaluate(const Diagnosis& diagnosis, const RuleSpec& rule) const {
    const EventStore& store = diagnosis.store();
    Finding finding{&rule, {}, {}, {}};
    std::size_t event_grid_windows = 0;
    for (const AttributedWindow* window : windows_of_kind(diagnosis, WindowKind::fleet_wide_drop)) {
      const FleetBurst& burst = *window->burst;
      const auto snapshot_only = static_cast<std::int64_t>(std::count_if(
          window->devices.begin(), window->devices.end(),
          [&](DeviceIndex device) { return store.devices()[device].judged_on_snapshots(); }));
      if (2 * static_cast<std::size_t>(snapshot_only) >= window->devices.size())
        ++event_grid_windows;
      FindingItem item;
      item.rank = static_cast<double>(window->devices.size());
      add_window_extent(item, *window, diagnosis);
      item.evidence.push_back(
          count_evidence("ip_groups", "IP groups", static_cast<std::int64_t>(burst.ip_groups)));
      item.evidence.push_back(count_evidence("hub_error_total", "hub-side errors",
                                             static_cast<std::int64_t>(burst.hub_error_total)));
      item.evidence.push_back(
          count_evidence("event_grid_devices", "Event Grid only", snapshot_only));
      add_connected_counts(item, *window, diagnosis);
      add_metric_counts(item, *window, diagnosis);
      add_health_events(item, *window, diagnosis);
      finding.windows.push_back(std::move(item));
    }
    if (finding.windows.empty()) return std::nullopt;
    if (event_grid_windows > 0) {
      finding.notes.push_back(Message{MessageId::isolated_event_grid, {}});
    }
    return finding;
  }
};

}  // namespace

std::optional<Finding> evaluate_fleet_wide_drop(const Diagnosis& diagnosis, const RuleSpec& rule) {
  return FleetWideDropRule().evaluate(diagnosis, rule);
}

}  // namespace iothub_diag
