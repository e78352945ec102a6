// random-disconnects (symptom 2): 404104 drops with neither a period nor a fleet event behind them.
#include <algorithm>

#include <iothub_diag/rules/evidence_helpers.hpp>
#include <iothub_diag/rules/rule.hpp>

namespace iothub_diag {
namespace {

class RandomDisconnectsRule final {
 public:
  std::optional<Finding> evaluate(const Diagnosis& diagnosis, const RuleSpec& rule) const {
    const DeviceTimelines& timelines = diagnosis.timelines();
    const Attribution& attribution = diagnosis.attribution();
    Finding finding{&rule, {}, {}, {}};
    std::size_t link_conflicts = 0;
    std::vector<Timestamp> delays;  // a device's, its memory kept for the next
    for (DeviceIndex device = 0; device < timelines.device_count(); ++device) {
      const auto& period = attribution.token_period[device];
      std::int64_t drops = 0;
      delays.clear();
      std::size_t conflicts = 0;
      for (const std::uint32_t index : timelines.drops_of(device)) {
        const Drop& drop = timelines.drops()[index];
        if (attribution.cause[index] != DropCause::random) continue;
        ++drops;
        if (drop.link_conflict_after) ++conflicts;
        if (const auto delay = drop.reconnect_delay()) delays.push_back(*delay);
      }
      if (drops == 0) continue;
      link_conflicts += conflicts;

      std::sort(delays.begin(), delays.end());
      const auto seconds = [](Timestamp t) { return static_cast<double>(t) / kMillisPerSecond; };
      const DeviceInfo& info = diagnosis.store().devices()[device];
      FindingItem item;
      item.rank = static_cast<double>(drops);
      add_identity(item, info, diagnosis.store());
      item.evidence.push_back(count_evidence("drops", "drops", drops));
      item.evidence.push_back(
          seconds_evidence("reconnect_delay_min_seconds", "reconnect min",
                           delays.empty() ? std::nullopt : std::optional(seconds(delays.front()))));
      item.evidence.push_back(
          seconds_evidence("reconnect_delay_median_seconds", "median", median_seconds(delays)));
      item.evidence.push_back(
          seconds_evidence("reconnect_delay_max_seconds", "max",
                           delays.empty() ? std::nullopt : std::optional(seconds(delays.back()))));
      item.evidence.push_back(
          flag_evidence("also_token_expiry", "also periodic", period.has_value()));
      add_client(item, info);
      const SdkIdentity sdk = identify_sdk(info.sdk_version);
      add_sdk_assessment(
          item, sdk,
          info.judged_on_snapshots() ? snapshot_drop_assessment() : random_drop_assessment(sdk));
      finding.devices.push_back(std::move(item));
    }
    if (finding.devices.empty()) return std::nullopt;
    if (auto note = link_conflict_note(link_conflicts)) finding.notes.push_back(std::move(*note));
    return finding;
  }
};

}  // namespace

std::optional<Finding> evaluate_random_disconnects(const Diagnosis& diagnosis,
                                                   const RuleSpec& rule) {
  return RandomDisconnectsRule().evaluate(diagnosis, rule);
}

}  // namespace iothub_diag
