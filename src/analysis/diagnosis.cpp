#include <algorithm>
#include <future>

#include <iothub_diag/analysis/diagnosis.hpp>

namespace iothub_diag {

Diagnosis::Diagnosis(const EventStore& store, const Thresholds& thresholds, unsigned threads)
    : store_(store),
      thresholds_(thresholds),
      snapshot_thresholds_(thresholds),
      timelines_(store, thresholds) {
  snapshot_thresholds_.timing_slack_seconds =
      static_cast<double>(kStateSnapshotInterval) / kMillisPerSecond;
  // The connected counts only feed the rules' evidence: with a second thread
  // they are counted while the drops are attributed.
  const auto count_connected = [this] {
    connected_.reserve(store_.hubs().size());
    for (std::size_t hub = 0; hub < store_.hubs().size(); ++hub)
      connected_.emplace_back(timelines_, store_, static_cast<HubIndex>(hub));
  };
  std::future<void> counted;
  if (threads > 1)
    counted = std::async(std::launch::async, count_connected);
  else
    count_connected();
  // Every device's period on all its drops, before the gaps are known.
  const std::vector<bool> none_left_out(timelines_.drops().size(), false);
  std::vector<std::optional<PeriodEstimate>> periods(timelines_.device_count());
  for (DeviceIndex device = 0; device < timelines_.device_count(); ++device)
    periods[device] = drop_period(device, none_left_out);
  const std::vector<HubFacts> facts = hub_facts(store_);
  log_gaps_ = find_log_gaps(timelines_, store_, facts, thresholds_, snapshot_thresholds_);
  // A drop that recurs at its own device's period is a token expiry, even when
  // many devices expire together (a fleet that connected at once): it must not
  // make a burst. Nor must a periodic device's drop whose connection is not
  // known whole (its connect is not in the logs, or a gap hides part of it):
  // the first expiry of every device connected before the logs begin falls
  // within one period of their start.
  std::vector<bool> eligible(timelines_.drops().size(), true);
  for (DeviceIndex device = 0; device < timelines_.device_count(); ++device) {
    if (!periods[device]) continue;
    for (const std::uint32_t index : timelines_.drops_of(device)) {
      const Drop& drop = timelines_.drops()[index];
      if (recurs(drop, *periods[device]) || !connection_known(drop)) eligible[index] = false;
    }
  }
  // Nothing is built on a gap: a burst that meets one may be the edge of the
  // silence, not a fleet event.
  const auto meets_gap = [this](const FleetBurst& burst) {
    return std::any_of(log_gaps_.begin(), log_gaps_.end(), [&](const LogGap& gap) {
      return gap.hub == burst.hub && gap.meets(burst.start, burst.end);
    });
  };
  hub_bursts_ = find_hub_bursts(timelines_, store_, facts, eligible, thresholds_);
  site_bursts_ = find_site_bursts(timelines_, store_, facts, eligible, thresholds_);
  std::erase_if(hub_bursts_, meets_gap);
  std::erase_if(site_bursts_, meets_gap);
  attribution_ = attribute_drops(*this);
  for (DeviceIndex device = 0; device < timelines_.device_count(); ++device) {
    const auto drops = timelines_.drops_of(device);
    if (drops.empty() || store_.devices()[device].judged_on_snapshots()) continue;
    for (std::size_t i = 0; i + 1 < drops.size(); ++i) {
      const Drop& drop = timelines_.drops()[drops[i]];
      // A reconnect inside a gap is the gap's, said on its own, not scattered loss.
      if (gap_between(device, drop.time, timelines_.drops()[drops[i + 1]].time)) continue;
      ++record_loss_.drops_followed;
      if (!drop.reconnected_at) ++record_loss_.reconnects_missing;
    }
  }
}

std::optional<PeriodEstimate> Diagnosis::drop_period(DeviceIndex device,
                                                     const std::vector<bool>& left_out) const {
  std::vector<Timestamp> durations;
  for (const std::uint32_t index : timelines_.drops_of(device)) {
    if (left_out[index]) continue;
    const Drop& drop = timelines_.drops()[index];
    if (connection_known(drop)) durations.push_back(*drop.connected_duration());
  }
  const Thresholds& thresholds = period_thresholds(device);
  auto estimate = estimate_period(durations, thresholds);
  if (!estimate || !is_periodic(*estimate, thresholds)) return std::nullopt;
  return estimate;
}

const Thresholds& Diagnosis::period_thresholds(DeviceIndex device) const noexcept {
  return store_.devices()[device].judged_on_snapshots() ? snapshot_thresholds_ : thresholds_;
}

bool Diagnosis::fits(const Drop& drop, const PeriodEstimate& period) const {
  return connection_known(drop) &&
         period.fits(*drop.connected_duration(), period_thresholds(drop.device));
}

bool Diagnosis::recurs(const Drop& drop, const PeriodEstimate& period) const {
  if (!connection_known(drop)) return false;
  const Timestamp duration = *drop.connected_duration();
  const Thresholds& thresholds = period_thresholds(drop.device);
  return period.fits(duration, thresholds) || period.spans_whole_cycles(duration, thresholds);
}

bool Diagnosis::connection_known(const Drop& drop) const {
  return drop.connected_since && !gap_between(drop.device, *drop.connected_since, drop.time);
}

bool Diagnosis::gap_between(DeviceIndex device, Timestamp from, Timestamp to) const {
  const HubIndex hub = store_.devices()[device].hub;
  // Gaps are in (hub, start) order and do not overlap within a hub: the first
  // of the hub's that ends after `from` is the only one that can begin by `to`.
  const auto it = std::partition_point(log_gaps_.begin(), log_gaps_.end(), [&](const LogGap& gap) {
    return gap.hub < hub || (gap.hub == hub && gap.end <= from);
  });
  return it != log_gaps_.end() && it->hub == hub && it->start <= to;
}

}  // namespace iothub_diag
