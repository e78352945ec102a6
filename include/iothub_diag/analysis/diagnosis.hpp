#pragma once

#include <optional>
#include <vector>

#include <iothub_diag/analysis/connected_count.hpp>
#include <iothub_diag/analysis/device_timeline.hpp>
#include <iothub_diag/analysis/fleet_bursts.hpp>
#include <iothub_diag/analysis/periodicity.hpp>
#include <iothub_diag/analysis/thresholds.hpp>
#include <iothub_diag/model/event_store.hpp>

namespace iothub_diag {

// The shared facts every rule reads, and the attributions rules make as they
// run in registry order: fleet rules mark the drops they explain (Drop::cause)
// before device rules look at what is left.
class Diagnosis {
 public:
  Diagnosis(const EventStore& store, const Thresholds& thresholds);

  const EventStore& store() const noexcept { return store_; }
  const Thresholds& thresholds() const noexcept { return thresholds_; }
  // The thresholds to judge a device's period with: for a device seen only in
  // Event Grid, the tolerance grows by one snapshot interval (timing_slack_seconds),
  // since both ends of each duration are rounded up to a snapshot.
  const Thresholds& period_thresholds(DeviceIndex device) const noexcept;
  DeviceTimelines& timelines() noexcept { return timelines_; }
  const DeviceTimelines& timelines() const noexcept { return timelines_; }
  const ConnectedCount& connected() const noexcept { return connected_; }
  // Bursts of simultaneous drops, found once; fleet rules decide what each one is.
  const std::vector<FleetBurst>& bursts() const noexcept { return bursts_; }
  // True when a fleet rule that ran earlier already attributed the burst's drops.
  bool claimed(const FleetBurst& burst) const;

  // The period at which a device's connect-to-drop durations repeat, if they do:
  // over all its drops, or only those no fleet event explains.
  enum class DropSet : std::uint8_t { all, unexplained };
  std::optional<PeriodEstimate> drop_period(DeviceIndex device, DropSet drops) const;
  // True when the drop ended a connection that lasted one `period`.
  bool fits(const Drop& drop, const PeriodEstimate& period) const;
  // True when it lasted one or a few whole periods (the drops between were not logged).
  bool recurs(const Drop& drop, const PeriodEstimate& period) const;

  // Token periods decided by the sas-token-expiry rule, per device.
  std::vector<std::optional<PeriodEstimate>>& token_periods() noexcept { return token_periods_; }
  const std::vector<std::optional<PeriodEstimate>>& token_periods() const noexcept {
    return token_periods_;
  }

 private:
  const EventStore& store_;
  const Thresholds& thresholds_;
  Thresholds snapshot_thresholds_;
  DeviceTimelines timelines_;
  ConnectedCount connected_;
  std::vector<FleetBurst> bursts_;
  std::vector<std::optional<PeriodEstimate>> token_periods_;
};

}  // namespace iothub_diag
