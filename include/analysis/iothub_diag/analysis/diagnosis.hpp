#pragma once

#include <optional>
#include <vector>

#include <iothub_diag/analysis/attribution.hpp>
#include <iothub_diag/analysis/connected_count.hpp>
#include <iothub_diag/analysis/device_timeline.hpp>
#include <iothub_diag/analysis/fleet_bursts.hpp>
#include <iothub_diag/analysis/log_gaps.hpp>
#include <iothub_diag/analysis/periodicity.hpp>
#include <iothub_diag/analysis/thresholds.hpp>
#include <iothub_diag/model/event_store.hpp>

namespace iothub_diag {

// Connect records an export lost, as its drops show them: a device cannot drop
// twice without connecting between, so a drop followed by another drop of the
// same device with no successful connect lost that connect. Resource-log
// devices only (Event Grid snapshots hide quick reconnects by design).
struct RecordLoss {
  std::size_t drops_followed = 0;      // drops after which the device dropped again
  std::size_t reconnects_missing = 0;  // of those, with no logged reconnect between
  // The share of reconnects missing from the logs: the chance that a device's
  // last drop shows no reconnect though the device did reconnect.
  double share() const noexcept {
    return drops_followed == 0
               ? 0
               : static_cast<double>(reconnects_missing) / static_cast<double>(drops_followed);
  }
};

// The shared facts every rule reads: per-device histories and drops, each
// hub's connected count, the bursts of each hub and site, and the attribution
// of every drop (decided once, in attribution.cpp). Rules only read it.
class Diagnosis {
 public:
  // `threads` above 1 lets independent parts be computed side by side; the
  // diagnosis is the same for any count.
  Diagnosis(const EventStore& store, const Thresholds& thresholds, unsigned threads = 1);
  // It keeps a reference to the thresholds: a temporary would not outlive it.
  Diagnosis(const EventStore& store, Thresholds&& thresholds, unsigned threads = 1) = delete;
  Diagnosis(const Diagnosis&) = delete;
  Diagnosis& operator=(const Diagnosis&) = delete;

  const EventStore& store() const noexcept { return store_; }
  const Thresholds& thresholds() const noexcept { return thresholds_; }
  // The thresholds to judge a device's period with: for a device seen only in
  // Event Grid, the tolerance grows by one snapshot interval (timing_slack_seconds),
  // since both ends of each duration are rounded up to a snapshot.
  const Thresholds& period_thresholds(DeviceIndex device) const noexcept;
  const DeviceTimelines& timelines() const noexcept { return timelines_; }
  // The connected-device count of one hub over time.
  const ConnectedCount& connected(HubIndex hub) const noexcept { return connected_[hub]; }
  // Bursts of simultaneous drops in each hub, and within each site of a hub.
  const std::vector<FleetBurst>& hub_bursts() const noexcept { return hub_bursts_; }
  const std::vector<FleetBurst>& site_bursts() const noexcept { return site_bursts_; }
  // The cause of every drop.
  const Attribution& attribution() const noexcept { return attribution_; }
  // Spans in which a hub's logs fall silent though it logs steadily otherwise,
  // in (hub, start) order.
  const std::vector<LogGap>& log_gaps() const noexcept { return log_gaps_; }
  // Whether a gap of the device's hub lies in [from, to].
  bool gap_between(DeviceIndex device, Timestamp from, Timestamp to) const;
  // Connect records the export lost, as far as the drops show.
  const RecordLoss& record_loss() const noexcept { return record_loss_; }

  // The period at which a device's connect-to-drop durations repeat, if they do,
  // over its drops not marked in `left_out` (indexed like DeviceTimelines::drops()).
  std::optional<PeriodEstimate> drop_period(DeviceIndex device,
                                            const std::vector<bool>& left_out) const;
  // True when the drop ended a connection that lasted one `period`.
  bool fits(const Drop& drop, const PeriodEstimate& period) const;
  // True when it lasted one or a few whole periods (the drops between were not logged).
  bool recurs(const Drop& drop, const PeriodEstimate& period) const;
  // True when the drop's connection is known whole: its connect is in the logs
  // and no gap in the logs lies inside it (a gap may hide a drop and a reconnect).
  bool connection_known(const Drop& drop) const;

 private:
  const EventStore& store_;
  const Thresholds& thresholds_;
  Thresholds snapshot_thresholds_;
  DeviceTimelines timelines_;
  std::vector<ConnectedCount> connected_;
  std::vector<FleetBurst> hub_bursts_;
  std::vector<FleetBurst> site_bursts_;
  std::vector<LogGap> log_gaps_;
  Attribution attribution_;
  RecordLoss record_loss_;
};

}  // namespace iothub_diag
