// network-idle-timeout (a kind of symptom 2): every connection lasts the same
// short time: a timer in the network path, not random loss, not a token.
#include <algorithm>

#include <iothub_diag/model/auth_type.hpp>
#include <iothub_diag/rules/evidence_helpers.hpp>
#include <iothub_diag/rules/rule.hpp>

namespace iothub_diag {
namespace {

// The hub closes a silent MQTT link after 1.5 x the keep-alive, at most this
// (the load balancer's idle timeout; docs/DOMAIN.md).
constexpr double kHubIdleCapSeconds = 1767;

class NetworkIdleTimeoutRule final {
 public:
  std::optional<Finding> evaluate(const Diagnosis& diagnosis, const RuleSpec& rule) const {
    const DeviceTimelines& timelines = diagnosis.timelines();
    const Attribution& attribution = diagnosis.attribution();
    Finding finding{&rule, {}, {}, {}};
    for (DeviceIndex device = 0; device < timelines.device_count(); ++device) {
      const auto& estimate = attribution.idle_period[device];
      if (!estimate) continue;
      std::int64_t drops = 0;
      std::int64_t with_unauthorized = 0;
      for (const std::uint32_t index : timelines.drops_of(device)) {
        if (attribution.cause[index] != DropCause::idle_timeout) continue;
        ++drops;
        if (timelines.drops()[index].unauthorized_nearby) ++with_unauthorized;
      }
      if (drops == 0) continue;
      const DeviceInfo& info = diagnosis.store().devices()[device];
      const SdkIdentity sdk = identify_sdk(info.sdk_version);
      std::optional<double> keep_alive;
      if (sdk.profile != nullptr) keep_alive = sdk.profile->keep_alive_seconds;
      std::optional<double> hub_close;
      if (keep_alive) hub_close = std::min(1.5 * *keep_alive, kHubIdleCapSeconds);
      FindingItem item;
      item.rank = static_cast<double>(estimate->cycles);
      add_identity(item, info, diagnosis.store());
      item.evidence.push_back(seconds_evidence("connection_seconds", "connection",
                                               static_cast<double>(estimate->period) / 1000.0));
      item.evidence.push_back(seconds_evidence("connection_spread_seconds", "spread",
                                               static_cast<double>(estimate->spread) / 1000.0));
      item.evidence.push_back(
          count_evidence("cycles", "cycles", static_cast<std::int64_t>(estimate->cycles)));
      item.evidence.push_back(
          count_evidence("cycles_with_401003", "with 401003", with_unauthorized));
      item.evidence.push_back(seconds_evidence("keep_alive_seconds", "SDK keep-alive", keep_alive));
      item.evidence.push_back(
          seconds_evidence("hub_idle_close_seconds", "hub closes idle link after", hub_close));
      item.evidence.push_back(
          flag_evidence("certificate", "X.509", uses_certificate(info.auth_type)));
      add_client(item, info);
      finding.devices.push_back(std::move(item));
    }
    if (finding.devices.empty()) return std::nullopt;
    return finding;
  }
};

}  // namespace

std::optional<Finding> evaluate_network_idle_timeout(const Diagnosis& diagnosis,
                                                     const RuleSpec& rule) {
  return NetworkIdleTimeoutRule().evaluate(diagnosis, rule);
}

}  // namespace iothub_diag
