// simultaneous-drops: a fleet burst that neither hub errors nor a shared IP explains, among
// devices seen only in Event Grid, whose events cannot show which it was.
#include <algorithm>

#include <iothub_diag/rules/evidence_helpers.hpp>
#include <iothub_diag/rules/rule.hpp>

namespace iothub_diag {
namespace {

class SimultaneousDropsRule final : public Rule {
 public:
  const RuleInfo& info() const override { return rule_info("simultaneous-drops"); }

  std::optional<Finding> evaluate(Diagnosis& diagnosis) const override {
    const EventStore& store = diagnosis.store();
    std::vector<Drop>& drops = diagnosis.timelines().drops();
    Finding finding{&info(), {}, {}, {}};
    for (const FleetBurst& burst : diagnosis.bursts()) {
      // hub-incident and site-network-outage run first and claim what they explain.
      if (diagnosis.claimed(burst)) continue;
      const auto snapshot_only = static_cast<std::size_t>(std::count_if(
          burst.devices.begin(), burst.devices.end(),
          [&](DeviceIndex device) { return store.devices()[device].judged_on_snapshots(); }));
      // With resource logs, no hub error and no shared IP is an answer in itself:
      // those drops stay with their devices' own patterns.
      if (2 * snapshot_only < burst.devices.size()) continue;
      // Only the Event Grid devices' drops: the others' stay with their own patterns.
      for (const std::uint32_t index : burst.drops) {
        if (store.devices()[drops[index].device].judged_on_snapshots())
          drops[index].cause = DropCause::simultaneous;
      }

      FindingItem window;
      window.rank = static_cast<double>(burst.devices.size());
      add_burst_extent(window, burst, store.devices().size());
      window.evidence.push_back(count_evidence("event_grid_devices", "Event Grid only",
                                               static_cast<std::int64_t>(snapshot_only)));
      add_connected_counts(window, burst, diagnosis);
      finding.windows.push_back(std::move(window));
    }
    if (finding.windows.empty()) return std::nullopt;
    return finding;
  }
};

}  // namespace

const Rule& simultaneous_drops_rule() {
  static const SimultaneousDropsRule rule;
  return rule;
}

}  // namespace iothub_diag
