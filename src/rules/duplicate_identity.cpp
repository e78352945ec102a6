// duplicate-identity: 400027 ping-pong, two clients forcing each other off one identity.
#include <iothub_diag/model/result_codes.hpp>
#include <iothub_diag/rules/evidence_helpers.hpp>
#include <iothub_diag/rules/rule.hpp>

namespace iothub_diag {
namespace {

class DuplicateIdentityRule final {
 public:
  std::optional<Finding> evaluate(const Diagnosis& diagnosis, const RuleSpec& rule) const {
    const DeviceTimelines& timelines = diagnosis.timelines();
    Finding finding{&rule, {}, {}, {}};
    for (DeviceIndex device = 0; device < timelines.device_count(); ++device) {
      std::int64_t closes = 0;
      std::int64_t connects = 0;
      Timestamp first = 0;
      Timestamp last = 0;
      for (const StoredEvent& event : timelines.events_of(device)) {
        if (is_successful_connect(event)) ++connects;
        if (event.code != codes::kConnectionForcefullyClosedOnNewConnection) continue;
        if (closes++ == 0) first = event.time;
        last = event.time;
      }
      if (static_cast<double>(closes) < diagnosis.thresholds().duplicate_identity_min_closes)
        continue;
      const DeviceInfo& info = diagnosis.store().devices()[device];
      FindingItem item;
      item.rank = static_cast<double>(closes);
      add_identity(item, info, diagnosis.store());
      item.evidence.push_back(count_evidence("forced_closes", "400027", closes));
      item.evidence.push_back(count_evidence("connects", "connects", connects));
      item.evidence.push_back(time_evidence("first", "first", first));
      item.evidence.push_back(time_evidence("last", "last", last));
      item.evidence.push_back(optional_text_evidence("masked_ip", "IP", info.masked_ip));
      add_client(item, info);
      finding.devices.push_back(std::move(item));
    }
    if (finding.devices.empty()) return std::nullopt;
    return finding;
  }
};

}  // namespace

std::optional<Finding> evaluate_duplicate_identity(const Diagnosis& diagnosis,
                                                   const RuleSpec& rule) {
  return DuplicateIdentityRule().evaluate(diagnosis, rule);
}

}  // namespace iothub_diag
