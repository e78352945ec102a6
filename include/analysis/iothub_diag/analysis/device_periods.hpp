#pragma once

#include <optional>
#include <span>
#include <vector>

#include <iothub_diag/analysis/device_timeline.hpp>
#include <iothub_diag/analysis/log_gaps.hpp>
#include <iothub_diag/analysis/periodicity.hpp>
#include <iothub_diag/analysis/thresholds.hpp>
#include <iothub_diag/model/event_store.hpp>

namespace iothub_diag {

// A device's periodicity, judged against a set of log gaps: the period its
// connections end at, and whether a drop fits or recurs at one. Built over
// finished timelines and gaps (none, for the first look that finds the gaps).
class DevicePeriods {
 public:
  DevicePeriods(const EventStore& store, const Thresholds& thresholds,
                const DeviceTimelines& timelines, const std::vector<LogGap>& gaps);
  // It keeps references: temporaries would not outlive it.
  DevicePeriods(const EventStore&, Thresholds&&, const DeviceTimelines&,
                const std::vector<LogGap>&) = delete;
  DevicePeriods(const EventStore&, const Thresholds&, const DeviceTimelines&,
                std::vector<LogGap>&&) = delete;

  // The thresholds to judge a device's period with: for a device seen only in
  // Event Grid, the tolerance grows by one snapshot interval (timing_slack_seconds),
  // since both ends of each duration are rounded up to a snapshot.
  const Thresholds& period_thresholds(DeviceIndex device) const noexcept;
  const Thresholds& snapshot_thresholds() const noexcept { return snapshot_thresholds_; }

  // The period at which a device's connect-to-drop durations repeat, if they do,
  // over its drops not marked in `left_out` (indexed like DeviceTimelines::drops(),
  // nonzero for a drop left out); when they show none, the period of its drops
  // with a 401003 beside them alone, unless a connection outlived it.
  std::optional<PeriodEstimate> drop_period(DeviceIndex device,
                                            std::span<const std::uint8_t> left_out) const;
  // The short period at which a device's connections end when no token cycle
  // does: a timer in the network path (same periodicity test, with periods from
  // idle_min_period_seconds up to min_period_minutes). For a device that
  // authenticates with a certificate, which has no token, a period of any length.
  // Never for a device seen only in Event Grid (snapshots make their own rhythm).
  std::optional<PeriodEstimate> idle_period(DeviceIndex device,
                                            std::span<const std::uint8_t> left_out) const;
  // The token period of a device (never for a certificate device), else its idle period.
  std::optional<PeriodEstimate> any_period(DeviceIndex device,
                                           std::span<const std::uint8_t> left_out) const;
  // True when the drop ended a connection that lasted one `period`.
  bool fits(const Drop& drop, const PeriodEstimate& period) const;
  // True when it lasted one or a few whole periods (the drops between were not logged).
  bool recurs(const Drop& drop, const PeriodEstimate& period) const;
  // True when the drop's known connection lasted one token `period` within
  // token_late_tolerance_seconds: a cycle the hub may have closed late.
  bool lasted_late(const Drop& drop, const PeriodEstimate& period) const;
  // True when the drop's connection is known whole: its connect is in the logs
  // and no gap in the logs lies inside it (a gap may hide a drop and a reconnect).
  bool connection_known(const Drop& drop) const;
  // Whether `drop`'s connection lasted a day-long token (Thresholds::day_token_minutes
  // to kLateCloseMinutes more).
  bool lasted_day_token(const Drop& drop) const;
  // Whether a gap of the device's hub lies in [from, to].
  bool gap_between(DeviceIndex device, Timestamp from, Timestamp to) const;

 private:
  // Whether the drop's known connection lasted one `period`: within its
  // tolerance, or within the wide one when a 401003 lies beside the drop.
  static bool lasted_one(const Drop& drop, const PeriodEstimate& period,
                         const Thresholds& thresholds);

  const EventStore& store_;
  const Thresholds& thresholds_;
  Thresholds snapshot_thresholds_;
  Thresholds idle_thresholds_;  // min_period_minutes lowered to idle_min_period_seconds
  const DeviceTimelines& timelines_;
  const std::vector<LogGap>& gaps_;  // in (hub, start) order
};

}  // namespace iothub_diag
