// hub-incident (symptom 3): a burst of simultaneous drops with hub-side errors.
#include <fmt/format.h>

#include <iothub_diag/analysis/health_overlap.hpp>
#include <iothub_diag/rules/evidence_helpers.hpp>
#include <iothub_diag/rules/rule.hpp>

namespace iothub_diag {
namespace {

class HubIncidentRule final {
 public:
  std::optional<Finding> evaluate(const Diagnosis& diagnosis, const RuleSpec& rule) const {
    Finding finding{&rule, {}, {}, {}};
    std::size_t explained = 0;
    std::size_t admitted = 0;
    for (const AttributedWindow* window : windows_of_kind(diagnosis, WindowKind::hub_incident)) {
      const FleetBurst& burst = *window->burst;
      explained += window->drops.size();
      FindingItem item;
      item.rank = static_cast<double>(window->devices.size());
      add_window_extent(item, *window, diagnosis);
      item.evidence.push_back(
          code_counts_evidence("hub_errors", "hub-side errors", burst.hub_errors));
      add_connected_counts(item, *window, diagnosis);
      add_metric_counts(item, *window, diagnosis);
      item.evidence.push_back(
          count_evidence("usual_drops_per_window", "usual drops/window",
                         static_cast<std::int64_t>(burst.usual_devices_per_window)));
      if (window->reason == IncidentReason::health_event) ++admitted;
      // Unknown without an activity log: nothing was asked of Azure.
      const PlatformEvidence& platform = diagnosis.store().stats().platform;
      Evidence admits = flag_evidence("admitted_by_azure", "Azure admits it",
                                      admits_outage(platform, window->health_events));
      if (platform.activity_events == 0) admits.value = std::monostate{};
      item.evidence.push_back(std::move(admits));
      add_health_events(item, *window, diagnosis);
      finding.windows.push_back(std::move(item));
    }
    if (finding.windows.empty()) return std::nullopt;
    finding.notes.push_back(
        Message{MessageId::hub_drops_not_counted, {count_arg(explained)}, explained});
    if (admitted > 0) {
      finding.notes.push_back(
          Message{MessageId::health_admitted_windows, {count_arg(admitted)}, admitted});
    }
    return finding;
  }
};

}  // namespace

std::optional<Finding> evaluate_hub_incident(const Diagnosis& diagnosis, const RuleSpec& rule) {
  return HubIncidentRule().evaluate(diagnosis, rule);
}

}  // namespace iothub_diag
