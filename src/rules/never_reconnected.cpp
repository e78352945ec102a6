// never-reconnected: a device whose last drop (404104, or an Event Grid disconnect) is
// followed by no successful connect.
#include <algorithm>
#include <iterator>

#include <iothub_diag/rules/evidence_helpers.hpp>
#include <iothub_diag/rules/rule.hpp>
#include <iothub_diag/rules/rule_catalog.hpp>

namespace iothub_diag {
namespace {

// The median time between the device's successful connects (0 with fewer than three):
// a device that usually reconnects every few hours is not gone after two quiet
// ones, since its last reconnect record may simply be missing from the logs.
// `gaps` is the caller's, kept from one device to the next.
Timestamp usual_gap(std::span<const StoredEvent> events, std::vector<Timestamp>& gaps) {
  gaps.clear();
  std::optional<Timestamp> previous;
  for (const StoredEvent& event : events) {
    if (!is_successful_connect(event)) continue;
    if (previous) gaps.push_back(event.time - *previous);
    previous = event.time;
  }
  if (gaps.size() < 2) return 0;
  std::nth_element(gaps.begin(), gaps.begin() + static_cast<std::ptrdiff_t>(gaps.size() / 2),
                   gaps.end());
  return gaps[gaps.size() / 2];
}

// The longest a device took to come back after one of its drops, as the logs
// show it (no gap in the logs between, no reconnect hidden in a snapshot): a
// device that has come back after hours away is not gone after fewer (a
// crash-looping app whose watchdog sometimes gives up for a while).
Timestamp longest_return(const Diagnosis& diagnosis, std::span<const std::uint32_t> drops) {
  Timestamp longest = 0;
  for (const std::uint32_t index : drops) {
    const Drop& drop = diagnosis.timelines().drops()[index];
    if (!drop.reconnected_at || drop.reconnect_hidden ||
        diagnosis.periods().gap_between(drop.device, drop.time, *drop.reconnected_at))
      continue;
    longest = std::max(longest, *drop.reconnected_at - drop.time);
  }
  return longest;
}

// How many more silent devices than lost reconnects would make by themselves it
// takes to tell them: chance alone seldom doubles the expected count.
constexpr double kLossExplainsFactor = 2;

// The silent devices of one kind (judged on resource logs, or on Event Grid
// snapshots), each kind weighed against the loss its own records show.
struct SilentDevices {
  std::vector<FindingItem> items;
  std::size_t old_enough = 0;    // devices whose last drop is long enough before the end
  std::uint64_t in_windows = 0;  // items whose last drop a fleet event claimed

  // An export that lost connect records loses the reconnect after a last drop
  // as often as any other: of the devices whose last drop is old enough, that
  // share look silent though they came back. Silent devices are told only when
  // there are clearly more of them than the loss explains.
  bool more_than(const RecordLoss& loss) const noexcept {
    const double explained = kLossExplainsFactor * loss.share() * static_cast<double>(old_enough);
    return loss.reconnects_missing == 0 || static_cast<double>(items.size()) > explained;
  }
};

class NeverReconnectedRule final {
 public:
  std::optional<Finding> evaluate(const Diagnosis& diagnosis, const RuleSpec& rule) const {
    const EventStore& store = diagnosis.store();
    const DeviceTimelines& timelines = diagnosis.timelines();
    if (store.events().empty()) return std::nullopt;
    const auto minimum_silence =
        static_cast<Timestamp>(diagnosis.thresholds().never_reconnected_minutes * kMillisPerMinute);
    Finding finding{&rule, {}, {}, {}};
    SilentDevices logged;                 // devices judged on resource logs
    SilentDevices snapshots;              // devices judged on Event Grid snapshots
    std::vector<Timestamp> connect_gaps;  // a device's, its memory kept for the next
    for (DeviceIndex device = 0; device < timelines.device_count(); ++device) {
      const auto drops = timelines.drops_of(device);
      if (drops.empty()) continue;
      const Drop& last = timelines.drops()[drops.back()];
      const DeviceInfo& info = store.devices()[device];
      // Where its hub's logs end (any record, not only connection events): hubs
      // read together need not end together.
      const Timestamp logs_end = store.hubs()[info.hub].last_record;
      // Never long enough, whatever the device's usual gap: no need to measure it.
      if (logs_end - last.time < minimum_silence) continue;
      // A token-cycling device would have dropped again one period later had it reconnected:
      // until then, a lost connect record cannot be told from a device that is gone.
      Timestamp silence_needed =
          std::max(minimum_silence, usual_gap(timelines.events_of(device), connect_gaps) * 4);
      if (const auto& period = diagnosis.attribution().token_period[device])
        silence_needed = std::max(silence_needed, period->period * 3 / 2);
      if (logs_end - last.time < silence_needed) continue;
      // Nor is a device silent for no longer than it has been away before.
      if (logs_end - last.time <= longest_return(diagnosis, drops)) continue;
      // The loss can only hide the reconnect after a disconnect that was seen.
      if (!last.disconnect_seen()) continue;
      SilentDevices& silent = info.judged_on_snapshots() ? snapshots : logged;
      ++silent.old_enough;
      // A gap in the logs after the drop may hold the reconnect.
      if (diagnosis.periods().gap_between(device, last.time, logs_end)) continue;
      if (last.reconnected_at) continue;
      // Any later record (telemetry, twin, a failed connect...) means the device is still around.
      if (info.last_seen > last.time) continue;
      FindingItem item;
      item.rank = static_cast<double>(logs_end - last.time);
      add_identity(item, info, diagnosis.store());
      item.evidence.push_back(time_evidence("last_drop", "last drop", last.time));
      item.evidence.push_back(
          seconds_evidence("silent_seconds", "silent for",
                           static_cast<double>(logs_end - last.time) / kMillisPerSecond));
      const DropCause cause = diagnosis.attribution().cause[drops.back()];
      item.evidence.push_back(text_evidence("last_drop_cause", "last drop's cause",
                                            std::string(rule_for_cause(cause).id)));
      // Kept for the JSON and CSV readers that know it; the cause above says more.
      Evidence incident =
          flag_evidence("during_hub_incident", "in incident", cause == DropCause::hub_incident);
      incident.display = EvidenceDisplay::json_only;
      item.evidence.push_back(std::move(incident));
      add_client(item, info);
      silent.items.push_back(std::move(item));
      silent.in_windows +=
          kDropCauses[static_cast<std::size_t>(cause)].scope == CauseScope::window ? 1 : 0;
    }
    std::uint64_t in_windows = 0;
    for (auto [silent, loss] : {std::pair{&snapshots, &diagnosis.snapshot_loss()},
                                std::pair{&logged, &diagnosis.record_loss()}}) {
      if (!silent->more_than(*loss)) continue;
      std::move(silent->items.begin(), silent->items.end(), std::back_inserter(finding.devices));
      in_windows += silent->in_windows;
    }
    if (finding.devices.empty()) return std::nullopt;
    // A device gone since an outage may have stopped retrying, or its reconnect
    // may be missing from the data: only the hub's own state tells.
    if (in_windows > 0) {
      finding.notes.push_back(
          Message{MessageId::last_drop_in_fleet_event, {count_arg(in_windows)}, in_windows});
    }
    return finding;
  }
};

}  // namespace

std::optional<Finding> evaluate_never_reconnected(const Diagnosis& diagnosis,
                                                  const RuleSpec& rule) {
  return NeverReconnectedRule().evaluate(diagnosis, rule);
}

}  // namespace iothub_diag
