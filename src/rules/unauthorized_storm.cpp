// unauthorized-storm: 401003 after 401003 with no successful connect between (clock drift, bad
// credential).
#include <fmt/format.h>

#include <iothub_diag/model/auth_type.hpp>
#include <iothub_diag/model/result_codes.hpp>
#include <iothub_diag/rules/evidence_helpers.hpp>
#include <iothub_diag/rules/rule.hpp>

namespace iothub_diag {
namespace {

class UnauthorizedStormRule final {
 public:
  std::optional<Finding> evaluate(const Diagnosis& diagnosis, const RuleSpec& rule) const {
    const DeviceTimelines& timelines = diagnosis.timelines();
    Finding finding{&rule, {}, {}, {}};
    std::size_t certificates = 0;
    for (DeviceIndex device = 0; device < timelines.device_count(); ++device) {
      // The longest run of 401003s not broken by a successful connect; a token
      // cycle has one 401003 per successful reconnect, so its runs stay short.
      std::int64_t run = 0;
      std::int64_t longest = 0;
      Timestamp run_start = 0;
      Timestamp first = 0;
      Timestamp last = 0;
      for (const StoredEvent& event : timelines.events_of(device)) {
        if (is_successful_connect(event)) {
          run = 0;
        } else if (event.code == codes::kIotHubUnauthorized) {
          if (run++ == 0) run_start = event.time;
          if (run > longest) {
            longest = run;
            first = run_start;
            last = event.time;
          }
        }
      }
      if (static_cast<double>(longest) < diagnosis.thresholds().unauthorized_storm_min_failures)
        continue;
      const DeviceInfo& info = diagnosis.store().devices()[device];
      FindingItem item;
      item.rank = static_cast<double>(longest);
      add_identity(item, info, diagnosis.store());
      item.evidence.push_back(count_evidence("failures", "401003 in a row", longest));
      item.evidence.push_back(time_evidence("first", "first", first));
      item.evidence.push_back(time_evidence("last", "last", last));
      const bool certificate = uses_certificate(info.auth_type);
      if (certificate) ++certificates;
      item.evidence.push_back(flag_evidence("certificate", "X.509", certificate));
      add_client(item, info);
      finding.devices.push_back(std::move(item));
    }
    if (finding.devices.empty()) return std::nullopt;
    // A certificate device has no SAS token: its 401003s are about the certificate.
    if (certificates > 0) {
      finding.notes.push_back(
          Message{MessageId::certificate_devices, {count_arg(certificates)}, certificates});
    }
    return finding;
  }
};

}  // namespace

std::optional<Finding> evaluate_unauthorized_storm(const Diagnosis& diagnosis,
                                                   const RuleSpec& rule) {
  return UnauthorizedStormRule().evaluate(diagnosis, rule);
}

}  // namespace iothub_diag
