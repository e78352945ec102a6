// throttling-disconnects: 404104 drops that follow a 429xxx throttling error of the same device.
#include <map>

#include <iothub_diag/model/result_codes.hpp>
#include <iothub_diag/rules/evidence_helpers.hpp>
#include <iothub_diag/rules/rule.hpp>

namespace iothub_diag {
namespace {

class ThrottlingDisconnectsRule final {
 public:
  std::optional<Finding> evaluate(const Diagnosis& diagnosis, const RuleSpec& rule) const {
    const DeviceTimelines& timelines = diagnosis.timelines();
    const Attribution& attribution = diagnosis.attribution();
    const auto margin =
        static_cast<Timestamp>(diagnosis.thresholds().throttling_margin_seconds * kMillisPerSecond);
    Finding finding{&rule, {}, {}, {}};
    for (DeviceIndex device = 0; device < timelines.device_count(); ++device) {
      std::vector<Timestamp> throttle_times;
      std::map<std::int32_t, std::uint64_t> throttle_codes;
      for (const StoredEvent& event : timelines.events_of(device)) {
        if (!is_throttling_error(event.code)) continue;
        throttle_times.push_back(event.time);
        ++throttle_codes[event.code];
      }
      std::int64_t drops = 0;
      std::vector<Timestamp> gaps;  // from the last 429xxx before each drop to the drop
      for (const std::uint32_t index : timelines.drops_of(device)) {
        if (attribution.cause[index] != DropCause::throttling) continue;
        ++drops;
        const Drop& drop = timelines.drops()[index];
        const auto after =
            std::upper_bound(throttle_times.begin(), throttle_times.end(), drop.time);
        if (after != throttle_times.begin() && drop.time - *std::prev(after) <= margin)
          gaps.push_back(drop.time - *std::prev(after));
      }
      if (drops == 0) continue;
      std::sort(gaps.begin(), gaps.end());
      const DeviceInfo& info = diagnosis.store().devices()[device];
      FindingItem item;
      item.rank = static_cast<double>(drops);
      add_identity(item, info, diagnosis.store());
      item.evidence.push_back(count_evidence("drops", "drops", drops));
      item.evidence.push_back(count_evidence("throttling_errors", "429xxx",
                                             static_cast<std::int64_t>(throttle_times.size())));
      item.evidence.push_back(
          code_counts_evidence("throttling_codes", "throttling codes", throttle_codes));
      item.evidence.push_back(
          seconds_evidence("throttle_to_drop_median_seconds", "429 to drop", median_seconds(gaps)));
      item.evidence.push_back(seconds_evidence(
          "throttle_to_drop_max_seconds", "max",
          gaps.empty() ? std::nullopt
                       : std::optional(static_cast<double>(gaps.back()) / kMillisPerSecond)));
      add_client(item, info);
      finding.devices.push_back(std::move(item));
    }
    if (finding.devices.empty()) return std::nullopt;
    return finding;
  }
};

}  // namespace

std::optional<Finding> evaluate_throttling_disconnects(const Diagnosis& diagnosis,
                                                       const RuleSpec& rule) {
  return ThrottlingDisconnectsRule().evaluate(diagnosis, rule);
}

}  // namespace iothub_diag
