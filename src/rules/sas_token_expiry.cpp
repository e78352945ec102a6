// sas-token-expiry (symptom 1): 404104 drops that recur at a stable connected duration.
#include <cmath>

#include <iothub_diag/rules/evidence_helpers.hpp>
#include <iothub_diag/rules/rule.hpp>

namespace iothub_diag {
namespace {

class SasTokenExpiryRule final {
 public:
  std::optional<Finding> evaluate(const Diagnosis& diagnosis, const RuleSpec& rule) const {
    const Thresholds& thresholds = diagnosis.thresholds();
    const DeviceTimelines& timelines = diagnosis.timelines();
    const Attribution& attribution = diagnosis.attribution();
    Finding finding{&rule, {}, {}, {}};
    std::size_t link_conflicts = 0;
    std::vector<Timestamp> reconnect_delays;  // a device's, its memory kept for the next
    for (DeviceIndex device = 0; device < timelines.device_count(); ++device) {
      const auto& estimate = attribution.token_period[device];
      if (!estimate) continue;

      reconnect_delays.clear();
      std::int64_t with_unauthorized = 0;
      for (const std::uint32_t index : timelines.drops_of(device)) {
        const Drop& drop = timelines.drops()[index];
        if (attribution.cause[index] != DropCause::token_expiry) continue;
        // Whole cycles unlogged, or a connect unknown: no evidence of the cycle.
        if (!diagnosis.periods().fits(drop, *estimate)) continue;
        if (const auto delay = drop.reconnect_delay()) reconnect_delays.push_back(*delay);
        if (drop.unauthorized_nearby) ++with_unauthorized;
        if (drop.link_conflict_after) ++link_conflicts;
      }

      const double period_seconds = static_cast<double>(estimate->period) / kMillisPerSecond;
      // Lifetimes are set in whole minutes; the grace is the hub's skew allowance.
      const double lifetime_seconds =
          std::max(0.0, std::round(period_seconds / 60 - thresholds.token_grace_minutes) * 60);
      const DeviceInfo& info = diagnosis.store().devices()[device];
      FindingItem item;
      item.rank = static_cast<double>(estimate->cycles);
      add_identity(item, info, diagnosis.store());
      item.evidence.push_back(seconds_evidence("period_seconds", "period", period_seconds));
      item.evidence.push_back(
          seconds_evidence("period_spread_seconds", "spread",
                           static_cast<double>(estimate->spread) / kMillisPerSecond));
      item.evidence.push_back(
          seconds_evidence("implied_token_lifetime_seconds", "token lifetime", lifetime_seconds));
      item.evidence.push_back(
          count_evidence("cycles", "cycles", static_cast<std::int64_t>(estimate->cycles)));
      // Event Grid shows no 401003, and a reconnect of seconds only as a snapshot
      // published again (or one a minute later): both are unknown there.
      const bool timing_only = info.judged_on_snapshots();
      item.evidence.push_back(
          seconds_evidence("typical_reconnect_delay_seconds", "reconnect",
                           timing_only ? std::nullopt : median_seconds(reconnect_delays)));
      Evidence unauthorized =
          count_evidence("cycles_with_401003", "with 401003", with_unauthorized);
      if (timing_only) unauthorized.value = {};
      item.evidence.push_back(std::move(unauthorized));
      add_client(item, info);
      const SdkIdentity sdk = identify_sdk(info.sdk_version);
      add_sdk_assessment(item, sdk,
                         timing_only ? snapshot_cycle_assessment() : token_cycle_assessment(sdk));
      finding.devices.push_back(std::move(item));
    }
    if (finding.devices.empty()) return std::nullopt;
    if (auto note = link_conflict_note(link_conflicts)) finding.notes.push_back(std::move(*note));
    return finding;
  }
};

}  // namespace

std::optional<Finding> evaluate_sas_token_expiry(const Diagnosis& diagnosis, const RuleSpec& rule) {
  return SasTokenExpiryRule().evaluate(diagnosis, rule);
}

}  // namespace iothub_diag
