#pragma once

#include <algorithm>
#include <future>
#include <optional>
#include <vector>

#include <iothub_diag/analysis/attribution.hpp>
#include <iothub_diag/analysis/connected_count.hpp>
#include <iothub_diag/analysis/device_periods.hpp>
#include <iothub_diag/analysis/device_timeline.hpp>
#include <iothub_diag/analysis/edge_restarts.hpp>
#include <iothub_diag/analysis/fleet_bursts.hpp>
#include <iothub_diag/analysis/log_gaps.hpp>
#include <iothub_diag/analysis/periodicity.hpp>
#include <iothub_diag/analysis/thresholds.hpp>
#include <iothub_diag/core/side_by_side.hpp>
#include <iothub_diag/core/step_clock.hpp>
#include <iothub_diag/model/event_store.hpp>

namespace iothub_diag {

// Connect records an export lost, as its drops show them: a device cannot drop
// twice without connecting between, so a drop followed by another drop of the
// same device with no successful connect lost that connect. Resource-log
// devices only (Event Grid snapshots hide quick reconnects by design).
struct RecordLoss {
  std::size_t drops_followed = 0;      // drops after which the device dropped again
  std::size_t reconnects_missing = 0;  // of those, with no logged reconnect between
  // The chance that a lost reconnect shows as one missing before the next drop:
  // 1 in resource logs; for Event Grid snapshots, the chance that the snapshot
  // after a reconnect is a disconnect (else the next one is a connect).
  double shown_share = 1;
  // The share of reconnects missing from the logs: the chance that a device's
  // last drop shows no reconnect though the device did reconnect.
  double share() const noexcept {
    if (drops_followed == 0) return 0;
    const double missing =
        static_cast<double>(reconnects_missing) / static_cast<double>(drops_followed);
    return std::min(1.0, missing / shown_share);
  }
};

// The snapshots that followed others of a device judged on Event Grid
// snapshots, as Diagnosis counts them for its loss.
struct SnapshotTransitions {
  std::size_t after_reconnects = 0;  // snapshots after a connect that followed a disconnect
  std::size_t disconnects_after_reconnects = 0;  // of those, disconnects
  std::size_t after_disconnects = 0;             // snapshots after a disconnect
  std::size_t connects_lost = 0;                 // of those, disconnects over two snapshots later
};

// The shared facts every rule reads: per-device histories and drops, each
// hub's connected count, the gaps in the logs, the bursts of each hub and site,
// and the attribution of every drop. Each is computed once, in order, from the
// finished ones before it (timelines, gaps, periods, bursts, then the
// attribution, which reads them as values); rules only read the result.
class Diagnosis {
 public:
  // `threads` above 1 lets independent parts be computed side by side; the
  // diagnosis is the same for any count.
  Diagnosis(const EventStore& store, const Thresholds& thresholds, unsigned threads = 1)
      : Diagnosis(store, thresholds, Sharing{threads, std::nullopt}) {}
  // The same, the devices' shares of the gap search and of the attribution
  // split where `sharing` says (tests check that any split gives one result).
  Diagnosis(const EventStore& store, const Thresholds& thresholds, Sharing sharing);
  // It keeps a reference to the thresholds: a temporary would not outlive it.
  Diagnosis(const EventStore& store, Thresholds&& thresholds, unsigned threads = 1) = delete;
  Diagnosis(const EventStore& store, Thresholds&& thresholds, Sharing sharing) = delete;
  Diagnosis(const Diagnosis&) = delete;
  Diagnosis& operator=(const Diagnosis&) = delete;

  const EventStore& store() const noexcept { return store_; }
  const Thresholds& thresholds() const noexcept { return thresholds_; }
  const DeviceTimelines& timelines() const noexcept { return timelines_; }
  // Each device's periodicity, judged against the gaps in the logs.
  const DevicePeriods& periods() const noexcept { return periods_; }
  // The connected-device count of one hub over time.
  const ConnectedCount& connected(HubIndex hub) const noexcept { return connected_[hub]; }
  // Bursts of simultaneous drops in each hub, and within each site of a hub.
  const std::vector<FleetBurst>& hub_bursts() const noexcept { return fleet_.hub_bursts; }
  const std::vector<FleetBurst>& site_bursts() const noexcept { return fleet_.site_bursts; }
  // Bursts among the identities of one IoT Edge gateway and the leaves behind it.
  const std::vector<EdgeRestart>& edge_restarts() const noexcept { return fleet_.edge_restarts; }
  // The cause of every drop.
  const Attribution& attribution() const noexcept { return attribution_; }
  // Spans in which a hub's logs fall silent though it logs steadily otherwise,
  // in (hub, start) order.
  const std::vector<LogGap>& log_gaps() const noexcept { return gaps_.gaps; }
  // Connect records the export lost, as far as the drops show: of the devices
  // judged on resource logs, and of those judged on Event Grid snapshots.
  const RecordLoss& record_loss() const noexcept { return losses_.logged; }
  const RecordLoss& snapshot_loss() const noexcept { return losses_.snapshots; }
  // How long the main steps took (timelines, gaps, bursts, attribution), for --timings.
  const std::vector<std::pair<MessageId, double>>& step_seconds() const noexcept {
    return clock_.steps();
  }

  // The gaps, with what was found before them and the bursts read too: each
  // hub's span and errors, and every device's period on all its drops (the gaps
  // are found against these patterns; the bursts leave out the drops that
  // recur at them).
  struct GapSearch {
    std::vector<HubFacts> hubs;                          // per hub
    std::vector<std::optional<PeriodEstimate>> periods;  // per device
    std::vector<LogGap> gaps;
  };
  // The bursts of every hub, site and IoT Edge gateway, none meeting a gap.
  struct FleetEvents {
    std::vector<FleetBurst> hub_bursts;
    std::vector<FleetBurst> site_bursts;
    std::vector<EdgeRestart> edge_restarts;
  };
  // The reconnects missing after drops, counted apart for the two kinds of device.
  struct Losses {
    RecordLoss logged;
    RecordLoss snapshots;
  };

 private:
  // In the order they are computed: each is built from those above it.
  const EventStore& store_;
  const Thresholds& thresholds_;
  StepClock clock_;                           // times the steps below
  std::future<std::vector<HubFacts>> facts_;  // begun first, taken by the gap search
  DeviceTimelines timelines_;
  std::future<std::vector<ConnectedCount>> counting_;  // waited for last
  GapSearch gaps_;
  DevicePeriods periods_;
  FleetEvents fleet_;
  Attribution attribution_;
  Losses losses_;
  std::vector<ConnectedCount> connected_;
};

}  // namespace iothub_diag
