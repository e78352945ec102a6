// never-reconnected: a device whose last drop (404104, or an Event Grid disconnect) is
// followed by no successful connect.
#include <algorithm>
#include <array>
#include <iterator>

#include <iothub_diag/analysis/periodicity.hpp>
#include <iothub_diag/rules/evidence_helpers.hpp>
#include <iothub_diag/rules/rule.hpp>
#include <iothub_diag/rules/rule_catalog.hpp>

namespace iothub_diag {
namespace {

// The median time between the device's successful connects up to its last drop (0
// with fewer than three): a device that usually reconnects every few hours is not
// gone after two quiet ones, since its last reconnect record may simply be missing
// from the logs. Connects after the last drop are left out, so that a device whose
// reconnect was lost and one whose reconnect is there are measured alike (the loss
// is weighed on those). `gaps` is the caller's, kept from one device to the next.
Timestamp usual_gap(std::span<const StoredEvent> events, Timestamp last_drop,
                    std::vector<Timestamp>& gaps) {
  gaps.clear();
  std::optional<Timestamp> previous;
  for (const StoredEvent& event : events) {
    if (event.time > last_drop) break;
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
// takes to tell them: then at least half of those told are, on average, gone.
constexpr double kLossExplainsFactor = 2;
// And how unlikely so many lost reconnects must be: where the loss explains one
// device, two or three come by chance (Poisson) too often to tell them (one
// fleet in four or twelve).
constexpr double kChanceOfSoMany = 0.05;

// Silent devices weighed together against the loss their records show.
struct SilentDevices {
  std::vector<FindingItem> items;
  std::size_t old_enough = 0;    // devices whose last drop is long enough before the end
  std::uint64_t in_windows = 0;  // items whose last drop a fleet event claimed

  // An export that lost connect records loses the reconnect after a last drop
  // as often as any other: of the devices whose last drop is old enough, that
  // share look silent though they came back. Silent devices are told only when
  // there are clearly more of them than the loss explains.
  bool more_than(const RecordLoss& loss) const noexcept {
    if (loss.reconnects_missing == 0) return true;
    const double explained = loss.share() * static_cast<double>(old_enough);
    return static_cast<double>(items.size()) > kLossExplainsFactor * explained &&
           poisson_tail(explained, items.size()) < kChanceOfSoMany;
  }
};

// The cycles a device with a cycle of its own must miss, after the minimum
// silence, to be told gone whatever the loss. One is not enough: a device may
// take longer than the minimum silence to come back (a retry policy's back-off),
// and a drop's reconnect lost with the next cycle's records is a chance of the
// loss's share to the fourth (1 in 160,000 at 5 %), not nothing.
constexpr Timestamp kCyclesMissed = 2;

// How the silent devices are weighed. One with a cycle of its own is told
// whatever the loss. The others are weighed by the source they were judged on
// (resource logs or Event Grid snapshots, each with the loss its own records
// show) and by whether a fleet event took their last drop: an incident or an
// outage drops hundreds of devices at once, and the reconnects lost among theirs
// make a few of them look gone, while a device that dies mostly does so on its
// own time, where the loss hides fewer.
struct SilentGroups {
  SilentDevices by_cycle;
  // [judged on snapshots][last drop in a fleet event]
  std::array<std::array<SilentDevices, 2>, 2> by_loss;

  SilentDevices& of(bool has_cycle, bool snapshots, bool in_window) {
    return has_cycle ? by_cycle : by_loss[snapshots ? 1 : 0][in_window ? 1 : 0];
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
    const auto unauthorized_window = static_cast<Timestamp>(
        diagnosis.thresholds().unauthorized_window_seconds * kMillisPerSecond);
    SilentGroups silent;
    std::vector<Timestamp> connect_gaps;  // a device's, its memory kept for the next
    for (DeviceIndex device = 0; device < timelines.device_count(); ++device) {
      const auto drops = timelines.drops_of(device);
      if (drops.empty()) continue;
      const Drop& last = timelines.drops()[drops.back()];
      const DeviceInfo& info = store.devices()[device];
      // Where its hub's logs end (any record, not only connection events): hubs
      // read together need not end together.
      const Timestamp logs_end = store.hubs()[info.hub].last_record;
      const Timestamp silence = logs_end - last.time;
      // Never long enough, whatever the device's usual gap: no need to measure it.
      if (silence < minimum_silence) continue;
      // A device with a cycle of its own (a token expiry, a network idle timer)
      // back within the minimum silence would have dropped again a cycle later,
      // and again the cycle after: until then, a lost connect record, or a slow
      // return, cannot be told from a device that is gone. Past it, the loss would
      // have had to take both cycles' 404104, 401003 and reconnect besides, so
      // such a device is told whatever the loss. One without a cycle must be
      // silent for a few of its usual gaps.
      const Attribution& attribution = diagnosis.attribution();
      const std::optional<PeriodEstimate>& cycle = attribution.token_period[device]
                                                       ? attribution.token_period[device]
                                                       : attribution.idle_period[device];
      const Timestamp silence_needed =
          cycle ? minimum_silence + kCyclesMissed * cycle->period
                : std::max(minimum_silence,
                           usual_gap(timelines.events_of(device), last.time, connect_gaps) * 4);
      if (silence < silence_needed) continue;
      // Nor is a device silent for no longer than it has been away before.
      if (silence <= longest_return(diagnosis, drops.first(drops.size() - 1))) continue;
      // The loss can only hide the reconnect after a disconnect that was seen.
      if (!last.disconnect_seen()) continue;
      const DropCause cause = attribution.cause[drops.back()];
      const bool in_window =
          kDropCauses[static_cast<std::size_t>(cause)].scope == CauseScope::window;
      SilentDevices& group = silent.of(cycle.has_value(), info.judged_on_snapshots(), in_window);
      ++group.old_enough;
      // A gap in the logs after the drop may hold the reconnect.
      if (diagnosis.periods().gap_between(device, last.time, logs_end)) continue;
      if (last.reconnected_at) continue;
      // Any later record (telemetry, twin, a failed connect...) means the device is still
      // around, but for the drop's own: an expired token's 401003 is logged up to
      // unauthorized_window_seconds either side of the 404104 it closed.
      if (info.last_seen > last.time + unauthorized_window) continue;
      group.items.push_back(silent_item(diagnosis, device, last, cause, silence));
      group.in_windows += in_window ? 1 : 0;
    }
    return finding_of(rule, silent, diagnosis);
  }

 private:
  static FindingItem silent_item(const Diagnosis& diagnosis, DeviceIndex device, const Drop& last,
                                 DropCause cause, Timestamp silence) {
    const DeviceInfo& info = diagnosis.store().devices()[device];
    FindingItem item;
    item.rank = static_cast<double>(silence);
    add_identity(item, info, diagnosis.store());
    item.evidence.push_back(time_evidence("last_drop", "last drop", last.time));
    item.evidence.push_back(seconds_evidence("silent_seconds", "silent for",
                                             static_cast<double>(silence) / kMillisPerSecond));
    item.evidence.push_back(text_evidence("last_drop_cause", "last drop's cause",
                                          std::string(rule_for_cause(cause).id)));
    // Kept for the JSON and CSV readers that know it; the cause above says more.
    Evidence incident =
        flag_evidence("during_hub_incident", "in incident", cause == DropCause::hub_incident);
    incident.display = EvidenceDisplay::json_only;
    item.evidence.push_back(std::move(incident));
    add_client(item, info);
    return item;
  }

  // The groups the loss does not explain, told in one finding.
  static std::optional<Finding> finding_of(const RuleSpec& rule, SilentGroups& silent,
                                           const Diagnosis& diagnosis) {
    Finding finding{&rule, {}, {}, {}};
    std::uint64_t in_windows = 0;
    const auto tell = [&](SilentDevices& group, const RecordLoss& loss) {
      if (group.items.empty() || !group.more_than(loss)) return;
      in_windows += group.in_windows;
      std::move(group.items.begin(), group.items.end(), std::back_inserter(finding.devices));
    };
    tell(silent.by_cycle, RecordLoss{});
    for (const bool snapshots : {false, true}) {
      const RecordLoss& loss = snapshots ? diagnosis.snapshot_loss() : diagnosis.record_loss();
      for (const bool in_window : {false, true})
        tell(silent.of(false, snapshots, in_window), loss);
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
