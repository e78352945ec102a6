// scheduled-reconnects (informational): clean disconnects that recur at a stable connected
// duration.
#include <iothub_diag/model/sdk_profile.hpp>
#include <iothub_diag/rules/evidence_helpers.hpp>
#include <iothub_diag/rules/rule.hpp>

namespace iothub_diag {
namespace {

struct CleanCycles {
  std::vector<Timestamp>
      session_durations;  // connect to clean disconnect: renewals timed from the connect
  std::vector<Timestamp>
      disconnect_gaps;  // clean disconnect to the next: reboots on a wall-clock schedule
};

// The device's clean cycles, into `cycles` (kept from one device to the next,
// so that their memory is allocated once per rule, not once per device).
void clean_cycles(std::span<const StoredEvent> events, CleanCycles& cycles) {
  cycles.session_durations.clear();
  cycles.disconnect_gaps.clear();
  std::optional<Timestamp> connected_since;
  std::optional<Timestamp> previous_disconnect;
  for (const StoredEvent& event : events) {
    if (is_successful_connect(event)) {
      connected_since = event.time;
    } else if (event.operation == Operation::disconnect && event.code == 0 &&
               !event.from_state_snapshot) {
      if (connected_since) cycles.session_durations.push_back(event.time - *connected_since);
      if (previous_disconnect) cycles.disconnect_gaps.push_back(event.time - *previous_disconnect);
      previous_disconnect = event.time;
      connected_since.reset();
    }
  }
}

// The better supported of the two views of a device's schedule, if either is periodic.
// Sorts the durations of `cycles` in place.
std::optional<PeriodEstimate> schedule_of(CleanCycles& cycles, const Thresholds& thresholds) {
  Thresholds schedule = thresholds;
  schedule.min_token_cycles = thresholds.min_scheduled_cycles;
  std::optional<PeriodEstimate> best;
  for (auto* durations : {&cycles.session_durations, &cycles.disconnect_gaps}) {
    // Each cycle is one of the durations: too few cannot make a schedule.
    if (static_cast<double>(durations->size()) < schedule.min_token_cycles) continue;
    const auto estimate = estimate_period_in_place(*durations, schedule);
    if (estimate && is_periodic(*estimate, schedule) && (!best || estimate->cycles > best->cycles))
      best = estimate;
  }
  return best;
}

class ScheduledReconnectsRule final {
 public:
  std::optional<Finding> evaluate(const Diagnosis& diagnosis, const RuleSpec& rule) const {
    const Thresholds& thresholds = diagnosis.thresholds();
    const DeviceTimelines& timelines = diagnosis.timelines();
    Finding finding{&rule, {}, {}, {}};
    CleanCycles cycles;
    for (DeviceIndex device = 0; device < timelines.device_count(); ++device) {
      clean_cycles(timelines.events_of(device), cycles);
      const auto estimate = schedule_of(cycles, thresholds);
      if (!estimate) continue;
      const DeviceInfo& info = diagnosis.store().devices()[device];
      const SdkIdentity sdk = identify_sdk(info.sdk_version);
      FindingItem item;
      item.rank = static_cast<double>(estimate->cycles);
      add_identity(item, info, diagnosis.store());
      item.evidence.push_back(seconds_evidence(
          "period_seconds", "period", static_cast<double>(estimate->period) / kMillisPerSecond));
      item.evidence.push_back(
          count_evidence("cycles", "cycles", static_cast<std::int64_t>(estimate->cycles)));
      add_client(item, info);
      add_sdk_assessment(item, sdk, sdk_renewal_note(sdk, *estimate));
      finding.devices.push_back(std::move(item));
    }
    if (finding.devices.empty()) return std::nullopt;
    return finding;
  }

 private:
  static Message sdk_renewal_note(const SdkIdentity& sdk, const PeriodEstimate& estimate) {
    if (sdk.profile == nullptr || !sdk.profile->renewal_minutes)
      return Message{MessageId::scheduled_reconnect, {}};
    const double minutes = static_cast<double>(estimate.period) / kMillisPerMinute;
    const double expected = *sdk.profile->renewal_minutes;
    if (minutes > expected - 4 && minutes < expected + 4)
      return Message{MessageId::sdk_renewal_matches, {sdk_expectation(*sdk.profile)}};
    return Message{MessageId::sdk_renewal_interval, {std::to_string(static_cast<int>(expected))}};
  }
};

}  // namespace

std::optional<Finding> evaluate_scheduled_reconnects(const Diagnosis& diagnosis,
                                                     const RuleSpec& rule) {
  return ScheduledReconnectsRule().evaluate(diagnosis, rule);
}

}  // namespace iothub_diag
