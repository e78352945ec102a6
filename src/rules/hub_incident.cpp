// hub-incident (symptom 3): a burst of simultaneous drops with hub-side errors.
#include <algorithm>

#include <iothub_diag/rules/evidence_helpers.hpp>
#include <iothub_diag/rules/rule.hpp>

namespace iothub_diag {
namespace {

bool has_hub_evidence(const FleetBurst& burst, const Thresholds& thresholds) {
  const double needed = std::max(thresholds.min_hub_errors,
                                 thresholds.hub_error_baseline_factor * burst.usual_hub_errors);
  return static_cast<double>(burst.hub_error_total) >= needed;
}

class HubIncidentRule final : public Rule {
 public:
  const RuleInfo& info() const override { return rule_info("hub-incident"); }

  std::optional<Finding> evaluate(Diagnosis& diagnosis) const override {
    const Thresholds& thresholds = diagnosis.thresholds();
    Finding finding{&info(), {}, {}, {}};
    std::size_t explained = 0;
    for (const FleetBurst& burst : diagnosis.bursts()) {
      if (!has_hub_evidence(burst, thresholds)) continue;
      for (const std::uint32_t index : burst.drops) {
        diagnosis.timelines().drops()[index].cause = DropCause::hub_incident;
        ++explained;
      }
      FindingItem window;
      window.rank = static_cast<double>(burst.devices.size());
      add_burst_extent(window, burst, diagnosis.store().devices().size());
      window.evidence.push_back(
          code_counts_evidence("hub_errors", "hub-side errors", CodeCounts(burst.hub_errors)));
      add_connected_counts(window, burst, diagnosis);
      window.evidence.push_back({"usual_drops_per_window", "usual drops/window",
                                 EvidenceKind::count,
                                 static_cast<std::int64_t>(burst.usual_devices_per_window)});
      finding.windows.push_back(std::move(window));
    }
    if (finding.windows.empty()) return std::nullopt;
    finding.notes.push_back(
        std::to_string(explained) +
        " drops inside these windows are attributed to the hub and not counted toward any "
        "device's own pattern.");
    return finding;
  }
};

}  // namespace

const Rule& hub_incident_rule() {
  static const HubIncidentRule rule;
  return rule;
}

}  // namespace iothub_diag
