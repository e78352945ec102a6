#include <algorithm>

#include <iothub_diag/analysis/device_periods.hpp>
#include <iothub_diag/model/auth_type.hpp>

namespace iothub_diag {

DevicePeriods::DevicePeriods(const EventStore& store, const Thresholds& thresholds,
                             const DeviceTimelines& timelines, const std::vector<LogGap>& gaps)
    : store_(store),
      thresholds_(thresholds),
      snapshot_thresholds_(thresholds),
      idle_thresholds_(thresholds),
      timelines_(timelines),
      gaps_(gaps) {
  snapshot_thresholds_.timing_slack_seconds =
      static_cast<double>(kStateSnapshotInterval) / kMillisPerSecond;
  // Times rounded to a snapshot's minute already widen the window by one: a
  // second look wider still finds chance periods among a random device's lengths.
  snapshot_thresholds_.token_late_tolerance_seconds = 0;
  idle_thresholds_.min_period_minutes = thresholds_.idle_min_period_seconds / 60;
  // A NAT's idle timer is exact to a keep-alive: only token checks run late.
  idle_thresholds_.token_late_tolerance_seconds = 0;
}

std::optional<PeriodEstimate> DevicePeriods::drop_period(
    DeviceIndex device, std::span<const std::uint8_t> left_out) const {
  // The lengths of the device's known connections that ended in a drop: of
  // all of them, or of those with a 401003 beside them only.
  const auto lengths = [&](bool refused_only) {
    std::vector<Timestamp> durations;
    durations.reserve(timelines_.drops_of(device).size());
    for (const std::uint32_t index : timelines_.drops_of(device)) {
      if (left_out[index]) continue;
      const Drop& drop = timelines_.drops()[index];
      if (connection_known(drop) && (!refused_only || drop.unauthorized_nearby))
        durations.push_back(*drop.connected_duration());
    }
    return durations;
  };
  std::vector<Timestamp> durations = lengths(false);
  const Thresholds& thresholds = period_thresholds(device);
  auto estimate = estimate_period_in_place(durations, thresholds);
  if (estimate && is_periodic(*estimate, thresholds)) return estimate;
  // The hub's own word: a 401003 beside a drop says it refused the token, which
  // a random drop's seldom has. Among many random drops a token's few cycles
  // pass for chance (a mixed device dropping 40 times a day shows four); among
  // the refused drops alone they do not. Any of the device's connections that
  // outlived that period, not by whole cycles, still refutes it.
  std::vector<Timestamp> refused = lengths(true);
  if (refused.size() < 2 || refused.size() == durations.size()) return std::nullopt;
  estimate = estimate_period_in_place(refused, thresholds);
  if (!estimate || !is_periodic(*estimate, thresholds)) return std::nullopt;
  const Timestamp tolerance = estimate->tolerance(thresholds);
  estimate->overlong =
      static_cast<std::size_t>(std::count_if(durations.begin(), durations.end(), [&](Timestamp d) {
        return d > estimate->period + tolerance && !estimate->spans_whole_cycles(d, thresholds);
      }));
  if (!is_periodic(*estimate, thresholds)) return std::nullopt;
  return estimate;
}

std::optional<PeriodEstimate> DevicePeriods::idle_period(
    DeviceIndex device, std::span<const std::uint8_t> left_out) const {
  // Event Grid snapshots round both ends of a connection to their minute and
  // fold a drop and its reconnect into one: short lengths that repeat there are
  // as likely the snapshots' own rhythm as a timer in the path.
  if (store_.devices()[device].judged_on_snapshots()) return std::nullopt;
  std::vector<Timestamp> durations;
  durations.reserve(timelines_.drops_of(device).size());
  for (const std::uint32_t index : timelines_.drops_of(device)) {
    if (left_out[index]) continue;
    if (const auto duration = timelines_.drops()[index].connected_duration())
      durations.push_back(*duration);
  }
  const Thresholds& thresholds = idle_thresholds_;
  auto estimate = estimate_period_in_place(durations, thresholds);
  if (!estimate || !is_periodic(*estimate, thresholds)) return std::nullopt;
  // Without a certificate, a period long enough for a token is the token's.
  const bool certificate = uses_certificate(store_.devices()[device].auth_type);
  if (!certificate &&
      static_cast<double>(estimate->period) >= thresholds_.min_period_minutes * kMillisPerMinute)
    return std::nullopt;
  return estimate;
}

std::optional<PeriodEstimate> DevicePeriods::any_period(
    DeviceIndex device, std::span<const std::uint8_t> left_out) const {
  if (!uses_certificate(store_.devices()[device].auth_type)) {
    if (auto token = drop_period(device, left_out)) return token;
  }
  return idle_period(device, left_out);
}

const Thresholds& DevicePeriods::period_thresholds(DeviceIndex device) const noexcept {
  return store_.devices()[device].judged_on_snapshots() ? snapshot_thresholds_ : thresholds_;
}

bool DevicePeriods::fits(const Drop& drop, const PeriodEstimate& period) const {
  return connection_known(drop) && lasted_one(drop, period, period_thresholds(drop.device));
}

bool DevicePeriods::recurs(const Drop& drop, const PeriodEstimate& period) const {
  if (!connection_known(drop)) return false;
  const Thresholds& thresholds = period_thresholds(drop.device);
  return lasted_one(drop, period, thresholds) ||
         period.spans_whole_cycles(*drop.connected_duration(), thresholds);
}

bool DevicePeriods::lasted_late(const Drop& drop, const PeriodEstimate& period) const {
  const Thresholds& thresholds = period_thresholds(drop.device);
  return connection_known(drop) &&
         static_cast<double>(period.period) >= thresholds.min_period_minutes * kMillisPerMinute &&
         period.fits_widely(*drop.connected_duration(), thresholds);
}

bool DevicePeriods::lasted_one(const Drop& drop, const PeriodEstimate& period,
                               const Thresholds& thresholds) {
  const Timestamp duration = *drop.connected_duration();
  // A 401003 beside the drop says the hub refused the token: a cycle of a
  // token period that the hub ended late (minutes past the grace) is still one.
  const bool token_period =
      static_cast<double>(period.period) >= thresholds.min_period_minutes * kMillisPerMinute;
  return period.fits(duration, thresholds) ||
         (drop.unauthorized_nearby && token_period && period.fits_widely(duration, thresholds));
}

bool DevicePeriods::lasted_day_token(const Drop& drop) const {
  if (thresholds_.day_token_minutes <= 0 || !connection_known(drop)) return false;
  const double minutes = static_cast<double>(*drop.connected_duration()) / kMillisPerMinute;
  return minutes >= thresholds_.day_token_minutes &&
         minutes <= thresholds_.day_token_minutes + kLateCloseMinutes;
}

bool DevicePeriods::connection_known(const Drop& drop) const {
  return drop.connected_since && !gap_between(drop.device, *drop.connected_since, drop.time);
}

bool DevicePeriods::gap_between(DeviceIndex device, Timestamp from, Timestamp to) const {
  const HubIndex hub = store_.devices()[device].hub;
  // Gaps are in (hub, start) order and do not overlap within a hub: the first
  // of the hub's that ends after `from` is the only one that can begin by `to`.
  const auto it = std::partition_point(gaps_.begin(), gaps_.end(), [&](const LogGap& gap) {
    return gap.hub < hub || (gap.hub == hub && gap.end <= from);
  });
  return it != gaps_.end() && it->hub == hub && it->start <= to;
}

}  // namespace iothub_diag
