#include <algorithm>
#include <future>

#include <iothub_diag/analysis/diagnosis.hpp>
#include <iothub_diag/model/auth_type.hpp>

namespace iothub_diag {

Diagnosis::Diagnosis(const EventStore& store, const Thresholds& thresholds, unsigned threads)
    : store_(store),
      thresholds_(thresholds),
      snapshot_thresholds_(thresholds),
      timelines_(store, thresholds) {
  snapshot_thresholds_.timing_slack_seconds =
      static_cast<double>(kStateSnapshotInterval) / kMillisPerSecond;
  idle_thresholds_ = thresholds_;
  idle_thresholds_.min_period_minutes = thresholds_.idle_min_period_seconds / 60;
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
  // A drop that recurs at its own device's period is a token expiry, even when
  // many devices expire together (a fleet that connected at once): it must not
  // make a burst. Nor must a periodic device's drop whose connect is not in the
  // logs: the first expiry of every device connected before the logs begin
  // falls within one period of their start. Periods are estimated here on all
  // drops, before attribution. So are drops that recur at a short idle period.
  std::vector<bool> eligible(timelines_.drops().size(), true);
  const std::vector<bool> none_left_out(timelines_.drops().size(), false);
  for (DeviceIndex device = 0; device < timelines_.device_count(); ++device) {
    const auto period = any_period(device, none_left_out);
    if (!period) continue;
    for (const std::uint32_t index : timelines_.drops_of(device)) {
      const Drop& drop = timelines_.drops()[index];
      if (recurs(drop, *period) || !drop.connected_duration()) eligible[index] = false;
    }
  }
  const std::vector<HubFacts> facts = hub_facts(store_);
  hub_bursts_ = find_hub_bursts(timelines_, store_, facts, eligible, thresholds_);
  site_bursts_ = find_site_bursts(timelines_, store_, facts, eligible, thresholds_);
  edge_restarts_ = find_edge_restarts(timelines_, store_, eligible, thresholds_);
  attribution_ = attribute_drops(*this);
  for (DeviceIndex device = 0; device < timelines_.device_count(); ++device) {
    const auto drops = timelines_.drops_of(device);
    if (drops.empty() || store_.devices()[device].judged_on_snapshots()) continue;
    for (std::size_t i = 0; i + 1 < drops.size(); ++i) {
      ++record_loss_.drops_followed;
      if (!timelines_.drops()[drops[i]].reconnected_at) ++record_loss_.reconnects_missing;
    }
  }
  if (counted.valid()) counted.get();
}

std::optional<PeriodEstimate> Diagnosis::drop_period(DeviceIndex device,
                                                     const std::vector<bool>& left_out) const {
  std::vector<Timestamp> durations;
  for (const std::uint32_t index : timelines_.drops_of(device)) {
    if (left_out[index]) continue;
    if (const auto duration = timelines_.drops()[index].connected_duration())
      durations.push_back(*duration);
  }
  const Thresholds& thresholds = period_thresholds(device);
  auto estimate = estimate_period(durations, thresholds);
  if (!estimate || !is_periodic(*estimate, thresholds)) return std::nullopt;
  return estimate;
}

std::optional<PeriodEstimate> Diagnosis::idle_period(DeviceIndex device,
                                                     const std::vector<bool>& left_out) const {
  std::vector<Timestamp> durations;
  for (const std::uint32_t index : timelines_.drops_of(device)) {
    if (left_out[index]) continue;
    if (const auto duration = timelines_.drops()[index].connected_duration())
      durations.push_back(*duration);
  }
  // Event Grid snapshots round both ends of a connection to their minute and
  // fold a drop and its reconnect into one: short lengths that repeat there are
  // as likely the snapshots' own rhythm as a timer in the path.
  if (store_.devices()[device].judged_on_snapshots()) return std::nullopt;
  const Thresholds& thresholds = idle_thresholds_;
  auto estimate = estimate_period(durations, thresholds);
  if (!estimate || !is_periodic(*estimate, thresholds)) return std::nullopt;
  // Without a certificate, a period long enough for a token is the token's.
  const bool certificate = uses_certificate(store_.devices()[device].auth_type);
  if (!certificate &&
      static_cast<double>(estimate->period) >= thresholds_.min_period_minutes * kMillisPerMinute)
    return std::nullopt;
  return estimate;
}

std::optional<PeriodEstimate> Diagnosis::any_period(DeviceIndex device,
                                                    const std::vector<bool>& left_out) const {
  if (!uses_certificate(store_.devices()[device].auth_type)) {
    if (auto token = drop_period(device, left_out)) return token;
  }
  return idle_period(device, left_out);
}

const Thresholds& Diagnosis::period_thresholds(DeviceIndex device) const noexcept {
  return store_.devices()[device].judged_on_snapshots() ? snapshot_thresholds_ : thresholds_;
}

bool Diagnosis::fits(const Drop& drop, const PeriodEstimate& period) const {
  const auto duration = drop.connected_duration();
  return duration && period.fits(*duration, period_thresholds(drop.device));
}

bool Diagnosis::recurs(const Drop& drop, const PeriodEstimate& period) const {
  const auto duration = drop.connected_duration();
  const Thresholds& thresholds = period_thresholds(drop.device);
  return duration &&
         (period.fits(*duration, thresholds) || period.spans_whole_cycles(*duration, thresholds));
}

}  // namespace iothub_diag
